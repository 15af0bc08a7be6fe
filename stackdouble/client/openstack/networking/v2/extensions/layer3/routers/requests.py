"""Neutron routers: list (filters, paging, `fields=`), get, create, update, delete."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.networking.v2._neutron import (
    TaggedPagingOpts,
    fields_query,
    list_query,
    request_body,
    revision_header,
    to_json,
)
from stackdouble.client.openstack.networking.v2.extensions.layer3.routers import urls
from stackdouble.client.openstack.networking.v2.extensions.layer3.routers.results import (
    CreateResult,
    DeleteResult,
    GetResult,
    InterfaceResult,
    RouterPage,
    UpdateResult,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "AddInterfaceOpts",
    "AddInterfaceOptsBuilder",
    "CreateOpts",
    "CreateOptsBuilder",
    "ExternalFixedIPOpts",
    "GatewayInfoOpts",
    "ListOpts",
    "ListOptsBuilder",
    "RemoveInterfaceOpts",
    "RemoveInterfaceOptsBuilder",
    "RouteOpts",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "add_interface",
    "create",
    "delete",
    "get",
    "list",
    "remove_interface",
    "update",
]


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `routers.list`."""

    def to_router_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts(TaggedPagingOpts):
    """Filters, sorting, paging and `fields=` for `list`; None fields are not sent.

    Besides these filters, the options of `TaggedPagingOpts`:
    `limit`, `marker`, `sort_key`, `sort_dir`, `fields`, `revision_number`,
    `tags`, `tags_any`, `not_tags`, `not_tags_any`.

    Example:
        >>> ListOpts(name="router1", limit=10).to_router_list_query()
        '?limit=10&name=router1'
    """

    id: str | None = field(default=None, metadata={"q": "id"})
    name: str | None = field(default=None, metadata={"q": "name"})
    description: str | None = field(default=None, metadata={"q": "description"})
    admin_state_up: bool | None = field(default=None, metadata={"q": "admin_state_up"})
    distributed: bool | None = field(default=None, metadata={"q": "distributed"})
    status: str | None = field(default=None, metadata={"q": "status"})
    tenant_id: str | None = field(default=None, metadata={"q": "tenant_id"})
    project_id: str | None = field(default=None, metadata={"q": "project_id"})

    def to_router_list_query(self) -> str:
        """The query string, with a leading `?` when not empty.

        Raises:
            InvalidInput: A negative limit, unpaired sort keys and directions, a bad
                direction or an empty tag (what Neutron answers with a 400).
        """
        return list_query(self)


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[RouterPage]:
    """List the routers the project may see, one request a page when `limit` is given
    (or Neutron caps pages).

    Args:
        client: A Networking v2 client from `openstack.new_networking_v2`.
        opts: Filters, sorting, paging, `fields=`; None lists them all.

    Returns:
        A Pager; nothing is sent until it is iterated. A bad option surfaces as the first
        page's error; a sort key Neutron does not sort by is a 400 BadRequest there.
    """
    try:
        query = opts.to_router_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, RouterPage)
    return Pager(client, urls.list_url(client) + query, RouterPage)


