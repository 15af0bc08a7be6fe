"""The fake Swift's object requests (client `objectstorage/v1/objects`): `GET`/`HEAD`
with conditions (304/412) and ranges (206/416, `swift/common/swob.py`), `PUT` (an upload
streamed in, or a copy with `X-Copy-From`), `COPY` (the copy middleware,
`swift/common/middleware/copy.py`), `POST` (metadata replaced) and `DELETE`, as
`swift/proxy/controllers/obj.py` and `swift/obj/server.py` answer them, with the
constraint checks of `swift/common/constraints.py` (`check_object_creation`,
`check_delete_headers`) and the quota middlewares'. Every object request is authorized
late (`delay_denial`), with the container's read or write ACL.
"""

from __future__ import annotations

import hashlib
import io
import mimetypes
from collections.abc import Callable, Iterator, Mapping
from urllib.parse import quote

from stackdouble.fakes.http import FakeResponse
from stackdouble.fakes.objectstorage import schema, views
from stackdouble.fakes.objectstorage.errors import HTML, TEXT, SwiftError, default_body
from stackdouble.fakes.objectstorage.handlers._common import (
    Call,
    check_metadata,
    denied,
    from_wsgi,
    html_response,
    is_chunked,
    is_utf8,
    wsgi_str,
)
from stackdouble.fakes.objectstorage.models import (
    Container,
    StoredObject,
    http_date,
    ts_ceil,
)

__all__ = [
    "delete_object_status",
    "object_copy",
    "object_delete",
    "object_get",
    "object_post",
    "object_put",
    "server_side_copy",
    "store",
]

#: Headers the object server keeps besides metadata (its `allowed_headers`), title-cased.
KEPT_OBJECT_HEADERS = ("Content-Disposition", "Content-Encoding", "X-Delete-At",
                       "X-Object-Manifest", "Cache-Control", "Content-Language", "Expires",
                       "X-Robots-Tag")
_CHUNK = 65536
_READ = 1 << 20


def _stream(data: bytes, start: int, stop: int) -> Iterator[bytes]:
    for offset in range(start, stop, _CHUNK):
        yield data[offset:min(offset + _CHUNK, stop)]


def _body(data: bytes, start: int = 0, stop: int | None = None) -> bytes | Iterator[bytes]:
    stop = len(data) if stop is None else stop
    if stop - start <= _CHUNK:
        return data if start == 0 and stop == len(data) else data[start:stop]
    return _stream(data, start, stop)


def object_get(call: Call) -> FakeResponse:
    """`GET`/`HEAD` of an object: conditions (304/412), one or more ranges (206/416),
    the content streamed."""
    name = call.obj or ""
    allowed = call.authorize(call.container, name) is None
    holder = call.model.find_container(call.account, call.container or "")
    if not allowed:
        status = call.authorize(call.container, name, holder.read_acl if holder else None)
        if status:
            raise denied(status)
    found = holder.objects.get(name) if holder is not None else None
    return _object_response(call, found)


def _object_response(call: Call, found: StoredObject | None) -> FakeResponse:
    condition = schema.conditional_status(call.headers, found)
    if found is None:
        if condition:
            return FakeResponse(condition, b"", [("Content-Type", HTML),
                                                 ("Content-Length", "0")])
        raise SwiftError(404)
    headers = _wire_headers(found)
    if condition == 304:
        return FakeResponse(304, b"", [*headers, ("Content-Length", "0")])
    if condition:
        return FakeResponse(condition, b"", [*views.object_failure_headers(headers),
                                             ("Content-Length", "0")])
    size = found.size
    if call.method == "HEAD":
        return FakeResponse(200, b"", [*headers, ("Content-Length", str(size))])
    wanted = call.headers.get("Range")
    spans = schema.parse_ranges(wanted, size) if wanted else None
    if spans is not None and not spans:
        body = default_body(416)
        return FakeResponse(416, body, [*headers, ("Content-Range", f"bytes */{size}"),
                                        ("Content-Length", str(len(body)))])
    if spans and size:
        if len(spans) == 1:
            start, stop = spans[0]
            return FakeResponse(206, _body(found.data, start, stop), [
                *headers, ("Content-Range", f"bytes {start}-{stop - 1}/{size}"),
                ("Content-Length", str(stop - start))])
        return _multipart(found, headers, spans, wanted or "")
    return FakeResponse(200, _body(found.data), [*headers, ("Content-Length", str(size))])


