"""Static large objects (`swift/common/middleware/slo.py`, Swift 2.38).

- `PUT ?multipart-manifest=put`: the JSON manifest is checked (`parse_and_validate_input`:
  400 `Manifest must be valid JSON.`, one line per bad index), each segment HEADed as the
  caller (size, etag, `range`, at least 1 byte but the last), the problems answered as 400
  in text, JSON or XML by `Accept`; a good manifest is stored in Swift's form with
  `X-Static-Large-Object`, the SLO's etag and size as sysmeta, and answered 201 with the
  quoted SLO etag (the MD5 of the segments' etags, `<etag>:<range>;` for a ranged one).
- `GET`/`HEAD`: the segments assembled lazily (each fetched as the caller when the body is
  read, one at a time, never the whole object), `Etag` the quoted SLO etag,
  `X-Manifest-Etag` the stored manifest's; conditions against the SLO etag; one range
  (206), several (`multipart/byteranges`), none satisfiable (416); a first segment that
  is gone or changed is a 409, a later one cuts the body short (Swift drops the
  connection). Sub-manifests are followed 10 levels deep.
- `GET ?multipart-manifest=get` the stored manifest (`application/json; charset=utf-8`),
  `&format=raw` in the form a PUT takes (the object's own type, its own etag).
- `DELETE ?multipart-manifest=delete`: the segments (sub-manifests' too), then the
  manifest, answered 200 as a bulk delete (`views.bulk_body`); `&async=true` deletes the
  segments at once (Swift queues them for the expirer) and answers the manifest's DELETE.
- A container's JSON listing shows a manifest at the SLO's size with its `slo_etag`, and
  `X-Static-Large-Object` on a PUT or POST is refused (400). `/info` lists `slo`.

Deliberate differences: segments are fetched under the cloud's lock one at a time (no
rate limiting, `max_get_time` or concurrency); the manifest's listing row is kept on the
stored object (`StoredObject.listing_row`) since the fake's container has no
`swift_bytes`; a manifest PUT's `heartbeat=on` answers at the end, as without it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from io import BytesIO
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from stackdouble.fakes.http import FakeResponse, HTTPError
from stackdouble.fakes.objectstorage import schema, views
from stackdouble.fakes.objectstorage.errors import HTML, SwiftError, default_body, status_line
from stackdouble.fakes.objectstorage.handlers._common import Call, is_chunked
from stackdouble.fakes.objectstorage.middleware._base import App, Middleware
from stackdouble.fakes.objectstorage.models import StoredObject, ts_iso

if TYPE_CHECKING:
    from stackdouble.fakes.objectstorage.models import ObjectStorageModel

__all__ = [
    "MAX_MANIFEST_SEGMENTS",
    "MAX_MANIFEST_SIZE",
    "MIDDLEWARE",
    "SYSMETA_SLO_ETAG",
    "SYSMETA_SLO_SIZE",
    "Piece",
    "handle",
    "info",
    "invoke",
    "ranged_response",
    "stream_pieces",
    "subcall",
]

#: slo's defaults (`max_manifest_segments`, `max_manifest_size`, `yield_frequency`).
MAX_MANIFEST_SEGMENTS = 1000
MAX_MANIFEST_SIZE = 8 * 1024 * 1024
YIELD_FREQUENCY = 10
#: Where the SLO's etag and size are kept on the manifest (title-cased sysmeta).
SYSMETA_SLO_ETAG = "X-Object-Sysmeta-Slo-Etag"
SYSMETA_SLO_SIZE = "X-Object-Sysmeta-Slo-Size"
_SLO = "X-Static-Large-Object"
_MAX_DEPTH = 10
_TOKENS = ("X-Auth-Token", "X-Storage-Token", "X-Service-Token")
_RESERVED = ("X-Static-Large-Object is a reserved header. To create a static large object "
             "add query param multipart-manifest=put.")


# -- subrequests (shared with dlo) ----------------------------------------------------------


def subcall(call: Call, method: str, container: str, obj: str | None, *,
            params: Mapping[str, str] | None = None,
            headers: Mapping[str, str] | None = None) -> Call:
    """A subrequest as the caller (`make_subrequest`): same identity and token, another
    path, method, query and headers."""
    sub = Call.__new__(Call)
    for slot in Call.__slots__:
        setattr(sub, slot, getattr(call, slot))
    sub.method = method
    sub.container = container
    sub.obj = obj
    sub.params = dict(params or {})
    sub.headers = {k: v for k, v in call.headers.items() if k in _TOKENS}
    sub.headers.update(headers or {})
    sub.listing_type = "application/json" if obj is None else ""
    return sub


def invoke(app: App, call: Call) -> FakeResponse:
    """`app(call)`, an error raised on the way rendered as the response it stands for."""
    try:
        return app(call)
    except HTTPError as err:
        return err.render(call.req)


def _read(resp: FakeResponse) -> bytes:
    body = resp.body
    return body if isinstance(body, bytes) else b"".join(body)


def _chunks(body: bytes | Any) -> Iterator[bytes]:
    if isinstance(body, bytes):
        if body:
            yield body
    else:
        yield from body


@dataclass(frozen=True, slots=True)
class Piece:
    """Bytes `first..last` (inclusive) of one segment object, and what it must still be
    (`etag`, `size`: None checks nothing)."""

    container: str
    obj: str
    first: int
    last: int
    etag: str | None = None
    size: int | None = None
    whole: bool = False


def _fetch(call: Call, app: App, piece: Piece) -> FakeResponse | None:
    """GET one piece as the caller; None when it failed or no longer matches (Swift's
    `SegmentError`: `Object segment no longer valid`)."""
    headers = {} if piece.whole else {"Range": f"bytes={piece.first}-{piece.last}"}
    resp = invoke(app, subcall(call, "GET", piece.container, piece.obj, headers=headers))
    if resp.status not in (200, 206):
        return None
    if piece.etag and schema.normalize_etag(resp.header("Etag") or "") != piece.etag:
        return None
    if piece.size is not None:
        total = resp.header("Content-Range") or ""
        size = int(total.rpartition("/")[2]) if total else int(
            resp.header("Content-Length") or -1)
        if size != piece.size:
            return None
    return resp


def stream_pieces(call: Call, app: App,
                  pieces: Iterator[Piece | bytes]) -> FakeResponse | Iterator[bytes]:
    """The body of a large object: each piece fetched as the body is read, under the
    cloud's lock (one at a time, so memory stays at one segment's slice); inline `bytes`
    pieces are yielded as they are. The first piece is fetched now: a failure there is the
    409 Swift answers (`validate_first_segment`); a later one ends the body early.

    Returns:
        A 409 response, or the body.
    """
    try:
        first = next(pieces, None)
    except SwiftError:
        return FakeResponse(409, default_body(409), [("Content-Type", HTML)])
    resp: FakeResponse | None = None
    if isinstance(first, Piece):
        resp = _fetch(call, app, first)
        if resp is None:
            return FakeResponse(409, default_body(409), [("Content-Type", HTML)])
    return _stream(call, app, first, resp, pieces)


def _stream(call: Call, app: App, first: Piece | bytes | None, resp: FakeResponse | None,
            pieces: Iterator[Piece | bytes]) -> Iterator[bytes]:
    lock = call.req.cloud.lock
    if first is None:
        return
    if isinstance(first, bytes):
        yield first
    elif resp is not None:
        yield from _chunks(resp.body)
    while True:
        with lock:
            try:
                piece = next(pieces, None)
            except SwiftError:
                return
            if piece is None:
                return
            if isinstance(piece, bytes):
                data: bytes | Any = piece
            else:
                got = _fetch(call, app, piece)
                if got is None:
                    return
                data = got.body
        yield from _chunks(data)


def ranged_response(call: Call, headers: list[tuple[str, str]], size: int,
                    body_for: Callable[[list[tuple[int, int]]], FakeResponse | Iterator[bytes]],
                    content_type: str, etag: str) -> FakeResponse:
    """A large object's GET answer (swob's `conditional_response` over its body): 200,
    one range 206, several `multipart/byteranges`, none satisfiable 416.

    Args:
        call: The GET.
        headers: The object's headers, without `Content-Length`.
        size: The object's length.
        body_for: The body of some `(start, stop)` spans, or an error response.
        content_type: The object's type (each part's, in a multipart answer).
        etag: The object's etag (for the multipart boundary).
    """
    wanted = call.headers.get("Range")
    spans = schema.parse_ranges(wanted, size) if wanted else None
    if spans is not None and not spans:
        body = default_body(416)
        return FakeResponse(416, body, [*headers, ("Content-Range", f"bytes */{size}"),
                                        ("Content-Length", str(len(body)))])
    if not spans or not size:
        got = body_for([(0, size)])
        if isinstance(got, FakeResponse):
            return got
        return FakeResponse(200, got, [*headers, ("Content-Length", str(size))])
    if len(spans) == 1:
        start, stop = spans[0]
        got = body_for(spans)
        if isinstance(got, FakeResponse):
            return got
        return FakeResponse(206, got, [*headers,
                                       ("Content-Range", f"bytes {start}-{stop - 1}/{size}"),
                                       ("Content-Length", str(stop - start))])
    boundary = hashlib.md5(f"{etag}{wanted}".encode(), usedforsecurity=False).hexdigest()
    ctype = content_type.encode("latin-1", "replace")
    heads = [b"".join([b"--", boundary.encode(), b"\r\nContent-Type: ", ctype, b"\r\n",
                       f"Content-Range: bytes {a}-{b - 1}/{size}\r\n\r\n".encode()])
             for a, b in spans]
    tail = b"--" + boundary.encode() + b"--"
    length = sum(len(h) + (b - a) + 2 for h, (a, b) in zip(heads, spans, strict=True))
    length += len(tail)
    bodies = []
    for span in spans:
        got = body_for([span])
        if isinstance(got, FakeResponse):
            return got
        bodies.append(got)

    def parts() -> Iterator[bytes]:
        for head, body in zip(heads, bodies, strict=True):
            yield head
            yield from body
            yield b"\r\n"
        yield tail

    out = [(k, v) for k, v in headers if k != "Content-Type"]
    out.insert(0, ("Content-Type", "multipart/byteranges;boundary=" + boundary))
    out.append(("Content-Length", str(length)))
    return FakeResponse(206, parts(), out)


# -- the manifest ---------------------------------------------------------------------------


def _is_slo(headers: Mapping[str, str]) -> bool:
    return schema.is_true(headers.get(_SLO))


def _peek(call: Call) -> StoredObject | None:
    holder = call.model.find_container(call.account, call.container or "")
    return holder.objects.get(call.obj or "") if holder is not None else None


def _segment_length(seg: Mapping[str, Any]) -> int:
    if "data" in seg:
        return len(base64.b64decode(seg["data"]))
    if seg.get("range"):
        first, last = (int(x) for x in str(seg["range"]).split("-"))
        return last - first + 1
    return int(seg["bytes"])


def _slo_etag(segments: list[dict[str, Any]]) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    for seg in segments:
        if "data" in seg:
            part = hashlib.md5(base64.b64decode(seg["data"]), usedforsecurity=False).hexdigest()
        elif seg.get("range"):
            part = f"{seg['hash']}:{seg['range']};"
        else:
            part = seg["hash"]
        digest.update(part.encode("ascii"))
    return digest.hexdigest()


def _split(name: str) -> tuple[str, str]:
    container, _, obj = name.lstrip("/").partition("/")
    return container, obj


def _parse_manifest(body: bytes) -> list[dict[str, Any]]:
    try:
        segments = json.loads(body)
    except ValueError:
        raise SwiftError(500, "Unable to load SLO manifest") from None
    if not isinstance(segments, list):
        raise SwiftError(500, "Unable to load SLO manifest")
    return segments


def _sub_manifest(call: Call, app: App, name: str) -> list[dict[str, Any]]:
    container, obj = _split(name)
    resp = invoke(app, subcall(call, "GET", container, obj,
                               params={"multipart-manifest": "get"}))
    if resp.status != 200:
        raise SwiftError(409)
    return _parse_manifest(_read(resp))


def _pieces(call: Call, app: App, segments: list[dict[str, Any]], first: int, last: int,
            depth: int = 1) -> Iterator[Piece | bytes]:
    """`_byterange_listing_iterator`: the pieces of bytes `first..last` (inclusive)."""
    for seg in segments:
        length = _segment_length(seg)
        if first >= length:
            first -= length
            last -= length
            continue
        if last < 0:
            return
        if "data" in seg:
            data = base64.b64decode(seg["data"])
            yield data[max(0, first):min(length - 1, last) + 1]
        else:
            start, end = 0, length - 1
            if seg.get("range"):
                start, end = (int(x) for x in str(seg["range"]).split("-"))
            lo, hi = max(0, first) + start, min(end, start + last)
            if seg.get("sub_slo"):
                if depth >= _MAX_DEPTH:
                    raise SwiftError(409)
                yield from _pieces(call, app, _sub_manifest(call, app, seg["name"]),
                                   lo, hi, depth + 1)
            elif hi >= lo:
                container, obj = _split(seg["name"])
                whole = not seg.get("range") and lo == 0 and hi == int(seg["bytes"]) - 1
                yield Piece(container, obj, lo, hi, seg.get("hash"),
                            int(seg["bytes"]), whole)
        first -= length
        last -= length


def _slo_get(call: Call, app: App) -> FakeResponse:
    """GET/HEAD of what may be a manifest (`handle_slo_get_or_head`)."""
    strip = ("Range", "If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since")
    plain = {k: v for k, v in call.headers.items() if k not in strip}
    source = subcall(call, "GET", call.container or "", call.obj, params=call.params,
                     headers=plain)
    resp = app(source)
    if resp.status != 200 or not _is_slo(dict(resp.headers)):
        return app(call) if resp.status == 200 else _as_method(call, resp)
    got = dict(resp.headers)
    manifest_etag = got.get("Etag", "")
    segments: list[dict[str, Any]] | None = None
    try:
        size = int(got.get(SYSMETA_SLO_SIZE, ""))
        etag = got[SYSMETA_SLO_ETAG]
    except (KeyError, ValueError):
        segments = _parse_manifest(_read(resp))
        size = sum(_segment_length(s) for s in segments)
        etag = _slo_etag(segments)
    headers = [(k, v) for k, v in resp.headers
               if k not in ("Content-Length", "Etag", "Content-Range")
               and not k.startswith("X-Object-Sysmeta-")]
    headers += [("Etag", f'"{etag}"'), ("X-Manifest-Etag", manifest_etag)]
    found = StoredObject(call.obj or "", b"", etag, "", 0, {}, None)
    obj = _peek(call)
    found.meta_timestamp = obj.meta_timestamp if obj is not None else 0
    condition = schema.conditional_status(call.headers, found)
    if condition == 304:
        return FakeResponse(304, b"", [*headers, ("Content-Length", "0")])
    if condition:
        return FakeResponse(condition, b"", [*views.object_failure_headers(headers),
                                             ("Content-Length", "0")])
    if call.method == "HEAD":
        return FakeResponse(200, b"", [*headers, ("Content-Length", str(size))])
    if segments is None:
        segments = _parse_manifest(_read(resp))

    def body_for(spans: list[tuple[int, int]]) -> FakeResponse | Iterator[bytes]:
        start, stop = spans[0]
        return stream_pieces(call, app, _pieces(call, app, segments or [], start, stop - 1))

    return ranged_response(call, headers, size, body_for, got.get("Content-Type", ""), etag)


def _as_method(call: Call, resp: FakeResponse) -> FakeResponse:
    if call.method == "HEAD":
        resp.body = b""
    return resp


def _manifest_get(call: Call, app: App) -> FakeResponse:
    """`?multipart-manifest=get` (and `&format=raw`) of a manifest; anything else as is."""
    resp = app(call)
    if resp.status != 200 or not _is_slo(dict(resp.headers)):
        return resp
    headers = [(k, v) for k, v in resp.headers if not k.startswith("X-Object-Sysmeta-")]
    if schema.get_param(call.params, "format") != "raw":
        headers = [(k, v) for k, v in headers if k != "Content-Type"]
        headers.insert(0, ("Content-Type", "application/json; charset=utf-8"))
        return FakeResponse(200, resp.body, headers)
    raw: list[dict[str, Any]] = []
    for seg in _parse_manifest(_read(resp)):
        if "data" not in seg:
            seg = {k: v for k, v in seg.items()
                   if k not in ("content_type", "last_modified", "sub_slo")}
            seg["path"] = seg.pop("name", None)
            seg["size_bytes"] = seg.pop("bytes", None)
            seg["etag"] = seg.pop("hash", None)
        raw.append(seg)
    body = json.dumps(raw, sort_keys=True).encode("utf-8")
    headers = [(k, v) for k, v in headers if k not in ("Content-Length", "Etag")]
    headers += [("Content-Length", str(len(body))),
                ("Etag", hashlib.md5(body, usedforsecurity=False).hexdigest())]
    return FakeResponse(200, b"" if call.method == "HEAD" else body, headers)


# -- PUT ------------------------------------------------------------------------------------


def _index_errors(parsed: list[Any], req_path: str) -> list[str]:
    """`parse_and_validate_input`'s per-index checks, normalizing what it accepts."""
    errors: list[str] = []
    for index, seg in enumerate(parsed):
        if not isinstance(seg, dict):
            errors.append(f"Index {index}: not a JSON object")
            continue
        kind = "data" if "data" in seg else ("path" if "path" in seg else None)
        if kind is None:
            errors.append(f"Index {index}: expected keys to include one of b'data' or "
                          "b'path'")
            continue
        allowed = {"data"} if kind == "data" else {"path", "range", "etag", "size_bytes"}
        extra = sorted(k for k in seg if k not in allowed)
        if extra:
            errors.append(f"Index {index}: extraneous keys "
                          + ", ".join(json.dumps(k) for k in extra))
            continue
        if kind == "data":
            try:
                data = base64.b64decode(seg["data"], validate=True)
            except (binascii.Error, TypeError, ValueError):
                errors.append(f"Index {index}: data must be valid base64")
                continue
            if not data:
                errors.append(f"Index {index}: too small; each segment must be at least "
                              "1 byte.")
                continue
            seg["data"] = base64.b64encode(data).decode("ascii")
            continue
        error = _path_error(seg, index, len(parsed), req_path)
        if error:
            errors.append(error)
    if parsed and all(isinstance(s, dict) and "data" in s for s in parsed):
        errors.append("Inline data segments require at least one object-backed segment.")
    return errors


