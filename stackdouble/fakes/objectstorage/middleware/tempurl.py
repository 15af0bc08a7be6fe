"""The tempurl middleware (`swift/common/middleware/tempurl.py`, with
`swift/common/digest.py`): a request signed with an account's or container's
`Temp-URL-Key` acts without a token, on the fake clock.

The signature is checked over the path Swift sees (`/v1/AUTH_<project>/c/o`), as Swift
does: at the root of the cloud's origin that is the request's own path; through the
`/object-store` alias, the path below it, as a Swift behind a prefix-stripping proxy sees
it. Incoming, a temp URL may not set `X-Object-Manifest` or `X-Symlink-Target`; outgoing,
custom metadata is hidden but `X-Object-Meta-Public-*`, and a GET or HEAD answers with
`Content-Disposition` and `Expires`. A request that is not signed passes on to the auth
middlewares.
"""

from __future__ import annotations

import base64
import binascii
import calendar
import hmac
import string
import time
from collections.abc import Mapping
from dataclasses import dataclass
from ipaddress import ip_address, ip_network
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, quote

from stackdouble.fakes.objectstorage.errors import SwiftError
from stackdouble.fakes.objectstorage.middleware._base import App, Middleware
from stackdouble.fakes.objectstorage.models import http_date

if TYPE_CHECKING:
    from stackdouble.fakes.http import FakeResponse
    from stackdouble.fakes.objectstorage.handlers._common import Call
    from stackdouble.fakes.objectstorage.models import ObjectStorageModel

__all__ = [
    "MIDDLEWARE",
    "TEMP_URL_DIGESTS",
    "TEMP_URL_METHODS",
    "TempURL",
    "check_temp_url",
    "disposition",
    "handle",
    "info",
]

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


# -- checking a signature -------------------------------------------------------------------


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
        path: The path Swift sees, from `/v1/` on: the request's own path at the root,
            without the `/object-store` alias a prefix-stripping proxy would remove.
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


# -- the middleware -------------------------------------------------------------------------

#: `swift/common/digest.py`: digests a temp URL may still use, with a warning.
_DEPRECATED_DIGESTS = ("sha1",)
_REFUSED_HEADERS = ("X-Object-Manifest", "X-Symlink-Target")


def handle(call: Call, app: App) -> FakeResponse:
    """Check a signed request, let it act as its signature grants, and filter what it
    gets back; pass an unsigned one on unchanged."""
    req = call.req
    temp_url = check_temp_url(call.model, call.method, req.subpath, req.query_string,
                              req.environ.get("REMOTE_ADDR"))
    if temp_url is None:
        return app(call)
    call.access.temp_url = temp_url
    if call.method not in ("GET", "HEAD", "OPTIONS"):
        for name in _REFUSED_HEADERS:
            if name in call.headers:
                raise SwiftError(400, f"The header {name!r} is not allowed in this tempurl")
    return _outgoing(call, temp_url, app(call))


def _outgoing(call: Call, temp_url: TempURL, resp: FakeResponse) -> FakeResponse:
    """tempurl's outgoing rules: no custom metadata but `Public-*`; on a successful GET or
    HEAD, `Content-Disposition` and `Expires`."""
    kept = [(k, v) for k, v in resp.headers
            if not k.title().startswith("X-Object-Meta-")
            or k.title().startswith("X-Object-Meta-Public-")]
    if call.method in ("GET", "HEAD") and 200 <= resp.status < 300:
        if temp_url.object_name == "":
            raise _invalid(call.method)
        existing = None
        out = []
        for key, value in kept:
            if key.lower() == "content-disposition":
                existing = value
            else:
                out.append((key, value))
        out.append(("Content-Disposition", disposition(temp_url, existing, call.obj or "")))
        out.append(("Expires", http_date(temp_url.expires)))
        kept = out
    resp.headers = kept
    return resp


def info(model: ObjectStorageModel) -> Mapping[str, Any]:
    """`/info`'s `tempurl`: the methods and digests `check_temp_url` accepts."""
    return {"tempurl": {
        "methods": list(TEMP_URL_METHODS),
        "incoming_remove_headers": ["x-timestamp", "x-open-expired"],
        "incoming_allow_headers": [],
        "outgoing_remove_headers": ["x-object-meta-*"],
        "outgoing_allow_headers": ["x-object-meta-public-*"],
        "allowed_digests": sorted(TEMP_URL_DIGESTS),
        "deprecated_digests": list(_DEPRECATED_DIGESTS),
    }}


#: The tempurl middleware.
MIDDLEWARE = Middleware(name="tempurl", handle=handle, info=info)
