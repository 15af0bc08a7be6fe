"""Large-object requests: segmented upload (SLO or DLO), manifest download, delete with the
segments. Each call sends several requests, as python-swiftclient's `SwiftService.upload`
and `delete` do, one at a time."""

from __future__ import annotations

import hashlib
import io
import json
import os
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias
from urllib.parse import unquote

from stackdouble.client._errors import HTTPError, InvalidInput, StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.objectstorage.v1 import containers, objects
from stackdouble.client.openstack.objectstorage.v1._swift import (
    ETagMismatch,
    HeaderReader,
    check_container_name,
    check_object_name,
    metadata_headers,
    to_wire,
)
from stackdouble.client.openstack.objectstorage.v1.largeobjects import urls
from stackdouble.client.openstack.objectstorage.v1.largeobjects.results import (
    DeleteResult,
    DeleteSummary,
    LargeObject,
    ManifestResult,
    Segment,
    UploadResult,
    summary_from_bulk,
)

__all__ = ["DeleteOpts", "Source", "UploadOpts", "delete", "get_manifest", "upload"]

#: What `upload` reads: a file's path, a binary file, bytes, or an iterable of bytes.
Source: TypeAlias = "str | os.PathLike[str] | io.IOBase | bytes | Iterable[bytes]"

#: How much is read from the source at a time (a segment streams in blocks of this size).
_BLOCK = 1024 * 1024


@dataclass(frozen=True, slots=True, kw_only=True)
class UploadOpts:
    """How `upload` segments an object.

    Attributes:
        segment_size: Bytes per segment (the last may be shorter). Swift refuses objects
            over 5 GiB (`/info`'s `max_file_size`); SLO segments must be ≥ 1 byte.
        use_slo: A static large object (a JSON manifest with each segment's ETag and size,
            `?multipart-manifest=put`), as `swift upload --use-slo`; False for a dynamic
            one (a zero-byte manifest with `X-Object-Manifest: <container>/<prefix>`).
        segment_container: Where the segments go; `<container>_segments` by default,
            created (with the container's storage policy) when missing.
        content_type: The large object's `Content-Type`.
        metadata: Its custom metadata (`X-Object-Meta-<name>`).
        leave_segments: Keep the segments of the object this upload replaces (swiftclient's
            `--leave-segments`); by default they are deleted once the new manifest is in.
        mtime: The timestamp in the segment names and in `X-Object-Meta-Mtime`: by default
            the file's modification time, or now (rounded) for other sources.
        verify: Check the SLO manifest's ETag (the MD5 of the segment ETags) against
            Swift's answer. Each segment's MD5 is always checked.
    """

    segment_size: int
    use_slo: bool = True
    segment_container: str | None = None
    content_type: str | None = None
    metadata: Mapping[str, str] | None = None
    leave_segments: bool = False
    mtime: float | None = None
    verify: bool = True

    def manifest_headers(self, mtime: str) -> dict[str, str]:
        """The headers of the manifest's PUT (or of a plain object's).

        Raises:
            InvalidInput: A value that cannot be sent.
        """
        headers = metadata_headers("Object", self.metadata)
        headers["X-Object-Meta-Mtime"] = mtime
        if self.content_type is not None:
            headers["Content-Type"] = to_wire(self.content_type, "content_type")
        return headers


@dataclass(slots=True)
class _Opened:
    """The source opened for reading: `read(n)`, its size when known, its mtime."""

    read: Any
    size: int | None
    mtime: float | None
    close: Any = field(default=None)