def get(client: ServiceClient, router_id: str, *,
        fields: Sequence[str] | None = None) -> GetResult:
    """Get one router (`GET /v2.0/routers/{router_id}`); `fields` selects attributes.

    One the project may not see is a 404 NotFound.
    """
    return GetResult.request(client, "GET", urls.get_url(client, router_id)
                             + fields_query(fields), ok_codes=(200,))


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `routers.create`."""

    def to_router_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """A new router; None fields are not sent (Neutron's defaults apply).

    With `gateway_info`, the router gets an address on that external network (routers
    route to one external network; floating IPs need it).

    Example:
        >>> CreateOpts(name="router1", gateway_info=GatewayInfoOpts(
        ...     network_id="ae34051f")).to_router_create_map()
        {'router': {'name': 'router1', 'external_gateway_info': {'network_id': 'ae34051f'}}}
    """

    name: str | None = field(default=None, metadata={"json": "name"})
    description: str | None = field(default=None, metadata={"json": "description"})
    admin_state_up: bool | None = field(default=None, metadata={"json": "admin_state_up"})
    distributed: bool | None = field(default=None, metadata={"json": "distributed"})
    ha: bool | None = field(default=None, metadata={"json": "ha"})
    tenant_id: str | None = field(default=None, metadata={"json": "tenant_id"})
    project_id: str | None = field(default=None, metadata={"json": "project_id"})
    gateway_info: GatewayInfoOpts | None = field(default=None,
                                                 metadata={"json": "external_gateway_info"})
    availability_zone_hints: Sequence[str] | None = field(
        default=None, metadata={"json": "availability_zone_hints"})
    flavor_id: str | None = field(default=None, metadata={"json": "flavor_id"})

    def to_router_create_map(self) -> dict[str, Any]:
        """`{"router": {...}}`."""
        return request_body(self, "router")


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Create a router (`POST /v2.0/routers`, 201).

    Returns:
        A CreateResult; `extract()` gives the new Router. Over the project's quota is a
        409 Conflict (`OverQuota`). A gateway network that is not
        external is a 400 BadRequest.
    """
    try:
        body = opts.to_router_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.create_url(client), json=body,
                                ok_codes=(201,))


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `routers.update`."""

    def to_router_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """Changes to a router; None fields are left as they are.

    Set the gateway with `gateway_info=GatewayInfoOpts(network_id=...)`, clear it with
    `GatewayInfoOpts()`; `routes` replaces every extra route.

    Attributes:
        revision_number: Apply only if the router is still at this revision (sent as
            `If-Match: revision_number=<n>`; otherwise a 412 PreconditionFailed).

    Example:
        >>> UpdateOpts(gateway_info=GatewayInfoOpts()).to_router_update_map()
        {'router': {'external_gateway_info': {}}}
    """

    name: str | None = field(default=None, metadata={"json": "name"})
    description: str | None = field(default=None, metadata={"json": "description"})
    admin_state_up: bool | None = field(default=None, metadata={"json": "admin_state_up"})
    distributed: bool | None = field(default=None, metadata={"json": "distributed"})
    gateway_info: GatewayInfoOpts | None = field(default=None,
                                                 metadata={"json": "external_gateway_info"})
    routes: Sequence[RouteOpts] | None = field(default=None, metadata={"json": "routes"})
    revision_number: int | None = None

    def to_router_update_map(self) -> dict[str, Any]:
        """`{"router": {...}}`."""
        return request_body(self, "router")


def update(client: ServiceClient, router_id: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Change a router (`PUT /v2.0/routers/{router_id}`, 200).

    Returns:
        An UpdateResult; `extract()` gives the Router after the change. A stale
        `revision_number` is a 412 PreconditionFailed; a missing router a 404 NotFound.
        Clearing a gateway that floating IPs use is a 409 Conflict.
    """
    try:
        body = opts.to_router_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PUT", urls.update_url(client, router_id), json=body,
                                headers=revision_header(getattr(opts, "revision_number", None)),
                                ok_codes=(200,))


def delete(client: ServiceClient, router_id: str) -> DeleteResult:
    """Delete a router (`DELETE /v2.0/routers/{router_id}`, 204); a missing one is a
    404 NotFound. A router with interfaces is a 409 Conflict (`RouterInUse`): remove
    them first.
    """
    return DeleteResult.request(client, "DELETE", urls.delete_url(client, router_id),
                                ok_codes=(204,))


@dataclass(frozen=True, slots=True, kw_only=True)
class ExternalFixedIPOpts:
    """An address to ask for on the external network (a subnet, an address, or both)."""

    subnet_id: str | None = field(default=None, metadata={"json": "subnet_id"})
    ip_address: str | None = field(default=None, metadata={"json": "ip_address"})


@dataclass(frozen=True, slots=True, kw_only=True)
class GatewayInfoOpts:
    """A router's `external_gateway_info`. `GatewayInfoOpts()` (an empty object) clears
    the gateway; `enable_snat` and `external_fixed_ips` are for admins by default.

    Example:
        >>> to_json(GatewayInfoOpts(network_id="ae34051f", enable_snat=True))
        {'network_id': 'ae34051f', 'enable_snat': True}
        >>> to_json(GatewayInfoOpts())
        {}
    """

    network_id: str | None = field(default=None, metadata={"json": "network_id"})
    enable_snat: bool | None = field(default=None, metadata={"json": "enable_snat"})
    external_fixed_ips: Sequence[ExternalFixedIPOpts] | None = field(
        default=None, metadata={"json": "external_fixed_ips"})
    qos_policy_id: str | None = field(default=None, metadata={"json": "qos_policy_id"})


