"""Who may do what in the fake Swift: keystoneauth's rules, container ACLs and temp URLs.

`authorize` follows `swift/common/middleware/keystoneauth.py` (`authorize`,
`authorize_anonymous`, `_authorize_cross_tenant`, `_authorize_unconfirmed_identity`) with
the settings of the real setup this fake copies: `reseller_prefix = AUTH_`,
`operator_roles = admin, member`, `reseller_admin_role = ResellerAdmin`. A missing or
invalid token is anonymous (keystonemiddleware with `delay_auth_decision`), which a public
container (`.r:*`) lets read. A tempauth token's groups (`models/swauth.py`) are checked by
`swift/common/middleware/tempauth.py`'s `authorize` instead.

`clean_acl`, `parse_acl` and `referrer_allowed` are `swift/common/middleware/acl.py`;
`check_temp_url` is `swift/common/middleware/tempurl.py` with `swift/common/digest.py`,
its clock the fake's.
"""

from __future__ import annotations

import base64
import binascii
import calendar
import hmac
import string
import time
from dataclasses import dataclass, field
from ipaddress import ip_address, ip_network
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, quote, unquote, urlparse

from stackdouble.fakes.objectstorage.errors import SwiftError
from stackdouble.fakes.objectstorage.models import RESELLER_PREFIX

if TYPE_CHECKING:
    from stackdouble.fakes.identity.models import TokenContext
    from stackdouble.fakes.objectstorage.models import ObjectStorageModel

__all__ = [
    "OPERATOR_ROLES",
    "RESELLER_ADMIN_ROLE",
    "TEMP_URL_DIGESTS",
    "TEMP_URL_METHODS",
    "Access",
    "TempURL",
    "authorize",
    "check_temp_url",
    "clean_acl",
    "parse_acl",
    "referrer_allowed",
]

#: keystoneauth's `operator_roles` in the real setup: these roles own their account.
OPERATOR_ROLES = frozenset({"admin", "member"})
#: keystoneauth's `reseller_admin_role`: every account, as owner.
RESELLER_ADMIN_ROLE = "reselleradmin"
_DEFAULT_DOMAIN = "default"

#: tempurl's default `methods`.
TEMP_URL_METHODS = ("GET", "HEAD", "PUT", "POST", "DELETE")
#: `swift/common/digest.py`: the digests a signature may use (sha1 is deprecated).
TEMP_URL_DIGESTS = ("sha1", "sha256", "sha512")
_HEX_DIGESTS = {40: "sha1", 64: "sha256", 128: "sha512"}
_B64 = frozenset(string.digits + string.ascii_letters + "/+")
_ISO8601 = "%Y-%m-%dT%H:%M:%SZ"
_INVALID = "401 Unauthorized: Temp URL invalid\n"


