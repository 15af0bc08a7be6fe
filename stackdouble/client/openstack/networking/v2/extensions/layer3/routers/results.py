"""Neutron router results: the Router resource, the Results of each call, and its pages."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from stackdouble.client._resource import Resource, json_field
from stackdouble.client._results import ErrResult, Result, parse_time
from stackdouble.client.openstack.networking.v2._neutron import NeutronPage, list_of, strings
from stackdouble.client.pagination import Page

__all__ = [
    "CreateResult",
    "DeleteResult",
    "ExternalFixedIP",
    "GatewayInfo",
    "GetResult",
    "InterfaceInfo",
    "InterfaceResult",
    "Route",
    "Router",
    "RouterPage",
    "RouterResult",
    "UpdateResult",
    "extract_routers",
]


class ExternalFixedIP(Resource):
    """One of the gateway's addresses on the external network."""

    __slots__ = ()

    ip_address: str = json_field("ip_address", default="")
    subnet_id: str = json_field("subnet_id", default="")


class GatewayInfo(Resource):
    """A router's `external_gateway_info`: the external network it routes to, whether it
    SNATs, and its addresses there."""

    __slots__ = ()

    network_id: str = json_field("network_id", default="")
    enable_snat: bool | None = json_field("enable_snat", bool)
    external_fixed_ips: Sequence[ExternalFixedIP] = json_field(
        "external_fixed_ips", list_of(ExternalFixedIP), default=())
    qos_policy_id: str | None = json_field("qos_policy_id")


class Route(Resource):
    """An extra route: traffic for `destination` goes to `nexthop`."""

    __slots__ = ()

    destination: str = json_field("destination", default="")
    nexthop: str = json_field("nexthop", default="")


class InterfaceInfo(Resource):
    """What `routers.add_interface` and `remove_interface` answer (no envelope): the router
    (`id`), the port that links it to the subnet, and the subnet."""

    __slots__ = ()

    id: str = json_field("id", default="")
    subnet_id: str = json_field("subnet_id", default="")
    subnet_ids: Sequence[str] = json_field("subnet_ids", strings, default=())
    port_id: str = json_field("port_id", default="")
    network_id: str = json_field("network_id", default="")
    tenant_id: str = json_field("tenant_id", default="")
    project_id: str = json_field("project_id", default="")
    tags: Sequence[str] = json_field("tags", strings, default=())


class InterfaceResult(Result):
    """The result of `routers.add_interface` or `remove_interface`."""

    __slots__ = ()

    def extract(self) -> InterfaceInfo:
        """The InterfaceInfo, or raise the error the call ended with."""
        return self.extract_with(InterfaceInfo.from_json)


class Router(Resource):
    """A router as Neutron v2.0 returns it.

    Attributes:
        gateway_info: `external_gateway_info`, None when the router has no gateway.
        routes: Its extra routes.
        distributed: DVR (admins only); `ha` likewise.
    """

    __slots__ = ()

    id: str = json_field("id", default="")
    name: str = json_field("name", default="")
    description: str = json_field("description", default="")
    admin_state_up: bool = json_field("admin_state_up", bool, default=True)
    status: str = json_field("status", default="")
    gateway_info: GatewayInfo | None = json_field("external_gateway_info", GatewayInfo.from_json)
    routes: Sequence[Route] = json_field("routes", list_of(Route), default=())
    distributed: bool | None = json_field("distributed", bool)
    ha: bool | None = json_field("ha", bool)
    flavor_id: str | None = json_field("flavor_id")
    availability_zone_hints: Sequence[str] = json_field("availability_zone_hints", strings,
                                                        default=())
    availability_zones: Sequence[str] = json_field("availability_zones", strings, default=())
    tenant_id: str = json_field("tenant_id", default="")
    project_id: str = json_field("project_id", default="")
    tags: Sequence[str] = json_field("tags", strings, default=())
    revision_number: int | None = json_field("revision_number", int)
    created_at: datetime | None = json_field("created_at", parse_time)
    updated_at: datetime | None = json_field("updated_at", parse_time)


class RouterResult(Result):
    """A Result whose body is `{"router": {...}}`."""

    __slots__ = ()

    def extract(self) -> Router:
        """The Router, or raise the error the call ended with."""
        return self.extract_with(Router.from_json, key="router")


class CreateResult(RouterResult):
    """The result of `routers.create`: the new router."""

    __slots__ = ()


class GetResult(RouterResult):
    """The result of `routers.get`; call `extract()` for the Router."""

    __slots__ = ()


class UpdateResult(RouterResult):
    """The result of `routers.update`: the router after the change."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `routers.delete` (204); `extract_err()` raises its error, if any."""

    __slots__ = ()


class RouterPage(NeutronPage):
    """A page of `routers.list`: `{"routers": [...], "routers_links": [...]}`."""

    __slots__ = ()
    resource_key = "routers"

    def items(self) -> list[Router]:
        """The routers on this page."""
        return extract_routers(self)


def extract_routers(page: Page) -> list[Router]:
    """The routers on one page of `routers.list`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(Router.from_json, key="routers")
