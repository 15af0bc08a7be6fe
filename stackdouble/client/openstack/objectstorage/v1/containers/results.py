"""Swift container results: listing rows and pages, and the container's headers, typed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import unquote

from stackdouble.client._errors import UnexpectedBody
from stackdouble.client._resource import Resource, json_field
from stackdouble.client._results import parse_time
from stackdouble.client.openstack.objectstorage.v1._swift import (
    BulkDeleteResponse,
    BulkDeleteResult,
    HeaderReader,
    ListingPage,
    ResponseHeaders,
    SwiftResult,
)
from stackdouble.client.pagination import Page

__all__ = [
    "BulkDeleteResponse",
    "BulkDeleteResult",
    "Container",
    "ContainerHeaders",
    "ContainerPage",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "UpdateResult",
    "extract_info",
    "extract_names",
]


class Container(Resource):
    """A row of a full (JSON) account listing.

    With a delimiter, Swift also lists pseudo-directories as `{"subdir": "prefix-"}`: those
    rows have `subdir` set, `name` equal to it, and no counts.

    Attributes convert from the row's JSON on first read (listings hold thousands).

    Attributes:
        name: The container's name (or the subdir).
        count: Its object count.
        bytes: Its bytes used.
        last_modified: When it last changed (Swift sends a naive UTC time).
        storage_policy: Its storage policy's name (Swift 2.x), or None.
        subdir: The pseudo-directory of a delimited listing, or None for a container.
    """

    __slots__ = ()

    name: str = json_field("name", str)
    count: int = json_field("count", int, default=0)
    bytes: int = json_field("bytes", int, default=0)
    last_modified: datetime | None = json_field("last_modified", parse_time)
    storage_policy: str | None = json_field("storage_policy")
    subdir: str | None = json_field("subdir", str)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Container:
        """A Container from one row of Swift's JSON listing."""
        if "name" in raw:
            return cls(raw)
        if "subdir" in raw:
            return cls({"name": raw["subdir"], "subdir": raw["subdir"]})
        raise UnexpectedBody("a container row with 'name' or 'subdir'", f"keys {sorted(raw)}")


class ContainerPage(ListingPage):
    """A page of an account's container listing (text or JSON)."""

    __slots__ = ()

    def items(self) -> Sequence[Any]:
        """The page's names (text listing) or `Container` rows (JSON listing)."""
        if self.status != 204 and self.listing_format() == "json":
            return extract_info(self)
        return extract_names(self)


def extract_names(page: Page) -> list[str]:
    """The container names on one page of `containers.list`, text or JSON (by Content-Type).

    Raises:
        UnexpectedBody: The page is neither `text/plain` nor `application/json`.
    """
    return _listing(page).names()


def extract_info(page: Page) -> list[Container]:
    """The `Container` rows on one page of a full listing (`ListOpts(full=True)`).

    Raises:
        UnexpectedBody: The page is a text listing, or not a JSON list of rows.
    """
    # Rows with a name (all but subdirs) skip from_json's checks: one call per row.
    rows = _listing(page).rows()
    origin = (page.method, page.url, "$", rows)  # names the request if a field fails to read
    return [Container(row, origin) if "name" in row else Container.from_json(row)
            for row in rows]


def _listing(page: Page) -> ListingPage:
    if not isinstance(page, ListingPage):
        raise TypeError(f"expected a page of a Swift listing, not {type(page).__name__}")
    return page