def _path_error(seg: dict[str, Any], index: int, count: int, req_path: str) -> str | None:
    if not isinstance(seg["path"], str):
        return f'Index {index}: "path" must be a string'
    if not (seg.get("etag") is None or isinstance(seg["etag"], str)):
        return f'Index {index}: "etag" must be a string or null (if provided)'
    if "/" not in seg["path"].strip("/"):
        return (f"Index {index}: path does not refer to an object. Path must be of the "
                "form /container/object.")
    size = seg.get("size_bytes")
    if size is not None:
        try:
            size = seg["size_bytes"] = int(size)
        except (TypeError, ValueError):
            return f"Index {index}: invalid size_bytes"
        if size < 1 and index != count - 1:
            return f"Index {index}: too small; each segment must be at least 1 byte."
    if "/" + seg["path"].lstrip("/") == req_path:
        return f"Index {index}: manifest must not include itself as a segment"
    if seg.get("range"):
        spans = _range_spans(str(seg["range"]), size)
        if spans is None:
            return f"Index {index}: invalid range"
        if spans == "multiple":
            return f"Index {index}: multiple ranges (only one allowed)"
        if spans == "unsatisfiable":
            return f"Index {index}: unsatisfiable range"
    return None


def _range_spans(value: str, size: int | None) -> str | None:
    """A segment's `range` (`swob.Range`): None when invalid, else `ok`, `multiple` or
    `unsatisfiable` (for the size given)."""
    probe = schema.parse_ranges("bytes=" + value, 1 << 62)
    if probe is None:
        return None
    if "," in value:
        return "multiple"
    if size is not None and len(schema.parse_ranges("bytes=" + value, size) or []) != 1:
        return "unsatisfiable"
    return "ok"


