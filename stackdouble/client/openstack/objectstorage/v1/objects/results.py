"""Swift object results: listing rows and pages, typed headers and the streamed download."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from urllib3.exceptions import HTTPError as _Urllib3Error

from stackdouble.client._errors import StackdoubleError, TransportError, UnexpectedBody
from stackdouble.client._resource import Resource, json_field
from stackdouble.client._results import parse_time
from stackdouble.client._streaming import DEFAULT_CHUNK_SIZE, StreamedDownload
from stackdouble.client.openstack.objectstorage.v1._swift import (
    BulkDeleteResponse,
    BulkDeleteResult,
    ETagMismatch,
    HeaderReader,
    ListingPage,
    ResponseHeaders,
    SwiftResult,
    is_plain_md5,
)
from stackdouble.client.pagination import Page, with_query

if TYPE_CHECKING:
    import requests

__all__ = [
    "BulkDeleteResponse",
    "BulkDeleteResult",
    "CopyResult",
    "CreateHeaders",
    "CreateResult",
    "DeleteResult",
    "DownloadResult",
    "ETagMismatch",
    "FormPost",
    "GetResult",
    "Object",
    "ObjectHeaders",
    "ObjectPage",
    "UpdateResult",
    "extract_info",
    "extract_names",
]

#: Bytes per chunk when a download is streamed and the caller does not say.


class Object(Resource):
    """A row of a full (JSON) container listing.

    With a delimiter, Swift also lists pseudo-directories as `{"subdir": "photos/"}`: those
    rows have `subdir` set, `name` equal to it, and no other field.

    Attributes convert from the row's JSON on first read (listings hold thousands).

    Attributes:
        name: The object's name (or the subdir).
        hash: The MD5 of its content (for a manifest, of its segments' ETags).
        bytes: Its size.
        content_type: Its Content-Type.
        last_modified: When it was written (Swift sends a naive UTC time).
        subdir: The pseudo-directory of a delimited listing, or None for an object.
        symlink_path: A symlink's target (`/v1/<account>/<container>/<object>`), or None.
        version_id: The version (`?versions` listings), `"null"` for one written while
            versioning was off, or None.
        is_latest: Whether this is the object's current version (`?versions` listings).
    """

    __slots__ = ()

    name: str = json_field("name", str)
    hash: str | None = json_field("hash")
    bytes: int = json_field("bytes", int, default=0)
    content_type: str | None = json_field("content_type")
    last_modified: datetime | None = json_field("last_modified", parse_time)
    subdir: str | None = json_field("subdir", str)
    symlink_path: str | None = json_field("symlink_path", str)
    version_id: str | None = json_field("version_id", str)
    is_latest: bool = json_field("is_latest", bool, default=False)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Object:
        """An Object from one row of Swift's JSON listing."""
        if "name" in raw:
            return cls(raw)
        if "subdir" in raw:
            return cls({"name": raw["subdir"], "subdir": raw["subdir"]})
        raise UnexpectedBody("an object row with 'name' or 'subdir'", f"keys {sorted(raw)}")


class ObjectPage(ListingPage):
    """A page of a container's object listing (text or JSON).

    A page of versions (`ListOpts(versions=True)`) is followed with `marker` and
    `version_marker` set to its last row's name and version, as Swift pages them.
    """

    __slots__ = ()

    def next_page_url(self) -> str | None:
        """This URL with `marker` (and, for versions, `version_marker`) set to the last row."""
        url = super().next_page_url()
        items = self._items()
        if url is None or not isinstance(items[-1], dict) or "version_id" not in items[-1]:
            return url
        return with_query(url, version_marker=str(items[-1]["version_id"]))

    def items(self) -> Sequence[Any]:
        """The page's names (text listing) or `Object` rows (JSON listing)."""
        if self.status != 204 and self.listing_format() == "json":
            return extract_info(self)
        return extract_names(self)


def extract_names(page: Page) -> list[str]:
    """The object names on one page of `objects.list` (subdirs included), text or JSON.

    Raises:
        UnexpectedBody: The page is neither `text/plain` nor `application/json`.
    """
    return _listing(page).names()


def extract_info(page: Page) -> list[Object]:
    """The `Object` rows on one page of a full listing (`ListOpts(full=True)`).

    Raises:
        UnexpectedBody: The page is a text listing, or not a JSON list of rows.
    """
    # Rows with a name (all but subdirs) skip from_json's checks: one call per row.
    rows = _listing(page).rows()
    origin = (page.method, page.url, "$", rows)  # names the request if a field fails to read
    return [Object(row, origin) if "name" in row else Object.from_json(row)
            for row in rows]


def _listing(page: Page) -> ListingPage:
    if not isinstance(page, ListingPage):
        raise TypeError(f"expected a page of a Swift listing, not {type(page).__name__}")
    return page


@dataclass(slots=True, kw_only=True)
class ObjectHeaders(ResponseHeaders):
    """An object as its HEAD or GET describes it.

    Attributes:
        etag: The MD5 of the content, unquoted (Swift quotes a manifest's ETag).
        last_modified: `Last-Modified` (the ceiling of `X-Timestamp` to the second).
        timestamp: `X-Timestamp`: when this version was written.
        metadata: Custom metadata (`X-Object-Meta-<name>`), names title-cased by Swift.
        content_encoding: `Content-Encoding`, or None.
        content_disposition: `Content-Disposition`, or None.
        content_range: `Content-Range` of a ranged GET (206), or None.
        delete_at: When Swift expires the object (`X-Delete-At`), or None.
        object_manifest: `X-Object-Manifest` of a dynamic large object, or None.
        static_large_object: Whether it is a static large object manifest.
        symlink_target: `X-Symlink-Target` (`container/object`) of a symlink read with
            `symlink_get`, or None.
        symlink_target_account: `X-Symlink-Target-Account` with `symlink_target`.
        symlink_target_etag: `X-Symlink-Target-Etag` of a static symlink, or None.
        content_location: `Content-Location`: the object a symlink led to
            (`/v1/<account>/<container>/<object>`), or the version read.
        version_id: `X-Object-Version-Id` in a versioned container, or None.
    """

    etag: str | None = None
    last_modified: datetime | None = None
    timestamp: datetime | None = None
    metadata: Mapping[str, str] = field(default_factory=dict)
    content_encoding: str | None = None
    content_disposition: str | None = None
    content_range: str | None = None
    delete_at: datetime | None = None
    object_manifest: str | None = None
    static_large_object: bool = False
    symlink_target: str | None = None
    symlink_target_account: str | None = None
    symlink_target_etag: str | None = None
    content_location: str | None = None
    version_id: str | None = None

    @classmethod
    def from_headers(cls, headers: Mapping[str, str]) -> ObjectHeaders:
        """Read an object HEAD's or GET's headers."""
        read = HeaderReader(headers)
        return cls(
            **read.common(),
            etag=read.etag(),
            last_modified=read.http_date("Last-Modified"),
            timestamp=read.timestamp("X-Timestamp"),
            metadata=read.metadata("X-Object-Meta-"),
            content_encoding=read.text("Content-Encoding"),
            content_disposition=read.text("Content-Disposition"),
            content_range=read.text("Content-Range"),
            delete_at=read.timestamp("X-Delete-At"),
            object_manifest=read.unquoted("X-Object-Manifest"),
            static_large_object=bool(read.flag("X-Static-Large-Object")),
            symlink_target=read.unquoted("X-Symlink-Target"),
            symlink_target_account=read.unquoted("X-Symlink-Target-Account"),
            symlink_target_etag=read.text("X-Symlink-Target-Etag"),
            content_location=read.unquoted("Content-Location"),
            version_id=read.text("X-Object-Version-Id"),
        )


@dataclass(slots=True, kw_only=True)
class CreateHeaders(ResponseHeaders):
    """What Swift answers a PUT or COPY with.

    Attributes:
        etag: The stored object's MD5, unquoted.
        last_modified: `Last-Modified`.
        copied_from: `X-Copied-From` (`container/object`, unquoted) after a copy.
        copied_from_account: `X-Copied-From-Account` after a copy.
        copied_from_last_modified: `X-Copied-From-Last-Modified` after a copy.
        version_id: `X-Object-Version-Id` in a versioned container, or None.
    """

    etag: str | None = None
    last_modified: datetime | None = None
    copied_from: str | None = None
    copied_from_account: str | None = None
    copied_from_last_modified: datetime | None = None
    version_id: str | None = None

    @classmethod
    def from_headers(cls, headers: Mapping[str, str]) -> CreateHeaders:
        """Read a PUT's or COPY's response headers."""
        read = HeaderReader(headers)
        return cls(
            **read.common(),
            etag=read.etag(),
            last_modified=read.http_date("Last-Modified"),
            copied_from=read.unquoted("X-Copied-From"),
            copied_from_account=read.unquoted("X-Copied-From-Account"),
            copied_from_last_modified=read.http_date("X-Copied-From-Last-Modified"),
            version_id=read.text("X-Object-Version-Id"),
        )


class GetResult(SwiftResult):
    """The result of `objects.get` (HEAD)."""

    __slots__ = ()

    def extract(self) -> ObjectHeaders:
        """The object's typed headers, or raise the error the call ended with."""
        return ObjectHeaders.from_headers(self.extract_header())

    def extract_metadata(self) -> dict[str, str]:
        """The object's custom metadata (`X-Object-Meta-*`)."""
        return HeaderReader(self.extract_header()).metadata("X-Object-Meta-")


class CreateResult(SwiftResult):
    """The result of `objects.create`.

    When the MD5 of what was sent (computed while sending, or given as `etag`) differs from
    the ETag Swift answers, the result holds an `ETagMismatch` even though Swift said 201.
    """

    __slots__ = ()

    def extract(self) -> CreateHeaders:
        """The response's typed headers, or raise the error the call ended with.

        Raises:
            ETagMismatch: The object Swift stored is not what was sent.
        """
        return CreateHeaders.from_headers(self.extract_header())


class CopyResult(CreateResult):
    """The result of `objects.copy`."""

    __slots__ = ()


class UpdateResult(SwiftResult):
    """The result of `objects.update` (Swift answers 202)."""

    __slots__ = ()

    def extract(self) -> ResponseHeaders:
        """The response's headers, typed, or raise the error the call ended with."""
        return ResponseHeaders.from_headers(self.extract_header())


class DeleteResult(UpdateResult):
    """The result of `objects.delete` (Swift answers 204)."""

    __slots__ = ()


class DownloadResult(StreamedDownload, SwiftResult):
    """The result of `objects.download`: the headers now, the content as it is read.

    The body stays on the connection until read, so an object of any size passes through
    in chunks: iterate `iter_content()`, or `read_into(file)`. `extract_content()` reads
    it all into memory, for small objects. The content can be read once; use the result as
    a context manager (or call `close()`) when it may not be read at all.

    When the whole object is read (a 200, not a manifest), its MD5 is checked against the
    ETag as the last chunk arrives: a mismatch raises `ETagMismatch`.

    Attributes:
        url: The object's URL.
    """

    __slots__ = ("_response",)

    def __init__(
        self,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
        status: int = 0,
        err: StackdoubleError | None = None,
        *,
        response: requests.Response | None = None,
        method: str = "GET",
        url: str = "",
    ) -> None:
        super().__init__(body, headers, status, err, method=method, url=url)
        self._response = response

    @classmethod
    def from_stream(cls, response: requests.Response, url: str) -> DownloadResult:
        """A result holding a response whose body is still unread."""
        return cls(None, response.headers, response.status_code, response=response, url=url)

    @property
    def not_modified(self) -> bool:
        """Whether Swift answered 304 to a conditional download (there is no content)."""
        return self.status == 304

    def extract(self) -> ObjectHeaders:
        """The object's typed headers, or raise the error the call ended with."""
        return ObjectHeaders.from_headers(self.extract_header())

    def extract_metadata(self) -> dict[str, str]:
        """The object's custom metadata (`X-Object-Meta-*`)."""
        return HeaderReader(self.extract_header()).metadata("X-Object-Meta-")

    def iter_content(
        self, chunk_size: int = DEFAULT_CHUNK_SIZE, *, verify: bool = True
    ) -> Iterator[bytes]:
        """Yield the content in chunks of at most `chunk_size` bytes, as received.

        The bytes are those Swift stored: a `Content-Encoding` is not undone.

        Args:
            chunk_size: The largest chunk to yield.
            verify: Check the MD5 of a whole object against its ETag at the end.

        Raises:
            StackdoubleError: The error the download ended with (on the first `next()`).
            ETagMismatch: The content does not hash to the ETag (after the last chunk).
            TransportError: The connection broke while reading.
            RuntimeError: The content was already read.
        """
        if self.err is not None:
            raise self.err
        if isinstance(self.body, bytes):
            for start in range(0, len(self.body), chunk_size):
                yield self.body[start : start + chunk_size]
            return
        response = self._take()
        expected = self._expected_md5() if verify else None
        digest = hashlib.md5(usedforsecurity=False) if expected is not None else None
        try:
            for chunk in response.raw.stream(chunk_size, decode_content=False):
                if digest is not None:
                    digest.update(chunk)
                yield chunk
        except _Urllib3Error as exc:
            raise TransportError("GET", self.url, f"reading the content: {exc}") from exc
        finally:
            response.close()
        if digest is not None and expected is not None and digest.hexdigest() != expected:
            raise ETagMismatch(
                method="GET", url=self.url, status=self.status, headers=self.headers,
                expected_etag=digest.hexdigest(), received_etag=expected,
            )

    def _expected_md5(self) -> str | None:
        if self.status != 200:
            return None
        read = HeaderReader(self.headers)
        etag = read.etag()
        if read.raw("X-Object-Manifest") is not None or read.flag("X-Static-Large-Object"):
            return None
        return etag.lower() if etag is not None and is_plain_md5(etag.lower()) else None


@dataclass(frozen=True, slots=True)
class FormPost:
    """A signed upload form for Swift's formpost middleware (`objects.create_form_post`).

    Attributes:
        url: Where the form POSTs (`multipart/form-data`): the container, or a prefix in it.
        fields: The form's fields, to send before the files: `redirect`, `max_file_size`,
            `max_file_count`, `expires` and `signature`.
    """

    url: str
    fields: Mapping[str, str]
