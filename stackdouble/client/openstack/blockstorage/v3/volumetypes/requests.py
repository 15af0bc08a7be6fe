"""Cinder volume types: list and get."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from stackdouble.client._errors import StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.blockstorage.v3._query import check_paging
from stackdouble.client.openstack.blockstorage.v3.volumetypes import urls
from stackdouble.client.openstack.blockstorage.v3.volumetypes.results import (
    GetResult,
    VolumeTypePage,
)
from stackdouble.client.pagination import Pager

__all__ = ["DEFAULT", "ListOpts", "ListOptsBuilder", "get", "list"]

#: The id `get` takes for the default volume type.
DEFAULT = "default"


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `volumetypes.list`."""

    def to_volume_type_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Paging (and, for admins, `is_public`) for `list`.

    Example:
        >>> ListOpts(limit=5).to_volume_type_list_query()
        '?limit=5'
    """

    is_public: bool | None = field(default=None, metadata={"q": "is_public"})
    limit: int | None = field(default=None, metadata={"q": "limit"})
    offset: int | None = field(default=None, metadata={"q": "offset"})
    marker: str | None = field(default=None, metadata={"q": "marker"})

    def to_volume_type_list_query(self) -> str:
        """The query string, with a leading `?` when not empty.

        Raises:
            InvalidInput: A negative limit or offset.
        """
        check_paging(self.limit, self.offset, None, None, None)
        return build_query(self)


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[VolumeTypePage]:
    """List the volume types the caller may use (`GET /types`).

    Example:
        >>> [t.name for t in volumetypes.list(block_storage).items()]
        ['__DEFAULT__']
    """
    try:
        query = opts.to_volume_type_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, VolumeTypePage)
    return Pager(client, urls.list_url(client) + query, VolumeTypePage)


def get(client: ServiceClient, volume_type_id: str) -> GetResult:
    """Get one volume type (`GET /types/{id}`); `DEFAULT` gets the default type.

    Example:
        >>> volumetypes.get(block_storage, volumetypes.DEFAULT).extract().name
        '__DEFAULT__'
    """
    return GetResult.request(client, "GET", urls.get_url(client, volume_type_id),
                             ok_codes=(200,))