def _out_type(call: Call, default: str | None) -> str | None:
    try:
        return schema.best_match(call.headers.get("Accept"), schema.LISTING_TYPES) or default
    except ValueError:
        return default


def _manifest_put(call: Call, app: App) -> FakeResponse:
    """`handle_multipart_put`."""
    if call.headers.get("X-Copy-From"):
        raise SwiftError(405, "Multipart Manifest PUTs cannot be COPY requests")
    length = call.headers.get("Content-Length")
    if length is None and not is_chunked(call):
        raise SwiftError(411)
    too_big = f"Manifest File > {MAX_MANIFEST_SIZE} bytes"
    if length is not None and int(length) > MAX_MANIFEST_SIZE:
        raise SwiftError(413, too_big)
    stream = call.req.environ.get("wsgi.input")
    limit = MAX_MANIFEST_SIZE + 1 if length is None else min(int(length), MAX_MANIFEST_SIZE + 1)
    body = stream.read(limit) if stream is not None and limit else b""
    if len(body) > MAX_MANIFEST_SIZE:
        raise SwiftError(413, too_big)
    try:
        parsed = json.loads(body)
    except ValueError:
        raise SwiftError(400, "Manifest must be valid JSON.\n") from None
    if not isinstance(parsed, list):
        raise SwiftError(400, "Manifest must be a list.\n")
    req_path = f"/{call.container}/{call.obj}"
    errors = _index_errors(parsed, req_path)
    if errors:
        raise SwiftError(400, "".join(e + "\n" for e in errors), content_type="text/plain")
    if sum("path" in s for s in parsed) > MAX_MANIFEST_SEGMENTS:
        raise SwiftError(413, "Number of object-backed segments must be "
                              f"<= {MAX_MANIFEST_SEGMENTS}")
    out_type = _out_type(call, "text/plain") or "text/plain"
    stored, total, problems = _check_segments(call, app, parsed)
    if problems:
        body = views.bulk_body(out_type, {}, problems, "upload")
        return FakeResponse(400, body, [("Content-Type", out_type),
                                        ("Content-Length", str(len(body)))])
    slo_etag = _slo_etag(stored)
    sent = schema.normalize_etag(call.headers.get("Etag", ""))
    if sent and sent != slo_etag:
        raise SwiftError(422)
    return _store_manifest(call, app, stored, slo_etag, total)