@dataclass(slots=True, kw_only=True)
class ContainerHeaders(ResponseHeaders):
    """A Swift container as its HEAD (or listing GET) describes it.

    Attributes:
        object_count: `X-Container-Object-Count`.
        bytes_used: `X-Container-Bytes-Used`.
        read_acl: `X-Container-Read`, or None when no read ACL is set.
        write_acl: `X-Container-Write`, or None.
        storage_policy: `X-Storage-Policy`, the policy's name.
        versions_location: The archive container of legacy versioning in stack mode
            (`X-Versions-Location`), or None. Swift stores and answers the value as sent,
            URL-quoted (`photos%2Bversions`); this is the name its versioned_writes
            middleware archives to: unquoted, up to any `/` (`photos+versions`). The raw
            value is in `GetResult.extract_header()`.
        history_location: The same for history mode (`X-History-Location`), or None.
        versions_enabled: `X-Versions-Enabled` (object versioning), or None when absent.
        quota_bytes: `X-Container-Meta-Quota-Bytes`, or None. Container quotas are plain
            metadata in Swift (its container_quotas middleware has no other header).
        quota_count: `X-Container-Meta-Quota-Count`, or None.
        temp_url_key: `X-Container-Meta-Temp-URL-Key`, never shown in a repr.
        temp_url_key_2: `X-Container-Meta-Temp-URL-Key-2`, never shown in a repr.
        sync_to: `X-Container-Sync-To`, or None.
        sync_key: `X-Container-Sync-Key`, never shown in a repr.
        metadata: Custom metadata (`X-Container-Meta-<name>`), temp-URL keys left out.
        timestamp: When the container was created (`X-Timestamp`).
        last_modified: `Last-Modified`.
    """

    object_count: int = 0
    bytes_used: int = 0
    read_acl: str | None = None
    write_acl: str | None = None
    storage_policy: str | None = None
    versions_location: str | None = None
    history_location: str | None = None
    versions_enabled: bool | None = None
    quota_bytes: int | None = None
    quota_count: int | None = None
    temp_url_key: str | None = field(default=None, repr=False)
    temp_url_key_2: str | None = field(default=None, repr=False)
    sync_to: str | None = None
    sync_key: str | None = field(default=None, repr=False)
    metadata: Mapping[str, str] = field(default_factory=dict)
    timestamp: datetime | None = None
    last_modified: datetime | None = None

    @classmethod
    def from_headers(cls, headers: Mapping[str, str]) -> ContainerHeaders:
        """Read a container HEAD's headers."""
        read = HeaderReader(headers)
        return cls(
            **read.common(),
            object_count=read.count("X-Container-Object-Count"),
            bytes_used=read.count("X-Container-Bytes-Used"),
            read_acl=read.text("X-Container-Read"),
            write_acl=read.text("X-Container-Write"),
            storage_policy=read.text("X-Storage-Policy"),
            versions_location=_archive_container(read, "X-Versions-Location"),
            history_location=_archive_container(read, "X-History-Location"),
            versions_enabled=read.flag("X-Versions-Enabled"),
            quota_bytes=read.integer("X-Container-Meta-Quota-Bytes"),
            quota_count=read.integer("X-Container-Meta-Quota-Count"),
            temp_url_key=read.text("X-Container-Meta-Temp-URL-Key"),
            temp_url_key_2=read.text("X-Container-Meta-Temp-URL-Key-2"),
            sync_to=read.text("X-Container-Sync-To"),
            sync_key=read.text("X-Container-Sync-Key"),
            metadata=read.metadata("X-Container-Meta-"),
            timestamp=read.timestamp("X-Timestamp"),
            last_modified=read.http_date("Last-Modified"),
        )


def _archive_container(read: HeaderReader, name: str) -> str | None:
    # versioned_writes/legacy.py: `wsgi_unquote(location).split("/")[0]` names the archive.
    value = read.text(name)
    if not value:
        return None
    return unquote(value).split("/", 1)[0]


class GetResult(SwiftResult):
    """The result of `containers.get`."""

    __slots__ = ()

    def extract(self) -> ContainerHeaders:
        """The container's typed headers, or raise the error the call ended with."""
        return ContainerHeaders.from_headers(self.extract_header())

    def extract_metadata(self) -> dict[str, str]:
        """The container's custom metadata (`X-Container-Meta-*`, temp-URL keys left out)."""
        return HeaderReader(self.extract_header()).metadata("X-Container-Meta-")


class CreateResult(SwiftResult):
    """The result of `containers.create` (201 created, 202 when it already existed)."""

    __slots__ = ()

    def extract(self) -> ResponseHeaders:
        """The response's headers, typed, or raise the error the call ended with."""
        return ResponseHeaders.from_headers(self.extract_header())


class UpdateResult(CreateResult):
    """The result of `containers.update`."""

    __slots__ = ()


class DeleteResult(CreateResult):
    """The result of `containers.delete`; a container that is not empty is a `Conflict`."""

    __slots__ = ()
