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
from collections.abc import Iterator, Mapping
from urllib.parse import quote

from stackdouble.fakes.http import FakeResponse
from stackdouble.fakes.objectstorage import schema, views
from stackdouble.fakes.objectstorage.errors import HTML, TEXT, SwiftError, default_body
from stackdouble.fakes.objectstorage.handlers._common import (
    Call,
    check_metadata,
    denied,
    html_response,
    is_chunked,
    is_utf8,
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
    headers = views.object_headers(found)
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


def _multipart(found: StoredObject, headers: list[tuple[str, str]],
               spans: list[tuple[int, int]], wanted: str) -> FakeResponse:
    boundary = hashlib.md5(f"{found.etag}{wanted}".encode(),
                           usedforsecurity=False).hexdigest().encode()
    ctype = found.content_type.encode("utf-8")
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
    """`PUT` of an object: upload (streamed in), or copy with `X-Copy-From`."""
    if call.headers.get("X-Copy-From"):
        source = schema.path_header(call.headers["X-Copy-From"],
                                    "X-Copy-From header must be of the form "
                                    "<container name>/<object name>")
        account = call.account
        if "X-Copy-From-Account" in call.headers:
            account = schema.account_header(call.headers["X-Copy-From-Account"])
        return _copy(call, (account, *source), (call.account, call.container or "",
                                                call.obj or ""))
    headers = dict(call.headers)
    return store(call, call.account, call.container or "", call.obj or "", headers, None)


def object_copy(call: Call) -> FakeResponse:
    """`COPY` with `Destination` (and `Destination-Account`): the copy middleware's
    rewrite into a PUT of the destination with `X-Copy-From`."""
    if not call.headers.get("Destination"):
        raise SwiftError(412, "Destination header required")
    dest_account = call.account
    if "Destination-Account" in call.headers:
        dest_account = schema.account_header(call.headers["Destination-Account"])
    container, name = schema.path_header(call.headers["Destination"],
                                         "Destination header must be of the "
                                         "form <container name>/<object name>")
    return _copy(call, (call.account, call.container or "", call.obj or ""),
                 (dest_account, container, name))


def _copy(call: Call, source: tuple[str, str, str],
          dest: tuple[str, str, str]) -> FakeResponse:
    """The copy middleware's `handle_PUT`: GET the source as the caller, then PUT it."""
    length = call.headers.get("Content-Length")
    if length and int(length):
        raise SwiftError(400, "Copy requests require a zero byte body", content_type=TEXT)
    src_account, src_container, src_name = source
    for part in (src_container, src_name, dest[1], dest[2], src_account, dest[0]):
        if not is_utf8(part.encode("utf-8", "surrogateescape").decode("latin-1")):
            raise SwiftError(412, "Invalid UTF8 or contains NULL")
    # The source GET, a subrequest with the caller's identity and conditions.
    allowed = call.authorize(src_container, src_name, method="GET",
                             account=src_account) is None
    holder = call.model.find_container(src_account, src_container)
    if not allowed:
        status = call.authorize(src_container, src_name, holder.read_acl if holder else None,
                                method="GET", account=src_account)
        if status:
            raise denied(status)
    found = holder.objects.get(src_name) if holder is not None else None
    got = _object_response(_as_get(call), found)
    if got.status >= 300:
        return got
    assert found is not None
    data = found.data
    if got.status == 206:
        start, stop = _content_range(got)
        data = data[start:stop]
    headers = {k: v for k, v in call.headers.items()
               if k not in ("X-Copy-From", "X-Copy-From-Account", "Destination",
                            "Destination-Account", "Content-Length", "Transfer-Encoding")}
    if schema.is_true(call.headers.get("X-Fresh-Metadata")):
        sink = headers
    else:
        sink = dict(found.headers)
        sink.update(headers)
    if not call.headers.get("Content-Type"):
        sink["Content-Type"] = found.content_type
    if got.status == 200:
        sink["Etag"] = found.etag
    else:
        sink.pop("Etag", None)
    extra = [("X-Copied-From-Account", quote(src_account)),
             ("X-Copied-From", quote(f"{src_container}/{src_name}")),
             ("X-Copied-From-Last-Modified", http_date(ts_ceil(found.meta_timestamp)))]
    return store(call, dest[0], dest[1], dest[2], sink, data, extra, copying=True)


def _as_get(call: Call) -> Call:
    source = Call.__new__(Call)
    for slot in Call.__slots__:
        setattr(source, slot, getattr(call, slot))
    source.method = "GET"
    return source


def _content_range(resp: FakeResponse) -> tuple[int, int]:
    value = resp.header("Content-Range") or ""
    first, _, rest = value.partition(" ")[2].partition("-")
    return int(first), int(rest.partition("/")[0]) + 1


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
                              content_type=headers["Content-Type"], headers=kept,
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
    """container_quotas and account_quotas: 413 `Upload exceeds quota.`"""
    meta = holder.headers
    quota = meta.get("X-Container-Meta-Quota-Bytes", "")
    if quota.isdigit() and int(quota) < holder.bytes_used + length:
        raise SwiftError(413, "Upload exceeds quota.")
    quota = meta.get("X-Container-Meta-Quota-Count", "")
    if quota.isdigit() and int(quota) < len(holder.objects) + 1:
        raise SwiftError(413, "Upload exceeds quota.")
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
    content_type = headers.get("Content-Type") or None
    call.model.update_object(call.account, call.container or "", name,
                             _kept_headers(headers), content_type=content_type,
                             delete_at=delete_at)
    return html_response(202)


def object_delete(call: Call) -> FakeResponse:
    """`DELETE` of an object: 204, or 404."""
    status = delete_object_status(call, call.account, call.container or "", call.obj or "")
    if status in (401, 403):
        raise denied(status)
    if status >= 300:
        raise SwiftError(status)
    return html_response(204)


def delete_object_status(call: Call, account: str, container: str, name: str) -> int:
    """Delete an object as the caller (the bulk middleware's subrequests too): the
    status it would answer, 204 when done."""
    allowed = call.authorize(container, name, method="DELETE", account=account) is None
    holder = call.model.find_container(account, container)
    if not allowed:
        status = call.authorize(container, name, holder.write_acl if holder else None,
                                method="DELETE", account=account)
        if status:
            return status
    if holder is None or name not in holder.objects:
        return 404
    call.model.delete_object(account, container, name)
    return 204