def _check_segments(call: Call, app: App, parsed: list[dict[str, Any]]
                    ) -> tuple[list[dict[str, Any]], int, list[list[str]]]:
    """HEAD each segment once, as the caller, and check it (`validate_seg_dict`)."""
    heads: dict[str, FakeResponse] = {}
    for seg in parsed:
        if "path" in seg and seg["path"] not in heads:
            container, obj = _split(seg["path"])
            sub = subcall(call, "HEAD", container, obj)
            heads[seg["path"]] = invoke(lambda c: handle(c, app), sub)
    problems: list[list[str]] = []
    stored: list[dict[str, Any]] = []
    total = 0
    for index, seg in enumerate(parsed):
        if "data" in seg:
            stored.append(seg)
            total += len(base64.b64decode(seg["data"]))
            continue
        name = seg["path"]
        resp = heads[name]
        quoted = quote(name)
        if resp.status >= 300:
            problems.append([quoted, status_line(resp.status)])
            stored.append({})
            continue
        size = int(resp.header("Content-Length") or 0)
        length = size
        if seg.get("range"):
            spans = schema.parse_ranges("bytes=" + str(seg["range"]), size)
            if not spans:
                problems.append([quoted, "Unsatisfiable Range"])
                seg.pop("range")
            elif spans == [(0, size)]:
                seg.pop("range")
            else:
                seg["range"] = f"{spans[0][0]}-{spans[0][1] - 1}"
                length = spans[0][1] - spans[0][0]
        if length < 1 and index != len(parsed) - 1:
            problems.append([quoted, "Too small; each segment must be at least 1 byte."])
        if seg.get("size_bytes") is not None and seg["size_bytes"] != size:
            problems.append([quoted, "Size Mismatch"])
        etag = schema.normalize_etag(resp.header("Etag") or "")
        if seg.get("etag") is not None and seg["etag"] != etag:
            problems.append([quoted, "Etag Mismatch"])
        modified = resp.header("Last-Modified")
        when = parsedate_to_datetime(modified) if modified else None
        row: dict[str, Any] = {
            "name": "/" + name.lstrip("/"), "bytes": size, "hash": etag,
            "content_type": (resp.header("Content-Type") or "").split(";")[0],
            "last_modified": when.strftime("%Y-%m-%dT%H:%M:%S.%f") if when else ""}
        if seg.get("range"):
            row["range"] = seg["range"]
        if _is_slo(dict(resp.headers)):
            row["sub_slo"] = True
        stored.append(row)
        total += length
    return stored, total, problems


