"""Cinder volume types: list and get; for admins create, update, delete, the extra specs
and the project access of private types."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.blockstorage.v3._query import check_paging
from stackdouble.client.openstack.blockstorage.v3.volumetypes import urls
from stackdouble.client.openstack.blockstorage.v3.volumetypes.results import (
    AccessPage,
    AddAccessResult,
    CreateExtraSpecsResult,
    CreateResult,
    DeleteExtraSpecResult,
    DeleteResult,
    GetExtraSpecResult,
    GetResult,
    ListExtraSpecsResult,
    RemoveAccessResult,
    UpdateExtraSpecResult,
    UpdateResult,
    VolumeTypePage,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "DEFAULT",
    "AddAccessOpts",
    "AddAccessOptsBuilder",
    "CreateOpts",
    "CreateOptsBuilder",
    "ExtraSpecsOpts",
    "ExtraSpecsOptsBuilder",
    "ListOpts",
    "ListOptsBuilder",
    "RemoveAccessOpts",
    "RemoveAccessOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "add_access",
    "create",
    "create_extra_specs",
    "delete",
    "delete_extra_spec",
    "get",
    "get_extra_spec",
    "list",
    "list_accesses",
    "list_extra_specs",
    "remove_access",
    "update",
    "update_extra_spec",
]

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
    """List the volume types the caller may use (`GET /types`): the public ones and the
    private ones shared with its project (admins: `is_public` picks).

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


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `volumetypes.create`."""

    def to_volume_type_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """A new volume type; None fields are not sent.

    Example:
        >>> CreateOpts(name="gold", is_public=False,
        ...            extra_specs={"multiattach": "<is> True"}).to_volume_type_create_map()
        {'volume_type': {'name': 'gold', 'os-volume-type-access:is_public': False, \
'extra_specs': {'multiattach': '<is> True'}}}
    """

    name: str
    description: str | None = None
    is_public: bool | None = None
    extra_specs: Mapping[str, str] | None = None

    def to_volume_type_create_map(self) -> dict[str, Any]:
        """The body of `POST /types`.

        Raises:
            InvalidInput: No name.
        """
        if not self.name:
            raise InvalidInput("a volume type needs a name", "name")
        body: dict[str, Any] = {"name": self.name}
        if self.description is not None:
            body["description"] = self.description
        if self.is_public is not None:
            body["os-volume-type-access:is_public"] = self.is_public
        if self.extra_specs is not None:
            body["extra_specs"] = dict(self.extra_specs)
        return {"volume_type": body}


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Create a volume type (`POST /types`, 200; admins). A taken name is a `Conflict`.

    Example:
        >>> gold = volumetypes.create(admin_block_storage,
        ...                           volumetypes.CreateOpts(name="gold")).extract()
        >>> gold.name, gold.is_public
        ('gold', True)
    """
    try:
        body = opts.to_volume_type_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.create_url(client), json=body,
                                ok_codes=(200,))


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `volumetypes.update`."""

    def to_volume_type_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """A type's new name, description or visibility (at least one).

    Example:
        >>> UpdateOpts(description="fast disks").to_volume_type_update_map()
        {'volume_type': {'description': 'fast disks'}}
    """

    name: str | None = None
    description: str | None = None
    is_public: bool | None = None

    def to_volume_type_update_map(self) -> dict[str, Any]:
        """The body of `PUT /types/{id}`.

        Raises:
            InvalidInput: Nothing to change.
        """
        body = {k: v for k, v in (("name", self.name), ("description", self.description),
                                  ("is_public", self.is_public)) if v is not None}
        if not body:
            raise InvalidInput("a volume type update needs a name, a description or "
                               "is_public", "name")
        return {"volume_type": body}


def update(client: ServiceClient, volume_type_id: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Update a volume type (`PUT /types/{id}`, 200; admins)."""
    try:
        body = opts.to_volume_type_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PUT", urls.update_url(client, volume_type_id),
                                json=body, ok_codes=(200,))


def delete(client: ServiceClient, volume_type_id: str) -> DeleteResult:
    """Delete a volume type (`DELETE /types/{id}`, 202; admins). The default type, or one
    a volume still has, is a `BadRequest`."""
    return DeleteResult.request(client, "DELETE", urls.delete_url(client, volume_type_id),
                                ok_codes=(202,))


# -- extra specs --------------------------------------------------------------------------------


class ExtraSpecsOptsBuilder(Protocol):
    """Anything that renders the body of `volumetypes.create_extra_specs`."""

    def to_volume_type_extra_specs_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True)
class ExtraSpecsOpts:
    """Extra specs to set (merged with the type's), as gophercloud's `ExtraSpecsOpts`.

    Example:
        >>> ExtraSpecsOpts({"volume_backend_name": "lvm"}).to_volume_type_extra_specs_create_map()
        {'extra_specs': {'volume_backend_name': 'lvm'}}
    """

    specs: Mapping[str, str]

    def to_volume_type_extra_specs_create_map(self) -> dict[str, Any]:
        """The body of `POST /types/{id}/extra_specs`.

        Raises:
            InvalidInput: No specs.
        """
        if not self.specs:
            raise InvalidInput("no extra specs to set", "specs")
        return {"extra_specs": dict(self.specs)}


