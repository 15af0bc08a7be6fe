"""Swift object requests: list, create (streamed upload), download (streamed), get, update,
copy, delete, bulk delete, and temporary URLs."""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import math
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, TypeAlias
from urllib.parse import quote, unquote, urlsplit

from stackdouble.client._errors import HTTPError, InvalidInput, StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.objectstorage.v1._swift import (
    BulkDeleteResult,
    ETagMismatch,
    HeaderReader,
    accept_for_query,
    bulk_delete_body,
    check_container_name,
    check_object_name,
    epoch_seconds,
    http_date,
    listing_query,
    metadata_headers,
    quote_name,
    quote_path,
    split_path,
    to_wire,
)
from stackdouble.client.openstack.objectstorage.v1.accounts.urls import account_url
from stackdouble.client.openstack.objectstorage.v1.objects import urls
from stackdouble.client.openstack.objectstorage.v1.objects.results import (
    CopyResult,
    CreateResult,
    DeleteResult,
    DownloadResult,
    FormPost,
    GetResult,
    ObjectPage,
    UpdateResult,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "TEMP_URL_DIGESTS",
    "Content",
    "CopyOpts",
    "CopyOptsBuilder",
    "CreateOpts",
    "CreateOptsBuilder",
    "DeleteOpts",
    "DownloadOpts",
    "DownloadOptsBuilder",
    "GetOpts",
    "GetOptsBuilder",
    "ListOpts",
    "ListOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "bulk_delete",
    "copy",
    "create",
    "create_form_post",
    "create_temp_url",
    "delete",
    "download",
    "get",
    "list",
    "restore_version",
    "update",
]

#: How much of a file is read at a time to hash it or to stream it.
_BLOCK = 1024 * 1024


