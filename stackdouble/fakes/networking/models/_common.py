"""Shared parts of the fake Neutron's model: the records, the settings and `_ModelBase`,
which every resource mixin inherits.

`NetworkingModel.__init__` (in `models/__init__.py`) sets all the state declared here. The
records carry Neutron's standard attributes (`neutron/db/standard_attr.py`): `tags`,
`description`, `revision_number` (bumped by every update), `created_at` and `updated_at`.
Visibility follows Neutron's default policies (`neutron/conf/policies/`): an admin sees
everything; a project sees its own resources, shared and external networks, the subnets of
shared networks and the ports on its networks.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sortedcontainers import SortedList  # type: ignore[import-untyped,unused-ignore]

if TYPE_CHECKING:
    from collections.abc import Mapping

    from stackdouble.fakes.caller import Caller
    from stackdouble.fakes.cloud import FakeCloud

__all__ = [
    "DHCP_OWNER",
    "FLOATINGIP_OWNER",
    "HOST",
    "ROUTER_GATEWAY_OWNER",
    "ROUTER_INTERFACE_OWNER",
    "FloatingIP",
    "Network",
    "NeutronConfig",
    "Port",
    "Resource",
    "Router",
    "SecurityGroup",
    "SecurityGroupRule",
    "Subnet",
    "server_of",
]

#: The DHCP agent's ports (`constants.DEVICE_OWNER_DHCP`).
DHCP_OWNER = "network:dhcp"
#: A router's ports on its subnets (`DEVICE_OWNER_ROUTER_INTF`).
ROUTER_INTERFACE_OWNER = "network:router_interface"
#: A router's port on its external network (`DEVICE_OWNER_ROUTER_GW`).
ROUTER_GATEWAY_OWNER = "network:router_gateway"
#: A floating IP's port on its external network (`DEVICE_OWNER_FLOATINGIP`).
FLOATINGIP_OWNER = "network:floatingip"
#: The host the fake binds ports to (DevStack's single node).
HOST = "stackdouble"
#: Device owners whose ports the network's deletion removes with it
#: (`AUTO_DELETE_PORT_OWNERS`).
AUTO_DELETE_OWNERS = frozenset({DHCP_OWNER, "network:router_interface_distributed",
                                "network:floatingip_agent_gateway"})


@dataclass(frozen=True, slots=True, kw_only=True)
class NeutronConfig:
    """The Neutron options the fake honours (`neutron.conf`, `ml2_conf.ini`), as DevStack
    sets them.

    Attributes:
        global_physnet_mtu: The MTU of networks (1500).
        tenant_network_type: `ml2 tenant_network_types[0]`: `geneve` under OVN (DevStack's
            default), whose overhead makes project networks' MTU 1442.
        ip_allocation: `random` as Neutron's IPAM (a seeded pick among the first 1000 free
            addresses), or `next` (the lowest free address) for tests that want to know it.
        max_dns_nameservers: `max_dns_nameservers` (5).
        max_subnet_host_routes: `max_subnet_host_routes` (20).
        base_mac: `base_mac`: the first three bytes of every MAC address.
        availability_zones: What networks report in `availability_zones`.
    """

    global_physnet_mtu: int = 1500
    tenant_network_type: str = "geneve"
    ip_allocation: str = "random"
    max_dns_nameservers: int = 5
    max_subnet_host_routes: int = 20
    base_mac: str = "fa:16:3e"
    availability_zones: tuple[str, ...] = ("nova",)

    def replaced(self, **changes: Any) -> NeutronConfig:
        """A copy with `changes`.

        Raises:
            TypeError: An unknown option.
            ValueError: A value out of range.
        """
        new = dataclasses.replace(self, **changes)
        if new.ip_allocation not in ("random", "next"):
            raise ValueError("ip_allocation must be 'random' or 'next'")
        if new.global_physnet_mtu < 68:
            raise ValueError("global_physnet_mtu must be at least 68")
        return new


@dataclass(slots=True, eq=False, kw_only=True)
class Resource:
    """The standard attributes every Neutron resource carries."""

    id: str
    project_id: str
    name: str = ""
    description: str = ""
    tags: list[str] = field(default_factory=list)
    #: Neutron's standard attributes start at 1 (the row's first version).
    revision_number: int = 1
    created_at: datetime
    updated_at: datetime


@dataclass(slots=True, eq=False, kw_only=True)
class Network(Resource):
    """A network (`networks` and its `provider:*`, `router:external` extensions)."""

    admin_state_up: bool = True
    shared: bool = False
    external: bool = False
    is_default: bool = False
    mtu: int = 1500
    status: str = "ACTIVE"
    network_type: str = "geneve"
    physical_network: str | None = None
    segmentation_id: int | None = None
    port_security_enabled: bool = True
    availability_zone_hints: list[str] = field(default_factory=list)
    subnet_ids: list[str] = field(default_factory=list)


@dataclass(slots=True, eq=False, kw_only=True)
class Subnet(Resource):
    """A subnet: its CIDR, pools, gateway, DHCP and IPv6 modes, and what IPAM handed out
    (`allocated`: address as an int → port id). `free_from` is where IPAM's search for a
    free address starts: no pool address below it is free (releasing an address or changing
    the pools lowers it), so handing out addresses one after another costs O(1) each, not
    O(addresses taken)."""

    network_id: str
    cidr: str
    ip_version: int
    gateway_ip: str | None
    allocation_pools: list[tuple[str, str]]
    enable_dhcp: bool = True
    dns_nameservers: list[str] = field(default_factory=list)
    host_routes: list[tuple[str, str]] = field(default_factory=list)
    ipv6_ra_mode: str | None = None
    ipv6_address_mode: str | None = None
    service_types: list[str] = field(default_factory=list)
    allocated: dict[int, str] = field(default_factory=dict)
    free_from: int = 0

    @property
    def auto_address(self) -> bool:
        """Whether ports get EUI-64 addresses here (SLAAC or DHCPv6-stateless)."""
        return self.ipv6_address_mode in ("slaac", "dhcpv6-stateless")


@dataclass(slots=True, eq=False, kw_only=True)
class Port(Resource):
    """A port: its MAC, fixed IPs (subnet id, address), device and binding.

    `compute_made` and `device_tag` are what Nova's network info cache remembers of a port
    it bound (whether Nova made it, so deletes it with the server, and the device tag);
    the API never shows them.
    """

    network_id: str
    mac_address: str
    admin_state_up: bool = True
    fixed_ips: list[tuple[str, str]] = field(default_factory=list)
    device_id: str = ""
    device_owner: str = ""
    status: str = "DOWN"
    host_id: str = ""
    vnic_type: str = "normal"
    profile: dict[str, Any] = field(default_factory=dict)
    security_groups: list[str] = field(default_factory=list)
    port_security_enabled: bool = True
    allowed_address_pairs: list[dict[str, str]] = field(default_factory=list)
    compute_made: bool = False
    device_tag: str | None = None

    @property
    def vif_type(self) -> str:
        """`binding:vif_type`: `ovs` once bound to a host, else `unbound`."""
        return "ovs" if self.host_id else "unbound"


@dataclass(slots=True, eq=False, kw_only=True)
class SecurityGroupRule(Resource):
    """One rule of a security group."""

    security_group_id: str
    direction: str
    ethertype: str
    protocol: str | None = None
    port_range_min: int | None = None
    port_range_max: int | None = None
    remote_ip_prefix: str | None = None
    remote_group_id: str | None = None


@dataclass(slots=True, eq=False, kw_only=True)
class SecurityGroup(Resource):
    """A security group; its rules are the model's, by `security_group_id`."""

    stateful: bool = True
    rule_ids: list[str] = field(default_factory=list)


