"""The symlink middleware (`swift/common/middleware/symlink.py`, Swift 2.38): an object
PUT with `X-Symlink-Target: <container>/<object>` (and `X-Symlink-Target-Account`) is a
zero-byte link, which GET and HEAD follow, answering with the target and
`Content-Location: /v1/<account>/<container>/<object>` (404 with it for a dangling link);
`?symlink=get` reads the link itself. A static link (`X-Symlink-Target-Etag`) is checked
against its target when written and read (409). Past `symloop_max` (2) links a read is 409.

As in Swift, a link's target is kept as object sysmeta (`X-Object-Sysmeta-Symlink-*`),
which the gatekeeper never lets out: `?symlink=get` shows it as `X-Symlink-*`, and JSON
container listings as `symlink_path` (`symlink_etag` and `symlink_bytes` for static
links, `views.object_row`). Requests to the target are subrequests through the rest of the
pipeline (`subcall`), as the middleware's `make_subrequest` is.

Deliberate difference: a link stays a link when the middleware is later taken out of the
pipeline (its sysmeta is then shown on GET, where Swift's gatekeeper would hide it).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from stackdouble.fakes.http import FakeResponse
from stackdouble.fakes.objectstorage import schema
from stackdouble.fakes.objectstorage.errors import TEXT, SwiftError
from stackdouble.fakes.objectstorage.handlers._common import Call, is_chunked
from stackdouble.fakes.objectstorage.middleware._base import App, Middleware

if TYPE_CHECKING:
    from stackdouble.fakes.objectstorage.models import ObjectStorageModel

__all__ = [
    "ALLOW_RESERVED",
    "MIDDLEWARE",
    "SYMLOOP_EXTEND",
    "SYMLOOP_MAX",
    "TARGET",
    "TARGET_ACCOUNT",
    "TARGET_BYTES",
    "TARGET_ETAG",
    "handle",
    "info",
    "respond",
    "strip_sysmeta",
    "subcall",
]

#: `symloop_max`'s default: how many links a read follows.
SYMLOOP_MAX = 2
#: The sysmeta a link keeps (title-cased, as the object's headers hold them).
TARGET = "X-Object-Sysmeta-Symlink-Target"
TARGET_ACCOUNT = "X-Object-Sysmeta-Symlink-Target-Account"
TARGET_ETAG = "X-Object-Sysmeta-Symlink-Target-Etag"
TARGET_BYTES = "X-Object-Sysmeta-Symlink-Target-Bytes"
#: A link that does not count toward `symloop_max` (object_versioning's).
SYMLOOP_EXTEND = "X-Object-Sysmeta-Symloop-Extend"
#: A link that may point into the reserved namespace (object_versioning's).
ALLOW_RESERVED = "X-Object-Sysmeta-Allow-Reserved-Names"
_USER = {TARGET: "X-Symlink-Target", TARGET_ACCOUNT: "X-Symlink-Target-Account",
         TARGET_ETAG: "X-Symlink-Target-Etag", TARGET_BYTES: "X-Symlink-Target-Bytes"}
_FORM = "X-Symlink-Target header must be of the form <container name>/<object name>"


# -- helpers other middleware share -----------------------------------------------------------


def subcall(call: Call, method: str, account: str, container: str | None, obj: str | None,
            *, headers: Mapping[str, str] | None = None,
            params: Mapping[str, str] | None = None) -> Call:
    """A subrequest (`make_subrequest`): the caller's identity on another path, with its
    own method, headers (default: the caller's) and query (default: none)."""
    sub = Call.__new__(Call)
    for slot in Call.__slots__:
        setattr(sub, slot, getattr(call, slot))
    sub.method = method
    sub.account, sub.container, sub.obj = account, container, obj
    sub.headers = dict(call.headers if headers is None else headers)
    sub.params = dict(params or {})
    return sub


def respond(call: Call, app: App) -> FakeResponse:
    """`app(call)` with the fake Swift's errors as the responses they render to."""
    try:
        return app(call)
    except SwiftError as exc:
        return exc.render(call.req)


def strip_sysmeta(resp: FakeResponse) -> FakeResponse:
    """The gatekeeper's rule: no `X-Object-Sysmeta-*` leaves the cluster."""
    resp.headers = [(k, v) for k, v in resp.headers
                    if not k.lower().startswith("x-object-sysmeta-")]
    return resp


# -- the middleware -----------------------------------------------------------------------------


def handle(call: Call, app: App) -> FakeResponse:
    """Object requests: write, follow or read links; other requests pass through (JSON
    listings show links' fields by themselves, `views.object_row`)."""
    if call.obj is None:
        return app(call)
    if call.method in ("GET", "HEAD"):
        if call.params.get("symlink") == "get":
            return _as_link(app(call))
        return _follow(call, app)
    if call.method == "PUT" and "X-Symlink-Target" in call.headers:
        return _put(call, app)
    if call.method == "POST":
        return _post(call, app)
    return app(call)


def _as_link(resp: FakeResponse) -> FakeResponse:
    """`?symlink=get`: the link's sysmeta shown as `X-Symlink-*`."""
    resp.headers = [(_USER.get(k, k), v) for k, v in resp.headers]
    return strip_sysmeta(resp)


def _error(status: int, body: str, location: str | None) -> SwiftError:
    headers = [("Content-Location", location)] if location else []
    return SwiftError(status, body, content_type=TEXT, headers=headers)


def _follow(call: Call, app: App, *, target_etag: str | None = None,
            softlinks: bool = True) -> FakeResponse:
    """`_recursive_get_head`: read, and while the answer is a link, read its target."""
    current = call
    loops = 0
    location: str | None = None
    while True:
        resp = respond(current, app)
        link = resp.header(TARGET)
        link_etag = resp.header(TARGET_ETAG)
        if link and (link_etag or softlinks):
            found = link_etag or resp.header("Etag")
            if target_etag and target_etag != found:
                raise _error(409, "X-Symlink-Target-Etag headers do not match", location)
            if loops >= SYMLOOP_MAX:
                raise SwiftError(409, "Too many levels of symbolic links, maximum allowed "
                                      f"is {SYMLOOP_MAX}", content_type=TEXT)
            account = unquote(resp.header(TARGET_ACCOUNT) or quote(current.account))
            container, _, obj = unquote(link).partition("/")
            location = f"/{current.req.params.get('version', 'v1')}/{quote(account)}/{link}"
            if (resp.header(SYMLOOP_EXTEND) or "").lower() not in ("true", "1", "yes", "on"):
                loops += 1
            target_etag = link_etag
            current = subcall(current, current.method, account, container, obj,
                              headers=current.headers)
            continue
        final = resp.header("Etag")
        if final and target_etag and target_etag != final and resp.status < 300:
            raise _error(409, f"Object Etag {final!r} does not match X-Symlink-Target-Etag "
                              f"header {target_etag!r}", location)
        if location:
            resp.headers.append(("Content-Location", location))
        return strip_sysmeta(resp) if softlinks else resp


def _put(call: Call, app: App) -> FakeResponse:
    """`handle_put`: check the link, keep its target as sysmeta once the PUT succeeds."""
    length = call.headers.get("Content-Length")
    if length is not None:
        has_body = int(length) != 0
    else:
        stream = call.req.environ.get("wsgi.input")
        has_body = is_chunked(call) and stream is not None and stream.read(1) != b""
    if has_body:
        raise SwiftError(400, "Symlink requests require a zero byte body", content_type=TEXT)
    raw = call.headers["X-Symlink-Target"]
    if unquote(raw).startswith("/"):
        raise SwiftError(412, _FORM, content_type=TEXT)
    try:
        container, obj = schema.path_header(raw, _FORM)
    except SwiftError:
        raise SwiftError(412, _FORM, content_type=TEXT) from None
    headers = {k: v for k, v in call.headers.items() if not k.startswith("X-Symlink-")}
    sysmeta = {TARGET: quote(f"{container}/{obj}")}
    account = call.account
    if "X-Symlink-Target-Account" in call.headers:
        account = schema.account_header(call.headers["X-Symlink-Target-Account"])
        sysmeta[TARGET_ACCOUNT] = quote(account)
    if (account, container, obj) == (call.account, call.container, call.obj):
        raise SwiftError(400, "Symlink cannot target itself", content_type=TEXT)
    etag = schema.normalize_etag(call.headers.get("X-Symlink-Target-Etag", "")) or None
    if etag and any(c in etag for c in ';"\\'):
        raise SwiftError(400, "Bad X-Symlink-Target-Etag format", content_type=TEXT)
    if not (etag or headers.get("Content-Type")):
        headers["Content-Type"] = "application/symlink"
    if etag:
        path = f"/v1/{account}/{container}/{obj}"
        head = subcall(call, "HEAD", account, container, obj, headers={})
        target = _follow(head, app, target_etag=etag, softlinks=False)
        if target.status == 404:
            raise _error(409, "X-Symlink-Target does not exist", path)
        if target.status >= 300:
            raise SwiftError(target.status)
        sysmeta[TARGET_BYTES] = target.header("Content-Length") or "0"
        sysmeta[TARGET_ETAG] = etag
        if not headers.get("Content-Type"):
            headers["Content-Type"] = target.header("Content-Type") or "application/symlink"
    return put_link(call, app, headers, sysmeta)


def put_link(call: Call, app: App, headers: dict[str, str],
             sysmeta: Mapping[str, str]) -> FakeResponse:
    """PUT the call's object as a zero-byte link with `sysmeta`, through `app`; the
    sysmeta is kept only when the PUT succeeds."""
    headers["Content-Length"] = "0"
    headers.pop("Transfer-Encoding", None)
    resp = app(subcall(call, "PUT", call.account, call.container, call.obj,
                       headers=headers, params=call.params))
    if 200 <= resp.status < 300:
        holder = call.model.find_container(call.account, call.container or "")
        stored = holder.objects.get(call.obj) if holder is not None else None
        if stored is not None:
            stored.headers.update(sysmeta)
            stored.touched()
    return resp


def _post(call: Call, app: App) -> FakeResponse:
    """`handle_post`: a link's metadata is changed, then 307 to its target."""
    if "X-Symlink-Target" in call.headers:
        raise SwiftError(400, "A PUT request is required to set a symlink target",
                         content_type=TEXT)
    holder = call.model.find_container(call.account, call.container or "")
    before = holder.objects.get(call.obj) if holder is not None else None
    sysmeta = {k: v for k, v in before.headers.items()
               if k.startswith("X-Object-Sysmeta-")} if before is not None else {}
    resp = app(call)
    if not (200 <= resp.status < 300) or TARGET not in sysmeta:
        return resp
    after = holder.objects.get(call.obj) if holder is not None else None
    if after is not None:
        after.headers.update(sysmeta)
        after.touched()
    account = unquote(sysmeta.get(TARGET_ACCOUNT, quote(call.account)))
    headers = [("Location", f"/v1/{quote(account)}/{sysmeta[TARGET]}")]
    if TARGET_ETAG in sysmeta:
        headers.append(("X-Symlink-Target-Etag", sysmeta[TARGET_ETAG]))
    headers += sorted(sysmeta.items())
    raise SwiftError(307, "The requested POST was applied to a symlink. POST directly to "
                          "the target to apply requested metadata.", headers=headers)


def info(model: ObjectStorageModel) -> Mapping[str, Any]:
    """`/info`'s `symlink`: `symloop_max` and static links."""
    return {"symlink": {"symloop_max": SYMLOOP_MAX, "static_links": True}}


#: The symlink middleware.
MIDDLEWARE = Middleware(name="symlink", handle=handle, info=info)
