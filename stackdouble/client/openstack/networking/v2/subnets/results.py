"""Neutron subnet results: the Subnet resource, the Results of each call, and its pages."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from stackdouble.client._resource import Resource, json_field
from stackdouble.client._results import ErrResult, Result, parse_time
from stackdouble.client.openstack.networking.v2._neutron import NeutronPage, list_of, strings
from stackdouble.client.pagination import Page

__all__ = [
    "AllocationPool",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "HostRoute",
    "Subnet",
    "SubnetPage",
    "SubnetResult",
    "UpdateResult",
    "extract_subnets",
]


class AllocationPool(Resource):
    """A range of addresses Neutron allocates from: `{"start", "end"}`."""

    __slots__ = ()

    start: str = json_field("start", default="")
    end: str = json_field("end", default="")


class HostRoute(Resource):
    """A route DHCP hands out: `{"destination", "nexthop"}`."""

    __slots__ = ()

    destination: str = json_field("destination", default="")
    nexthop: str = json_field("nexthop", default="")


class Subnet(Resource):
    """A subnet as Neutron v2.0 returns it.

    Attributes:
        gateway_ip: None when the subnet has no gateway.
        allocation_pools: Where Neutron allocates fixed IPs from.
        ipv6_address_mode: `slaac`, `dhcpv6-stateful` or `dhcpv6-stateless` (IPv6 only).
    """

    __slots__ = ()

    id: str = json_field("id", default="")
    network_id: str = json_field("network_id", default="")
    name: str = json_field("name", default="")
    description: str = json_field("description", default="")
    ip_version: int = json_field("ip_version", int, default=4)
    cidr: str = json_field("cidr", default="")
    gateway_ip: str | None = json_field("gateway_ip")
    enable_dhcp: bool = json_field("enable_dhcp", bool, default=True)
    dns_nameservers: Sequence[str] = json_field("dns_nameservers", strings, default=())
    dns_publish_fixed_ip: bool | None = json_field("dns_publish_fixed_ip", bool)
    allocation_pools: Sequence[AllocationPool] = json_field(
        "allocation_pools", list_of(AllocationPool), default=())
    host_routes: Sequence[HostRoute] = json_field("host_routes", list_of(HostRoute), default=())
    service_types: Sequence[str] = json_field("service_types", strings, default=())
    ipv6_address_mode: str | None = json_field("ipv6_address_mode")
    ipv6_ra_mode: str | None = json_field("ipv6_ra_mode")
    subnetpool_id: str | None = json_field("subnetpool_id")
    segment_id: str | None = json_field("segment_id")
    tenant_id: str = json_field("tenant_id", default="")
    project_id: str = json_field("project_id", default="")
    tags: Sequence[str] = json_field("tags", strings, default=())
    revision_number: int | None = json_field("revision_number", int)
    created_at: datetime | None = json_field("created_at", parse_time)
    updated_at: datetime | None = json_field("updated_at", parse_time)


class SubnetResult(Result):
    """A Result whose body is `{"subnet": {...}}`."""

    __slots__ = ()

    def extract(self) -> Subnet:
        """The Subnet, or raise the error the call ended with."""
        return self.extract_with(Subnet.from_json, key="subnet")


class CreateResult(SubnetResult):
    """The result of `subnets.create`: the new subnet."""

    __slots__ = ()


class GetResult(SubnetResult):
    """The result of `subnets.get`; call `extract()` for the Subnet."""

    __slots__ = ()


class UpdateResult(SubnetResult):
    """The result of `subnets.update`: the subnet after the change."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `subnets.delete` (204); `extract_err()` raises its error, if any."""

    __slots__ = ()


class SubnetPage(NeutronPage):
    """A page of `subnets.list`: `{"subnets": [...], "subnets_links": [...]}`."""

    __slots__ = ()
    resource_key = "subnets"

    def items(self) -> list[Subnet]:
        """The subnets on this page."""
        return extract_subnets(self)


def extract_subnets(page: Page) -> list[Subnet]:
    """The subnets on one page of `subnets.list`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(Subnet.from_json, key="subnets")
