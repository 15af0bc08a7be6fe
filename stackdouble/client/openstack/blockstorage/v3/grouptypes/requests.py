"""Cinder group types (microversion 3.11): list and get; for admins create, update,
delete and the group specs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.blockstorage.v3._query import check_paging
from stackdouble.client.openstack.blockstorage.v3.grouptypes import urls
from stackdouble.client.openstack.blockstorage.v3.grouptypes.results import (
    CreateResult,
    DeleteGroupSpecResult,
    DeleteResult,
    GetResult,
    GroupSpecResult,
    GroupSpecsResult,
    GroupTypePage,
    UpdateResult,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "DEFAULT",
    "CreateOpts",
    "CreateOptsBuilder",
    "ListOpts",
    "ListOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "create",
    "create_group_specs",
    "delete",
    "delete_group_spec",
    "get",
    "get_group_spec",
    "list",
    "list_group_specs",
    "update",
    "update_group_spec",
]

#: The id `get` takes for the default group type (`default_group_type`).
DEFAULT = "default"


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `grouptypes.list`."""

    def to_group_type_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Paging (and, for admins, `is_public`) for `list`.

    Example:
        >>> ListOpts(limit=5).to_group_type_list_query()
        '?limit=5'
    """

    is_public: bool | None = field(default=None, metadata={"q": "is_public"})
    limit: int | None = field(default=None, metadata={"q": "limit"})
    offset: int | None = field(default=None, metadata={"q": "offset"})
    marker: str | None = field(default=None, metadata={"q": "marker"})

    def to_group_type_list_query(self) -> str:
        """The query string, with a leading `?` when not empty.

        Raises:
            InvalidInput: A negative limit or offset.
        """
        check_paging(self.limit, self.offset, None, None, None)
        return build_query(self)


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[GroupTypePage]:
    """List the group types (`GET /group_types`): the public ones (admins: `is_public`
    picks). Below microversion 3.11 this is `NotFound`.

    Example:
        >>> from stackdouble.client.openstack.blockstorage.v3 import grouptypes
        >>> [t.name for t in grouptypes.list(block_storage.with_microversion("3.11")).items()]
        ['default_cgsnapshot_type']
    """
    try:
        query = opts.to_group_type_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, GroupTypePage)
    return Pager(client, urls.list_url(client) + query, GroupTypePage)


def get(client: ServiceClient, group_type_id: str) -> GetResult:
    """Get one group type (`GET /group_types/{id}`); `DEFAULT` gets the configured
    default group type (`NotFound` when none is)."""
    return GetResult.request(client, "GET", urls.get_url(client, group_type_id),
                             ok_codes=(200,))


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `grouptypes.create`."""

    def to_group_type_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """A new group type; None fields are not sent.

    Example:
        >>> CreateOpts(name="consistent", group_specs={"a": "b"}).to_group_type_create_map()
        {'group_type': {'name': 'consistent', 'group_specs': {'a': 'b'}}}
    """

    name: str
    description: str | None = None
    is_public: bool | None = None
    group_specs: Mapping[str, str] | None = None

    def to_group_type_create_map(self) -> dict[str, Any]:
        """The body of `POST /group_types`.

        Raises:
            InvalidInput: No name.
        """
        if not self.name:
            raise InvalidInput("a group type needs a name", "name")
        body: dict[str, Any] = {"name": self.name}
        if self.description is not None:
            body["description"] = self.description
        if self.is_public is not None:
            body["is_public"] = self.is_public
        if self.group_specs is not None:
            body["group_specs"] = dict(self.group_specs)
        return {"group_type": body}


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Create a group type (`POST /group_types`, 202; admins). A taken name is a
    `Conflict`, a member's call `Forbidden`.

    Example:
        >>> from stackdouble.client.openstack.blockstorage.v3 import grouptypes
        >>> admin = admin_block_storage.with_microversion("3.11")
        >>> made = grouptypes.create(admin, grouptypes.CreateOpts(
        ...     name="consistent", group_specs={"a": "b"})).extract()
        >>> made.name, made.group_specs
        ('consistent', {'a': 'b'})
    """
    try:
        body = opts.to_group_type_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.list_url(client), json=body,
                                ok_codes=(202,))


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `grouptypes.update`."""

    def to_group_type_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """A group type's new name, description or visibility (at least one).

    Example:
        >>> UpdateOpts(description="db groups").to_group_type_update_map()
        {'group_type': {'description': 'db groups'}}
    """

    name: str | None = None
    description: str | None = None
    is_public: bool | None = None

    def to_group_type_update_map(self) -> dict[str, Any]:
        """The body of `PUT /group_types/{id}`.

        Raises:
            InvalidInput: Nothing to change.
        """
        body = {k: v for k, v in (("name", self.name), ("description", self.description),
                                  ("is_public", self.is_public)) if v is not None}
        if not body:
            raise InvalidInput("a group type update needs a name, a description or "
                               "is_public", "name")
        return {"group_type": body}


