"""Neutron port results: the Port resource, the Results of each call, and its pages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from stackdouble.client._resource import Resource, json_field
from stackdouble.client._results import ErrResult, Result, parse_time
from stackdouble.client.openstack.networking.v2._neutron import NeutronPage, list_of, strings
from stackdouble.client.pagination import Page

__all__ = [
    "IP",
    "AddressPair",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "Port",
    "PortPage",
    "PortResult",
    "UpdateResult",
    "extract_ports",
]


class IP(Resource):
    """One of a port's fixed IPs: `{"subnet_id", "ip_address"}`."""

    __slots__ = ()

    subnet_id: str = json_field("subnet_id", default="")
    ip_address: str = json_field("ip_address", default="")


class AddressPair(Resource):
    """An allowed address pair: traffic from `ip_address` (a CIDR or an address) and
    `mac_address` passes the port's anti-spoofing rules."""

    __slots__ = ()

    ip_address: str = json_field("ip_address", default="")
    mac_address: str | None = json_field("mac_address")


class Port(Resource):
    """A port as Neutron v2.0 returns it.

    Attributes:
        status: `ACTIVE`, `DOWN`, `BUILD` or `ERROR`; a port nothing is bound to is `DOWN`.
        device_owner: Who uses it: `compute:<zone>` for a server's port,
            `network:dhcp`, `network:router_interface`, `network:router_gateway`,
            `network:floatingip`, or `""`.
        device_id: The server or router using it, or `""`.
        fixed_ips: Its addresses, one per subnet (or more).
        binding_host_id: `binding:host_id`, the host it is bound on (admins only; so are
            the other `binding_*` attributes).
    """

    __slots__ = ()

    id: str = json_field("id", default="")
    network_id: str = json_field("network_id", default="")
    name: str = json_field("name", default="")
    description: str = json_field("description", default="")
    admin_state_up: bool = json_field("admin_state_up", bool, default=True)
    status: str = json_field("status", default="")
    mac_address: str = json_field("mac_address", default="")
    fixed_ips: Sequence[IP] = json_field("fixed_ips", list_of(IP), default=())
    tenant_id: str = json_field("tenant_id", default="")
    project_id: str = json_field("project_id", default="")
    device_owner: str = json_field("device_owner", default="")
    device_id: str = json_field("device_id", default="")
    security_groups: Sequence[str] = json_field("security_groups", strings, default=())
    allowed_address_pairs: Sequence[AddressPair] = json_field(
        "allowed_address_pairs", list_of(AddressPair), default=())
    port_security_enabled: bool | None = json_field("port_security_enabled", bool)
    propagate_uplink_status: bool | None = json_field("propagate_uplink_status", bool)
    binding_host_id: str | None = json_field("binding:host_id")
    binding_vif_type: str | None = json_field("binding:vif_type")
    binding_vnic_type: str | None = json_field("binding:vnic_type")
    binding_vif_details: Mapping[str, Any] = json_field("binding:vif_details", dict,
                                                        default_factory=dict)
    binding_profile: Mapping[str, Any] = json_field("binding:profile", dict,
                                                    default_factory=dict)
    dns_name: str | None = json_field("dns_name")
    dns_assignment: Sequence[Mapping[str, Any]] = json_field("dns_assignment", tuple,
                                                             default=())
    extra_dhcp_opts: Sequence[Mapping[str, Any]] = json_field("extra_dhcp_opts", tuple,
                                                              default=())
    qos_policy_id: str | None = json_field("qos_policy_id")
    tags: Sequence[str] = json_field("tags", strings, default=())
    revision_number: int | None = json_field("revision_number", int)
    created_at: datetime | None = json_field("created_at", parse_time)
    updated_at: datetime | None = json_field("updated_at", parse_time)


class PortResult(Result):
    """A Result whose body is `{"port": {...}}`."""

    __slots__ = ()

    def extract(self) -> Port:
        """The Port, or raise the error the call ended with."""
        return self.extract_with(Port.from_json, key="port")


class CreateResult(PortResult):
    """The result of `ports.create`: the new port."""

    __slots__ = ()


class GetResult(PortResult):
    """The result of `ports.get`; call `extract()` for the Port."""

    __slots__ = ()


class UpdateResult(PortResult):
    """The result of `ports.update`: the port after the change."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `ports.delete` (204); `extract_err()` raises its error, if any."""

    __slots__ = ()


class PortPage(NeutronPage):
    """A page of `ports.list`: `{"ports": [...], "ports_links": [...]}`."""

    __slots__ = ()
    resource_key = "ports"

    def items(self) -> list[Port]:
        """The ports on this page."""
        return extract_ports(self)


def extract_ports(page: Page) -> list[Port]:
    """The ports on one page of `ports.list`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(Port.from_json, key="ports")
