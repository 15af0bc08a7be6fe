"""Swift container requests: list, create, get, update, delete, bulk delete."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.objectstorage.v1._swift import (
    BulkDeleteResult,
    accept_for_query,
    bulk_delete_body,
    check_container_name,
    listing_query,
    metadata_headers,
    quote_name,
    quote_path,
    to_wire,
)
from stackdouble.client.openstack.objectstorage.v1.containers import urls
from stackdouble.client.openstack.objectstorage.v1.containers.results import (
    ContainerPage,
    CreateResult,
    DeleteResult,
    GetResult,
    UpdateResult,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "CreateOpts",
    "CreateOptsBuilder",
    "GetOpts",
    "GetOptsBuilder",
    "ListOpts",
    "ListOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "bulk_delete",
    "create",
    "delete",
    "get",
    "list",
    "update",
]


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `containers.list`.

    The listing's format follows the query: `format=json` is asked for with
    `Accept: application/json`, no format with `Accept: text/plain` (the seed's text listing).
    """

    def to_container_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """What `list` lists; None fields are not sent.

    Attributes:
        full: True lists JSON rows (`format=json`: name, count, bytes, last_modified,
            storage_policy); False lists names only as plain text (`Accept: text/plain`),
            as gophercloud's seed does. Names holding a newline need `full=True`.
        limit: Names per page (Swift's default and maximum: 10,000; above it, 412).
        marker: List names after this one (before it when `reverse`).
        end_marker: List names before this one.
        prefix: List names starting with this.
        delimiter: Roll names up to the first delimiter after the prefix into one `subdir`.
        reverse: List in descending order.
    """

    full: bool = False
    limit: int | None = field(default=None, metadata={"q": "limit"})
    marker: str | None = field(default=None, metadata={"q": "marker"})
    end_marker: str | None = field(default=None, metadata={"q": "end_marker"})
    prefix: str | None = field(default=None, metadata={"q": "prefix"})
    delimiter: str | None = field(default=None, metadata={"q": "delimiter"})
    reverse: bool | None = field(default=None, metadata={"q": "reverse"})

    def to_container_list_query(self) -> str:
        """The query string, `format=json` first when `full`.

        Example:
            >>> ListOpts(full=True, limit=2, prefix="logs-").to_container_list_query()
            '?format=json&limit=2&prefix=logs-'
        """
        return listing_query(self, self.full)


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[ContainerPage]:
    """List the account's containers (`GET /v1/{account}`), page by page with markers.

    Each next page repeats the query with `marker=<last name>`; the walk ends on an empty
    page (a 204 for text, `[]` for JSON), so a listing costs one request more than its pages.

    Args:
        client: An Object Storage client.
        opts: Paging, filters and the format; None lists every name as text.

    Returns:
        A Pager of `ContainerPage`; nothing is sent until it is iterated. Read pages with
        `extract_names` or `extract_info`; `items()` yields names (text) or `Container`
        rows (JSON). A bad option surfaces as the first page's error.
    """
    try:
        query = opts.to_container_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, ContainerPage)
    return Pager(client, urls.list_url(client) + query, ContainerPage,
                 headers={"Accept": accept_for_query(query)})


class CreateOptsBuilder(Protocol):
    """Anything that renders the headers of `containers.create`."""

    def to_container_create_map(self) -> dict[str, str]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """A new container's settings; None fields are not sent.

    Attributes:
        metadata: Custom metadata (`X-Container-Meta-<name>`).
        read_acl: `X-Container-Read`, e.g. `.r:*,.rlistings` or `<project>:<user>`.
        write_acl: `X-Container-Write`.
        storage_policy: `X-Storage-Policy`: a policy name from `/info`; fixed once created.
        versions_location: `X-Versions-Location`: a container to keep old versions in.
        history_location: `X-History-Location`: the same, in history mode.
        versions_enabled: `X-Versions-Enabled` (object versioning, Swift ≥ 2.24).
        temp_url_key: `X-Container-Meta-Temp-URL-Key`; kept out of reprs.
        temp_url_key_2: `X-Container-Meta-Temp-URL-Key-2`; kept out of reprs.
        sync_to: `X-Container-Sync-To`.
        sync_key: `X-Container-Sync-Key`; kept out of reprs.
    """

    metadata: Mapping[str, str] | None = None
    read_acl: str | None = None
    write_acl: str | None = None
    storage_policy: str | None = None
    versions_location: str | None = None
    history_location: str | None = None
    versions_enabled: bool | None = None
    temp_url_key: str | None = field(default=None, repr=False)
    temp_url_key_2: str | None = field(default=None, repr=False)
    sync_to: str | None = None
    sync_key: str | None = field(default=None, repr=False)

    def to_container_create_map(self) -> dict[str, str]:
        """The request headers.

        Raises:
            InvalidInput: A value that cannot be sent in a header.
        """
        headers = metadata_headers("Container", self.metadata)
        headers.update(_settings(self))
        if self.storage_policy is not None:
            headers["X-Storage-Policy"] = to_wire(self.storage_policy, "storage_policy")
        return headers