@dataclass(slots=True, eq=False, kw_only=True)
class Router(Resource):
    """A router: its gateway port (on an external network) and SNAT mode; its interfaces
    are the ports whose `device_id` is the router and `device_owner` a router interface."""

    admin_state_up: bool = True
    status: str = "ACTIVE"
    gw_port_id: str | None = None
    enable_snat: bool = True
    routes: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True, eq=False, kw_only=True)
class FloatingIP(Resource):
    """A floating IP: its address (held by its own `network:floatingip` port on the
    external network) and what it maps to (`port_id`, `fixed_ip_address`, `router_id`)."""

    floating_network_id: str
    floating_ip_address: str
    floating_port_id: str
    port_id: str | None = None
    fixed_ip_address: str | None = None
    router_id: str | None = None

    @property
    def status(self) -> str:
        """`ACTIVE` while mapped to a port, else `DOWN` (as the L3 backends report it)."""
        return "ACTIVE" if self.port_id else "DOWN"


def server_of(port: Port) -> str:
    """The server a port is plugged into (its `device_id` when a `compute:*` port), or `""`."""
    return port.device_id if port.device_owner.startswith("compute:") else ""


class _ModelBase:
    """The state the resource mixins share; `NetworkingModel.__init__` sets it all."""

    cloud: FakeCloud
    config: NeutronConfig
    networks: dict[str, Network]
    subnets: dict[str, Subnet]
    ports: dict[str, Port]
    port_macs: set[tuple[str, str]]
    port_ids: SortedList[str]
    security_groups: dict[str, SecurityGroup]
    security_group_rules: dict[str, SecurityGroupRule]
    default_groups: dict[str, str]
    quota_limits: dict[str, dict[str, int]]
    routers: dict[str, Router]
    floatingips: dict[str, FloatingIP]

    def _now(self) -> datetime:
        return self.cloud.clock.now().replace(microsecond=0)

    def _touch(self, item: Resource) -> None:
        """An update: a new revision and `updated_at`."""
        item.revision_number += 1
        item.updated_at = self._now()

    def announce(self, *server_ids: str) -> None:
        """Tell Nova the ports or floating IPs of these servers changed (Neutron's nova
        notifier: `network-changed`); empty ids are skipped, each server told once."""
        servers = self.cloud.links.servers
        for server_id in dict.fromkeys(server_ids):
            if server_id:
                servers.network_changed(server_id)

    if TYPE_CHECKING:
        def check_quota(self, caller: Caller, project_id: str, resource: str,
                        count: int = 1) -> None: ...
        def ensure_default_group(self, project_id: str) -> SecurityGroup: ...
        def get_network(self, caller: Caller, network_id: str) -> Network: ...
        def allocate_fixed_ips(self, port: Port, requests: list[dict[str, str]] | None
                               ) -> list[tuple[str, str]]: ...
        def release_fixed_ips(self, port: Port) -> None: ...
        def delete_port_record(self, port: Port) -> None: ...
        def create_dhcp_port(self, network: Network, subnet: Subnet) -> Port: ...
        def create_service_port(self, network: Network, *, project_id: str, device_id: str,
                                device_owner: str, fixed_ips: list[dict[str, str]] | None,
                                status: str) -> Port: ...
        def get_port(self, caller: Caller, port_id: str) -> Port: ...
        def update_port(self, caller: Caller, port_id: str, values: Mapping[str, Any]
                        ) -> Port: ...
        def network_visible(self, caller: Caller, network: Network) -> bool: ...
        def get_subnet(self, caller: Caller, subnet_id: str) -> Subnet: ...
        def create_port(self, caller: Caller, project_id: str, values: Mapping[str, Any]
                        ) -> Port: ...
        def disassociate_port(self, port: Port) -> list[str]: ...
        def router_ports(self, router: Router) -> list[Port]: ...
        def router_for_floating_ip(self, port: Port, subnet_id: str,
                                   external_network_id: str) -> Router | None: ...