@dataclass(frozen=True, slots=True)
class RouteOpts:
    """An extra route: traffic for `destination` (a CIDR) goes to `nexthop`."""

    destination: str = field(metadata={"json": "destination"})
    nexthop: str = field(metadata={"json": "nexthop"})


class AddInterfaceOptsBuilder(Protocol):
    """Anything that renders the body of `routers.add_interface`."""

    def to_router_add_interface_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class AddInterfaceOpts:
    """The subnet to plug a router into (Neutron makes a port on the subnet's gateway
    address), or an existing port to plug in: one of the two.

    Example:
        >>> AddInterfaceOpts(subnet_id="a2f1f29d").to_router_add_interface_map()
        {'subnet_id': 'a2f1f29d'}
    """

    subnet_id: str | None = field(default=None, metadata={"json": "subnet_id"})
    port_id: str | None = field(default=None, metadata={"json": "port_id"})

    def to_router_add_interface_map(self) -> dict[str, Any]:
        """`{"subnet_id"}` or `{"port_id"}`.

        Raises:
            InvalidInput: Both or neither given (Neutron: a 400).
        """
        if (self.subnet_id is None) == (self.port_id is None):
            raise InvalidInput("give exactly one of subnet_id and port_id", "subnet_id")
        body: dict[str, Any] = to_json(self)
        return body


class RemoveInterfaceOptsBuilder(Protocol):
    """Anything that renders the body of `routers.remove_interface`."""

    def to_router_remove_interface_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class RemoveInterfaceOpts:
    """The subnet or the port to unplug a router from (one of them, or both when they
    match)."""

    subnet_id: str | None = field(default=None, metadata={"json": "subnet_id"})
    port_id: str | None = field(default=None, metadata={"json": "port_id"})

    def to_router_remove_interface_map(self) -> dict[str, Any]:
        """`{"subnet_id"}`, `{"port_id"}` or both.

        Raises:
            InvalidInput: Neither given (Neutron: a 400).
        """
        if self.subnet_id is None and self.port_id is None:
            raise InvalidInput("give subnet_id or port_id", "subnet_id")
        body: dict[str, Any] = to_json(self)
        return body


def add_interface(client: ServiceClient, router_id: str,
                  opts: AddInterfaceOptsBuilder) -> InterfaceResult:
    """Plug a router into a subnet or a port
    (`PUT /v2.0/routers/{router_id}/add_router_interface`, 200).

    Returns:
        An InterfaceResult; `extract()` gives the InterfaceInfo (the port made or used).
        A subnet without a gateway, or already on the router, is a 400 BadRequest; a
        port in use elsewhere a 409 Conflict.
    """
    try:
        body = opts.to_router_add_interface_map()
    except StackdoubleError as exc:
        return InterfaceResult.from_error(exc)
    return InterfaceResult.request(client, "PUT", urls.add_interface_url(client, router_id),
                                   json=body, ok_codes=(200,))


def remove_interface(client: ServiceClient, router_id: str,
                     opts: RemoveInterfaceOptsBuilder) -> InterfaceResult:
    """Unplug a router from a subnet or a port
    (`PUT /v2.0/routers/{router_id}/remove_router_interface`, 200).

    Returns:
        An InterfaceResult; `extract()` gives the InterfaceInfo of the port removed. A
        subnet or port not on the router is a 404 NotFound (`RouterInterfaceNotFound...`);
        one that floating IPs still need a 409 Conflict (`RouterInterfaceInUseByFloatingIP`).
    """
    try:
        body = opts.to_router_remove_interface_map()
    except StackdoubleError as exc:
        return InterfaceResult.from_error(exc)
    return InterfaceResult.request(client, "PUT", urls.remove_interface_url(client, router_id),
                                   json=body, ok_codes=(200,))
