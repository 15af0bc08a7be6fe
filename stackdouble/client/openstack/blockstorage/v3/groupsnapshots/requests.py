"""Cinder group snapshots (microversion 3.14): list, get, create, delete, and an admin's
`reset_status` (3.19)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.blockstorage.v3._query import check_paging
from stackdouble.client.openstack.blockstorage.v3.groupsnapshots import urls
from stackdouble.client.openstack.blockstorage.v3.groupsnapshots.results import (
    CreateResult,
    DeleteResult,
    GetResult,
    GroupSnapshotPage,
    ResetStatusResult,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "CreateOpts",
    "CreateOptsBuilder",
    "ListOpts",
    "ListOptsBuilder",
    "create",
    "delete",
    "get",
    "list",
    "list_simple",
    "reset_status",
]


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `groupsnapshots.list`."""

    def to_group_snapshot_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Filters (`name`, `status`, `group_id`), sort and paging for `list`.

    Example:
        >>> ListOpts(group_id="g-1").to_group_snapshot_list_query()
        '?group_id=g-1'
    """

    name: str | None = field(default=None, metadata={"q": "name"})
    status: str | None = field(default=None, metadata={"q": "status"})
    group_id: str | None = field(default=None, metadata={"q": "group_id"})
    all_tenants: bool | None = field(default=None, metadata={"q": "all_tenants"})
    sort: str | None = field(default=None, metadata={"q": "sort"})
    limit: int | None = field(default=None, metadata={"q": "limit"})
    offset: int | None = field(default=None, metadata={"q": "offset"})
    marker: str | None = field(default=None, metadata={"q": "marker"})

    def to_group_snapshot_list_query(self) -> str:
        """The query string, with a leading `?` when not empty.

        Raises:
            InvalidInput: A negative limit or offset, a bad sort direction.
        """
        check_paging(self.limit, self.offset, self.sort, None, None)
        return build_query(self)


def list(client: ServiceClient, opts: ListOptsBuilder | None = None
         ) -> Pager[GroupSnapshotPage]:
    """List group snapshots with details (`GET /group_snapshots/detail`), newest first.

    Example:
        >>> from stackdouble.client.openstack.blockstorage.v3 import groupsnapshots
        >>> groupsnapshots.list(block_storage.with_microversion("3.14")).all_pages().items()
        []
    """
    return _pager(client, urls.list_detail_url(client), opts)


def list_simple(client: ServiceClient, opts: ListOptsBuilder | None = None
                ) -> Pager[GroupSnapshotPage]:
    """List group snapshots' ids, names and group types (`GET /group_snapshots`)."""
    return _pager(client, urls.list_url(client), opts)


def _pager(client: ServiceClient, url: str,
           opts: ListOptsBuilder | None) -> Pager[GroupSnapshotPage]:
    try:
        query = opts.to_group_snapshot_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, GroupSnapshotPage)
    return Pager(client, url + query, GroupSnapshotPage)


def get(client: ServiceClient, group_snapshot_id: str) -> GetResult:
    """Get one group snapshot (`GET /group_snapshots/{id}`)."""
    return GetResult.request(client, "GET", urls.get_url(client, group_snapshot_id),
                             ok_codes=(200,))


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `groupsnapshots.create`."""

    def to_group_snapshot_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """A snapshot of a group; None fields are not sent.

    Example:
        >>> CreateOpts(group_id="g-1", name="nightly").to_group_snapshot_create_map()
        {'group_snapshot': {'group_id': 'g-1', 'name': 'nightly'}}
    """

    group_id: str
    name: str | None = None
    description: str | None = None

    def to_group_snapshot_create_map(self) -> dict[str, Any]:
        """The body of `POST /group_snapshots`.

        Raises:
            InvalidInput: No group.
        """
        if not self.group_id:
            raise InvalidInput("a group snapshot needs a group_id", "group_id")
        body: dict[str, Any] = {"group_id": self.group_id}
        if self.name is not None:
            body["name"] = self.name
        if self.description is not None:
            body["description"] = self.description
        return {"group_snapshot": body}


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Snapshot a group (`POST /group_snapshots`, 202): one snapshot of each of its
    volumes, each with the group snapshot's id as `group_snapshot_id`."""
    try:
        body = opts.to_group_snapshot_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.create_url(client), json=body,
                                ok_codes=(202,))


def delete(client: ServiceClient, group_snapshot_id: str) -> DeleteResult:
    """Delete a group snapshot and its snapshots (`DELETE /group_snapshots/{id}`, 202)."""
    return DeleteResult.request(client, "DELETE", urls.get_url(client, group_snapshot_id),
                                ok_codes=(202,))


def reset_status(client: ServiceClient, group_snapshot_id: str,
                 status: str) -> ResetStatusResult:
    """Set a group snapshot's status (`reset_status`, 3.19, 202; admins)."""
    return ResetStatusResult.request(client, "POST",
                                     urls.action_url(client, group_snapshot_id),
                                     json={"reset_status": {"status": status}},
                                     ok_codes=(202,))