def _open(source: Any) -> _Opened:
    if isinstance(source, (str, os.PathLike)):
        fileobj = open(source, "rb")  # noqa: SIM115 (closed by `upload`)
        stat = os.fstat(fileobj.fileno())
        return _Opened(fileobj.read, stat.st_size, stat.st_mtime, fileobj.close)
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = io.BytesIO(source)
        return _Opened(data.read, len(source), None)
    if hasattr(source, "read"):
        if isinstance(source, io.TextIOBase):
            raise InvalidInput("content is a text file: open it in binary mode", "content")
        size = None
        try:
            if source.seekable():
                here = source.tell()
                size = source.seek(0, os.SEEK_END) - here
                source.seek(here)
        except (AttributeError, OSError, ValueError):
            size = None
        return _Opened(source.read, size, None)
    if isinstance(source, Mapping) or not hasattr(source, "__iter__"):
        raise InvalidInput(
            f"content must be a path, a binary file, bytes or an iterable of bytes, not "
            f"{type(source).__name__}", "content")
    return _Opened(_IterReader(iter(source)).read, None, None)


class _IterReader:
    """`read(n)` over an iterator of byte chunks, holding at most one chunk."""

    __slots__ = ("_chunks", "_pending")

    def __init__(self, chunks: Iterator[Any]) -> None:
        self._chunks = chunks
        self._pending = b""

    def read(self, size: int) -> bytes:
        while not self._pending:
            chunk = next(self._chunks, None)
            if chunk is None:
                return b""
            if not isinstance(chunk, (bytes, bytearray, memoryview)):
                raise InvalidInput(
                    f"content chunks must be bytes, not {type(chunk).__name__}", "content")
            self._pending = bytes(chunk)
        if len(self._pending) <= size:
            out, self._pending = self._pending, b""
            return out
        out, self._pending = self._pending[:size], self._pending[size:]
        return out


class _Segmenter:
    """Cuts the source into segments streamed in blocks: memory is one block, not one
    segment. `at_end()` reads one block ahead to tell whether any bytes are left."""

    __slots__ = ("_ahead", "_read", "sent")

    def __init__(self, read: Any) -> None:
        self._read = read
        self._ahead = b""
        self.sent = 0

    def at_end(self) -> bool:
        if not self._ahead:
            block = self._read(_BLOCK)
            if not isinstance(block, (bytes, bytearray, memoryview)):
                raise InvalidInput("content is a text file: open it in binary mode", "content")
            self._ahead = bytes(block)
        return not self._ahead

    def segment(self, size: int, counter: list[int]) -> Iterator[bytes]:
        """Up to `size` bytes, block by block; `counter[0]` ends as the bytes yielded."""
        left = size
        while left > 0:
            if self._ahead:
                block, self._ahead = self._ahead, b""
                if len(block) > left:
                    block, self._ahead = block[:left], block[left:]
            else:
                block = self._read(min(_BLOCK, left))
                if not block:
                    return
                if not isinstance(block, bytes):
                    block = bytes(block)
            left -= len(block)
            counter[0] += len(block)
            self.sent += len(block)
            yield block


