"""Who may do what in the fake Swift: keystoneauth's rules, container ACLs and temp URLs.

`authorize` follows `swift/common/middleware/keystoneauth.py` (`authorize`,
`authorize_anonymous`, `_authorize_cross_tenant`, `_authorize_unconfirmed_identity`) with
the settings of the real setup this fake copies: `reseller_prefix = AUTH_, SERVICE_`,
`operator_roles = admin, member`, `SERVICE_service_roles = service` (a `SERVICE_<project>`
account also needs an `X-Service-Token` with the `service` role), `reseller_admin_role =
ResellerAdmin`. A missing or invalid token (or service token) is anonymous
(keystonemiddleware with `delay_auth_decision`), which a public container (`.r:*`) lets
read. A tempauth token's groups (`models/swauth.py`) are checked by
`swift/common/middleware/tempauth.py`'s `authorize` instead.

`clean_acl`, `parse_acl` and `referrer_allowed` are `swift/common/middleware/acl.py`. A
temp URL's grant (`middleware.tempurl`) stands in for a token: the account (and container)
it was signed for.

Account ACLs (`X-Account-Access-Control`, version-2 JSON: `{"admin": [...], "read-write":
[...], "read-only": [...]}`) are tempauth's alone, as in Swift 2.38: tempauth checks the
header of every request it authorizes (`extract_acl_and_report_errors`: 400 for JSON that is
not an object, an unknown key, a value that is not a list of strings), stores it as the
account's `core-access-control` sysmeta, and grants its groups through it
(`tempauth.authorize`, `account_acls`). keystoneauth has no account ACLs: it neither
validates nor stores the header nor grants anyone through a stored one (Swift's
`keystoneauth.py` never reads it); a keystoneauth owner still sees a stored one, as the
proxy shows it to every `swift_owner` (`add_acls_from_sys_metadata`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

from stackdouble.fakes.objectstorage.errors import SwiftError
from stackdouble.fakes.objectstorage.models import RESELLER_PREFIX
from stackdouble.fakes.objectstorage.models.accounts import reseller_prefix_of

if TYPE_CHECKING:
    from stackdouble.fakes.identity.models import TokenContext
    from stackdouble.fakes.objectstorage.middleware.tempurl import TempURL
    from stackdouble.fakes.objectstorage.models import ObjectStorageModel

__all__ = [
    "ACCOUNT_ACL_KEYS",
    "OPERATOR_ROLES",
    "RESELLER_ADMIN_ROLE",
    "SERVICE_ROLES",
    "SERVICE_TOKEN_ROLES",
    "Access",
    "account_acl_error",
    "account_acls",
    "authorize",
    "clean_acl",
    "format_acl_v2",
    "parse_acl",
    "parse_acl_v2",
    "referrer_allowed",
]

#: keystoneauth's `operator_roles` in the real setup: these roles own their account.
OPERATOR_ROLES = frozenset({"admin", "member"})
#: keystoneauth's `reseller_admin_role`: every account, as owner.
RESELLER_ADMIN_ROLE = "reselleradmin"
_DEFAULT_DOMAIN = "default"


@dataclass(slots=True)
class Access:
    """Who is asking: a token's identity, a temp URL, or nobody.

    Attributes:
        identity: The token's context (None: anonymous or a temp URL).
        temp_url: The temp URL in effect, if any.
        referer: The `Referer` header, for `.r:` ACLs.
        owner: Set by `authorize` when the caller owns the account (keystoneauth's
            `swift_owner`): only owners see ACLs and temp-URL keys.
        reseller: Whether the token carries the reseller admin role (tempauth:
            `.reseller_admin`).
        groups: A tempauth token's groups (`test,test:tester,AUTH_test`), or None for
            anyone else.
        service_roles: The roles of a valid `X-Service-Token` (keystonemiddleware's
            `X-Service-Roles`), lower-case; empty without one.
        account_acl: The request's `X-Account-Access-Control`, as sent (None: not sent).
        account_acl_valid: Set by tempauth's `authorize` once it has checked
            `account_acl`: the account's sysmeta to store on an account PUT or POST
            (keystoneauth leaves it False, and the header is dropped).
    """

    identity: TokenContext | None
    temp_url: TempURL | None = None
    referer: str | None = None
    owner: bool = field(default=False)
    reseller: bool = field(default=False)
    groups: tuple[str, ...] | None = None
    service_roles: frozenset[str] = frozenset()
    account_acl: str | None = None
    account_acl_valid: bool = False


#: keystoneauth's `service_roles` per reseller prefix (`SERVICE_service_roles = service`):
#: a request to such an account needs, besides an operator role, a service token with one.
SERVICE_ROLES = {RESELLER_PREFIX: frozenset[str](), "SERVICE_": frozenset({"service"})}
#: keystonemiddleware's `service_token_roles` (required in the real setup:
#: `service_token_roles_required = true`): an `X-Service-Token` whose user holds none of
#: them is invalid, and leaves the caller anonymous whatever the account.
SERVICE_TOKEN_ROLES = frozenset({"service"})


# -- ACLs ----------------------------------------------------------------------------------


def clean_acl(name: str, value: str) -> str:
    """An ACL header value cleaned as Swift stores it.

    Raises:
        ValueError: With Swift's message (referrers in a write ACL, a designator without
            a host, an unknown designator).

    Example:
        >>> clean_acl("X-Container-Read", ".referrer : *, .rlistings,,demo:* ")
        '.r:*,.rlistings,demo:*'
    """
    lowered = name.lower()
    values = []
    for raw_value in value.split(","):
        raw_value = raw_value.strip()
        if not raw_value:
            continue
        if ":" not in raw_value:
            values.append(raw_value)
            continue
        first, second = (v.strip() for v in raw_value.split(":", 1))
        if not first or not first.startswith("."):
            values.append(raw_value)
        elif first in (".r", ".ref", ".referer", ".referrer"):
            if "write" in lowered:
                raise ValueError(f"Referrers not allowed in write ACL: {raw_value!r}")
            negate = False
            if second and second.startswith("-"):
                negate = True
                second = second[1:].strip()
            if second and second != "*" and second.startswith("*"):
                second = second[1:].strip()
            if not second or second == ".":
                raise ValueError("No host/domain value after referrer designation in ACL: "
                                 f"{raw_value!r}")
            values.append(f".r:{'-' if negate else ''}{second}")
        else:
            raise ValueError(f"Unknown designator {first!r} in ACL: {raw_value!r}")
    return ",".join(values)


def parse_acl(acl: str | None) -> tuple[list[str], list[str]]:
    """`(referrers, groups)` of an ACL string (`acl.parse_acl_v1`)."""
    referrers: list[str] = []
    groups: list[str] = []
    if acl:
        for value in acl.split(","):
            if value.startswith(".r:"):
                referrers.append(value[3:])
            else:
                groups.append(unquote(value))
    return referrers, groups


def referrer_allowed(referrer: str | None, referrer_acl: list[str]) -> bool:
    """Whether `Referer` passes the `.r:` designations (`acl.referrer_allowed`)."""
    allow = False
    if referrer_acl:
        rhost = urlparse(referrer or "").hostname or "unknown"
        for mhost in referrer_acl:
            if mhost.startswith("-"):
                mhost = mhost[1:]
                if mhost == rhost or (mhost.startswith(".") and rhost.endswith(mhost)):
                    allow = False
            elif mhost == "*" or mhost == rhost or (
                    mhost.startswith(".") and rhost.endswith(mhost)):
                allow = True
    return allow


# -- account ACLs (version 2) ------------------------------------------------------------

#: The keys of an account ACL tempauth knows (`tempauth_acl_keys`).
ACCOUNT_ACL_KEYS = ("admin", "read-write", "read-only")


def parse_acl_v2(data: str | None) -> dict[str, Any] | None:
    """A version-2 ACL's JSON object (`acl.parse_acl_v2`): None for no value, JSON that does
    not parse or is not an object; `{}` for an empty value.

    Example:
        >>> parse_acl_v2('{"read-only": ["test:tester3"]}'), parse_acl_v2("[1]")
        ({'read-only': ['test:tester3']}, None)
    """
    if data is None:
        return None
    if data == "":
        return {}
    try:
        result = json.loads(data)
    except ValueError:
        return None
    return result if type(result) is dict else None


def format_acl_v2(acl: Mapping[str, Any]) -> str:
    """A version-2 ACL as Swift writes it (`acl.format_acl_v2`): ASCII JSON, keys sorted,
    no spaces.

    Example:
        >>> print(format_acl_v2({"read-write": ["bob"], "admin": ["alic\u00e9"]}))
        {"admin":["alic\\u00e9"],"read-write":["bob"]}
    """
    return json.dumps(acl, ensure_ascii=True, separators=(",", ":"), sort_keys=True)


def account_acl_error(value: str) -> str | None:
    """What is wrong with an `X-Account-Access-Control` value, in tempauth's words
    (`extract_acl_and_report_errors`), or None when it is valid.

    Example:
        >>> account_acl_error('{"admin": ["test2:tester2"]}') is None
        True
        >>> account_acl_error('{"owner": []}')
        'Key "owner" not recognized'
        >>> account_acl_error("not json")
        "Syntax error in input ('not json')"
    """
    result = parse_acl_v2(value)
    if result is None:
        return f"Syntax error in input ({value!r})"
    for key in result:
        if key not in ACCOUNT_ACL_KEYS:
            return f"Key {json.dumps(key)} not recognized"
    for key in ACCOUNT_ACL_KEYS:
        if key not in result:
            continue
        if not isinstance(result[key], list):
            return f"Value for key {json.dumps(key)} must be a list"
        if any(not isinstance(grantee, str) for grantee in result[key]):
            return f"Elements of {json.dumps(key)} list must be strings"
    return None


def account_acls(stored: str | None) -> dict[str, Sequence[str]] | None:
    """The grantees of an account's stored ACL by key, or None when it grants no one
    (`acl.acls_from_account_info`).

    Example:
        >>> account_acls('{"read-only": ["test:tester3"]}')
        {'admin': [], 'read-write': [], 'read-only': ['test:tester3']}
        >>> account_acls('{"admin": []}') is None
        True
    """
    acl = parse_acl_v2(stored)
    if not acl:
        return None
    members = {key: acl.get(key, []) for key in ACCOUNT_ACL_KEYS}
    if not any(members.values()):
        return None
    return members


# -- keystoneauth ------------------------------------------------------------------------------


def authorize(
    access: Access,
    model: ObjectStorageModel,
    method: str,
    account: str,
    container: str | None,
    obj: str | None,
    acl: str | None = None,
) -> int | None:
    """None when `access` may send `method` to the path, else the status to deny with
    (401 anonymous, 403 someone else). `acl` is the container's read or write ACL, for
    the requests Swift checks it on (object requests, container GET/HEAD)."""
    if access.temp_url is not None:
        granted = access.temp_url
        if account != granted.account or (
                granted.container is not None and container != granted.container):
            return 401
        return None
    if access.groups is not None:
        return _authorize_tempauth(access, model, access.groups, method, account, container,
                                   obj, acl)
    identity = access.identity
    if identity is None:
        return _authorize_anonymous(access, account, obj, acl)
    if method == "OPTIONS":
        return None
    roles = [r.lower() for r in identity.roles]
    if RESELLER_ADMIN_ROLE in roles:
        access.owner = access.reseller = True
        return None
    if not container and not obj and method == "DELETE":
        return 403
    referrers, groups = parse_acl(acl)
    if groups and _cross_tenant(identity, groups, _names_allowed(identity, model, account)):
        return None
    acl_authorized = _unconfirmed(access, obj, referrers, groups)
    if acl_authorized:
        return None
    prefix = reseller_prefix_of(account)
    if prefix is None or account != prefix + str(identity.project_id):
        return 403
    service_roles = SERVICE_ROLES.get(prefix, frozenset())
    if OPERATOR_ROLES.intersection(roles) and (
            not service_roles or service_roles & access.service_roles):
        access.owner = True
        return None
    if acl_authorized is not None:
        return 403
    lowered = [g.lower() for g in groups]
    if any(role in lowered for role in roles):
        return None
    return 403


def _authorize_tempauth(access: Access, model: ObjectStorageModel, groups: tuple[str, ...],
                        method: str, account: str, container: str | None, obj: str | None,
                        acl: str | None) -> int | None:
    """tempauth's `authorize` for a token's groups (a denial is 403: the caller is known).

    Raises:
        SwiftError: 400, an `X-Account-Access-Control` tempauth refuses (whoever sends it).
    """
    if not account.startswith(RESELLER_PREFIX):
        return 403
    if access.account_acl is not None and not access.account_acl_valid:
        error = account_acl_error(access.account_acl)
        if error is not None:
            raise SwiftError(400, f"X-Account-Access-Control invalid: {error}\n\n"
                                  f"Input: {access.account_acl}\n",
                             content_type="text/plain; charset=UTF-8")
        access.account_acl_valid = True
    if account[len(RESELLER_PREFIX):][:1] not in ("", "."):
        if ".reseller_admin" in groups:
            access.owner = True
            return None
        if ".reseller_reader" in groups and method in ("GET", "HEAD"):
            return None
    if account in groups and (method not in ("DELETE", "PUT") or container):
        access.owner = True
        return None
    if method == "OPTIONS":
        return None
    referrers, acl_groups = parse_acl(acl)
    if referrer_allowed(access.referer, referrers) and (obj or ".rlistings" in acl_groups):
        return None
    if any(group in acl_groups for group in groups):
        return None
    found = model.find_account(account)
    acls = account_acls(found.access_control if found is not None else None)
    if acls:
        if set(groups).intersection(acls["admin"]):
            access.owner = True
            return None
        if set(groups).intersection(acls["read-write"]) and (
                container or method in ("GET", "HEAD")):
            return None  # every container and object request, but only reads of the account
        if set(groups).intersection(acls["read-only"]) and method in ("GET", "HEAD"):
            return None
    return 403


def _authorize_anonymous(access: Access, account: str, obj: str | None,
                         acl: str | None) -> int | None:
    if reseller_prefix_of(account) is None:
        return 401
    referrers, groups = parse_acl(acl)
    return None if _unconfirmed(access, obj, referrers, groups) else 401


def _unconfirmed(access: Access, obj: str | None, referrers: list[str],
                 groups: list[str]) -> bool | None:
    if referrer_allowed(access.referer, referrers):
        return bool(obj) or ".rlistings" in groups
    return None


def _cross_tenant(identity: TokenContext, groups: list[str], allow_names: bool) -> bool:
    tenants: list[str | None] = [identity.project_id, "*"]
    users: list[str | None] = [identity.user_id, "*"]
    if allow_names:
        tenants.append(identity.project_name)
        users.append(identity.user_name)
    return any(f"{tenant}:{user}" in groups for tenant in tenants for user in users)


def _names_allowed(identity: TokenContext, model: ObjectStorageModel, account: str) -> bool:
    if identity.user_domain_id and identity.user_domain_id != _DEFAULT_DOMAIN:
        return False
    if identity.project_domain_id and identity.project_domain_id != _DEFAULT_DOMAIN:
        return False
    prefix = reseller_prefix_of(account)
    if prefix is not None and account == prefix + str(identity.project_id):
        return True
    found = model.find_account(account)
    return found is not None and found.project_domain_id in (_DEFAULT_DOMAIN, None)
