"""Cinder generic volume groups (microversion 3.13): list, get, create, update (rename,
add and remove volumes), delete, an admin's `reset_status` (3.20), and a new group made
from a group snapshot or another group (`create_from_src`, 3.14)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.blockstorage.v3._query import check_paging
from stackdouble.client.openstack.blockstorage.v3.groups import urls
from stackdouble.client.openstack.blockstorage.v3.groups.results import (
    CreateFromSrcResult,
    CreateResult,
    DeleteResult,
    GetResult,
    GroupPage,
    ResetStatusResult,
    UpdateResult,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "CreateFromSrcOpts",
    "CreateFromSrcOptsBuilder",
    "CreateOpts",
    "CreateOptsBuilder",
    "ListOpts",
    "ListOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "create",
    "create_from_src",
    "delete",
    "get",
    "list",
    "list_simple",
    "reset_status",
    "update",
]


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `groups.list`."""

    def to_group_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Filters, sort and paging for `list` (non-admins may filter on `name` only, from
    3.33).

    Example:
        >>> ListOpts(name="db", limit=2).to_group_list_query()
        '?name=db&limit=2'
    """

    name: str | None = field(default=None, metadata={"q": "name"})
    all_tenants: bool | None = field(default=None, metadata={"q": "all_tenants"})
    sort: str | None = field(default=None, metadata={"q": "sort"})
    limit: int | None = field(default=None, metadata={"q": "limit"})
    offset: int | None = field(default=None, metadata={"q": "offset"})
    marker: str | None = field(default=None, metadata={"q": "marker"})

    def to_group_list_query(self) -> str:
        """The query string, with a leading `?` when not empty.

        Raises:
            InvalidInput: A negative limit or offset, a bad sort direction.
        """
        check_paging(self.limit, self.offset, self.sort, None, None)
        return build_query(self)


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[GroupPage]:
    """List groups with details (`GET /groups/detail`), newest first.

    Example:
        >>> from stackdouble.client.openstack.blockstorage.v3 import groups
        >>> groups.list(block_storage.with_microversion("3.13")).all_pages().items()
        []
    """
    return _pager(client, urls.list_detail_url(client), opts)


def list_simple(client: ServiceClient, opts: ListOptsBuilder | None = None
                ) -> Pager[GroupPage]:
    """List groups' ids and names only (`GET /groups`)."""
    return _pager(client, urls.list_url(client), opts)


def _pager(client: ServiceClient, url: str, opts: ListOptsBuilder | None) -> Pager[GroupPage]:
    try:
        query = opts.to_group_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, GroupPage)
    return Pager(client, url + query, GroupPage)


def get(client: ServiceClient, group_id: str, *, list_volume: bool = False) -> GetResult:
    """Get one group (`GET /groups/{id}`); `list_volume` (3.25) adds its volumes' ids."""
    url = urls.get_url(client, group_id) + ("?list_volume=true" if list_volume else "")
    return GetResult.request(client, "GET", url, ok_codes=(200,))


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `groups.create`."""

    def to_group_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """A new group: its group type and volume types (names or ids); None fields are not
    sent.

    Example:
        >>> CreateOpts(group_type="db", volume_types=["__DEFAULT__"],
        ...            name="g").to_group_create_map()
        {'group': {'group_type': 'db', 'volume_types': ['__DEFAULT__'], 'name': 'g'}}
    """

    group_type: str
    volume_types: Sequence[str]
    name: str | None = None
    description: str | None = None
    availability_zone: str | None = None

    def to_group_create_map(self) -> dict[str, Any]:
        """The body of `POST /groups`.

        Raises:
            InvalidInput: No group type or no volume types.
        """
        if not self.group_type:
            raise InvalidInput("a group needs a group type", "group_type")
        if not self.volume_types:
            raise InvalidInput("a group needs at least one volume type", "volume_types")
        body: dict[str, Any] = {"group_type": self.group_type,
                                "volume_types": [str(t) for t in self.volume_types]}
        for key, value in (("name", self.name), ("description", self.description),
                           ("availability_zone", self.availability_zone)):
            if value is not None:
                body[key] = value
        return {"group": body}


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Create a group (`POST /groups`, 202): `creating`, then `available`.
    `default_cgsnapshot_type` is a `BadRequest`, an unknown type `NotFound`."""
    try:
        body = opts.to_group_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.create_url(client), json=body,
                                ok_codes=(202,))