def upload(
    client: ServiceClient,
    container: str,
    object_name: str,
    content: Source,
    opts: UploadOpts,
) -> UploadResult:
    """Upload a large object in segments, streamed, then its manifest.

    As `swift upload --segment-size` (python-swiftclient's `SwiftService.upload`): the
    segments go to `<container>_segments` (or `opts.segment_container`) named
    `<name>/slo/<mtime>/<size>/<segment_size>/<index:08d>` (SLO) or
    `<name>/<mtime>/<size>/<segment_size>/<index:08d>` (DLO); a source whose size is not
    known beforehand (an iterator, a pipe) leaves `<size>/` out, as swiftclient does for
    streams. Each segment streams in 1 MiB blocks with its MD5 checked against Swift's
    ETag, so memory stays at one block whatever the segment size. Then the manifest: for an
    SLO, a JSON list of each segment's path, ETag and size (`?multipart-manifest=put`),
    whose ETag (the MD5 of the segments' ETags) is checked; for a DLO, a zero-byte object
    with `X-Object-Manifest`. A file or seekable source that fits in one segment is
    uploaded as a plain object (a stream always makes segments: its size is not known
    until it ends).

    If an object of that name already was a large object, its old segments are deleted
    once the new manifest is in (unless `leave_segments`), those the new manifest reuses
    excepted.

    Args:
        client: An Object Storage client.
        container: The object's container; it must exist (else `NotFound`, before any
            segment is sent).
        object_name: The object's name.
        content: A file's path, a binary file (read from where it stands), bytes, or an
            iterable of bytes.
        opts: The segment size and the rest; a bad option becomes the result's error.

    Returns:
        An UploadResult; `extract()` gives the `LargeObject`. A failure stops the upload
        where it happened: segments sent before it stay in the segment container.

    Example (a 10 KiB object in 4 KiB segments, as a dynamic large object):
        >>> from stackdouble.client.openstack.objectstorage.v1 import largeobjects
        >>> data = io.BytesIO(bytes(10 * 1024))  # or a path: "big.iso"
        >>> opts = largeobjects.UploadOpts(segment_size=4096, use_slo=False)
        >>> big = largeobjects.upload(storage, "photos", "big.iso", data, opts).extract()
        >>> big.kind, big.size, [s.size_bytes for s in big.segments]
        ('dlo', 10240, [4096, 4096, 2048])
        >>> big.segments[0].path  # doctest: +ELLIPSIS
        'photos_segments/big.iso/....000000/10240/4096/00000000'
    """
    opened: _Opened | None = None
    try:
        check_container_name(container)
        check_object_name(object_name)
        size = opts.segment_size
        if isinstance(size, bool) or not isinstance(size, int) or size < 1:
            raise InvalidInput(f"segment_size must be a whole number of bytes ≥ 1, not "
                               f"{size!r}", "segment_size")
        segment_container = opts.segment_container or f"{container}_segments"
        check_container_name(segment_container)
        opened = _open(content)
        mtime = "%f" % (opts.mtime if opts.mtime is not None else
                        opened.mtime if opened.mtime is not None else round(time.time()))
        headers = opts.manifest_headers(mtime)
        return _Upload(client, container, object_name, segment_container, opts,
                       opened, mtime, headers).run()
    except StackdoubleError as exc:
        return UploadResult.from_error(exc)
    finally:
        if opened is not None and opened.close is not None:
            opened.close()


