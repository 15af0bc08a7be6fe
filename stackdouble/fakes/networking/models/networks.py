"""Networks (`neutron/db/db_base_plugin_v2.py`, ML2's `create_network`, the `provider`,
`external-net` and `net-mtu` extensions)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stackdouble.fakes.caller import Caller
from stackdouble.fakes.networking.errors import NetworkInUse, NetworkNotFound
from stackdouble.fakes.networking.models._common import (
    AUTO_DELETE_OWNERS,
    Network,
    _ModelBase,
)
from stackdouble.fakes.networking.policy import refuse

__all__ = ["OVERHEAD", "NetworksMixin"]

#: What each network type's encapsulation takes off `global_physnet_mtu`.
OVERHEAD = {"geneve": 58, "vxlan": 50, "gre": 42, "flat": 0, "vlan": 0, "local": 0}


class NetworksMixin(_ModelBase):
    """Create, read, update and delete networks."""

    def network_visible(self, caller: Caller, network: Network) -> bool:
        """`get_network`: admin, owner, shared or external."""
        return (caller.is_admin or network.project_id == caller.project_id
                or network.shared or network.external)

    def get_network(self, caller: Caller, network_id: str) -> Network:
        """A network the caller may see.

        Raises:
            NetworkNotFound: None, or not visible.
        """
        network = self.networks.get(network_id)
        if network is None or not self.network_visible(caller, network):
            raise NetworkNotFound(net_id=network_id)
        return network

    def list_networks(self, caller: Caller) -> list[Network]:
        """The networks the caller sees, in creation order."""
        return [n for n in self.networks.values() if self.network_visible(caller, n)]

    def create_network(self, caller: Caller, project_id: str, values: Mapping[str, Any]
                       ) -> Network:
        """A new ACTIVE network (`values` validated by `schema`).

        Raises:
            OverQuota: The project has its quota of networks.
        """
        self.check_quota(caller, project_id, "network")
        self.ensure_default_group(project_id)
        now = self._now()
        net_type = values.get("provider:network_type") or self.config.tenant_network_type
        segmentation = values.get("provider:segmentation_id")
        if segmentation is None and net_type in ("geneve", "vxlan", "gre", "vlan"):
            segmentation = self._next_segment(net_type)
        mtu = values.get("mtu") or self.config.global_physnet_mtu - OVERHEAD.get(net_type, 0)
        network = Network(
            id=self.cloud.ids.uuid(), project_id=project_id, name=values.get("name", ""),
            description=values.get("description", ""), created_at=now, updated_at=now,
            admin_state_up=values.get("admin_state_up", True),
            shared=values.get("shared", False), external=values.get("router:external", False),
            is_default=values.get("is_default", False), mtu=mtu, network_type=net_type,
            physical_network=values.get("provider:physical_network"),
            segmentation_id=segmentation,
            port_security_enabled=values.get("port_security_enabled", True),
            availability_zone_hints=list(values.get("availability_zone_hints", [])),
            tags=list(values.get("tags", [])))
        self.networks[network.id] = network
        return network

    def _next_segment(self, net_type: str) -> int:
        used = {n.segmentation_id for n in self.networks.values() if n.network_type == net_type}
        segment = 1
        while segment in used:
            segment += 1
        return segment

    def update_network(self, caller: Caller, network_id: str, values: Mapping[str, Any]
                       ) -> Network:
        """Change a network's attributes.

        Raises:
            NetworkNotFound: Not visible.
            PolicyNotAuthorized: Visible but not the caller's.
        """
        network = self.get_network(caller, network_id)
        if not caller.is_admin and network.project_id != caller.project_id:
            raise refuse("update", "network")
        names = {"name": "name", "description": "description",
                 "admin_state_up": "admin_state_up", "shared": "shared",
                 "router:external": "external", "mtu": "mtu", "is_default": "is_default",
                 "port_security_enabled": "port_security_enabled"}
        for key, attr in names.items():
            if key in values:
                setattr(network, attr, values[key])
        self._touch(network)
        return network

    def delete_network(self, caller: Caller, network_id: str) -> None:
        """Delete a network, its subnets and its DHCP ports.

        Raises:
            NetworkNotFound: Not visible.
            PolicyNotAuthorized: Visible but not the caller's.
            NetworkInUse: It has ports other than DHCP's.
        """
        network = self.get_network(caller, network_id)
        if not caller.is_admin and network.project_id != caller.project_id:
            raise refuse("delete", "network")
        in_use = [p.id for p in self.ports.values()
                  if p.network_id == network.id and p.device_owner not in AUTO_DELETE_OWNERS]
        if in_use:
            raise NetworkInUse(net_id=network.id, reason=(
                "There are one or more ports still in use on the network, id for these "
                "ports is: " + ",".join(in_use)))
        for port in [p for p in self.ports.values() if p.network_id == network.id]:
            self.delete_port_record(port)
        for subnet_id in network.subnet_ids:
            self.subnets.pop(subnet_id, None)
        del self.networks[network.id]