def _wire_headers(found: StoredObject) -> list[tuple[str, str]]:
    """`views.object_headers`, the content type as the WSGI string of its UTF-8 (what the
    object server hands back: the bytes it was sent)."""
    return [(k, wsgi_str(v) if k == "Content-Type" else v)
            for k, v in views.object_headers(found)]


def _multipart(found: StoredObject, headers: list[tuple[str, str]],
               spans: list[tuple[int, int]], wanted: str) -> FakeResponse:
    boundary = hashlib.md5(f"{found.etag}{wanted}".encode(),
                           usedforsecurity=False).hexdigest().encode()
    ctype = found.content_type.encode("utf-8", "surrogateescape")
    parts: list[bytes] = []
    for start, stop in spans:
        parts += [b"--", boundary, b"\r\nContent-Type: ", ctype, b"\r\n",
                  f"Content-Range: bytes {start}-{stop - 1}/{found.size}\r\n\r\n".encode(),
                  found.data[start:stop], b"\r\n"]
    parts += [b"--", boundary, b"--"]
    body = b"".join(parts)
    out = [(k, v) for k, v in headers if k != "Content-Type"]
    out.insert(0, ("Content-Type", "multipart/byteranges;boundary=" + boundary.decode()))
    out.append(("Content-Length", str(len(body))))
    return FakeResponse(206, body, out)


def _kept_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """What the object server keeps of a PUT or POST: metadata and its allowed headers."""
    kept = {k: v for k, v in headers.items() if k.startswith("X-Object-Meta-")}
    for name in KEPT_OBJECT_HEADERS:
        if name in headers:
            kept[name] = headers[name]
    return kept


def _delete_headers(call: Call, headers: dict[str, str]) -> int | None:
    """`constraints.check_delete_headers`: X-Delete-After becomes X-Delete-At.

    Raises:
        SwiftError: 400 with Swift's text.
    """
    now = call.model.now() / 100_000
    if "X-Delete-After" in headers:
        try:
            after = int(headers["X-Delete-After"])
        except ValueError:
            raise SwiftError(400, "Non-integer X-Delete-After", content_type=TEXT) from None
        actual = int(min(max(0.0, now + after), 9999999999.99999))
        if actual <= now:
            raise SwiftError(400, "X-Delete-After in past", content_type=TEXT)
        headers["X-Delete-At"] = f"{actual:010d}"
        del headers["X-Delete-After"]
    if "X-Delete-At" in headers:
        try:
            delete_at = int(min(max(0.0, float(int(headers["X-Delete-At"]))), 9999999999.99999))
        except ValueError:
            raise SwiftError(400, "Non-integer X-Delete-At", content_type=TEXT) from None
        if delete_at <= now:
            raise SwiftError(400, "X-Delete-At in past", content_type=TEXT)
        headers["X-Delete-At"] = f"{delete_at:010d}"
        return delete_at
    return None


def object_put(call: Call) -> FakeResponse:
    """`PUT` of an object: upload (streamed in), or copy with `X-Copy-From` (which
    `server_side_copy` has done before a request reaches the proxy)."""
    if call.headers.get("X-Copy-From"):
        return server_side_copy(call, _plain)
    headers = dict(call.headers)
    return store(call, call.account, call.container or "", call.obj or "", headers, None)


def object_copy(call: Call) -> FakeResponse:
    """`COPY` with `Destination` (and `Destination-Account`), as `server_side_copy` does
    it before a request reaches the proxy."""
    return server_side_copy(call, _plain)


def _plain(call: Call) -> FakeResponse:
    """The proxy's object GET and PUT, for a copy that did not come through the pipeline."""
    return object_put(call) if call.method == "PUT" else object_get(call)