class _Upload:
    """The steps of one `upload`; each raises the error that ends it."""

    def __init__(self, client: ServiceClient, container: str, name: str,
                 segment_container: str, opts: UploadOpts, opened: _Opened, mtime: str,
                 headers: dict[str, str]) -> None:
        self.client = client
        self.container = container
        self.name = name
        self.segment_container = segment_container
        self.opts = opts
        self.opened = opened
        self.mtime = mtime
        self.headers = headers
        self.stream = _Segmenter(opened.read)

    def run(self) -> UploadResult:
        policy = containers.get(self.client, self.container).extract().storage_policy
        old = None if self.opts.leave_segments else _old_segments(
            self.client, self.container, self.name)
        size = self.opened.size
        if (size is not None and size <= self.opts.segment_size) or (
                size is None and self.stream.at_end()):
            result, made = self.plain()
        else:
            self.ensure_segment_container(policy)
            segments = self.segments()
            result, made = self.slo(segments) if self.opts.use_slo else self.dlo(segments)
        if old is not None:
            keep = {segment.path for segment in made.segments}
            made.removed_segments, made.leftover_segments = _remove(
                self.client, [path for path in old.paths(self.client) if path not in keep])
        return UploadResult(made, result.headers, result.status)

    def plain(self) -> tuple[objects.CreateResult, LargeObject]:
        counter = [0]
        result = objects.create(self.client, self.container, self.name,
                                self.stream.segment(self.opts.segment_size, counter),
                                _Headers(self.headers))
        etag = result.extract().etag
        return result, LargeObject(container=self.container, name=self.name, kind="object",
                                   etag=etag, size=counter[0])

    def ensure_segment_container(self, policy: str | None) -> None:
        found = containers.get(self.client, self.segment_container)
        if isinstance(found.err, HTTPError) and found.err.status == 404:
            opts = containers.CreateOpts(storage_policy=policy)
            containers.create(self.client, self.segment_container, opts).extract_err()
        else:
            found.extract_err()

    def prefix(self) -> str:
        size = "" if self.opened.size is None else f"{self.opened.size}/"
        kind = "slo/" if self.opts.use_slo else ""
        return f"{self.name}/{kind}{self.mtime}/{size}{self.opts.segment_size}/"

    def segments(self) -> list[Segment]:
        prefix = self.prefix()
        made: list[Segment] = []
        while not self.stream.at_end():
            name = f"{prefix}{len(made):08d}"
            counter = [0]
            result = objects.create(self.client, self.segment_container, name,
                                    self.stream.segment(self.opts.segment_size, counter))
            made.append(Segment(container=self.segment_container, name=name,
                                etag=result.extract().etag, size_bytes=counter[0]))
        return made

    def slo(self, segments: list[Segment]) -> tuple[objects.CreateResult, LargeObject]:
        body = json.dumps([s.to_manifest_entry() for s in segments]).encode("utf-8")
        url = urls.manifest_put_url(self.client, self.container, self.name)
        result = objects.CreateResult.request(self.client, "PUT", url, data=body,
                                              headers=self.headers, ok_codes=(201,))
        received = result.extract().etag
        expected = hashlib.md5("".join(s.etag or "" for s in segments).encode("ascii"),
                               usedforsecurity=False).hexdigest()
        if self.opts.verify and received != expected:
            raise ETagMismatch(method="PUT", url=url, status=result.status,
                               headers=result.headers, expected_etag=expected,
                               received_etag=received)
        return result, LargeObject(
            container=self.container, name=self.name, kind="slo", etag=received,
            size=sum(s.size_bytes for s in segments), segment_container=self.segment_container,
            segments=segments)

    def dlo(self, segments: list[Segment]) -> tuple[objects.CreateResult, LargeObject]:
        opts = _Headers(self.headers, object_manifest=f"{self.segment_container}/{self.prefix()}")
        result = objects.create(self.client, self.container, self.name, None, opts)
        result.extract_err()
        return result, LargeObject(
            container=self.container, name=self.name, kind="dlo", etag=None,
            size=sum(s.size_bytes for s in segments), segment_container=self.segment_container,
            segments=segments)


class _Headers:
    """A `CreateOptsBuilder` of ready headers (and an `X-Object-Manifest`)."""

    __slots__ = ("_headers", "_manifest")

    def __init__(self, headers: Mapping[str, str], object_manifest: str | None = None) -> None:
        self._headers = headers
        self._manifest = object_manifest

    def to_object_create_map(self) -> dict[str, str]:
        headers = dict(self._headers)
        if self._manifest is not None:
            headers.update(objects.CreateOpts(object_manifest=self._manifest)
                           .to_object_create_map())
        return headers


@dataclass(slots=True)
class _OldSegments:
    """The segments of the large object an upload replaces or a delete removes."""

    kind: str
    slo_paths: list[str]
    dlo_manifest: str | None

    def paths(self, client: ServiceClient) -> list[str]:
        if self.dlo_manifest is None:
            return self.slo_paths
        container, _, prefix = self.dlo_manifest.partition("/")
        listing = objects.list(client, container, objects.ListOpts(prefix=prefix))
        return [f"{container}/{name}" for name in listing.items()]


def _old_segments(client: ServiceClient, container: str, name: str) -> _OldSegments | None:
    """What the object `name` is now (a symlink not followed); None when it is missing."""
    result = objects.GetResult.request(client, "HEAD", urls.object_head_url(
        client, container, name), ok_codes=(200, 204))
    if isinstance(result.err, HTTPError) and result.err.status == 404:
        return None
    read = HeaderReader(result.extract_header())
    manifest = read.raw("X-Object-Manifest")
    if manifest is not None:
        return _OldSegments("dlo", [], unquote(manifest))
    if read.flag("X-Static-Large-Object"):
        segments = get_manifest(client, container, name).extract()
        return _OldSegments("slo", [s.path for s in segments], None)
    return _OldSegments("object", [], None)


