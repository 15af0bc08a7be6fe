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
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlparse

from stackdouble.fakes.objectstorage.models import RESELLER_PREFIX
from stackdouble.fakes.objectstorage.models.accounts import reseller_prefix_of

if TYPE_CHECKING:
    from stackdouble.fakes.identity.models import TokenContext
    from stackdouble.fakes.objectstorage.middleware.tempurl import TempURL
    from stackdouble.fakes.objectstorage.models import ObjectStorageModel

__all__ = [
    "OPERATOR_ROLES",
    "RESELLER_ADMIN_ROLE",
    "SERVICE_ROLES",
    "Access",
    "authorize",
    "clean_acl",
    "parse_acl",
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
    """

    identity: TokenContext | None
    temp_url: TempURL | None = None
    referer: str | None = None
    owner: bool = field(default=False)
    reseller: bool = field(default=False)
    groups: tuple[str, ...] | None = None
    service_roles: frozenset[str] = frozenset()


#: keystoneauth's `service_roles` per reseller prefix (`SERVICE_service_roles = service`):
#: a request to such an account needs, besides an operator role, a service token with one.
SERVICE_ROLES = {RESELLER_PREFIX: frozenset[str](), "SERVICE_": frozenset({"service"})}


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
        return _authorize_tempauth(access, access.groups, method, account, container, obj, acl)
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


def _authorize_tempauth(access: Access, groups: tuple[str, ...], method: str, account: str,
                        container: str | None, obj: str | None,
                        acl: str | None) -> int | None:
    """tempauth's `authorize` for a token's groups (a denial is 403: the caller is known)."""
    if not account.startswith(RESELLER_PREFIX):
        return 403
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