# --- list ------------------------------------------------------------------------------


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `objects.list` (its `format` picks the Accept)."""

    def to_object_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """What `list` lists; None fields are not sent.

    Attributes:
        full: True lists JSON rows (`format=json`: name, hash, bytes, content_type,
            last_modified; `subdir` rows with a delimiter); False lists names only as plain
            text (`Accept: text/plain`), as gophercloud's seed does. Names holding a newline
            need `full=True`.
        limit: Names per page (Swift's default and maximum: 10,000; above it, 412).
        marker: List names after this one (before it when `reverse`).
        end_marker: List names before this one.
        prefix: List names starting with this.
        delimiter: Roll names up to the first delimiter after the prefix into one `subdir`.
        path: List the objects directly under this pseudo-path (legacy; like
            `prefix=path/` with `delimiter=/`).
        reverse: List in descending order.
        versions: List every version of each object (`?versions`, object versioning), as
            JSON rows with `version_id` and `is_latest`, newest first per name; pages
            follow with `marker` and `version_marker`.
        version_marker: With `marker`, list the versions after this version of it.
    """

    full: bool = False
    limit: int | None = field(default=None, metadata={"q": "limit"})
    marker: str | None = field(default=None, metadata={"q": "marker"})
    end_marker: str | None = field(default=None, metadata={"q": "end_marker"})
    prefix: str | None = field(default=None, metadata={"q": "prefix"})
    delimiter: str | None = field(default=None, metadata={"q": "delimiter"})
    path: str | None = field(default=None, metadata={"q": "path"})
    reverse: bool | None = field(default=None, metadata={"q": "reverse"})
    versions: bool | None = field(default=None, metadata={"q": "versions"})
    version_marker: str | None = field(default=None, metadata={"q": "version_marker"})

    def to_object_list_query(self) -> str:
        """The query string, `format=json` first when `full` or `versions`.

        Example:
            >>> ListOpts(full=True, prefix="photos/", delimiter="/").to_object_list_query()
            '?format=json&prefix=photos%2F&delimiter=%2F'

        Raises:
            InvalidInput: A bad limit or name, or a `version_marker` without `marker`.
        """
        if self.version_marker is not None and self.marker is None:
            raise InvalidInput("version_marker needs marker", "version_marker")
        return listing_query(self, self.full or bool(self.versions))


def list(
    client: ServiceClient, container: str, opts: ListOptsBuilder | None = None
) -> Pager[ObjectPage]:
    """List a container's objects (`GET /v1/{account}/{container}`), page by page.

    Each next page repeats the query with `marker=<last name or subdir>`; the walk ends on
    an empty page (a 204 for text, `[]` for JSON).

    Args:
        client: An Object Storage client.
        container: The container's name.
        opts: Paging, filters and the format; None lists every name as text.

    Returns:
        A Pager of `ObjectPage`; nothing is sent until it is iterated. Read pages with
        `extract_names` or `extract_info`; `items()` yields names (text) or `Object` rows
        (JSON). A bad name or option surfaces as the first page's error.
    """
    try:
        check_container_name(container)
        query = opts.to_object_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, ObjectPage)
    return Pager(client, urls.list_url(client, container) + query, ObjectPage,
                 headers={"Accept": accept_for_query(query)})


# --- create ----------------------------------------------------------------------------


class CreateOptsBuilder(Protocol):
    """Anything that renders the headers of `objects.create`.

    A builder may also have a true `no_etag` attribute to skip the MD5 check.
    """

    def to_object_create_map(self) -> dict[str, str]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """A new object's settings; None fields are not sent.

    Attributes:
        content_type: `Content-Type` (Swift guesses one from the name when absent).
        metadata: Custom metadata (`X-Object-Meta-<name>`).
        etag: The content's MD5, sent as `ETag` so that Swift refuses other bytes (422).
            When None, the client computes it: before sending for bytes and seekable
            files (and sends it), while sending for iterators (and checks Swift's answer).
        no_etag: Neither send nor check an MD5.
        content_disposition: `Content-Disposition`.
        content_encoding: `Content-Encoding` (stored as is; the bytes are not encoded).
        delete_after: Seconds until Swift expires the object (`X-Delete-After`).
        delete_at: When Swift expires the object: Unix seconds or a datetime (`X-Delete-At`).
        copy_from: `container/object` to copy instead of uploading (`X-Copy-From`).
        copy_from_account: The account `copy_from` is in (`X-Copy-From-Account`).
        detect_content_type: Let Swift pick the type from the name (`X-Detect-Content-Type`).
        if_none_match: `*` to fail with 412 when the object exists (`If-None-Match`).
        object_manifest: `container/prefix` of a dynamic large object's segments
            (`X-Object-Manifest`).
        symlink_target: `container/object` to make this object a symlink to
            (`X-Symlink-Target`; the content must be empty). GET and HEAD then follow it.
        symlink_target_account: The account the target is in (`X-Symlink-Target-Account`).
        symlink_target_etag: The target's ETag, making a static link that Swift checks when
            it is written and read (`X-Symlink-Target-Etag`; 409 when they differ).
    """

    content_type: str | None = None
    metadata: Mapping[str, str] | None = None
    etag: str | None = None
    no_etag: bool = False
    content_disposition: str | None = None
    content_encoding: str | None = None
    delete_after: int | None = None
    delete_at: int | datetime | None = None
    copy_from: str | None = None
    copy_from_account: str | None = None
    detect_content_type: bool = False
    if_none_match: str | None = None
    object_manifest: str | None = None
    symlink_target: str | None = None
    symlink_target_account: str | None = None
    symlink_target_etag: str | None = None

    def to_object_create_map(self) -> dict[str, str]:
        """The request headers.

        Raises:
            InvalidInput: A value that cannot be sent, or contradictory options.
        """
        if self.etag is not None and self.no_etag:
            raise InvalidInput("etag and no_etag contradict each other", "no_etag")
        headers = metadata_headers("Object", self.metadata)
        headers.update(_object_headers(self))
        if self.etag is not None:
            headers["ETag"] = to_wire(self.etag.strip('"').lower(), "etag")
        if self.copy_from is not None:
            headers["X-Copy-From"] = quote_path(*split_path(self.copy_from, "copy_from"))
        if self.copy_from_account is not None:
            headers["X-Copy-From-Account"] = to_wire(self.copy_from_account, "copy_from_account")
        if self.if_none_match is not None:
            headers["If-None-Match"] = to_wire(self.if_none_match, "if_none_match")
        if self.object_manifest is not None:
            container, _, prefix = self.object_manifest.lstrip("/").partition("/")
            check_container_name(container)
            headers["X-Object-Manifest"] = f"{quote_name(container)}/{quote(prefix, safe='')}"
        headers.update(_symlink_headers(self))
        return headers


def _symlink_headers(opts: CreateOpts) -> dict[str, str]:
    """`X-Symlink-Target` (quoted as Swift unquotes it), its account and ETag."""
    headers: dict[str, str] = {}
    if opts.symlink_target is not None:
        headers["X-Symlink-Target"] = quote_path(
            *split_path(opts.symlink_target, "symlink_target"))[1:]
    elif opts.symlink_target_account is not None or opts.symlink_target_etag is not None:
        raise InvalidInput("a symlink's account or ETag needs symlink_target", "symlink_target")
    if opts.symlink_target_account is not None:
        headers["X-Symlink-Target-Account"] = quote_name(opts.symlink_target_account)
    if opts.symlink_target_etag is not None:
        headers["X-Symlink-Target-Etag"] = to_wire(opts.symlink_target_etag.strip('"'),
                                                   "symlink_target_etag")
    return headers


def _object_headers(opts: CreateOpts | UpdateOpts) -> dict[str, str]:
    headers: dict[str, str] = {}
    for header, name, value in (
        ("Content-Type", "content_type", opts.content_type),
        ("Content-Disposition", "content_disposition", opts.content_disposition),
        ("Content-Encoding", "content_encoding", opts.content_encoding),
    ):
        if value is not None:
            headers[header] = to_wire(value, name)
    if opts.delete_after is not None:
        after = opts.delete_after
        if isinstance(after, bool) or not isinstance(after, int) or after < 0:
            raise InvalidInput(f"delete_after must be whole seconds ≥ 0, not {after!r}",
                               "delete_after")
        headers["X-Delete-After"] = str(after)
    if opts.delete_at is not None:
        headers["X-Delete-At"] = str(epoch_seconds(opts.delete_at, "delete_at"))
    if opts.detect_content_type:
        headers["X-Detect-Content-Type"] = "true"
    return headers


#: What `objects.create` uploads: bytes, a binary file, or an iterable of bytes chunks.
Content: TypeAlias = bytes | bytearray | memoryview | io.IOBase | Iterable[bytes] | None


class _Upload:
    """The body of a PUT as requests will send it, and the MD5 of what it sent."""

    __slots__ = ("_digest", "data", "known_md5")

    def __init__(self, data: Any, known_md5: str | None, digest: Any = None) -> None:
        self.data = data
        self.known_md5 = known_md5  # known before sending: sent as ETag
        self._digest = digest  # updated while sending

    def md5(self) -> str | None:
        if self.known_md5 is not None:
            return self.known_md5
        return None if self._digest is None else str(self._digest.hexdigest())

    @classmethod
    def prepare(cls, content: Any, *, hash_it: bool) -> _Upload:
        """Check the content and decide how it travels.

        Bytes go as they are; a seekable binary file is hashed first (then rewound) and
        streamed with a Content-Length, so the provider may send it again after a 401;
        anything else iterable is streamed with chunked transfer encoding and hashed as it
        goes (and cannot be sent again).
        """
        if content is None:
            return cls(None, _md5_hex(b"") if hash_it else None)
        if isinstance(content, str):
            raise InvalidInput("content is text: encode it to bytes first", "content")
        if isinstance(content, (bytes, bytearray, memoryview)):
            data = content if isinstance(content, bytes) else bytes(content)
            return cls(data, _md5_hex(data) if hash_it else None)
        if hasattr(content, "read"):
            if isinstance(content, io.TextIOBase):
                raise InvalidInput("content is a text file: open it in binary mode", "content")
            if _seekable(content):
                return cls(content, _hash_file(content) if hash_it else None)
            digest = _new_md5() if hash_it else None
            return cls(_stream(_read_blocks(content), digest), None, digest)
        if isinstance(content, Mapping) or not hasattr(content, "__iter__"):
            raise InvalidInput(
                "content must be bytes, a binary file or an iterable of bytes, not "
                f"{type(content).__name__}",
                "content",
            )
        digest = _new_md5() if hash_it else None
        return cls(_stream(iter(content), digest), None, digest)


def _new_md5() -> Any:
    return hashlib.md5(usedforsecurity=False)


def _md5_hex(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


def _seekable(fileobj: Any) -> bool:
    try:
        return bool(fileobj.seekable()) and fileobj.tell() >= 0
    except (AttributeError, OSError, ValueError):
        return False


def _hash_file(fileobj: Any) -> str:
    start = fileobj.tell()
    digest = _new_md5()
    while True:
        block = fileobj.read(_BLOCK)
        if not block:
            break
        if not isinstance(block, (bytes, bytearray, memoryview)):
            raise InvalidInput("content is a text file: open it in binary mode", "content")
        digest.update(block)
    fileobj.seek(start)
    return str(digest.hexdigest())


def _read_blocks(fileobj: Any) -> Iterator[bytes]:
    while True:
        block = fileobj.read(_BLOCK)
        if not block:
            return
        yield block


def _stream(chunks: Iterator[Any], digest: Any) -> Iterator[bytes]:
    """Chunks for chunked transfer: bytes only, none empty (that would end the body)."""
    for chunk in chunks:
        if not isinstance(chunk, bytes):
            if not isinstance(chunk, (bytearray, memoryview)):
                raise InvalidInput(
                    f"content chunks must be bytes, not {type(chunk).__name__}", "content"
                )
            chunk = bytes(chunk)
        if not chunk:
            continue
        if digest is not None:
            digest.update(chunk)
        yield chunk


def create(
    client: ServiceClient,
    container: str,
    object_name: str,
    content: Content = None,
    opts: CreateOptsBuilder | None = None,
) -> CreateResult:
    """Upload an object, or replace one (`PUT`), streaming its content.

    Bytes are sent as they are. A binary file is streamed from where it stands: if it is
    seekable it is hashed first and sent with its length (and sent again, rewound, if the
    token must be renewed); otherwise it is read in blocks with chunked transfer encoding.
    An iterable of bytes is streamed with chunked transfer encoding, never held whole; it
    cannot be replayed, so a 401 or 503 on such an upload is not retried.

    The MD5 of the content is sent as `ETag` when it is known beforehand (Swift then refuses
    other bytes with 422) and compared with the ETag Swift answers; either mismatch becomes
    an `ETagMismatch` in the result.

    Args:
        client: An Object Storage client.
        container: The container's name; it must exist (else `NotFound`).
        object_name: The object's name: any UTF-8, `/` included (at most 1024 bytes).
        content: Bytes, a binary file, or an iterable of bytes; None for an empty object
            or with `CreateOpts(copy_from=...)`.
        opts: Type, metadata, expiry, copy source...; a bad option becomes the result's
            error.

    Returns:
        A CreateResult; `extract()` gives `CreateHeaders` (the stored ETag among them).
    """
    try:
        check_container_name(container)
        check_object_name(object_name)
        headers = dict(opts.to_object_create_map()) if opts is not None else {}
        lowered = {key.lower(): value for key, value in headers.items()}
        copying = "x-copy-from" in lowered
        if copying and content is not None:
            raise InvalidInput("an object copied with copy_from takes no content", "content")
        checked = not (copying or "x-object-manifest" in lowered or getattr(opts, "no_etag", False))
        given = lowered.get("etag")
        upload = _Upload.prepare(content, hash_it=checked and given is None)
        if upload.known_md5 is not None:
            headers["ETag"] = upload.known_md5
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    url = urls.create_url(client, container, object_name)
    result = CreateResult.request(client, "PUT", url, data=upload.data, headers=headers,
                                  ok_codes=(201,))
    if not checked:
        return result
    sent = given.lower() if given is not None else upload.md5()
    return _check_etag(result, url, sent, sent_as_header=given is not None
                       or upload.known_md5 is not None)


def _check_etag(result: CreateResult, url: str, md5: str | None,
                *, sent_as_header: bool) -> CreateResult:
    err = result.err
    if err is not None:
        if sent_as_header and md5 is not None and isinstance(err, HTTPError) and err.status == 422:
            mismatch = ETagMismatch(method="PUT", url=url, status=422, expected_etag=md5,
                                    received_etag=None, body=err.body, headers=err.headers)
            mismatch.__cause__ = err
            result.err = mismatch
        return result
    received = HeaderReader(result.headers).etag()
    if md5 is not None and received is not None and received.lower() != md5:
        result.err = ETagMismatch(method="PUT", url=url, status=result.status,
                                  headers=result.headers, expected_etag=md5,
                                  received_etag=received)
    return result


# --- download --------------------------------------------------------------------------


class DownloadOptsBuilder(Protocol):
    """Anything that renders the headers and query of `objects.download`."""

    def to_object_download_params(self) -> tuple[dict[str, str], str]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class DownloadOpts:
    """Conditions and ranges for `download`; None fields are not sent.

    Attributes:
        range: `Range`, e.g. `bytes=0-99`, `bytes=-500` (the last 500), `bytes=100-`;
            Swift answers 206 with those bytes, or 416 when none lie in the object.
        if_match: `If-Match`: an ETag; any other gives 412.
        if_none_match: `If-None-Match`: an ETag (or `*`); a match gives 304, no content.
        if_modified_since: `If-Modified-Since`; unmodified gives 304.
        if_unmodified_since: `If-Unmodified-Since`; modified since gives 412.
        newest: Ask every replica and answer from the newest (`X-Newest: true`).
        multipart_manifest: `get` to download a static large object's manifest itself.
        version_id: Download this version (`?version-id=`, object versioning).
        symlink_get: Download a symlink itself (empty), not its target (`?symlink=get`).
    """

    range: str | None = None
    if_match: str | None = None
    if_none_match: str | None = None
    if_modified_since: datetime | None = None
    if_unmodified_since: datetime | None = None
    newest: bool = False
    multipart_manifest: str | None = field(default=None, metadata={"q": "multipart-manifest"})
    version_id: str | None = None
    symlink_get: bool = False

    def to_object_download_params(self) -> tuple[dict[str, str], str]:
        """The request headers and query string.

        Raises:
            InvalidInput: A range that is not a `bytes=` range.
        """
        headers: dict[str, str] = {}
        if self.range is not None:
            if not self.range.lower().startswith("bytes="):
                raise InvalidInput(f"range must be a bytes= range, not {self.range!r}", "range")
            headers["Range"] = to_wire(self.range, "range")
        for header, name, value in (
            ("If-Match", "if_match", self.if_match),
            ("If-None-Match", "if_none_match", self.if_none_match),
        ):
            if value is not None:
                headers[header] = to_wire(value, name)
        if self.if_modified_since is not None:
            headers["If-Modified-Since"] = http_date(self.if_modified_since)
        if self.if_unmodified_since is not None:
            headers["If-Unmodified-Since"] = http_date(self.if_unmodified_since)
        if self.newest:
            headers["X-Newest"] = "true"
        params = _object_query(self.version_id, self.symlink_get)
        if self.multipart_manifest is not None:
            params = (f"multipart-manifest={quote(self.multipart_manifest, safe='')}", *params)
        return headers, _query_string(params)


def _object_query(version_id: str | None, symlink_get: bool) -> tuple[str, ...]:
    """`version-id=<id>` and `symlink=get`, as query parameters."""
    version = () if version_id is None else (
        f"version-id={quote(to_wire(version_id, 'version_id'), safe='')}",)
    return version + (("symlink=get",) if symlink_get else ())


def _query_string(params: Sequence[str]) -> str:
    """`?a&b` from query parameters, or empty for none."""
    return "?" + "&".join(params) if params else ""


def download(
    client: ServiceClient,
    container: str,
    object_name: str,
    opts: DownloadOptsBuilder | None = None,
) -> DownloadResult:
    """Download an object (`GET`), leaving its content on the connection until read.

    Args:
        client: An Object Storage client.
        container: The container's name.
        object_name: The object's name.
        opts: Range and conditions; a bad option becomes the result's error.

    Returns:
        A DownloadResult: `extract()` gives `ObjectHeaders` at once; the content is read
        with `iter_content()`, `read_into(file)` or `extract_content()`. A 304 (a condition
        not met) is a success without content (`not_modified`); a failed `If-Match` is
        `PreconditionFailed` and a range outside the object `RangeNotSatisfiable`.
    """
    try:
        check_container_name(container)
        check_object_name(object_name)
        headers, query = opts.to_object_download_params() if opts is not None else ({}, "")
    except StackdoubleError as exc:
        return DownloadResult.from_error(exc)
    url = urls.download_url(client, container, object_name) + query
    try:
        response = client.request("GET", url, headers=headers, ok_codes=(200, 206, 304),
                                  stream=True)
    except StackdoubleError as exc:
        return DownloadResult.from_error(exc)
    return DownloadResult.from_stream(response, url)


# --- get, update, delete ---------------------------------------------------------------


class GetOptsBuilder(Protocol):
    """Anything that renders the headers of `objects.get`."""

    def to_object_get_map(self) -> dict[str, str]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class GetOpts:
    """Options for `get`.

    Attributes:
        newest: Ask every replica and answer from the newest (`X-Newest: true`).
        version_id: Describe this version (`?version-id=`, object versioning).
        symlink_get: Describe a symlink itself, its target in `symlink_target`,
            `symlink_target_account` and `symlink_target_etag` (`?symlink=get`).
    """

    newest: bool = False
    version_id: str | None = None
    symlink_get: bool = False

    def to_object_get_map(self) -> dict[str, str]:
        """The request headers."""
        return {"X-Newest": "true"} if self.newest else {}

    def to_object_get_query(self) -> str:
        """The query string (empty, or `?version-id=...&symlink=get`)."""
        return _query_string(_object_query(self.version_id, self.symlink_get))


def get(
    client: ServiceClient, container: str, object_name: str, opts: GetOptsBuilder | None = None
) -> GetResult:
    """Get an object's headers and metadata without its content (`HEAD`).

    A builder may also have a `to_object_get_query()` giving the query (`GetOpts` has).

    Returns:
        A GetResult: `extract()` gives `ObjectHeaders`, `extract_metadata()` the custom
        metadata; a missing object is `NotFound` there.
    """
    try:
        check_container_name(container)
        check_object_name(object_name)
        headers = opts.to_object_get_map() if opts is not None else {}
        to_query = getattr(opts, "to_object_get_query", None)
        query = str(to_query()) if to_query is not None else ""
    except StackdoubleError as exc:
        return GetResult.from_error(exc)
    return GetResult.request(client, "HEAD", urls.get_url(client, container, object_name)
                             + query, headers=headers, ok_codes=(200, 204))


class UpdateOptsBuilder(Protocol):
    """Anything that renders the headers of `objects.update`."""

    def to_object_update_map(self) -> dict[str, str]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """What `update` sets. Swift replaces *all* of an object's custom metadata on POST:
    metadata not sent is removed.

    Attributes:
        metadata: The object's custom metadata, complete.
        remove_metadata: Names to remove (`X-Remove-Object-Meta-<name>`).
        content_type: A new `Content-Type`.
        content_disposition: A new `Content-Disposition`.
        content_encoding: A new `Content-Encoding`.
        delete_after: Seconds until Swift expires the object.
        delete_at: When Swift expires the object.
        remove_delete_at: Cancel a scheduled expiry (`X-Remove-Delete-At`).
        detect_content_type: Let Swift pick the type from the name.
    """

    metadata: Mapping[str, str] | None = None
    remove_metadata: Sequence[str] = ()
    content_type: str | None = None
    content_disposition: str | None = None
    content_encoding: str | None = None
    delete_after: int | None = None
    delete_at: int | datetime | None = None
    remove_delete_at: bool = False
    detect_content_type: bool = False

    def to_object_update_map(self) -> dict[str, str]:
        """The request headers.

        Raises:
            InvalidInput: A value that cannot be sent, or an expiry both set and removed.
        """
        headers = metadata_headers("Object", self.metadata, self.remove_metadata)
        headers.update(_object_headers(self))
        if self.remove_delete_at:
            if self.delete_at is not None or self.delete_after is not None:
                raise InvalidInput("the expiry is both set and removed", "remove_delete_at")
            headers["X-Remove-Delete-At"] = "remove"
        return headers


def update(
    client: ServiceClient,
    container: str,
    object_name: str,
    opts: UpdateOptsBuilder | None = None,
) -> UpdateResult:
    """Set an object's metadata (`POST`); Swift answers 202.

    Returns:
        An UpdateResult; a missing object is `NotFound` there.
    """
    try:
        check_container_name(container)
        check_object_name(object_name)
        headers = opts.to_object_update_map() if opts is not None else {}
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "POST", urls.update_url(client, container, object_name),
                                headers=headers, ok_codes=(201, 202, 204))


@dataclass(frozen=True, slots=True, kw_only=True)
class DeleteOpts:
    """Options for `delete`.

    Attributes:
        version_id: Delete this version only (`?version-id=`, object versioning); the
            object's other versions, and its current one unless this is it, stay.
    """

    version_id: str | None = None

    def to_object_delete_query(self) -> str:
        """The query string (empty, or `?version-id=...`)."""
        return _query_string(_object_query(self.version_id, False))


def delete(client: ServiceClient, container: str, object_name: str,
           opts: DeleteOpts | None = None) -> DeleteResult:
    """Delete an object (`DELETE`); Swift answers 204, or 404 (`NotFound`) if it is missing.

    In a container with versioning on, this leaves a delete marker as the newest version;
    `DeleteOpts(version_id=...)` removes one version for good.
    """
    try:
        check_container_name(container)
        check_object_name(object_name)
        query = opts.to_object_delete_query() if opts is not None else ""
    except StackdoubleError as exc:
        return DeleteResult.from_error(exc)
    return DeleteResult.request(client, "DELETE", urls.delete_url(client, container, object_name)
                                + query, ok_codes=(202, 204))


def restore_version(client: ServiceClient, container: str, object_name: str,
                    version_id: str) -> CreateResult:
    """Make a version the object's current one (an empty `PUT ?version-id=<id>`, object
    versioning): the object reads as that version again; no version is added, and the one
    it replaces stays listed.

    Swift answers 201 with the version's `X-Object-Version-Id` and ETag; 404 (`NotFound`)
    for a version that does not exist; 400 (`BadRequest`) for `null`, for a container that
    was never versioned, or for a delete marker's id.

    Args:
        client: An Object Storage client.
        container: A container with object versioning on, or suspended.
        object_name: The object's name.
        version_id: The version (`X-Object-Version-Id`, a `?versions` row's `version_id`).

    Returns:
        A CreateResult; `extract()` gives `CreateHeaders` (`version_id`, `etag`).
    """
    try:
        check_container_name(container)
        check_object_name(object_name)
        query = _query_string(_object_query(version_id, False))
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "PUT", urls.create_url(client, container, object_name)
                                + query, data=b"", headers={"Content-Length": "0"},
                                ok_codes=(201,))


# --- copy ------------------------------------------------------------------------------


class CopyOptsBuilder(Protocol):
    """Anything that renders the headers of `objects.copy`, `Destination` among them.

    A builder may have a `method` attribute, `"COPY"` (the default) or `"PUT"`.
    """

    def to_object_copy_map(self) -> dict[str, str]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CopyOpts:
    """Where and how `copy` copies; None fields are not sent.

    Attributes:
        destination: `container/object` (a leading `/` allowed) to copy to.
        destination_account: Another account to copy into (`Destination-Account`; COPY).
        metadata: Custom metadata, merged over the source's unless `fresh_metadata`.
        content_type: A new `Content-Type`.
        content_disposition: A new `Content-Disposition`.
        content_encoding: A new `Content-Encoding`.
        fresh_metadata: Drop the source's metadata (`X-Fresh-Metadata: true`).
        method: `COPY` on the source with `Destination`, or `PUT` on the destination
            with `X-Copy-From`; Swift does the same either way.
    """

    destination: str
    destination_account: str | None = None
    metadata: Mapping[str, str] | None = None
    content_type: str | None = None
    content_disposition: str | None = None
    content_encoding: str | None = None
    fresh_metadata: bool = False
    method: str = "COPY"

    def to_object_copy_map(self) -> dict[str, str]:
        """The request headers, `Destination` quoted as Swift unquotes it.

        Raises:
            InvalidInput: A destination that is not `container/object`, or another bad value.
        """
        if self.method not in ("COPY", "PUT"):
            raise InvalidInput(f"method must be COPY or PUT, not {self.method!r}", "method")
        headers = metadata_headers("Object", self.metadata)
        headers["Destination"] = quote_path(*split_path(self.destination, "destination"))
        if self.destination_account is not None:
            if self.method == "PUT":
                raise InvalidInput("destination_account needs method COPY",
                                   "destination_account")
            headers["Destination-Account"] = to_wire(self.destination_account,
                                                     "destination_account")
        for header, name, value in (
            ("Content-Type", "content_type", self.content_type),
            ("Content-Disposition", "content_disposition", self.content_disposition),
            ("Content-Encoding", "content_encoding", self.content_encoding),
        ):
            if value is not None:
                headers[header] = to_wire(value, name)
        if self.fresh_metadata:
            headers["X-Fresh-Metadata"] = "true"
        return headers


def copy(
    client: ServiceClient, container: str, object_name: str, opts: CopyOptsBuilder
) -> CopyResult:
    """Copy an object inside Swift, without downloading it.

    With `method="COPY"` (the default) this sends `COPY` to the source with a `Destination`
    header; with `method="PUT"` a zero-length `PUT` to the destination with `X-Copy-From`.

    Returns:
        A CopyResult; `extract()` gives `CreateHeaders` with `copied_from` set. A missing
        source is `NotFound`.
    """
    try:
        check_container_name(container)
        check_object_name(object_name)
        headers = dict(opts.to_object_copy_map())
        method = str(getattr(opts, "method", "COPY")).upper()
    except StackdoubleError as exc:
        return CopyResult.from_error(exc)
    if method != "PUT":
        return CopyResult.request(client, "COPY", urls.copy_url(client, container, object_name),
                                  headers=headers, ok_codes=(201,))
    destination = next(value for key, value in headers.items() if key.lower() == "destination")
    headers = {key: value for key, value in headers.items() if key.lower() != "destination"}
    headers["X-Copy-From"] = quote_path(container, object_name)
    url = account_url(client) + destination
    return CopyResult.request(client, "PUT", url, headers=headers, ok_codes=(201,))


# --- bulk delete -----------------------------------------------------------------------


def bulk_delete(
    client: ServiceClient, container: str, object_names: Sequence[str]
) -> BulkDeleteResult:
    """Delete many objects of a container in one request (`POST /v1/{account}?bulk-delete`).

    The body lists one quoted `/container/object` per line (`text/plain`); Swift answers a
    JSON summary. It deletes at most 10,000 names per request by default.

    Returns:
        A BulkDeleteResult; `extract()` gives the `BulkDeleteResponse` (`number_deleted`,
        `number_not_found`, `errors`).
    """
    try:
        check_container_name(container)
        if isinstance(object_names, str):
            raise TypeError("bulk_delete takes a sequence of object names, not a str")
        for name in object_names:
            check_object_name(name)
        body = bulk_delete_body(quote_path(container, name) for name in object_names)
    except StackdoubleError as exc:
        return BulkDeleteResult.from_error(exc)
    return BulkDeleteResult.request(
        client, "POST", urls.bulk_delete_url(client), data=body,
        headers={"Content-Type": "text/plain", "Accept": "application/json"}, ok_codes=(200,),
    )


# --- temporary URLs --------------------------------------------------------------------

#: Digests Swift's tempurl middleware accepts (`swift/common/digest.py`); sha1 is deprecated
#: and may be refused by the cluster (`/info` lists `tempurl.allowed_digests`).
TEMP_URL_DIGESTS = ("sha1", "sha256", "sha512")

_ISO8601 = "%Y-%m-%dT%H:%M:%SZ"


def create_temp_url(
    account: ServiceClient | str,
    container: str,
    object_name: str,
    *,
    key: str,
    method: str = "GET",
    seconds: int | None = None,
    now: float | datetime | None = None,
    expires: int | datetime | None = None,
    digest: str = "sha256",
    prefix: bool = False,
    ip_range: str | None = None,
    iso8601: bool = False,
) -> str:
    """A temporary URL that lets anyone `method` an object until it expires, no token needed.

    The signature is the HMAC Swift's tempurl middleware checks (`swift/common/middleware/
    tempurl.py`, `swift/common/digest.py`): over `"<method>\\n<expires>\\n<path>"`, where
    the path is the object's unquoted path from `/v1/` on (`prefix:/v1/<account>/<container>/
    <prefix>` for a prefix URL), preceded by `"ip=<range>\\n"` when the URL is locked to
    addresses. sha1 and sha256 signatures are hex; sha512 ones are `sha512:<base64>`.

    Args:
        account: An Object Storage client, or its account URL
            (`https://swift.example/v1/AUTH_project`; any path before `/v1/` is kept in
            the URL and left out of the signature, as for a proxy mounted under a prefix).
        container: The container's name.
        object_name: The object's name, or with `prefix` the name prefix the URL grants
            (empty for the whole container).
        key: The account's or container's temp-URL key (`X-*-Meta-Temp-URL-Key`).
        method: The one method the URL allows (`GET` also allows `HEAD`).
        seconds: Lifetime from now; give this or `expires`.
        now: The time `seconds` count from: Unix seconds or a datetime (naive taken as
            UTC), as gophercloud's `CreateTempURLOpts.Timestamp`. Defaults to the wall
            clock; pass the cloud's time when it differs, as a `FakeCloud`'s clock does.
        expires: When it expires: Unix seconds or a datetime (naive taken as UTC).
        digest: `sha256` (the default), `sha512` or `sha1`.
        prefix: Sign a prefix: the URL works for every object whose name starts with
            `object_name` (`temp_url_prefix`).
        ip_range: An address or network (`192.0.2.0/24`) the URL is limited to.
        iso8601: Write the expiry as `2026-11-27T09:00:00Z` instead of Unix seconds.

    Returns:
        The absolute URL, names quoted.

    Raises:
        InvalidInput: A missing key, an unknown digest, both or neither of `seconds` and
            `expires`, `now` without `seconds`, or an account URL without `/v1/<account>`.
            Nothing is sent.

    Example:
        >>> create_temp_url("https://swift.example/v1/AUTH_demo", "docs", "report.pdf",
        ...                 key="secret", expires=1800000000)  # doctest: +ELLIPSIS
        'https://swift.example/v1/AUTH_demo/docs/report.pdf?temp_url_sig=...&temp_url_expires=1800000000'

    Example against a fake cloud whose clock is an hour ahead of the wall clock (a
    `FakeClock` moved by `advance()`, or started at a fixed time): count from its time,
    or the fake Swift finds the URL expired:

        >>> import requests
        >>> accounts.update(storage, accounts.UpdateOpts(temp_url_key="s3cr3t")).extract_err()
        >>> cloud.clock.advance(3600)
        >>> url = create_temp_url(storage, "samples", "apple", key="s3cr3t", seconds=60,
        ...                       now=cloud.clock.time())
        >>> requests.get(url).text
        'I am apple'
    """
    algorithm = _check_key_and_digest(key, digest)
    verb = method.upper()
    if not verb.isalpha() or not verb.isascii():
        raise InvalidInput(f"method {method!r} is not an HTTP method", "method")
    check_container_name(container)
    if not prefix:
        check_object_name(object_name)
    expiry = _expiry(seconds, now, expires)
    base, account_name = _account_base(account)
    path = f"/v1/{account_name}/{container}/{object_name}"
    parts = [verb, str(expiry), ("prefix:" if prefix else "") + path]
    if ip_range:
        parts.insert(0, f"ip={ip_range}")
    signature = _sign(key, "\n".join(parts), algorithm)

    shown = time.strftime(_ISO8601, time.gmtime(expiry)) if iso8601 else str(expiry)
    url = f"{base}/{quote_name(container)}/{quote_name(object_name) if object_name else ''}"
    url += f"?temp_url_sig={quote(signature, safe=':=')}&temp_url_expires={quote(shown, safe=':')}"
    if ip_range:
        url += f"&temp_url_ip_range={quote(ip_range, safe='/:')}"
    if prefix:
        url += f"&temp_url_prefix={quote(object_name, safe='')}"
    return url


def create_form_post(
    account: ServiceClient | str,
    container: str,
    prefix: str = "",
    *,
    key: str,
    max_file_size: int,
    max_file_count: int = 1,
    redirect: str = "",
    seconds: int | None = None,
    now: float | datetime | None = None,
    expires: int | datetime | None = None,
    digest: str = "sha256",
) -> FormPost:
    """The action URL and signed fields of an HTML form that uploads files into a container
    with no token (Swift's formpost middleware); no request is sent.

    The signature is the HMAC formpost checks (`swift/common/middleware/formpost.py`) over
    `"<path>\n<redirect>\n<max_file_size>\n<max_file_count>\n<expires>"`, where the path
    is the one Swift sees, `/v1/<account>/<container>/<prefix>` (unquoted; any path before
    `/v1/` in the account URL is kept in the URL and left out of the signature, as for
    `create_temp_url`). Each file lands as `<prefix><filename>`.

    Args:
        account: An Object Storage client, or its account URL.
        container: The container the files go into.
        prefix: A name prefix for the files (end it with `/` for a pseudo-directory).
        key: The account's or container's temp-URL key (`X-*-Meta-Temp-URL-Key`).
        max_file_size: The largest file, in bytes (a larger one is refused, 400).
        max_file_count: How many files one POST may carry.
        redirect: Where Swift sends the browser after the upload (303, `status` and
            `message` added to its query); empty for a plain-text answer.
        seconds: Lifetime from `now`; give this or `expires`.
        now: The time `seconds` count from (as for `create_temp_url`).
        expires: When the form expires: Unix seconds or a datetime.
        digest: `sha256` (the default), `sha512` or `sha1`.

    Returns:
        A FormPost: `url` to POST a `multipart/form-data` body to, `fields` to send before
        the files.

    Raises:
        InvalidInput: A missing key, an unknown digest, a size or count below 1, a bad
            expiry, or an account URL without `/v1/<account>`.

    Example:
        >>> form = create_form_post("https://swift.example/object-store/v1/AUTH_demo", "up",
        ...                         "in/", key="s3cr3t", max_file_size=1024,
        ...                         expires=1800000000)
        >>> form.url
        'https://swift.example/object-store/v1/AUTH_demo/up/in%2F'
        >>> sorted(form.fields)
        ['expires', 'max_file_count', 'max_file_size', 'redirect', 'signature']
    """
    algorithm = _check_key_and_digest(key, digest)
    check_container_name(container)
    for name, value in (("max_file_size", max_file_size), ("max_file_count", max_file_count)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise InvalidInput(f"{name} must be a whole number ≥ 1, not {value!r}", name)
    expiry = _expiry(seconds, now, expires)
    base, account_name = _account_base(account)
    path = f"/v1/{account_name}/{container}/{prefix}"
    message = f"{path}\n{redirect}\n{max_file_size}\n{max_file_count}\n{expiry}"
    fields = {"redirect": redirect, "max_file_size": str(max_file_size),
              "max_file_count": str(max_file_count), "expires": str(expiry),
              "signature": _sign(key, message, algorithm)}
    url = f"{base}/{quote_name(container)}/{quote_name(prefix) if prefix else ''}"
    return FormPost(url=url, fields=fields)


def _check_key_and_digest(key: str, digest: str) -> str:
    """The digest's lower-case name, once the key is given and the digest is one Swift takes.

    Raises:
        InvalidInput: An empty key or an unknown digest.
    """
    if not key:
        raise InvalidInput("a temp-URL key is required", "key")
    algorithm = digest.lower()
    if algorithm not in TEMP_URL_DIGESTS:
        raise InvalidInput(f"digest must be one of {', '.join(TEMP_URL_DIGESTS)}, not {digest!r}",
                           "digest")
    return algorithm


def _expiry(seconds: int | None, now: float | datetime | None,
            expires: int | datetime | None) -> int:
    """The expiry in Unix seconds: `expires`, or `seconds` from `now` (the wall clock).

    Raises:
        InvalidInput: Both or neither of `seconds` and `expires`, `now` without `seconds`,
            or a bad value.
    """
    if (seconds is None) == (expires is None):
        raise InvalidInput("give exactly one of seconds and expires", "expires")
    if now is not None and seconds is None:
        raise InvalidInput("now is the time seconds count from: give it with seconds", "now")
    if seconds is not None:
        if isinstance(seconds, bool) or not isinstance(seconds, int) or seconds < 0:
            raise InvalidInput(f"seconds must be whole seconds ≥ 0, not {seconds!r}", "seconds")
        return _whole_seconds(time.time() if now is None else now) + seconds
    assert expires is not None
    return epoch_seconds(expires, "expires")


def _account_base(account: ServiceClient | str) -> tuple[str, str]:
    """The account URL without a trailing slash, and the account name Swift signs.

    Raises:
        InvalidInput: An account URL whose path does not end in `/v1/<account>`.
    """
    base = account if isinstance(account, str) else account.resource_base_url()
    base = base.rstrip("/")
    return base, _signed_account(base)


def _sign(key: str, message: str, algorithm: str) -> str:
    """The HMAC of `message` as tempurl and formpost take it (`swift/common/digest.py`):
    hex for sha1 and sha256, `sha512:<url-safe base64>` for sha512."""
    mac = hmac.new(key.encode("utf-8"), message.encode("utf-8"), algorithm)
    if algorithm == "sha512":
        return "sha512:" + base64.urlsafe_b64encode(mac.digest()).decode("ascii")
    return mac.hexdigest()


def _whole_seconds(now: float | datetime) -> int:
    """`now` as whole Unix seconds, rounded down (gophercloud's `Time.Unix()`)."""
    if isinstance(now, datetime):
        return epoch_seconds(now, "now")
    if isinstance(now, bool) or not isinstance(now, (int, float)) or not math.isfinite(now):
        raise InvalidInput(f"now must be Unix seconds or a datetime, not {now!r}", "now")
    return math.floor(now)


def _signed_account(account_url_: str) -> str:
    """The account name of an account URL whose path ends in `/v1/<account>`, unquoted."""
    segments = urlsplit(account_url_).path.split("/")
    if len(segments) < 3 or segments[-2] != "v1" or not segments[-1]:
        raise InvalidInput(
            f"the account URL {account_url_!r} does not end in /v1/<account>", "account"
        )
    return unquote(segments[-1])