def server_side_copy(call: Call, app: Callable[[Call], FakeResponse]) -> FakeResponse:
    """The copy middleware (`swift/common/middleware/copy.py`), which Swift puts before
    slo, dlo and the versioning middlewares: a `PUT` with `X-Copy-From`, or a `COPY` with
    `Destination` (rewritten into that PUT), GETs the source through `app` (the rest of
    the pipeline: a large object comes assembled) and PUTs what it got through `app`;
    every other request passes on.

    Raises:
        SwiftError: 412 without a `Destination`, 400/412 for a malformed path header.
    """
    if call.obj is None:
        return app(call)
    if call.method == "PUT" and call.headers.get("X-Copy-From"):
        source = schema.path_header(_quoted(call.headers["X-Copy-From"]),
                                    "X-Copy-From header must be of the form "
                                    "<container name>/<object name>")
        account = call.account
        if "X-Copy-From-Account" in call.headers:
            account = schema.account_header(_quoted(call.headers["X-Copy-From-Account"]))
        return _copy(call, (account, *source), (call.account, call.container or "",
                                                call.obj or ""), app)
    if call.method != "COPY":
        return app(call)
    if not call.headers.get("Destination"):
        raise SwiftError(412, "Destination header required")
    dest_account = call.account
    if "Destination-Account" in call.headers:
        dest_account = schema.account_header(_quoted(call.headers["Destination-Account"]))
    container, name = schema.path_header(_quoted(call.headers["Destination"]),
                                         "Destination header must be of the "
                                         "form <container name>/<object name>")
    return _copy(call, (call.account, call.container or "", call.obj or ""),
                 (dest_account, container, name), app)


def _quoted(value: str) -> str:
    """A path header's WSGI value with its non-ASCII bytes percent-encoded: unquoted, it
    gives back the bytes the client sent, as Swift's `wsgi_unquote` reads them (raw UTF-8
    and `%C3%A9` name the same object)."""
    try:
        raw = value.encode("latin-1")
    except UnicodeEncodeError:  # in-process text that never was a WSGI string
        raw = value.encode("utf-8", "surrogateescape")
    return "".join(chr(b) if b < 0x80 else f"%{b:02X}" for b in raw)


#: The request's headers the copy middleware consumes (not passed to the sink PUT).
_COPY_HEADERS = ("X-Copy-From", "X-Copy-From-Account", "Destination", "Destination-Account",
                 "Content-Length", "Transfer-Encoding")
#: The source's headers a copy does not take over (`handle_PUT`'s `exclude_headers`),
#: with those of the GET answer itself.
_NOT_COPIED = frozenset({"X-Static-Large-Object", "X-Object-Manifest", "Etag", "Content-Type",
                         "X-Timestamp", "X-Backend-Timestamp", "Content-Length",
                         "Content-Range", "Last-Modified", "Accept-Ranges",
                         "X-Manifest-Etag"})


