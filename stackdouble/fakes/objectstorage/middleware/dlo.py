"""Dynamic large objects (`swift/common/middleware/dlo.py`, Swift 2.38).

An object PUT with `X-Object-Manifest: <container>/<prefix>` is a manifest: a GET or HEAD
of it lists the container under the prefix (as the caller, page by page) and answers the
objects joined in name order, read lazily one segment at a time; `Etag` is the quoted MD5
of their etags and `Content-Length` their sum (both only when the listing fits one page,
as Swift's); one range is served (206/416), several are ignored (200, Swift's too); a
first segment that cannot be read is a 409. `?multipart-manifest=get` returns the manifest
object itself. A PUT whose header is not `container/prefix` (no `?`, `&` or leading `/` in
the prefix) is a 400. DLO registers nothing in `/info` (2.38 has no `dlo` section).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

from stackdouble.fakes.http import FakeResponse
from stackdouble.fakes.objectstorage import schema
from stackdouble.fakes.objectstorage.errors import HTML, SwiftError, default_body
from stackdouble.fakes.objectstorage.handlers._common import Call, from_wsgi
from stackdouble.fakes.objectstorage.middleware._base import App, Middleware
from stackdouble.fakes.objectstorage.middleware.slo import (
    Piece,
    invoke,
    ranged_response,
    stream_pieces,
    subcall,
)

__all__ = ["MIDDLEWARE", "handle"]

_MANIFEST = "X-Object-Manifest"
_BAD_HEADER = "X-Object-Manifest must be in the format container/prefix"
_CONDITIONS = ("Range", "If-Match", "If-None-Match", "If-Modified-Since",
               "If-Unmodified-Since")


def _valid(value: str) -> bool:
    container, _, prefix = value.partition("/")
    return bool(container and prefix) and "?" not in value and "&" not in value and (
        not prefix.startswith("/"))


def _listing(call: Call, app: App, container: str, prefix: str, marker: str = ""
             ) -> tuple[FakeResponse | None, list[dict[str, Any]]]:
    """One page of the segments' listing (`_get_container_listing`), or its error."""
    params = {"prefix": prefix, "format": "json"}
    if marker:
        params["marker"] = marker
    resp = invoke(app, subcall(call, "GET", container, None, params=params))
    if resp.status >= 300:
        if call.method == "HEAD":
            resp.body = b""
        return resp, []
    if resp.status == 204:
        return None, []
    body = resp.body if isinstance(resp.body, bytes) else b"".join(resp.body)
    return None, list(json.loads(body)) if body else []


def _pieces(call: Call, app: App, container: str, prefix: str, page: list[dict[str, Any]],
            first: int, last: float) -> Iterator[Piece]:
    """`_segment_listing_iterator`: the pieces of bytes `first..last`, page after page."""
    limit = call.model.constraints.container_listing_limit
    while True:
        for row in page:
            length = int(row["bytes"])
            if first >= length:
                first, last = max(first - length, -1), max(last - length, -1)
                continue
            if last < 0:
                return
            lo, hi = max(first, 0), min(last, length - 1)
            yield Piece(container, row["name"], lo, int(hi), whole=lo == 0 and hi >= length - 1)
            first, last = max(first - length, -1), max(last - length, -1)
        if len(page) < limit or last < 0:
            return
        error, page = _listing(call, app, container, prefix, page[-1]["name"])
        if error is not None:
            raise SwiftError(409)


def _dlo_get(call: Call, app: App) -> FakeResponse:
    """`GetContext.handle_request`: GET or HEAD of what may be a manifest."""
    plain = {k: v for k, v in call.headers.items() if k not in _CONDITIONS}
    resp = app(subcall(call, call.method, call.container or "", call.obj,
                       params=call.params, headers=plain))
    value = dict(resp.headers).get(_MANIFEST)
    if value is None:
        return app(call) if resp.status < 300 else resp
    container, _, prefix = from_wsgi(unquote(value, encoding="latin-1")).partition("/")
    error, page = _listing(call, app, container, prefix)
    if error is not None:
        return error
    complete = len(page) < call.model.constraints.container_listing_limit
    total = sum(int(row["bytes"]) for row in page)
    headers = [(k, v) for k, v in resp.headers if k not in ("Content-Length", "Content-Range")]
    etag = ""
    if complete:
        digest = hashlib.md5(usedforsecurity=False)
        for row in page:
            digest.update(schema.normalize_etag(row["hash"]).encode("utf-8"))
        etag = digest.hexdigest()
        headers = [(k, v) for k, v in headers if k != "Etag"]
        headers.append(("Etag", f'"{etag}"'))
    condition = _condition(call, etag if complete else None)
    if condition:
        return FakeResponse(condition, b"", [*headers, ("Content-Length", "0")])
    wanted = call.headers.get("Range")
    spans = schema.parse_ranges(wanted, total) if wanted else None
    if spans == [] and complete and call.method != "HEAD":
        body = default_body(416)
        return FakeResponse(416, body, [("Content-Type", HTML), ("Accept-Ranges", "bytes"),
                                        ("Content-Range", f"bytes */{total}"),
                                        ("Content-Length", str(len(body)))])
    if call.method == "HEAD" or spans is None or len(spans) != 1 or not complete:
        return _whole(call, app, headers, container, prefix, page, total if complete else None)

    def body_for(spans: list[tuple[int, int]]) -> FakeResponse | Iterator[bytes]:
        start, stop = spans[0]
        return stream_pieces(call, app, _pieces(call, app, container, prefix, page, start,
                                                stop - 1))

    ctype = dict(headers).get("Content-Type", "")
    return ranged_response(call, headers, total, body_for, ctype, etag)


def _condition(call: Call, etag: str | None) -> int | None:
    """swob's conditions on the assembled object (its etag when known)."""
    if_none, if_match = call.headers.get("If-None-Match"), call.headers.get("If-Match")
    if etag and if_none is not None and etag in schema.Match(if_none):
        return 304
    if etag and if_match is not None and etag not in schema.Match(if_match):
        return 412
    return None


def _whole(call: Call, app: App, headers: list[tuple[str, str]], container: str, prefix: str,
           page: list[dict[str, Any]], total: int | None) -> FakeResponse:
    """The whole object (200): its length when the listing is complete."""
    if total is not None:
        headers = [*headers, ("Content-Length", str(total))]
    if call.method == "HEAD":
        return FakeResponse(200, b"", headers)
    body = stream_pieces(call, app, _pieces(call, app, container, prefix, page, 0,
                                            float("inf")))
    if isinstance(body, FakeResponse):
        return body
    return FakeResponse(200, body, headers)


def handle(call: Call, app: App) -> FakeResponse:
    """The dlo middleware's `__call__`: a manifest's GET/HEAD assembled, a PUT's
    `X-Object-Manifest` checked; every other request passes on."""
    if call.obj is None:
        return app(call)
    if call.method in ("GET", "HEAD") and call.params.get("multipart-manifest") != "get":
        holder = call.model.find_container(call.account, call.container or "")
        found = holder.objects.get(call.obj) if holder is not None else None
        if found is None or _MANIFEST not in found.headers:
            return app(call)
        return _dlo_get(call, app)
    if call.method == "PUT" and _MANIFEST in call.headers and not _valid(
            call.headers[_MANIFEST]):
        raise SwiftError(400, _BAD_HEADER)
    return app(call)


#: The dlo middleware.
MIDDLEWARE = Middleware(name="dlo", handle=handle)
