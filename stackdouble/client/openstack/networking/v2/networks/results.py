"""Neutron network results: the Network resource, the Results of each call, and its pages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from stackdouble.client._resource import Resource, json_field
from stackdouble.client._results import ErrResult, Result, parse_time
from stackdouble.client.openstack.networking.v2._neutron import NeutronPage, strings
from stackdouble.client.pagination import Page

__all__ = [
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "Network",
    "NetworkPage",
    "NetworkResult",
    "UpdateResult",
    "extract_networks",
]


class Network(Resource):
    """A network as Neutron v2.0 returns it.

    Attributes convert from the JSON when first read; `raw` holds the JSON. With `fields=`
    selection, the attributes not selected read as their defaults.

    Attributes:
        status: `ACTIVE`, `DOWN`, `BUILD` or `ERROR`.
        admin_state_up: False when the network forwards nothing.
        subnets: The ids of its subnets.
        shared: Whether every project may use it.
        external: `router:external`: whether routers may use it as their gateway and
            floating IPs come from it.
        provider_network_type: `provider:network_type` (`flat`, `vlan`, `vxlan`, `geneve`...),
            shown to admins only; likewise `provider_physical_network` and
            `provider_segmentation_id`.
        revision_number: Bumped by every change (see `UpdateOpts.revision_number`).
        created_at: Neutron writes `2016-03-08T20:19:41` or `...Z`; both read as UTC.
    """

    __slots__ = ()

    id: str = json_field("id", default="")
    name: str = json_field("name", default="")
    description: str = json_field("description", default="")
    admin_state_up: bool = json_field("admin_state_up", bool, default=True)
    status: str = json_field("status", default="")
    subnets: Sequence[str] = json_field("subnets", strings, default=())
    tenant_id: str = json_field("tenant_id", default="")
    project_id: str = json_field("project_id", default="")
    shared: bool = json_field("shared", bool, default=False)
    external: bool = json_field("router:external", bool, default=False)
    mtu: int | None = json_field("mtu", int)
    port_security_enabled: bool | None = json_field("port_security_enabled", bool)
    availability_zone_hints: Sequence[str] = json_field("availability_zone_hints", strings,
                                                        default=())
    availability_zones: Sequence[str] = json_field("availability_zones", strings, default=())
    dns_domain: str | None = json_field("dns_domain")
    ipv4_address_scope: str | None = json_field("ipv4_address_scope")
    ipv6_address_scope: str | None = json_field("ipv6_address_scope")
    qos_policy_id: str | None = json_field("qos_policy_id")
    is_default: bool | None = json_field("is_default", bool)
    l2_adjacency: bool | None = json_field("l2_adjacency", bool)
    provider_network_type: str | None = json_field("provider:network_type")
    provider_physical_network: str | None = json_field("provider:physical_network")
    provider_segmentation_id: int | None = json_field("provider:segmentation_id", int)
    segments: Sequence[Mapping[str, Any]] = json_field("segments", tuple, default=())
    tags: Sequence[str] = json_field("tags", strings, default=())
    revision_number: int | None = json_field("revision_number", int)
    created_at: datetime | None = json_field("created_at", parse_time)
    updated_at: datetime | None = json_field("updated_at", parse_time)


class NetworkResult(Result):
    """A Result whose body is `{"network": {...}}`."""

    __slots__ = ()

    def extract(self) -> Network:
        """The Network, or raise the error the call ended with."""
        return self.extract_with(Network.from_json, key="network")


class CreateResult(NetworkResult):
    """The result of `networks.create` (201): the new network."""

    __slots__ = ()


class GetResult(NetworkResult):
    """The result of `networks.get`; call `extract()` for the Network."""

    __slots__ = ()


class UpdateResult(NetworkResult):
    """The result of `networks.update`: the network after the change."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `networks.delete` (204); `extract_err()` raises its error, if any."""

    __slots__ = ()


class NetworkPage(NeutronPage):
    """A page of `networks.list`: `{"networks": [...], "networks_links": [...]}`."""

    __slots__ = ()
    resource_key = "networks"

    def items(self) -> list[Network]:
        """The networks on this page."""
        return extract_networks(self)


def extract_networks(page: Page) -> list[Network]:
    """The networks on one page of `networks.list`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(Network.from_json, key="networks")
