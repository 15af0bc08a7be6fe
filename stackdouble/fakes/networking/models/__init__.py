"""The fake Neutron's state and rules: networks, subnets, ports, security groups, routers,
floating IPs, quotas and tags.

`NetworkingModel` (`cloud.networking`) holds everything and enforces Neutron's rules,
raising `NeutronError`s with Neutron's messages; it never builds JSON (that is `views`).
Its public methods are also the Python API for tests:

    >>> from stackdouble.fakes import FakeCloud
    >>> cloud = FakeCloud(seed=3)
    >>> neutron = cloud.networking
    >>> demo = neutron.caller_for(cloud.project_id("demo"))
    >>> net = neutron.create_network(demo, demo.project_id, {"name": "n1"})
    >>> subnet = neutron.create_subnet(demo, demo.project_id, {
    ...     "network_id": net.id, "cidr": "192.168.0.0/29", "ip_version": 4})
    >>> subnet.allocation_pools
    [('192.168.0.2', '192.168.0.6')]
    >>> [(p.device_owner, p.fixed_ips[0][1]) for p in neutron.list_ports(demo)
    ...  if p.network_id == net.id]
    [('network:dhcp', '192.168.0.2')]

The rules live one resource a module, as mixins composed here: `networks`, `subnets`,
`ports` (and the DHCP port), `securitygroups`, `routers`, `floatingips`, `quotas` and
`tags`, with the address management in `ipam` and the records in `_common`; `usage` counts
routers and floating IPs through `count_routers` / `count_floatingips`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sortedcontainers import SortedList  # type: ignore[import-untyped,unused-ignore]

from stackdouble.fakes.caller import Caller
from stackdouble.fakes.data import load_json
from stackdouble.fakes.locking import locked
from stackdouble.fakes.networking.models._common import (
    DHCP_OWNER,
    HOST,
    FloatingIP,
    Network,
    NeutronConfig,
    Port,
    Resource,
    Router,
    SecurityGroup,
    SecurityGroupRule,
    Subnet,
)
from stackdouble.fakes.networking.models.floatingips import FloatingIPsMixin
from stackdouble.fakes.networking.models.networks import NetworksMixin
from stackdouble.fakes.networking.models.ports import PROTECTED_OWNERS, PortsMixin
from stackdouble.fakes.networking.models.quotas import DEFAULT_QUOTAS, QuotasMixin
from stackdouble.fakes.networking.models.routers import RoutersMixin
from stackdouble.fakes.networking.models.securitygroups import SecurityGroupsMixin
from stackdouble.fakes.networking.models.subnets import SubnetsMixin
from stackdouble.fakes.networking.models.tags import TagsMixin

if TYPE_CHECKING:
    from stackdouble.fakes.cloud import FakeCloud

__all__ = [
    "DEFAULT_QUOTAS",
    "DHCP_OWNER",
    "HOST",
    "PROTECTED_OWNERS",
    "FloatingIP",
    "Network",
    "NetworkingModel",
    "NeutronConfig",
    "Port",
    "Resource",
    "Router",
    "SecurityGroup",
    "SecurityGroupRule",
    "Subnet",
]


class NetworkingModel(NetworksMixin, SubnetsMixin, PortsMixin, SecurityGroupsMixin,
                      RoutersMixin, FloatingIPsMixin, QuotasMixin, TagsMixin):
    """All of the fake Neutron's state, and the Python API to steer it.

    Attributes:
        config: The Neutron options in force (`NeutronConfig`); change them with
            `configure`.
        networks: Every network by id, in creation order (so are the others).
        subnets: Every subnet by id.
        ports: Every port by id.
        port_macs: Each port's (network id, MAC address): a MAC is unique on its network.
        port_ids: Every port's id, sorted: listings in id order page from it.
        security_groups: Every security group by id.
        security_group_rules: Every rule by id.
        default_groups: Each project's default group id.
        quota_limits: The limits set per project (the others have the defaults).
        routers: Every router by id.
        floatingips: Every floating IP by id.
    """

    def __init__(self, cloud: FakeCloud) -> None:
        self.cloud = cloud
        self.config = NeutronConfig()
        self.networks: dict[str, Network] = {}
        self.subnets: dict[str, Subnet] = {}
        self.ports: dict[str, Port] = {}
        self.port_macs: set[tuple[str, str]] = set()
        self.port_ids: SortedList[str] = SortedList()
        self.security_groups: dict[str, SecurityGroup] = {}
        self.security_group_rules: dict[str, SecurityGroupRule] = {}
        self.default_groups: dict[str, str] = {}
        self.quota_limits: dict[str, dict[str, int]] = {}
        self.routers: dict[str, Router] = {}
        self.floatingips: dict[str, FloatingIP] = {}

    @locked
    def configure(self, **options: Any) -> NeutronConfig:
        """Change Neutron options (see `NeutronConfig`).

        Raises:
            TypeError: An unknown option.
            ValueError: A value out of range.

        Example:
            >>> from stackdouble.fakes import FakeCloud
            >>> FakeCloud().networking.configure(ip_allocation="next").ip_allocation
            'next'
        """
        self.config = self.config.replaced(**options)
        return self.config

    def caller_for(self, project_id: str, *, is_admin: bool = False) -> Caller:
        """A caller in `project_id` (its first user with a role there), for Python use."""
        identity = self.cloud.identity
        user_id = "fake"
        for user in identity.users.values():
            if identity.effective_role_ids(user.id, "project", project_id):
                user_id = str(user.id)
                break
        return Caller(project_id=project_id, user_id=user_id, is_admin=is_admin)

    @locked
    def load_defaults(self) -> None:
        """DevStack's networks and router (`data/seed.json`), for the projects that exist."""
        seed = load_json("stackdouble.fakes.networking", "seed.json")
        for raw in seed["networks"]:
            try:
                project_id = self.cloud.project_id(raw["project"])
            except LookupError:
                continue
            admin = Caller(project_id=project_id, user_id="seed", is_admin=True)
            values = {k: v for k, v in raw.items() if k not in ("project", "subnets")}
            network = self.create_network(admin, project_id, values)
            for subnet in raw["subnets"]:
                ip_version = 6 if ":" in subnet["cidr"] else 4
                self.create_subnet(admin, project_id, {**subnet, "network_id": network.id,
                                                       "ip_version": ip_version})
        for raw in seed["routers"]:
            self._seed_router(raw)

    def _seed_router(self, raw: dict[str, Any]) -> None:
        """One seeded router: its gateway on a network and interfaces on subnets, by name."""
        try:
            project_id = self.cloud.project_id(raw["project"])
        except LookupError:
            return
        admin = Caller(project_id=project_id, user_id="seed", is_admin=True)
        by_name = {n.name: n.id for n in self.networks.values()}
        subnets = {s.name: s.id for s in self.subnets.values()}
        gateway = by_name.get(raw["gateway"])
        if gateway is None or any(name not in subnets for name in raw["interfaces"]):
            return
        router = self.create_router(admin, project_id, {
            "name": raw["name"], "external_gateway_info": {"network_id": gateway}})
        for name in raw["interfaces"]:
            self.add_router_interface(admin, router.id, {"subnet_id": subnets[name]})

    @locked
    def dump(self) -> dict[str, Any]:
        """The state as JSON-able data (admin views of everything)."""
        from stackdouble.fakes.networking import views

        return views.state(self)
