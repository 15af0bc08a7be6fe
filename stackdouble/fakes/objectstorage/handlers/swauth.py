"""tempauth's v1.0 login in the fake (client `objectstorage/v1/swauth`): `handle_request`
and `handle_get_token` of `swift/common/middleware/tempauth.py` (Swift 2.38), answering
`GET {base}/auth/v1.0` and the other spellings tempauth accepts under its `/auth/` prefix
(through the `/object-store` alias too). The storage URL it hands out is at the root of the
cloud's origin, where the proxy is: tempauth builds it from the host, and knows nothing of a
prefix a proxy in front of it strips. Users and tokens are `models.swauth.TempAuth`'s.
"""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import quote

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.objectstorage.errors import HTML, swob_response

__all__ = ["AUTH_PREFIX", "get_token", "split_path"]

#: tempauth's `auth_prefix`: the paths it answers itself.
AUTH_PREFIX = "/auth/"


def split_path(path: str, minsegs: int = 1, maxsegs: int | None = None,
               rest_with_last: bool = False) -> list[str | None]:
    """Swift's `split_path` (`swift/common/utils/base.py`).

    Raises:
        ValueError: An invalid path.

    Example:
        >>> split_path("/v1.0", 1, 4, True)
        ['v1.0', None, None, None]
        >>> split_path("/v1/test/auth", 1, 3, True)
        ['v1', 'test', 'auth']
    """
    if not maxsegs:
        maxsegs = minsegs
    if minsegs > maxsegs:
        raise ValueError(f"minsegs > maxsegs: {minsegs} > {maxsegs}")
    low, high = minsegs + 1, maxsegs + 1
    segs: list[str] = path.split("/", maxsegs if rest_with_last else high)
    count = len(segs)
    if rest_with_last:
        if segs[0] or count < low or count > high or "" in segs[1:low]:
            raise ValueError(f"Invalid path: {path!r}")
    elif (segs[0] or count < low or count > high + 1 or "" in segs[1:low]
          or (count == high + 1 and segs[high])):
        raise ValueError(f"Invalid path: {path!r}")
    out: list[str | None] = list(segs[1:high])
    if not all(out[:-1]):
        raise ValueError(f"Invalid path: {path!r}")
    out.extend([None] * (high - 1 - len(out)))
    return out


def _header(req: FakeRequest, name: str) -> str:
    """A request header as tempauth reads it (`wsgi_to_str`); empty when absent."""
    value: Any = req.environ.get("HTTP_" + name.upper().replace("-", "_"))
    if value is None:
        return ""
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    text = str(value)
    try:
        return text.encode("latin-1").decode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text


def _realm(account: str | None) -> tuple[str, str]:
    """`Www-Authenticate: Swift realm="<account>"`, the account as it travelled."""
    value = account or "unknown"
    try:
        value = value.encode("utf-8", "surrogateescape").decode("latin-1")
    except UnicodeEncodeError:
        value = quote(value)
    if not value.isprintable() or '"' in value:
        value = quote(value, safe="")
    return ("Www-Authenticate", f'Swift realm="{value}"')


def _unauthorized(account: str | None) -> FakeResponse:
    return swob_response(401, headers=[_realm(account)])


def get_token(req: FakeRequest) -> FakeResponse:
    """`GET /auth/v1.0` and tempauth's other spellings: the token and the storage URL.

    405 for another method, 404 or 400 for a path tempauth cannot read, 401 with
    `Www-Authenticate: Swift realm="<account>"` for a missing or wrong user or key.
    """
    subpath = req.subpath
    if not subpath.startswith(AUTH_PREFIX):
        return req.service.not_found(req)
    if req.method != "GET":
        return swob_response(405)
    path_info = subpath[len(AUTH_PREFIX) - 1:]
    try:
        version = split_path(path_info, 1, 4, True)[0]
        segments = split_path(path_info, 1, 3, True)
    except ValueError:
        return swob_response(404)
    if version not in ("v1", "v1.0", "auth"):
        return swob_response(400)
    if segments[0] == "v1" and segments[2] == "auth":
        account = segments[1]
        user = _header(req, "X-Storage-User")
        if not user:
            user = _header(req, "X-Auth-User")
            if not user or ":" not in user:
                return _unauthorized(account)
            claimed, user = user.split(":", 1)
            if claimed != account:
                return _unauthorized(account)
        key = _header(req, "X-Storage-Pass") or _header(req, "X-Auth-Key")
    elif segments[0] in ("auth", "v1.0"):
        user = _header(req, "X-Auth-User") or _header(req, "X-Storage-User")
        if not user or ":" not in user:
            return _unauthorized(None)
        account, user = user.split(":", 1)
        key = _header(req, "X-Auth-Key") or _header(req, "X-Storage-Pass")
    else:
        return swob_response(400)
    if not (account and user and key):
        return _unauthorized(account)
    tempauth = req.cloud.object_storage.tempauth
    token = tempauth.login(account, user, key)
    if token is None:
        return _unauthorized(account)
    found = tempauth.users[token.user]
    left = token.expires - req.cloud.clock.time()
    return FakeResponse(200, b"", [
        ("Content-Type", HTML),
        ("X-Auth-Token", token.token_id),
        ("X-Storage-Token", token.token_id),
        # int(expires - time()) a moment after the token was made: 86399 for a new one.
        ("X-Auth-Token-Expires", str(max(0, math.ceil(left) - 1))),
        ("X-Storage-Url", f"{req.base_url}/v1/{found.account_id}"),
        ("Content-Length", "0"),
    ])