def _store_manifest(call: Call, app: App, stored: list[dict[str, Any]], slo_etag: str,
                    total: int) -> FakeResponse:
    """The manifest PUT to the rest of the pipeline, then its sysmeta and listing row."""
    data = json.dumps(stored).encode("utf-8")
    headers = {k: v for k, v in call.headers.items()
               if k not in ("Transfer-Encoding", "Etag", "Content-Length")}
    headers["Content-Length"] = str(len(data))
    headers["Etag"] = hashlib.md5(data, usedforsecurity=False).hexdigest()
    sink = subcall(call, "PUT", call.container or "", call.obj, headers=headers)
    sink.headers = headers
    sink.params = {k: v for k, v in call.params.items() if k != "multipart-manifest"}
    call.req.environ["wsgi.input"] = BytesIO(data)
    resp = app(sink)
    if resp.status >= 300:
        return resp
    obj = _peek(call)
    if obj is not None:
        _mark(obj, slo_etag, total)
    resp.headers = [(k, f'"{slo_etag}"' if k == "Etag" else v) for k, v in resp.headers]
    return resp


def _mark(obj: StoredObject, slo_etag: str, total: int) -> None:
    """Make a stored object the manifest of an SLO: its sysmeta and its listing row (the
    container's `swift_bytes` size and `slo_etag`, as slo's `handle_container_listing`
    shows them)."""
    obj.headers[_SLO] = "True"
    obj.headers[SYSMETA_SLO_ETAG] = slo_etag
    obj.headers[SYSMETA_SLO_SIZE] = str(total)
    obj.listing_row = json.dumps({
        "bytes": total, "hash": obj.etag, "name": obj.name,
        "content_type": obj.content_type, "last_modified": ts_iso(obj.meta_timestamp),
        "slo_etag": f'"{slo_etag}"'})