@dataclass(frozen=True, slots=True)
class TempURL:
    """A temp URL that checked out: what it grants and how the answer is decorated.

    Attributes:
        account: The account it was signed for.
        container: The container, for a container-key signature; None for an account key.
        expires: When it expires (Unix seconds).
        filename: `filename=` (a Content-Disposition attachment name), or None.
        inline: Whether `inline` was given.
        object_name: The object requested (empty for a container root).
    """

    account: str
    container: str | None
    expires: int
    filename: str | None
    inline: bool
    object_name: str


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
    """

    identity: TokenContext | None
    temp_url: TempURL | None = None
    referer: str | None = None
    owner: bool = field(default=False)
    reseller: bool = field(default=False)
    groups: tuple[str, ...] | None = None


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
    if account != RESELLER_PREFIX + str(identity.project_id):
        return 403
    if OPERATOR_ROLES.intersection(roles):
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
    if not account.startswith(RESELLER_PREFIX):
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
    if account == RESELLER_PREFIX + str(identity.project_id):
        return True
    found = model.find_account(account)
    return found is not None and found.project_domain_id in (_DEFAULT_DOMAIN, None)


# -- temp URLs ----------------------------------------------------------------------------------


def _invalid(method: str) -> SwiftError:
    # HTTPUnauthorized(body=...) without a request: its realm is 'unknown'.
    return SwiftError(401, None if method == "HEAD" else _INVALID,
                      headers=[("Www-Authenticate", 'Swift realm="unknown"')])


def check_temp_url(
    model: ObjectStorageModel,
    method: str,
    path: str,
    query_string: str,
    remote_addr: str | None,
) -> TempURL | None:
    """Validate a temp URL as the tempurl middleware does.

    Args:
        model: The state (for the account's and container's keys).
        method: The request's method.
        path: The path from `/v1/` on (the fake's mount prefix is not signed).
        query_string: The raw query string.
        remote_addr: The client's address, for `temp_url_ip_range`.

    Returns:
        None when the request carries neither `temp_url_sig` nor `temp_url_expires`;
        otherwise the `TempURL` granted.

    Raises:
        SwiftError: 401 `Temp URL invalid` for anything that does not check out (the
            signature, its digest, the expiry on the fake clock, the path, the address).
    """
    qs = parse_qs(query_string, keep_blank_values=True)
    sig = qs["temp_url_sig"][0] if "temp_url_sig" in qs else None
    raw_expires = qs["temp_url_expires"][0] if "temp_url_expires" in qs else None
    prefix = qs["temp_url_prefix"][0] if "temp_url_prefix" in qs else None
    ip_range = qs["temp_url_ip_range"][0] if "temp_url_ip_range" in qs else None
    filename = qs["filename"][0] if "filename" in qs else None
    inline = "inline" in qs
    expires = _expires(raw_expires, model.cloud.clock.time())
    if sig is None and expires is None:
        return None
    if not sig or not expires:
        raise _invalid(method)
    try:
        algorithm, hex_sig = _digest_and_algorithm(sig)
    except ValueError:
        raise _invalid(method) from None
    if algorithm not in TEMP_URL_DIGESTS:
        raise _invalid(method)
    parts = _path_parts(method, path, allow_container_root=(
        method in ("GET", "HEAD") and prefix == ""))
    if parts is None:
        raise _invalid(method)
    account, container, obj = parts
    if ip_range:
        if remote_addr is None:
            raise _invalid(method)
        try:
            if ip_address(remote_addr) not in ip_network(ip_range):
                raise _invalid(method)
        except ValueError:
            raise _invalid(method) from None
    keys = _keys(model, account, container)
    if not keys:
        raise _invalid(method)
    if prefix is None:
        signed = f"/v1/{account}/{container}/{obj}"
    else:
        if not obj.startswith(prefix):
            raise _invalid(method)
        signed = f"prefix:/v1/{account}/{container}/{prefix}"
    methods = ("HEAD", "GET", "POST", "PUT") if method == "HEAD" else (method,)
    for verb in methods:
        for key, scope in keys:
            expected = _hmac(verb, expires, signed, key, algorithm, ip_range)
            if hmac.compare_digest(hex_sig.encode("utf-8", "surrogateescape"),
                                   expected.encode("ascii")):
                return TempURL(account=account, container=container if scope else None,
                               expires=expires, filename=filename, inline=inline,
                               object_name=obj)
    raise _invalid(method)


def _expires(value: str | None, now: float) -> int | None:
    """`normalize_temp_url_expires`: Unix seconds or ISO 8601; 0 when bad or past."""
    if value is None:
        return None
    try:
        expires = int(value)
    except ValueError:
        try:
            expires = calendar.timegm(time.strptime(value, _ISO8601))
        except ValueError:
            expires = 0
    return 0 if expires < now else expires


def _digest_and_algorithm(value: str) -> tuple[str, str]:
    """`extract_digest_and_algorithm`: hex (by length) or `algo:base64`.

    Raises:
        ValueError: A signature that does not decode.
    """
    if ":" in value:
        algorithm, encoded = value.split(":", 1)
        if ("-" in encoded or "_" in encoded) and not ("+" in encoded or "/" in encoded):
            encoded = encoded.replace("-", "+").replace("_", "/")
        encoded += "=="
        if any(c not in _B64 for c in encoded.strip("=")):
            raise ValueError("bad base64")
        return algorithm, binascii.hexlify(base64.b64decode(encoded)).decode("ascii")
    binascii.unhexlify(value)
    algorithm = _HEX_DIGESTS.get(len(value), "")
    if not algorithm:
        raise ValueError("Bad digest length")
    return algorithm, value


def _path_parts(method: str, path: str,
                allow_container_root: bool) -> tuple[str, str, str] | None:
    if method not in TEMP_URL_METHODS:
        return None
    segments = path.split("/", 4)
    if len(segments) < (4 if allow_container_root else 5) or segments[0] or not all(
            segments[1:4]):
        return None
    version, account, container = segments[1:4]
    obj = segments[4] if len(segments) > 4 else ""
    if version == "v1" and (allow_container_root or obj.strip("/")):
        return account, container, obj
    return None


def _keys(model: ObjectStorageModel, account: str, container: str) -> list[tuple[bytes, bool]]:
    """(key, is_container_scope) for the account's keys, then the container's."""
    out: list[tuple[bytes, bool]] = []
    found = model.find_account(account)
    if found is not None:
        out += [(v.encode("latin-1"), False) for k, v in found.headers.items()
                if k.lower() in ("x-account-meta-temp-url-key", "x-account-meta-temp-url-key-2")]
    holder = model.find_container(account, container)
    if holder is not None:
        out += [(v.encode("latin-1"), True) for k, v in holder.headers.items()
                if k.lower() in ("x-container-meta-temp-url-key",
                                 "x-container-meta-temp-url-key-2")]
    return out


def _hmac(method: str, expires: int, path: str, key: bytes, algorithm: str,
          ip_range: str | None) -> str:
    parts = [method, str(expires), path]
    if ip_range:
        parts.insert(0, f"ip={ip_range}")
    message = "\n".join(parts).encode("utf-8")
    return hmac.new(key, message, algorithm).hexdigest()


def disposition(temp_url: TempURL, existing: str | None, name: str) -> str:
    """The Content-Disposition a temp URL GET or HEAD answers with."""
    if temp_url.inline:
        value = (_disposition_format("inline", temp_url.filename) if temp_url.filename
                 else "inline")
    elif temp_url.filename:
        value = _disposition_format("attachment", temp_url.filename)
    elif existing:
        value = existing
    else:
        value = _disposition_format("attachment", name.rstrip("/").rsplit("/", 1)[-1])
    return value.replace("\n", "%0A")


def _disposition_format(kind: str, filename: str) -> str:
    return f"{kind}; filename=\"{quote(filename, safe=' /')}\"; filename*=UTF-8''{quote(filename)}"
