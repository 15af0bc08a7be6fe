"""Nova host aggregates: list, create, get, update, delete, and the `add_host`,
`remove_host` and `set_metadata` actions (admins only, as Nova's policy has it)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.compute.v2.aggregates import urls
from stackdouble.client.openstack.compute.v2.aggregates.results import (
    ActionResult,
    AggregatePage,
    CreateResult,
    DeleteResult,
    GetResult,
    UpdateResult,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "AddHostOpts",
    "CreateOpts",
    "CreateOptsBuilder",
    "RemoveHostOpts",
    "SetMetadataOpts",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "add_host",
    "create",
    "delete",
    "get",
    "list",
    "remove_host",
    "set_metadata",
    "update",
]


def list(client: ServiceClient) -> Pager[AggregatePage]:
    """List every aggregate with its hosts and metadata (`GET /os-aggregates`), in one
    page. Admins only: others get `Forbidden` from the first page.

    Example:
        >>> from stackdouble.client.openstack.compute.v2 import aggregates
        >>> made = aggregates.create(admin_compute, aggregates.CreateOpts(name="racks")).extract()
        >>> [a.name for a in aggregates.list(admin_compute).items()]
        ['racks']
    """
    return Pager(client, urls.list_url(client), AggregatePage)


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `aggregates.create`."""

    def to_aggregates_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """A new aggregate.

    Attributes:
        name: Its name, unique in the cloud (required).
        availability_zone: The availability zone its hosts will be in (stored as the
            metadata `availability_zone`); None: not a zone.

    Example:
        >>> CreateOpts(name="agg1", availability_zone="az1").to_aggregates_create_map()
        {'aggregate': {'name': 'agg1', 'availability_zone': 'az1'}}
    """

    name: str
    availability_zone: str | None = None

    def to_aggregates_create_map(self) -> dict[str, Any]:
        """The body of `POST /os-aggregates`.

        Raises:
            InvalidInput: No name.
        """
        if not self.name:
            raise InvalidInput("an aggregate needs a name", "name")
        body: dict[str, Any] = {"name": self.name}
        if self.availability_zone is not None:
            body["availability_zone"] = self.availability_zone
        return {"aggregate": body}


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Create an aggregate (`POST /os-aggregates`, 200). Its answer has no hosts nor
    metadata. A bad option becomes the Result's error and nothing is sent; a name in use
    arrives as `Conflict`.

    Example:
        >>> from stackdouble.client.openstack.compute.v2 import aggregates
        >>> opts = aggregates.CreateOpts(name="fast", availability_zone="az-fast")
        >>> aggregates.create(admin_compute, opts).extract().availability_zone
        'az-fast'
    """
    try:
        body = opts.to_aggregates_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.create_url(client), json=body,
                                ok_codes=(200,))


def get(client: ServiceClient, aggregate_id: int) -> GetResult:
    """One aggregate (`GET /os-aggregates/{aggregate_id}`); an unknown id arrives as
    `NotFound`."""
    return GetResult.request(client, "GET", urls.get_url(client, aggregate_id),
                             ok_codes=(200,))


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `aggregates.update`."""

    def to_aggregates_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """A new name and/or availability zone; None fields are not sent.

    Example:
        >>> UpdateOpts(availability_zone="az2").to_aggregates_update_map()
        {'aggregate': {'availability_zone': 'az2'}}
    """

    name: str | None = None
    availability_zone: str | None = None

    def to_aggregates_update_map(self) -> dict[str, Any]:
        """The body of `PUT /os-aggregates/{aggregate_id}`.

        Raises:
            InvalidInput: Neither a name nor a zone (Nova requires one of them).
        """
        body: dict[str, Any] = {}
        if self.name is not None:
            body["name"] = self.name
        if self.availability_zone is not None:
            body["availability_zone"] = self.availability_zone
        if not body:
            raise InvalidInput("give a name, an availability_zone or both", "name")
        return {"aggregate": body}


def update(client: ServiceClient, aggregate_id: int, opts: UpdateOptsBuilder) -> UpdateResult:
    """Rename an aggregate or move it to another zone (`PUT /os-aggregates/{id}`, 200).
    Nova refuses (`BadRequest`) a zone change that would put a host in two zones or move
    servers between zones.

    Example:
        >>> from stackdouble.client.openstack.compute.v2 import aggregates
        >>> made = aggregates.create(admin_compute, aggregates.CreateOpts(name="old")).extract()
        >>> opts = aggregates.UpdateOpts(name="new")
        >>> aggregates.update(admin_compute, made.id, opts).extract().name
        'new'
    """
    try:
        body = opts.to_aggregates_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PUT", urls.update_url(client, aggregate_id),
                                json=body, ok_codes=(200,))