# -- DELETE ---------------------------------------------------------------------------------


def _segments_to_delete(call: Call, app: App) -> Iterator[dict[str, Any]]:
    """`get_segments_to_delete_iter`: segments first, each manifest after its own."""
    pending: list[dict[str, Any]] = [{"sub_slo": True,
                                      "name": f"/{call.container}/{call.obj}"}]
    while pending:
        if len(pending) > MAX_MANIFEST_SEGMENTS * 10:
            raise SwiftError(400, "Too many buffered slo segments to delete.")
        seg = pending.pop(0)
        if "data" in seg:
            continue
        if seg.get("sub_slo"):
            try:
                pending.extend(_manifest_segments(call, app, seg["name"]))
            except SwiftError as err:
                seg["error"] = {"code": err.status, "message": err.body or ""}
            seg["sub_slo"] = False
            pending.append(seg)
        else:
            yield seg


def _manifest_segments(call: Call, app: App, name: str) -> list[dict[str, Any]]:
    """`get_slo_segments`."""
    container, obj = _split(name)
    resp = invoke(app, subcall(call, "GET", container, obj,
                               params={"multipart-manifest": "get"}))
    if 200 <= resp.status < 300:
        if not _is_slo(dict(resp.headers)):
            raise SwiftError(400, "Not an SLO manifest")
        try:
            return list(json.loads(_read(resp)))
        except ValueError:
            raise SwiftError(500, "Unable to load SLO manifest") from None
    if resp.status == 404:
        raise SwiftError(404, "SLO manifest not found")
    if resp.status == 401:
        raise SwiftError(401, "401 Unauthorized")
    raise SwiftError(500, "Unable to load SLO manifest or segment.")