def list_extra_specs(client: ServiceClient, volume_type_id: str) -> ListExtraSpecsResult:
    """A type's extra specs (`GET /types/{id}/extra_specs`; non-admins see only the
    user-visible ones).

    Example:
        >>> volumetypes.list_extra_specs(block_storage, volumetypes.DEFAULT).extract()
        {}
    """
    return ListExtraSpecsResult.request(client, "GET", urls.extra_specs_url(client,
                                                                            volume_type_id),
                                        ok_codes=(200,))


def get_extra_spec(client: ServiceClient, volume_type_id: str, key: str) -> GetExtraSpecResult:
    """One extra spec (`GET /types/{id}/extra_specs/{key}`); `extract()` gives
    `{key: value}`, a missing key is `NotFound`."""
    return GetExtraSpecResult.request(client, "GET", urls.extra_spec_url(client,
                                                                         volume_type_id, key),
                                      ok_codes=(200,))


def create_extra_specs(client: ServiceClient, volume_type_id: str,
                       opts: ExtraSpecsOptsBuilder) -> CreateExtraSpecsResult:
    """Set extra specs (`POST /types/{id}/extra_specs`, 200; admins). A type some volume
    has is a `BadRequest` ("Volume Type is currently in use.")."""
    try:
        body = opts.to_volume_type_extra_specs_create_map()
    except StackdoubleError as exc:
        return CreateExtraSpecsResult.from_error(exc)
    return CreateExtraSpecsResult.request(client, "POST",
                                          urls.extra_specs_url(client, volume_type_id),
                                          json=body, ok_codes=(200,))


def update_extra_spec(client: ServiceClient, volume_type_id: str, key: str,
                      value: str) -> UpdateExtraSpecResult:
    """Set one extra spec (`PUT /types/{id}/extra_specs/{key}`, 200; admins)."""
    return UpdateExtraSpecResult.request(client, "PUT",
                                         urls.extra_spec_url(client, volume_type_id, key),
                                         json={key: value}, ok_codes=(200,))


def delete_extra_spec(client: ServiceClient, volume_type_id: str,
                      key: str) -> DeleteExtraSpecResult:
    """Remove one extra spec (`DELETE /types/{id}/extra_specs/{key}`, 202; admins)."""
    return DeleteExtraSpecResult.request(client, "DELETE",
                                         urls.extra_spec_url(client, volume_type_id, key),
                                         ok_codes=(202,))


# -- project access -----------------------------------------------------------------------------


def list_accesses(client: ServiceClient, volume_type_id: str) -> Pager[AccessPage]:
    """The projects a private type is shared with (`GET /types/{id}/os-volume-type-access`;
    admins). A public type is `NotFound`."""
    return Pager(client, urls.access_url(client, volume_type_id), AccessPage)


class AddAccessOptsBuilder(Protocol):
    """Anything that renders the body of `volumetypes.add_access`."""

    def to_volume_type_add_access_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class AddAccessOpts:
    """The project to share a private type with.

    Example:
        >>> AddAccessOpts(project="p-1").to_volume_type_add_access_map()
        {'addProjectAccess': {'project': 'p-1'}}
    """

    project: str

    def to_volume_type_add_access_map(self) -> dict[str, Any]:
        """The body of the `addProjectAccess` action.

        Raises:
            InvalidInput: No project.
        """
        if not self.project:
            raise InvalidInput("addProjectAccess needs a project", "project")
        return {"addProjectAccess": {"project": self.project}}


def add_access(client: ServiceClient, volume_type_id: str,
               opts: AddAccessOptsBuilder) -> AddAccessResult:
    """Share a type with a project (`addProjectAccess`, 202; admins). Twice is a
    `Conflict`."""
    try:
        body = opts.to_volume_type_add_access_map()
    except StackdoubleError as exc:
        return AddAccessResult.from_error(exc)
    return AddAccessResult.request(client, "POST", urls.action_url(client, volume_type_id),
                                   json=body, ok_codes=(202,))


class RemoveAccessOptsBuilder(Protocol):
    """Anything that renders the body of `volumetypes.remove_access`."""

    def to_volume_type_remove_access_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class RemoveAccessOpts:
    """The project to stop sharing a private type with.

    Example:
        >>> RemoveAccessOpts(project="p-1").to_volume_type_remove_access_map()
        {'removeProjectAccess': {'project': 'p-1'}}
    """

    project: str

    def to_volume_type_remove_access_map(self) -> dict[str, Any]:
        """The body of the `removeProjectAccess` action.

        Raises:
            InvalidInput: No project.
        """
        if not self.project:
            raise InvalidInput("removeProjectAccess needs a project", "project")
        return {"removeProjectAccess": {"project": self.project}}


def remove_access(client: ServiceClient, volume_type_id: str,
                  opts: RemoveAccessOptsBuilder) -> RemoveAccessResult:
    """Stop sharing a type with a project (`removeProjectAccess`, 202; admins). A project
    without access is `NotFound`."""
    try:
        body = opts.to_volume_type_remove_access_map()
    except StackdoubleError as exc:
        return RemoveAccessResult.from_error(exc)
    return RemoveAccessResult.request(client, "POST", urls.action_url(client, volume_type_id),
                                      json=body, ok_codes=(202,))