def _settings(opts: CreateOpts | UpdateOpts) -> dict[str, str]:
    headers: dict[str, str] = {}
    texts = {
        "X-Container-Read": ("read_acl", opts.read_acl),
        "X-Container-Write": ("write_acl", opts.write_acl),
        "X-Container-Meta-Temp-URL-Key": ("temp_url_key", opts.temp_url_key),
        "X-Container-Meta-Temp-URL-Key-2": ("temp_url_key_2", opts.temp_url_key_2),
        "X-Container-Sync-To": ("sync_to", opts.sync_to),
        "X-Container-Sync-Key": ("sync_key", opts.sync_key),
    }
    for header, (name, value) in texts.items():
        if value is not None:
            headers[header] = to_wire(value, name)
    # Swift wants the versions container URL-encoded (api-ref X-Versions-Location).
    for header, name, value in (
        ("X-Versions-Location", "versions_location", opts.versions_location),
        ("X-History-Location", "history_location", opts.history_location),
    ):
        if value is not None:
            if not value or "/" in value:
                raise InvalidInput(f"{name} must name a container, not {value!r}", name)
            to_wire(value, name)  # checks it can be sent
            headers[header] = quote_name(value)
    if opts.versions_location is not None and opts.history_location is not None:
        raise InvalidInput("versions_location and history_location cannot both be set",
                           "history_location")
    if opts.versions_enabled is not None:
        headers["X-Versions-Enabled"] = "true" if opts.versions_enabled else "false"
    return headers


def create(
    client: ServiceClient, container: str, opts: CreateOptsBuilder | None = None
) -> CreateResult:
    """Create a container, or update the settings of an existing one (`PUT`).

    Swift answers 201 for a new container and 202 when it already existed; both succeed.

    Args:
        client: An Object Storage client.
        container: The name: non-empty, no `/` (at most 256 bytes: Swift answers 400).
        opts: Settings; a bad name or option becomes the result's error.

    Returns:
        A CreateResult; `extract()` gives the response's `ResponseHeaders`.
    """
    try:
        check_container_name(container)
        headers = opts.to_container_create_map() if opts is not None else {}
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "PUT", urls.create_url(client, container),
                                headers=headers, ok_codes=(201, 202, 204))


class GetOptsBuilder(Protocol):
    """Anything that renders the headers of `containers.get`."""

    def to_container_get_map(self) -> dict[str, str]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class GetOpts:
    """Options for `get`.

    Attributes:
        newest: Ask every replica and answer from the newest (`X-Newest: true`).
    """

    newest: bool = False

    def to_container_get_map(self) -> dict[str, str]:
        """The request headers."""
        return {"X-Newest": "true"} if self.newest else {}


def get(client: ServiceClient, container: str, opts: GetOptsBuilder | None = None) -> GetResult:
    """Get a container's counts, settings and metadata (`HEAD`).

    Returns:
        A GetResult: `extract()` gives `ContainerHeaders`, `extract_metadata()` the custom
        metadata. A missing container is `NotFound` there.
    """
    try:
        check_container_name(container)
        headers = opts.to_container_get_map() if opts is not None else {}
    except StackdoubleError as exc:
        return GetResult.from_error(exc)
    return GetResult.request(client, "HEAD", urls.get_url(client, container), headers=headers,
                             ok_codes=(200, 204))