def _manifest_delete(call: Call, app: App) -> FakeResponse:
    """`handle_multipart_delete`: a bulk delete of the segments, then the manifest."""
    if schema.is_true(call.params.get("async")):
        return _async_delete(call, app)
    out_type = _out_type(call, None)
    summary: dict[str, Any] = {"Response Status": "200 OK", "Response Body": "",
                               "Number Deleted": 0, "Number Not Found": 0}
    failed: list[list[str]] = []
    try:
        if not out_type:
            raise SwiftError(406)
        failed_type = 400
        for seg in _segments_to_delete(call, app):
            name = seg["name"]
            if seg.get("error"):
                if seg["error"]["code"] == 404:
                    summary["Number Not Found"] += 1
                else:
                    failed.append([quote(name), seg["error"]["message"]])
                continue
            container, obj = _split(name)
            status = invoke(app, subcall(call, "DELETE", container, obj)).status
            if status < 300:
                summary["Number Deleted"] += 1
            elif status == 404:
                summary["Number Not Found"] += 1
            else:
                failed_type = 502 if status >= 500 else failed_type
                failed.append([quote(name), status_line(status)])
        if failed:
            summary["Response Status"] = status_line(failed_type)
        elif not (summary["Number Deleted"] or summary["Number Not Found"]):
            summary["Response Status"] = status_line(400)
            summary["Response Body"] = "Invalid bulk delete."
    except SwiftError as err:
        summary["Response Status"] = status_line(err.status)
        summary["Response Body"] = err.body or ""
    body = views.bulk_body(out_type, summary, failed, "delete")
    return FakeResponse(200, body, [("Content-Type", out_type or HTML)])