def delete(client: ServiceClient, aggregate_id: int) -> DeleteResult:
    """Delete an aggregate without hosts (`DELETE /os-aggregates/{id}`, 200); one with
    hosts arrives as `BadRequest` ("... Host aggregate is not empty.")."""
    return DeleteResult.request(client, "DELETE", urls.delete_url(client, aggregate_id),
                                ok_codes=(200,))


@dataclass(frozen=True, slots=True, kw_only=True)
class AddHostOpts:
    """The compute host to add (its `os-services` host name).

    Example:
        >>> AddHostOpts(host="compute-1").to_aggregates_add_host_map()
        {'add_host': {'host': 'compute-1'}}
    """

    host: str

    def to_aggregates_add_host_map(self) -> dict[str, Any]:
        """The `add_host` action's body.

        Raises:
            InvalidInput: No host.
        """
        if not self.host:
            raise InvalidInput("add_host needs a host", "host")
        return {"add_host": {"host": self.host}}


@dataclass(frozen=True, slots=True, kw_only=True)
class RemoveHostOpts:
    """The compute host to remove.

    Example:
        >>> RemoveHostOpts(host="compute-1").to_aggregates_remove_host_map()
        {'remove_host': {'host': 'compute-1'}}
    """

    host: str

    def to_aggregates_remove_host_map(self) -> dict[str, Any]:
        """The `remove_host` action's body.

        Raises:
            InvalidInput: No host.
        """
        if not self.host:
            raise InvalidInput("remove_host needs a host", "host")
        return {"remove_host": {"host": self.host}}


@dataclass(frozen=True, slots=True, kw_only=True)
class SetMetadataOpts:
    """Metadata to merge into the aggregate's: a None value deletes that key.

    Example:
        >>> SetMetadataOpts(metadata={"ssd": "true", "old": None}).to_set_metadata_map()
        {'set_metadata': {'metadata': {'ssd': 'true', 'old': None}}}
    """

    metadata: Mapping[str, str | None]

    def to_set_metadata_map(self) -> dict[str, Any]:
        """The `set_metadata` action's body."""
        return {"set_metadata": {"metadata": dict(self.metadata)}}


def _action(client: ServiceClient, aggregate_id: int, body: dict[str, Any]) -> ActionResult:
    return ActionResult.request(client, "POST", urls.action_url(client, aggregate_id),
                                json=body, ok_codes=(200,))


def add_host(client: ServiceClient, aggregate_id: int, opts: AddHostOpts) -> ActionResult:
    """Add a compute host (`add_host`, 200 with the aggregate). Its errors: an unknown host
    `NotFound`; the host already in it, in another zone, or with servers whose zone would
    change, `Conflict`.

    Example:
        >>> from stackdouble.client.openstack.compute.v2 import aggregates
        >>> edge = aggregates.create(admin_compute, aggregates.CreateOpts(name="edge")).extract()
        >>> host = aggregates.AddHostOpts(host="stackdouble-compute")
        >>> aggregates.add_host(admin_compute, edge.id, host).extract().hosts
        ['stackdouble-compute']
    """
    try:
        body = opts.to_aggregates_add_host_map()
    except StackdoubleError as exc:
        return ActionResult.from_error(exc)
    return _action(client, aggregate_id, body)


def remove_host(client: ServiceClient, aggregate_id: int,
                opts: RemoveHostOpts) -> ActionResult:
    """Remove a compute host (`remove_host`, 200 with the aggregate). A host not in it
    arrives as `NotFound`; one with servers whose zone would change, `Conflict`."""
    try:
        body = opts.to_aggregates_remove_host_map()
    except StackdoubleError as exc:
        return ActionResult.from_error(exc)
    return _action(client, aggregate_id, body)


def set_metadata(client: ServiceClient, aggregate_id: int,
                 opts: SetMetadataOpts) -> ActionResult:
    """Merge metadata in (`set_metadata`, 200 with the aggregate); `availability_zone`
    moves its hosts to that zone, under the same rules as `update`.

    Example:
        >>> from stackdouble.client.openstack.compute.v2 import aggregates
        >>> made = aggregates.create(admin_compute, aggregates.CreateOpts(name="gpu")).extract()
        >>> opts = aggregates.SetMetadataOpts(metadata={"gpu": "a100"})
        >>> aggregates.set_metadata(admin_compute, made.id, opts).extract().metadata
        {'gpu': 'a100'}
    """
    return _action(client, aggregate_id, opts.to_set_metadata_map())