class UpdateOptsBuilder(Protocol):
    """Anything that renders the headers of `containers.update`."""

    def to_container_update_map(self) -> dict[str, str]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """What `update` changes; None, False and empty fields leave the setting as it is.

    Attributes:
        metadata: Custom metadata to set (an empty value removes the item, as in Swift).
        remove_metadata: Custom metadata names to remove.
        read_acl: A new `X-Container-Read`.
        remove_read_acl: Remove the read ACL (`X-Remove-Container-Read`).
        write_acl: A new `X-Container-Write`.
        remove_write_acl: Remove the write ACL (`X-Remove-Container-Write`).
        versions_location: A new `X-Versions-Location`.
        history_location: A new `X-History-Location`.
        remove_versions: Turn legacy versioning off (`X-Remove-Versions-Location`).
        versions_enabled: Turn object versioning on or off (`X-Versions-Enabled`).
        temp_url_key: `X-Container-Meta-Temp-URL-Key`; kept out of reprs.
        temp_url_key_2: `X-Container-Meta-Temp-URL-Key-2`; kept out of reprs.
        sync_to: `X-Container-Sync-To`.
        sync_key: `X-Container-Sync-Key`; kept out of reprs.
    """

    metadata: Mapping[str, str] | None = None
    remove_metadata: Sequence[str] = ()
    read_acl: str | None = None
    remove_read_acl: bool = False
    write_acl: str | None = None
    remove_write_acl: bool = False
    versions_location: str | None = None
    history_location: str | None = None
    remove_versions: bool = False
    versions_enabled: bool | None = None
    temp_url_key: str | None = field(default=None, repr=False)
    temp_url_key_2: str | None = field(default=None, repr=False)
    sync_to: str | None = None
    sync_key: str | None = field(default=None, repr=False)

    def to_container_update_map(self) -> dict[str, str]:
        """The request headers.

        Raises:
            InvalidInput: A value that cannot be sent, or a setting both set and removed.
        """
        headers = metadata_headers("Container", self.metadata, self.remove_metadata)
        headers.update(_settings(self))
        for flag, value, header, name in (
            (self.remove_read_acl, self.read_acl, "X-Remove-Container-Read", "read_acl"),
            (self.remove_write_acl, self.write_acl, "X-Remove-Container-Write", "write_acl"),
        ):
            if flag:
                if value is not None:
                    raise InvalidInput(f"{name} is both set and removed", name)
                headers[header] = "remove"
        if self.remove_versions:
            if self.versions_location is not None or self.history_location is not None:
                raise InvalidInput("versions are both set and removed", "remove_versions")
            headers["X-Remove-Versions-Location"] = "remove"
        return headers


def update(
    client: ServiceClient, container: str, opts: UpdateOptsBuilder | None = None
) -> UpdateResult:
    """Change a container's metadata, ACLs and settings (`POST`); Swift answers 204.

    Returns:
        An UpdateResult; a missing container is `NotFound` there.
    """
    try:
        check_container_name(container)
        headers = opts.to_container_update_map() if opts is not None else {}
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "POST", urls.update_url(client, container),
                                headers=headers, ok_codes=(201, 202, 204))


def delete(client: ServiceClient, container: str) -> DeleteResult:
    """Delete an empty container (`DELETE`); Swift answers 204.

    Returns:
        A DeleteResult. A container that still holds objects is refused with 409, raised
        by `extract()`/`extract_err()` as `Conflict`; a missing one as `NotFound`.
    """
    try:
        check_container_name(container)
    except StackdoubleError as exc:
        return DeleteResult.from_error(exc)
    return DeleteResult.request(client, "DELETE", urls.delete_url(client, container),
                                ok_codes=(202, 204))


def bulk_delete(client: ServiceClient, containers: Sequence[str]) -> BulkDeleteResult:
    """Delete several empty containers in one request (`POST /v1/{account}?bulk-delete`).

    Swift deletes at most 10,000 names per request by default (`max_deletes_per_request`).

    Returns:
        A BulkDeleteResult; `extract()` gives the `BulkDeleteResponse`, whose `errors`
        list the containers Swift could not delete (409 for one that is not empty).
    """
    try:
        if isinstance(containers, str):
            raise TypeError("bulk_delete takes a sequence of names, not a str")
        for name in containers:
            check_container_name(name)
        body = bulk_delete_body(quote_path(name) for name in containers)
    except StackdoubleError as exc:
        return BulkDeleteResult.from_error(exc)
    return BulkDeleteResult.request(
        client, "POST", urls.bulk_delete_url(client), data=body,
        headers={"Content-Type": "text/plain", "Accept": "application/json"}, ok_codes=(200,),
    )
