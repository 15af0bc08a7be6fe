"""Nova's image proxy (`/images`): list with details, get, delete, and the metadata
(`/images/{id}/metadata`: the image's Glance properties).

Nova deprecated the proxy in 2.36 (use Glance); it answers 404 from that microversion on,
the metadata API from 2.39.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.compute.v2.images import urls
from stackdouble.client.openstack.compute.v2.images.results import (
    CreateMetadatumResult,
    DeleteMetadatumResult,
    DeleteResult,
    GetMetadataResult,
    GetMetadatumResult,
    GetResult,
    ImagePage,
    ResetMetadataResult,
    UpdateMetadataResult,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "ListOpts",
    "ListOptsBuilder",
    "create_metadatum",
    "delete",
    "delete_metadatum",
    "get",
    "list",
    "metadata",
    "metadatum",
    "reset_metadata",
    "update_metadata",
]


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `images.list`."""

    def to_image_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Filters and paging for `list`; None fields are not sent.

    Example:
        >>> ListOpts(name="cirros", status="ACTIVE", limit=5).to_image_list_query()
        '?name=cirros&status=ACTIVE&limit=5'
    """

    changes_since: str | datetime | None = field(default=None, metadata={"q": "changes-since"})
    name: str | None = field(default=None, metadata={"q": "name"})
    status: str | None = field(default=None, metadata={"q": "status"})
    server: str | None = field(default=None, metadata={"q": "server"})
    type: str | None = field(default=None, metadata={"q": "type"})
    min_disk: int | None = field(default=None, metadata={"q": "minDisk"})
    min_ram: int | None = field(default=None, metadata={"q": "minRam"})
    limit: int | None = field(default=None, metadata={"q": "limit"})
    marker: str | None = field(default=None, metadata={"q": "marker"})

    def to_image_list_query(self) -> str:
        """The query string, with a leading `?` when not empty.

        Raises:
            InvalidInput: A negative limit.
        """
        if self.limit is not None and self.limit < 0:
            raise InvalidInput(f"limit must be >= 0, not {self.limit}", "limit")
        since = self.changes_since
        return build_query(
            replace(self, changes_since=since.isoformat() if isinstance(since, datetime) else since)
        )


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[ImagePage]:
    """List images with details (`GET /images/detail`), following `images_links`.

    Returns:
        A Pager; a bad option surfaces as the first page's error.
    """
    try:
        query = opts.to_image_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, ImagePage)
    return Pager(client, urls.list_detail_url(client) + query, ImagePage)


def get(client: ServiceClient, image_id: str) -> GetResult:
    """Get one image (`GET /images/{image_id}`); `extract()` gives an Image."""
    return GetResult.request(client, "GET", urls.get_url(client, image_id), ok_codes=(200, 203))


def delete(client: ServiceClient, image_id: str) -> DeleteResult:
    """Delete an image (`DELETE /images/{image_id}`, 204)."""
    return DeleteResult.request(client, "DELETE", urls.delete_url(client, image_id))


# --- metadata (until 2.38) -------------------------------------------------------------------


def metadata(client: ServiceClient, image_id: str) -> GetMetadataResult:
    """Every property of an image (`GET /images/{id}/metadata`).

    An image the caller may not see is 404 (`NotFound`), as is any microversion from 2.39.
    """
    return GetMetadataResult.request(client, "GET", urls.metadata_url(client, image_id))


def reset_metadata(client: ServiceClient, image_id: str,
                   metadata: Mapping[str, str]) -> ResetMetadataResult:
    """Replace every property of an image with `metadata` (`PUT /images/{id}/metadata`).

    More items than the `metadata_items` quota, or an image the caller does not own, is
    403 (`Forbidden`); errors surface at `extract()`.
    """
    return ResetMetadataResult.request(client, "PUT", urls.metadata_url(client, image_id),
                                       json={"metadata": dict(metadata)}, ok_codes=(200,))


def update_metadata(client: ServiceClient, image_id: str,
                    metadata: Mapping[str, str]) -> UpdateMetadataResult:
    """Add or change the properties in `metadata`, keeping the others
    (`POST /images/{id}/metadata`); `extract()` gives every property after the merge."""
    return UpdateMetadataResult.request(client, "POST", urls.metadata_url(client, image_id),
                                        json={"metadata": dict(metadata)}, ok_codes=(200,))


def metadatum(client: ServiceClient, image_id: str, key: str) -> GetMetadatumResult:
    """One property (`GET /images/{id}/metadata/{key}`); `extract()` gives
    `{key: value}`."""
    return GetMetadatumResult.request(client, "GET",
                                      urls.metadatum_url(client, image_id, key))


def create_metadatum(client: ServiceClient, image_id: str, key: str,
                     value: str) -> CreateMetadatumResult:
    """Set one property (`PUT /images/{id}/metadata/{key}`)."""
    return CreateMetadatumResult.request(client, "PUT",
                                         urls.metadatum_url(client, image_id, key),
                                         json={"meta": {key: value}}, ok_codes=(200,))


def delete_metadatum(client: ServiceClient, image_id: str, key: str) -> DeleteMetadatumResult:
    """Remove one property (`DELETE /images/{id}/metadata/{key}`, 204); a key the image
    lacks is 404 (`NotFound`)."""
    return DeleteMetadatumResult.request(client, "DELETE",
                                         urls.metadatum_url(client, image_id, key))
