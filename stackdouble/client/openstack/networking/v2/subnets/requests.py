"""Neutron subnets: list (filters, paging, `fields=`), get, create, update, delete."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.networking.v2._neutron import (
    TaggedPagingOpts,
    fields_query,
    list_query,
    request_body,
    revision_header,
)
from stackdouble.client.openstack.networking.v2.subnets import urls
from stackdouble.client.openstack.networking.v2.subnets.results import (
    CreateResult,
    DeleteResult,
    GetResult,
    SubnetPage,
    UpdateResult,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "AllocationPoolOpts",
    "CreateOpts",
    "CreateOptsBuilder",
    "HostRouteOpts",
    "ListOpts",
    "ListOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "create",
    "delete",
    "get",
    "list",
    "update",
]


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `subnets.list`."""

    def to_subnet_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts(TaggedPagingOpts):
    """Filters, sorting, paging and `fields=` for `list`; None fields are not sent.

    Besides these filters, the options of `TaggedPagingOpts`:
    `limit`, `marker`, `sort_key`, `sort_dir`, `fields`, `revision_number`,
    `tags`, `tags_any`, `not_tags`, `not_tags_any`.

    Example:
        >>> ListOpts(network_id="d32019d3", ip_version=4, limit=10).to_subnet_list_query()
        '?limit=10&network_id=d32019d3&ip_version=4'
    """

    name: str | None = field(default=None, metadata={"q": "name"})
    description: str | None = field(default=None, metadata={"q": "description"})
    enable_dhcp: bool | None = field(default=None, metadata={"q": "enable_dhcp"})
    dns_publish_fixed_ip: bool | None = field(default=None,
                                              metadata={"q": "dns_publish_fixed_ip"})
    network_id: str | None = field(default=None, metadata={"q": "network_id"})
    tenant_id: str | None = field(default=None, metadata={"q": "tenant_id"})
    project_id: str | None = field(default=None, metadata={"q": "project_id"})
    ip_version: int | None = field(default=None, metadata={"q": "ip_version"})
    gateway_ip: str | None = field(default=None, metadata={"q": "gateway_ip"})
    cidr: str | None = field(default=None, metadata={"q": "cidr"})
    ipv6_address_mode: str | None = field(default=None, metadata={"q": "ipv6_address_mode"})
    ipv6_ra_mode: str | None = field(default=None, metadata={"q": "ipv6_ra_mode"})
    id: str | None = field(default=None, metadata={"q": "id"})
    subnetpool_id: str | None = field(default=None, metadata={"q": "subnetpool_id"})
    segment_id: str | None = field(default=None, metadata={"q": "segment_id"})

    def to_subnet_list_query(self) -> str:
        """The query string, with a leading `?` when not empty.

        Raises:
            InvalidInput: A negative limit, unpaired sort keys and directions, a bad
                direction or an empty tag (what Neutron answers with a 400).
        """
        return list_query(self)


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[SubnetPage]:
    """List the subnets the project may see, one request a page when `limit` is given
    (or Neutron caps pages).

    Args:
        client: A Networking v2 client from `openstack.new_networking_v2`.
        opts: Filters, sorting, paging, `fields=`; None lists them all.

    Returns:
        A Pager; nothing is sent until it is iterated. A bad option surfaces as the first
        page's error; a sort key Neutron does not sort by is a 400 BadRequest there.
    """
    try:
        query = opts.to_subnet_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, SubnetPage)
    return Pager(client, urls.list_url(client) + query, SubnetPage)