def update(client: ServiceClient, group_type_id: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Update a group type (`PUT /group_types/{id}`, 200; admins)."""
    try:
        body = opts.to_group_type_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PUT", urls.get_url(client, group_type_id),
                                json=body, ok_codes=(200,))


def delete(client: ServiceClient, group_type_id: str) -> DeleteResult:
    """Delete a group type (`DELETE /group_types/{id}`, 202; admins). A type some group
    still has is a `BadRequest`."""
    return DeleteResult.request(client, "DELETE", urls.get_url(client, group_type_id),
                                ok_codes=(202,))


def list_group_specs(client: ServiceClient, group_type_id: str) -> GroupSpecsResult:
    """A group type's specs (`GET /group_types/{id}/group_specs`; admins)."""
    return GroupSpecsResult.request(client, "GET", urls.group_specs_url(client, group_type_id),
                                    ok_codes=(200,))


def get_group_spec(client: ServiceClient, group_type_id: str, key: str) -> GroupSpecResult:
    """One group spec (`GET .../group_specs/{key}`; admins): `{key: value}`; a missing
    key is `NotFound`."""
    return GroupSpecResult.request(client, "GET",
                                   urls.group_spec_url(client, group_type_id, key),
                                   ok_codes=(200,))


def create_group_specs(client: ServiceClient, group_type_id: str,
                       specs: Mapping[str, str]) -> GroupSpecsResult:
    """Set group specs, merged with the type's (`POST .../group_specs`, 202; admins).

    Example:
        >>> from stackdouble.client.openstack.blockstorage.v3 import grouptypes
        >>> admin = admin_block_storage.with_microversion("3.11")
        >>> made = grouptypes.create(admin, grouptypes.CreateOpts(
        ...     name="consistent", group_specs={"a": "b"})).extract()
        >>> grouptypes.create_group_specs(admin, made.id, {"c": "d"}).extract()
        {'c': 'd'}
        >>> grouptypes.list_group_specs(admin, made.id).extract()
        {'a': 'b', 'c': 'd'}
    """
    if not specs:
        return GroupSpecsResult.from_error(InvalidInput("no group specs to set", "specs"))
    return GroupSpecsResult.request(client, "POST",
                                    urls.group_specs_url(client, group_type_id),
                                    json={"group_specs": dict(specs)}, ok_codes=(202,))


def update_group_spec(client: ServiceClient, group_type_id: str, key: str,
                      value: str) -> GroupSpecResult:
    """Set one group spec (`PUT .../group_specs/{key}`, 200; admins)."""
    return GroupSpecResult.request(client, "PUT",
                                   urls.group_spec_url(client, group_type_id, key),
                                   json={key: value}, ok_codes=(200,))


def delete_group_spec(client: ServiceClient, group_type_id: str,
                      key: str) -> DeleteGroupSpecResult:
    """Remove one group spec (`DELETE .../group_specs/{key}`, 202; admins)."""
    return DeleteGroupSpecResult.request(client, "DELETE",
                                         urls.group_spec_url(client, group_type_id, key),
                                         ok_codes=(202,))