class CreateFromSrcOptsBuilder(Protocol):
    """Anything that renders the body of `groups.create_from_src`."""

    def to_group_create_from_src_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateFromSrcOpts:
    """A new group made from a group snapshot (a volume from each of its snapshots) or
    from a source group (a clone of each of its volumes): exactly one of the two ids.
    The group type, volume types and availability zone are the source's.

    Example:
        >>> CreateFromSrcOpts(source_group_id="g-1", name="copy").to_group_create_from_src_map()
        {'create-from-src': {'source_group_id': 'g-1', 'name': 'copy'}}
    """

    group_snapshot_id: str | None = None
    source_group_id: str | None = None
    name: str | None = None
    description: str | None = None

    def to_group_create_from_src_map(self) -> dict[str, Any]:
        """The body of `POST /groups/action`.

        Raises:
            InvalidInput: Neither or both of `group_snapshot_id` and `source_group_id`.
        """
        if bool(self.group_snapshot_id) == bool(self.source_group_id):
            raise InvalidInput("a group is made from exactly one of a group snapshot or a "
                               "source group", "group_snapshot_id")
        body: dict[str, Any] = {}
        for key, value in (("group_snapshot_id", self.group_snapshot_id),
                           ("source_group_id", self.source_group_id), ("name", self.name),
                           ("description", self.description)):
            if value is not None:
                body[key] = value
        return {"create-from-src": body}


def create_from_src(client: ServiceClient, opts: CreateFromSrcOptsBuilder
                    ) -> CreateFromSrcResult:
    """Create a group from a group snapshot or a source group (`POST /groups/action`
    `create-from-src`, 3.14, 202): `creating`, then `available`. An unknown source is a
    `NotFound`; an empty source, or a snapshot or volume of it not available, a
    `BadRequest`."""
    try:
        body = opts.to_group_create_from_src_map()
    except StackdoubleError as exc:
        return CreateFromSrcResult.from_error(exc)
    return CreateFromSrcResult.request(client, "POST", urls.create_from_src_url(client),
                                       json=body, ok_codes=(202,))


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `groups.update`."""

    def to_group_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """A group's new name or description, and volumes to add or remove (ids).

    Example:
        >>> UpdateOpts(add_volumes=["v-1", "v-2"]).to_group_update_map()
        {'group': {'add_volumes': 'v-1,v-2'}}
    """

    name: str | None = None
    description: str | None = None
    add_volumes: Sequence[str] | None = None
    remove_volumes: Sequence[str] | None = None

    def to_group_update_map(self) -> dict[str, Any]:
        """The body of `PUT /groups/{id}` (the volume ids comma-separated, as Cinder
        reads them).

        Raises:
            InvalidInput: Nothing to change.
        """
        body: dict[str, Any] = {}
        if self.name is not None:
            body["name"] = self.name
        if self.description is not None:
            body["description"] = self.description
        if self.add_volumes:
            body["add_volumes"] = ",".join(self.add_volumes)
        if self.remove_volumes:
            body["remove_volumes"] = ",".join(self.remove_volumes)
        if not body:
            raise InvalidInput("a group update needs a name, a description or volumes",
                               "name")
        return {"group": body}


def update(client: ServiceClient, group_id: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Update a group (`PUT /groups/{id}`, 202). A volume Cinder cannot add or remove is a
    `BadRequest` naming why."""
    try:
        body = opts.to_group_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PUT", urls.get_url(client, group_id), json=body,
                                ok_codes=(202,))


def delete(client: ServiceClient, group_id: str, *, delete_volumes: bool = False
           ) -> DeleteResult:
    """Delete a group (the `delete` action, 202); `delete_volumes` deletes its volumes
    too, without it a group with volumes is a `BadRequest`."""
    return DeleteResult.request(client, "POST", urls.action_url(client, group_id),
                                json={"delete": {"delete-volumes": delete_volumes}},
                                ok_codes=(202,))


def reset_status(client: ServiceClient, group_id: str, status: str) -> ResetStatusResult:
    """Set a group's status (`reset_status`, 3.20, 202; admins)."""
    return ResetStatusResult.request(client, "POST", urls.action_url(client, group_id),
                                     json={"reset_status": {"status": status}},
                                     ok_codes=(202,))