def get(client: ServiceClient, subnet_id: str, *,
        fields: Sequence[str] | None = None) -> GetResult:
    """Get one subnet (`GET /v2.0/subnets/{subnet_id}`); `fields` selects attributes.

    One the project may not see is a 404 NotFound.
    """
    return GetResult.request(client, "GET", urls.get_url(client, subnet_id)
                             + fields_query(fields), ok_codes=(200,))


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `subnets.create`."""

    def to_subnet_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """A new subnet; None fields are not sent (Neutron's defaults apply).

    Give `cidr` and `ip_version`, or `subnetpool_id` (and perhaps `prefixlen`). Neutron
    picks the gateway (the first address) unless `gateway_ip` says otherwise; `""` sends
    null, a subnet without a gateway, as gophercloud does.

    Example:
        >>> CreateOpts(network_id="d32019d3", cidr="10.0.0.0/24", ip_version=4,
        ...            gateway_ip="", allocation_pools=[AllocationPoolOpts("10.0.0.10",
        ...            "10.0.0.20")]).to_subnet_create_map()  # doctest: +NORMALIZE_WHITESPACE
        {'subnet': {'network_id': 'd32019d3', 'cidr': '10.0.0.0/24', 'ip_version': 4,
         'allocation_pools': [{'start': '10.0.0.10', 'end': '10.0.0.20'}],
         'gateway_ip': None}}
    """

    network_id: str = field(metadata={"json": "network_id"})
    cidr: str | None = field(default=None, metadata={"json": "cidr"})
    ip_version: int | None = field(default=None, metadata={"json": "ip_version"})
    name: str | None = field(default=None, metadata={"json": "name"})
    description: str | None = field(default=None, metadata={"json": "description"})
    tenant_id: str | None = field(default=None, metadata={"json": "tenant_id"})
    project_id: str | None = field(default=None, metadata={"json": "project_id"})
    allocation_pools: Sequence[AllocationPoolOpts] | None = field(
        default=None, metadata={"json": "allocation_pools"})
    gateway_ip: str | None = field(default=None,
                                   metadata={"json": "gateway_ip", "null_if_empty": True})
    enable_dhcp: bool | None = field(default=None, metadata={"json": "enable_dhcp"})
    dns_nameservers: Sequence[str] | None = field(default=None,
                                                  metadata={"json": "dns_nameservers"})
    dns_publish_fixed_ip: bool | None = field(default=None,
                                              metadata={"json": "dns_publish_fixed_ip"})
    service_types: Sequence[str] | None = field(default=None, metadata={"json": "service_types"})
    host_routes: Sequence[HostRouteOpts] | None = field(default=None,
                                                        metadata={"json": "host_routes"})
    ipv6_address_mode: str | None = field(default=None, metadata={"json": "ipv6_address_mode"})
    ipv6_ra_mode: str | None = field(default=None, metadata={"json": "ipv6_ra_mode"})
    subnetpool_id: str | None = field(default=None, metadata={"json": "subnetpool_id"})
    prefixlen: int | None = field(default=None, metadata={"json": "prefixlen"})
    segment_id: str | None = field(default=None, metadata={"json": "segment_id"})

    def to_subnet_create_map(self) -> dict[str, Any]:
        """`{"subnet": {...}}`."""
        return request_body(self, "subnet")


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Create a subnet (`POST /v2.0/subnets`, 201).

    Returns:
        A CreateResult; `extract()` gives the new Subnet. Over the project's quota is a
        409 Conflict (`OverQuota`). A CIDR that overlaps
        another subnet of the network, or a gateway outside it, is a 400 BadRequest.
    """
    try:
        body = opts.to_subnet_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.create_url(client), json=body,
                                ok_codes=(201,))


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `subnets.update`."""

    def to_subnet_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """Changes to a subnet; None fields are left as they are.

    `gateway_ip=""` removes the gateway (sends null).

    Attributes:
        revision_number: Apply only if the subnet is still at this revision (sent as
            `If-Match: revision_number=<n>`; otherwise a 412 PreconditionFailed).

    Example:
        >>> UpdateOpts(name="renamed", dns_nameservers=[]).to_subnet_update_map()
        {'subnet': {'name': 'renamed', 'dns_nameservers': []}}
    """

    name: str | None = field(default=None, metadata={"json": "name"})
    description: str | None = field(default=None, metadata={"json": "description"})
    allocation_pools: Sequence[AllocationPoolOpts] | None = field(
        default=None, metadata={"json": "allocation_pools"})
    gateway_ip: str | None = field(default=None,
                                   metadata={"json": "gateway_ip", "null_if_empty": True})
    dns_nameservers: Sequence[str] | None = field(default=None,
                                                  metadata={"json": "dns_nameservers"})
    dns_publish_fixed_ip: bool | None = field(default=None,
                                              metadata={"json": "dns_publish_fixed_ip"})
    service_types: Sequence[str] | None = field(default=None, metadata={"json": "service_types"})
    host_routes: Sequence[HostRouteOpts] | None = field(default=None,
                                                        metadata={"json": "host_routes"})
    enable_dhcp: bool | None = field(default=None, metadata={"json": "enable_dhcp"})
    segment_id: str | None = field(default=None, metadata={"json": "segment_id"})
    revision_number: int | None = None

    def to_subnet_update_map(self) -> dict[str, Any]:
        """`{"subnet": {...}}`."""
        return request_body(self, "subnet")


def update(client: ServiceClient, subnet_id: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Change a subnet (`PUT /v2.0/subnets/{subnet_id}`, 200).

    Returns:
        An UpdateResult; `extract()` gives the Subnet after the change. A stale
        `revision_number` is a 412 PreconditionFailed; a missing subnet a 404 NotFound.
    """
    try:
        body = opts.to_subnet_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PUT", urls.update_url(client, subnet_id), json=body,
                                headers=revision_header(getattr(opts, "revision_number", None)),
                                ok_codes=(200, 201))


def delete(client: ServiceClient, subnet_id: str) -> DeleteResult:
    """Delete a subnet (`DELETE /v2.0/subnets/{subnet_id}`, 204); a missing one is a
    404 NotFound. A subnet with allocated IPs (other than DHCP's) is a 409 Conflict
    (`SubnetInUse`).
    """
    return DeleteResult.request(client, "DELETE", urls.delete_url(client, subnet_id),
                                ok_codes=(204,))


@dataclass(frozen=True, slots=True)
class AllocationPoolOpts:
    """A range of a new subnet's addresses that Neutron allocates from.

    Example:
        >>> AllocationPoolOpts("10.0.0.10", "10.0.0.20")
        AllocationPoolOpts(start='10.0.0.10', end='10.0.0.20')
    """

    start: str = field(metadata={"json": "start"})
    end: str = field(metadata={"json": "end"})


@dataclass(frozen=True, slots=True)
class HostRouteOpts:
    """A route that DHCP hands out on the subnet."""

    destination: str = field(metadata={"json": "destination"})
    nexthop: str = field(metadata={"json": "nexthop"})