def _remove(client: ServiceClient, paths: list[str]) -> tuple[list[str], list[str]]:
    """Delete segments one by one; a missing one counts as deleted (swiftclient's rule)."""
    removed: list[str] = []
    left: list[str] = []
    for path in paths:
        container, _, name = path.partition("/")
        err = objects.delete(client, container, name).err
        if err is None or (isinstance(err, HTTPError) and err.status == 404):
            removed.append(path)
        else:
            left.append(path)
    return removed, left


def get_manifest(client: ServiceClient, container: str, object_name: str) -> ManifestResult:
    """Download a static large object's manifest (`GET ?multipart-manifest=get`), parsed.

    Returns:
        A ManifestResult; `extract()` gives the `Segment`s in order. An object that is not
        a static large object surfaces there as `UnexpectedBody`; a missing one as
        `NotFound`.

    Example:
        >>> from stackdouble.client.openstack.objectstorage.v1 import largeobjects
        >>> opts = largeobjects.UploadOpts(segment_size=2)
        >>> _ = largeobjects.upload(storage, "photos", "abc", iter([b"abc"]), opts).extract()
        >>> [s.size_bytes for s in largeobjects.get_manifest(storage, "photos", "abc").extract()]
        [2, 1]
    """
    try:
        check_container_name(container)
        check_object_name(object_name)
    except StackdoubleError as exc:
        return ManifestResult.from_error(exc)
    return ManifestResult.request(client, "GET", urls.manifest_get_url(
        client, container, object_name), headers={"Accept": "application/json"},
        ok_codes=(200,))


@dataclass(frozen=True, slots=True, kw_only=True)
class DeleteOpts:
    """How `delete` deletes.

    Attributes:
        leave_segments: Delete only the manifest (or object), not the segments.
    """

    leave_segments: bool = False


def delete(
    client: ServiceClient, container: str, object_name: str, opts: DeleteOpts | None = None
) -> DeleteResult:
    """Delete an object and, if it is a large object, its segments (`swift delete`).

    The object is read first (`HEAD ?symlink=get`): a static large object is deleted with
    `?multipart-manifest=delete` (Swift deletes the segments and answers a bulk summary); a
    dynamic one's manifest is deleted, then each object under its `X-Object-Manifest`
    prefix; any other object is deleted as is.

    Returns:
        A DeleteResult; `extract()` gives the `DeleteSummary`. A missing object is
        `NotFound` there.

    Example:
        >>> from stackdouble.client.openstack.objectstorage.v1 import largeobjects
        >>> opts = largeobjects.UploadOpts(segment_size=2, use_slo=False)
        >>> _ = largeobjects.upload(storage, "photos", "abc", b"abc", opts).extract()
        >>> largeobjects.delete(storage, "photos", "abc").extract()
        DeleteSummary(kind='dlo', segments_deleted=2, errors=())
    """
    leave = opts is not None and opts.leave_segments
    try:
        check_container_name(container)
        check_object_name(object_name)
        old = _old_segments(client, container, object_name)
        kind = "object" if old is None else old.kind
        if old is not None and old.kind == "slo" and not leave:
            result = DeleteResult.request(client, "DELETE", urls.manifest_delete_url(
                client, container, object_name), headers={"Accept": "application/json"},
                ok_codes=(200,))
            if result.err is not None:
                return result
            return DeleteResult(summary_from_bulk(result.body), result.headers, result.status)
        done = objects.delete(client, container, object_name)
        done.extract_err()
        summary = DeleteSummary(kind=kind)
        if old is not None and old.kind == "dlo" and not leave:
            removed, left = _remove(client, old.paths(client))
            summary = DeleteSummary(kind="dlo", segments_deleted=len(removed),
                                    errors=tuple((path, "not deleted") for path in left))
        return DeleteResult(summary, done.headers, done.status)
    except StackdoubleError as exc:
        return DeleteResult.from_error(exc)