def _copy(call: Call, source: tuple[str, str, str], dest: tuple[str, str, str],
          app: Callable[[Call], FakeResponse]) -> FakeResponse:
    """The copy middleware's `handle_PUT`: GET the source as the caller, then PUT it.

    With `?multipart-manifest=get`, an SLO's manifest is copied as a new manifest (GET
    `&format=raw`, PUT `?multipart-manifest=put`) and a DLO's `X-Object-Manifest` is kept;
    without it, a large object is copied as the plain object of its assembled content."""
    length = call.headers.get("Content-Length")
    if length and int(length):
        raise SwiftError(400, "Copy requests require a zero byte body", content_type=TEXT)
    src_account, src_container, src_name = source
    for part in (src_container, src_name, dest[1], dest[2], src_account, dest[0]):
        if not is_utf8(part.encode("utf-8", "surrogateescape").decode("latin-1")):
            raise SwiftError(412, "Invalid UTF8 or contains NULL")
    wants_manifest = call.params.get("multipart-manifest") == "get"
    request_headers = {k: v for k, v in call.headers.items() if k not in _COPY_HEADERS}
    get_params = dict(call.params)
    if wants_manifest:
        get_params["format"] = "raw"
    got = app(_subcall(call, "GET", source, get_params, dict(request_headers)))
    if got.status >= 300:
        return got
    body = got.body
    data = body if isinstance(body, bytes) else b"".join(body)
    src = dict(got.headers)
    if data and len(data) > call.model.constraints.max_file_size:
        raise SwiftError(413)
    if schema.is_true(call.headers.get("X-Fresh-Metadata")):
        sink = dict(request_headers)
    else:
        sink = {k: v for k, v in src.items() if k not in _NOT_COPIED}
        sink.update(request_headers)
    params = {k: v for k, v in call.params.items() if k != "version-id"}
    if wants_manifest:
        if "X-Static-Large-Object" in src:
            params["multipart-manifest"] = "put"
        if "X-Object-Manifest" in src:
            del params["multipart-manifest"]
            sink["X-Object-Manifest"] = src["X-Object-Manifest"]
    if got.status == 200 and "X-Static-Large-Object" not in src and (
            "X-Object-Manifest" not in src or wants_manifest):
        sink["Etag"] = src.get("Etag", "")
    if not call.headers.get("Content-Type"):
        sink["Content-Type"] = src.get("Content-Type", "")
    extra = [("X-Copied-From-Account", quote(src_account)),
             ("X-Copied-From", quote(f"{src_container}/{src_name}"))]
    if "Last-Modified" in src:
        extra.append(("X-Copied-From-Last-Modified", src["Last-Modified"]))
    if "X-Object-Version-Id" in src:
        extra.append(("X-Copied-From-Version-Id", src["X-Object-Version-Id"]))
    extra += [(k, v) for k, v in sink.items()
              if k.startswith("X-Object-Meta-") or k == "X-Delete-At"]
    sink["Content-Length"] = str(len(data))
    call.req.environ["wsgi.input"] = io.BytesIO(data)
    put = app(_subcall(call, "PUT", dest, params, sink))
    if put.status < 300:
        put.headers += extra
    return put


def _subcall(call: Call, method: str, path: tuple[str, str, str], params: dict[str, str],
             headers: dict[str, str]) -> Call:
    """The copy's source GET or sink PUT: the caller's identity, another path."""
    sub = Call.__new__(Call)
    for slot in Call.__slots__:
        setattr(sub, slot, getattr(call, slot))
    sub.method = method
    sub.account, sub.container, sub.obj = path
    sub.params = params
    sub.headers = headers
    return sub


def store(call: Call, account: str, container: str, name: str, headers: dict[str, str],
          data: bytes | None, extra: list[tuple[str, str]] | None = None,
          *, copying: bool = False) -> FakeResponse:
    """The proxy's object PUT (and the object server's), for an upload or a copy's sink."""
    model = call.model
    if_none = headers.get("If-None-Match")
    if if_none is not None and "*" not in schema.Match(if_none).tags:
        raise SwiftError(400, "If-None-Match only supports *", content_type=TEXT)
    allowed = call.authorize(container, name, method="PUT", account=account) is None
    holder = model.find_container(account, container)
    if not allowed:
        status = call.authorize(container, name, holder.write_acl if holder else None,
                                method="PUT", account=account)
        if status:
            raise denied(status)
    chunked = False if copying else is_chunked(call)
    length = len(data) if data is not None else (
        None if chunked or "Content-Length" not in headers else int(headers["Content-Length"]))
    if holder is not None:
        _quotas(call, account, holder, length or 0)
    if holder is None:
        raise SwiftError(404)
    if schema.is_true(headers.get("X-Detect-Content-Type")) or not headers.get("Content-Type"):
        guessed = mimetypes.guess_type(f"/v1/{account}/{container}/{name}")[0]
        headers["Content-Type"] = guessed or "application/octet-stream"
    delete_at = _check_creation(call, headers, name, length, chunked)
    existing = holder.objects.get(name)
    if if_none is not None and existing is not None:
        raise SwiftError(412)
    if data is None:
        data = _read_body(call, length)
    etag = hashlib.md5(data, usedforsecurity=False).hexdigest()
    sent = schema.normalize_etag(headers.get("Etag", ""))
    if sent and sent != etag:
        # The object server's refusal: the proxy stamps it like a success
        # (`_store_object`: Last-Modified is the PUT's X-Timestamp, rounded up).
        raise SwiftError(422, headers=[("Last-Modified", http_date(ts_ceil(model.now())))])
    kept = _kept_headers(headers)
    stored = model.put_object(account, container, name, data,
                              content_type=from_wsgi(headers["Content-Type"]), headers=kept,
                              delete_at=delete_at, etag=etag)
    out = [("Content-Type", HTML), ("Content-Length", "0"), ("Etag", stored.etag),
           ("Last-Modified", http_date(ts_ceil(stored.meta_timestamp)))]
    if extra:
        out += extra
        out += [(k, v) for k, v in kept.items()
                if k.startswith("X-Object-Meta-") or k == "X-Delete-At"]
    return FakeResponse(201, b"", out)