def _async_delete(call: Call, app: App) -> FakeResponse:
    """`handle_async_delete`: one container of plain segments, deleted at once (the fake's
    expirer), then the manifest's own DELETE."""
    segments = [s for s in _manifest_segments(call, app, f"/{call.container}/{call.obj}")
                if "data" not in s]
    containers = {_split(s["name"])[0] for s in segments}
    if len(containers) > 1:
        listed = ", ".join(f'"{quote(c)}"' for c in containers)
        raise SwiftError(400, f"All segments must be in one container. Found segments in "
                              f"{listed}")
    if any(s.get("sub_slo") for s in segments):
        raise SwiftError(400, "No segments may be large objects.")
    for seg in segments:
        container, obj = _split(seg["name"])
        status = invoke(app, subcall(call, "DELETE", container, obj)).status
        if status in (401, 403):
            raise SwiftError(403) if status == 403 else SwiftError(401)
    return app(call)


# -- the middleware -------------------------------------------------------------------------


def _post(call: Call, app: App) -> FakeResponse:
    """A POST keeps a manifest a manifest (sysmeta outlives metadata changes)."""
    before = _peek(call)
    kept = None
    if before is not None and _is_slo(before.headers):
        kept = (before.headers.get(SYSMETA_SLO_ETAG, ""),
                int(before.headers.get(SYSMETA_SLO_SIZE, "0") or 0))
    resp = app(call)
    after = _peek(call)
    if kept is not None and resp.status < 300 and after is not None:
        _mark(after, *kept)
    return resp


def handle(call: Call, app: App) -> FakeResponse:
    """The slo middleware's `__call__`: manifest PUT, GET/HEAD, DELETE and POST; every
    other request passes on."""
    if call.obj is None:
        return app(call)
    mode = call.params.get("multipart-manifest")
    if call.method == "PUT" and mode == "put":
        return _manifest_put(call, app)
    if call.method == "DELETE" and mode == "delete":
        return _manifest_delete(call, app)
    if call.method in ("GET", "HEAD"):
        if mode == "get":
            return _manifest_get(call, app)
        found = _peek(call)
        if found is None or not _is_slo(found.headers):
            return app(call)
        return _slo_get(call, app)
    if _SLO in call.headers:
        raise SwiftError(400, _RESERVED)
    if call.method == "POST":
        return _post(call, app)
    return app(call)


def info(model: ObjectStorageModel) -> Mapping[str, Any]:
    """`/info`'s `slo`: 2.38's defaults."""
    return {"slo": {"max_manifest_segments": MAX_MANIFEST_SEGMENTS,
                    "max_manifest_size": MAX_MANIFEST_SIZE,
                    "yield_frequency": YIELD_FREQUENCY, "min_segment_size": 1,
                    "allow_async_delete": True}}


#: The slo middleware.
MIDDLEWARE = Middleware(name="slo", handle=handle, info=info)