def _check_creation(call: Call, headers: dict[str, str], name: str, length: int | None,
                    chunked: bool) -> int | None:
    """`constraints.check_object_creation` and the proxy's `check_content_type`."""
    c = call.model.constraints
    if length is not None and length > c.max_file_size:
        raise SwiftError(413, "Your request is too large.", content_type=TEXT)
    if length is None and not chunked:
        raise SwiftError(411, "Missing Content-Length header.", content_type=TEXT)
    size = len(name.encode("utf-8", "surrogateescape"))
    if size > c.max_object_name_length:
        raise SwiftError(400, f"Object name length of {size} longer than "
                              f"{c.max_object_name_length}", content_type=TEXT)
    delete_at = _delete_headers(call, headers)
    if not is_utf8(headers["Content-Type"]):
        raise SwiftError(400, "Invalid Content-Type", content_type=TEXT)
    check_metadata(call, "object", headers)
    if ";" in headers["Content-Type"]:
        for param in headers["Content-Type"].split(";")[1:]:
            if param.lstrip().startswith("swift_"):
                raise SwiftError(400, "Invalid Content-Type, swift_* is not a valid parameter "
                                      "name.")
    return delete_at


def _quotas(call: Call, account_name: str, holder: Container, length: int) -> None:
    """container_quotas and account_quotas, each while in the pipeline: 413 `Upload
    exceeds quota.` (a policy's quota: `Upload exceeds policy quota.`)"""
    pipeline = call.model.pipeline
    meta = holder.headers
    quota = meta.get("X-Container-Meta-Quota-Bytes", "")
    if "container_quotas" in pipeline:
        if quota.isdigit() and int(quota) < holder.bytes_used + length:
            raise SwiftError(413, "Upload exceeds quota.")
        quota = meta.get("X-Container-Meta-Quota-Count", "")
        if quota.isdigit() and int(quota) < len(holder.objects) + 1:
            raise SwiftError(413, "Upload exceeds quota.")
    if "account_quotas" not in pipeline:
        return
    account = call.model.find_account(account_name)
    if account is None or call.access.reseller:
        return
    legacy = account.headers.get("X-Account-Meta-Quota-Bytes", "")
    byte_quota = account.quota_bytes if account.quota_bytes is not None else (
        int(legacy) if legacy.isdigit() else None)
    if byte_quota is not None and byte_quota < account.bytes_used + length:
        raise SwiftError(413, "Upload exceeds quota.")
    if account.quota_count is not None and account.quota_count < account.object_count + 1:
        raise SwiftError(413, "Upload exceeds quota.")
    # The container's policy's quotas: `Upload exceeds policy quota.`
    _, objects, used = account.policy_stats.get(holder.policy, (0, 0, 0))
    quota_of = account.policy_quotas.get
    policy_bytes, policy_count = quota_of(("bytes", holder.policy)), quota_of(
        ("count", holder.policy))
    if (policy_bytes is not None and policy_bytes < used + length) or (
            policy_count is not None and policy_count < objects + 1):
        raise SwiftError(413, "Upload exceeds policy quota.")


def _read_body(call: Call, length: int | None) -> bytes:
    """The request body, read once: with a Content-Length, one read (an in-memory input
    gives back the caller's own bytes, no copy); chunked, into one growing buffer.

    Raises:
        SwiftError: 413 past `max_file_size`; 499 when fewer bytes arrive than announced.
    """
    stream = call.req.environ.get("wsgi.input")
    if stream is None:
        return b""
    if length is not None:
        data = stream.read(length) if length else b""
        if len(data) < length:
            raise SwiftError(499)
        return bytes(data) if not isinstance(data, bytes) else data
    limit = call.model.constraints.max_file_size
    buffer = io.BytesIO()
    while True:
        chunk = stream.read(_READ)
        if not chunk:
            break
        buffer.write(chunk)
        if buffer.tell() > limit:
            raise SwiftError(413)
    return buffer.getvalue()


def object_post(call: Call) -> FakeResponse:
    """`POST` of an object: its custom metadata and kept headers replaced; 202."""
    name = call.obj or ""
    allowed = call.authorize(call.container, name) is None
    holder = call.model.find_container(call.account, call.container or "")
    if not allowed:
        status = call.authorize(call.container, name, holder.write_acl if holder else None)
        if status:
            raise denied(status)
    if holder is None:
        raise SwiftError(404)
    check_metadata(call, "object")
    headers = dict(call.headers)
    delete_at = _delete_headers(call, headers)
    if name not in holder.objects:
        raise SwiftError(404)
    content_type = from_wsgi(headers["Content-Type"]) if headers.get("Content-Type") else None
    call.model.update_object(call.account, call.container or "", name,
                             _kept_headers(headers), content_type=content_type,
                             delete_at=delete_at)
    return html_response(202)


def object_delete(call: Call) -> FakeResponse:
    """`DELETE` of an object: 204, or 404; with `X-If-Delete-At` (the object-expirer's),
    only while the object expires then (the object server's checks: a value that is not a
    timestamp 400 before the object is looked up, a missing object 404, another expiry
    412)."""
    status = delete_object_status(call, call.account, call.container or "", call.obj or "",
                                  if_delete_at=call.headers.get("X-If-Delete-At"))
    if status in (401, 403):
        raise denied(status)
    if status == 400:
        raise SwiftError(400, "Bad X-If-Delete-At header value")
    if status == 412:
        raise SwiftError(412, "X-If-Delete-At and X-Delete-At do not match")
    if status >= 300:
        raise SwiftError(status)
    return html_response(204)


def _timestamp(value: str) -> int:
    """A Swift `Timestamp` given as text, in 10 µs units.

    Raises:
        ValueError: Not a number, negative, or past Swift's largest timestamp.
    """
    seconds = float(value.split("_", 1)[0])
    if not 0 <= seconds < 10_000_000_000:
        raise ValueError(f"timestamp out of range: {value!r}")
    return round(seconds * 100_000)


def delete_object_status(call: Call, account: str, container: str, name: str, *,
                         if_delete_at: str | None = None) -> int:
    """Delete an object as the caller (the bulk middleware's subrequests too): the
    status it would answer, 204 when done (`if_delete_at`: see `object_delete`)."""
    allowed = call.authorize(container, name, method="DELETE", account=account) is None
    holder = call.model.find_container(account, container)
    if not allowed:
        status = call.authorize(container, name, holder.write_acl if holder else None,
                                method="DELETE", account=account)
        if status:
            return status
    if holder is None:
        return 404
    wanted = None
    if if_delete_at is not None:
        try:
            wanted = _timestamp(if_delete_at)
        except ValueError:
            return 400
    found = holder.objects.get(name)
    if found is None:
        return 404
    if wanted is not None and _timestamp(found.headers.get("X-Delete-At") or "0") != wanted:
        return 412
    call.model.delete_object(account, container, name)
    return 204
