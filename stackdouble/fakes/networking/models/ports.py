"""Ports (`db_base_plugin_v2.create_port`, ML2's binding, `ipam_pluggable_backend.py` for
their fixed IPs, `securitygroups_db.py` for their default group).

A port's MAC address is `base_mac` plus three random bytes. Its fixed IPs come from
`models/ipam.py`: when none are asked for, one address from the first IPv4 subnet with room
and one from the first stateful IPv6 subnet, plus an EUI-64 address on every SLAAC subnet
(not for router interfaces). A port is DOWN until bound to a host (`binding:host_id`), then
ACTIVE with `binding:vif_type` `ovs`.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from typing import Any

from stackdouble.fakes.caller import Caller
from stackdouble.fakes.networking.errors import (
    AllocationOnAutoAddressSubnet,
    BadRequest,
    HTTPNotFound,
    InvalidInput,
    InvalidIpForNetwork,
    IpAddressGenerationFailure,
    MacAddressInUse,
    PortNotFound,
    SecurityGroupNotFound,
    ServicePortInUse,
)
from stackdouble.fakes.networking.models import ipam
from stackdouble.fakes.networking.models._common import (
    DHCP_OWNER,
    HOST,
    ROUTER_INTERFACE_OWNER,
    Network,
    Port,
    Subnet,
    _ModelBase,
    server_of,
)
from stackdouble.fakes.networking.policy import refuse

__all__ = ["PROTECTED_OWNERS", "PortsMixin"]

#: Ports only their router or floating IP may delete (`l3_db.router_device_owners` and
#: `DEVICE_OWNER_FLOATINGIP`).
PROTECTED_OWNERS = frozenset({"network:router_interface", "network:router_gateway",
                              "network:router_interface_distributed",
                              "network:ha_router_replicated_interface",
                              "network:floatingip"})


class PortsMixin(_ModelBase):
    """Create, read, update, bind and delete ports, with their addresses."""

    def port_visible(self, caller: Caller, port: Port) -> bool:
        """`get_port`: admin, owner, or the owner of the port's network."""
        if caller.is_admin or port.project_id == caller.project_id:
            return True
        network = self.networks.get(port.network_id)
        return network is not None and network.project_id == caller.project_id

    def get_port(self, caller: Caller, port_id: str) -> Port:
        """A port the caller may see.

        Raises:
            PortNotFound: None, or not visible.
        """
        port = self.ports.get(port_id)
        if port is None or not self.port_visible(caller, port):
            raise PortNotFound(port_id=port_id)
        return port

    def list_ports(self, caller: Caller) -> list[Port]:
        """The ports the caller sees, in creation order."""
        return [p for p in self.ports.values() if self.port_visible(caller, p)]

    def visible_port(self, caller: Caller, port_id: str) -> Port | None:
        """The port if the caller sees it, else None."""
        port = self.ports.get(port_id)
        return port if port is not None and self.port_visible(caller, port) else None

    def create_port(self, caller: Caller, project_id: str, values: Mapping[str, Any]) -> Port:
        """A new port on a network, with addresses from its subnets.

        Raises:
            HTTPNotFound: The network is another project's and not shared.
            MacAddressInUse: The MAC asked for is taken on the network.
            SecurityGroupNotFound: A group asked for is not the project's.
            InvalidInput, InvalidIpForNetwork, InvalidIpForSubnet, IpAddressAlreadyAllocated,
            IpAddressGenerationFailure: Addresses as `allocate_fixed_ips` refuses them.
            OverQuota: The project has its quota of ports.
        """
        network = self.networks.get(values["network_id"])
        if network is None or not (caller.is_admin or network.project_id == project_id
                                   or network.shared):
            raise HTTPNotFound()
        mac = values.get("mac_address")
        if mac is not None and (network.id, mac) in self.port_macs:
            raise MacAddressInUse(net_id=network.id, mac=mac)
        self.check_quota(caller, project_id, "port")
        owner = values.get("device_owner", "")
        security = values.get("port_security_enabled", network.port_security_enabled)
        groups = self._port_groups(project_id, values.get("security_groups"), owner, security)
        now = self._now()
        host = values.get("binding:host_id", "")
        port = Port(
            id=self.cloud.ids.uuid(), project_id=project_id, network_id=network.id,
            name=values.get("name", ""), description=values.get("description", ""),
            mac_address=mac or self.new_mac(network.id),
            admin_state_up=values.get("admin_state_up", True),
            device_id=values.get("device_id", ""), device_owner=owner,
            host_id=host, status="ACTIVE" if host else "DOWN",
            vnic_type=values.get("binding:vnic_type", "normal"),
            profile=dict(values.get("binding:profile") or {}), security_groups=groups,
            port_security_enabled=security,
            allowed_address_pairs=[self._pair(p, "") for p in
                                   values.get("allowed_address_pairs", [])],
            tags=list(values.get("tags", [])), created_at=now, updated_at=now)
        port.allowed_address_pairs = [{**p, "mac_address": p["mac_address"] or port.mac_address}
                                      for p in port.allowed_address_pairs]
        port.fixed_ips = self.allocate_fixed_ips(port, values.get("fixed_ips"))
        self.store_port(port)
        self.announce(server_of(port))
        return port

    @staticmethod
    def _pair(pair: Mapping[str, str], mac: str) -> dict[str, str]:
        return {"ip_address": pair["ip_address"], "mac_address": pair.get("mac_address") or mac}

    def _port_groups(self, project_id: str, given: list[str] | None, owner: str,
                     security: bool) -> list[str]:
        if given is None:
            if not security or owner.startswith("network:"):
                return []
            return [self.ensure_default_group(project_id).id]
        for group_id in given:
            group = self.security_groups.get(group_id)
            if group is None or group.project_id != project_id:
                raise SecurityGroupNotFound(id=group_id)
        return list(dict.fromkeys(given))

    def new_mac(self, network_id: str) -> str:
        """A MAC address in `base_mac` (`fa:16:3e:xx:xx:xx`) no port of the network has
        (`get_random_mac`, retried while `is_mac_in_use` on the network, as Neutron does)."""
        while True:
            tail = self.cloud.ids.hex32()[:6]
            mac = f"{self.config.base_mac}:{tail[0:2]}:{tail[2:4]}:{tail[4:6]}"
            if (network_id, mac) not in self.port_macs:
                return mac

    def store_port(self, port: Port) -> None:
        """Keep a new port, its MAC address in the network's (`port_macs`) and its id in
        the sorted index (`port_ids`)."""
        self.ports[port.id] = port
        self.port_macs.add((port.network_id, port.mac_address))
        self.port_ids.add(port.id)

    def _pick(self, count: int) -> int:
        if self.config.ip_allocation == "next":
            return 0
        return int(self.cloud.ids.hex32(), 16) % count

    def allocate_fixed_ips(self, port: Port, requests: list[dict[str, str]] | None
                           ) -> list[tuple[str, str]]:
        """Take the port's addresses: those asked for (`subnet_id` and/or `ip_address`),
        or Neutron's choice; all or none.

        Raises:
            InvalidInput: A subnet not on the port's network.
            InvalidIpForNetwork: An address in none of the network's subnets.
            AllocationOnAutoAddressSubnet: An address asked for on a SLAAC subnet.
            IpAddressAlreadyAllocated: An address taken.
            IpAddressGenerationFailure: No room left.
        """
        network = self.networks[port.network_id]
        subnets = [self.subnets[s] for s in network.subnet_ids]
        router = port.device_owner.startswith("network:router_interface")
        taken: list[tuple[Subnet, str]] = []
        try:
            if requests is None:
                self._take_any(port, network, subnets, taken)
            else:
                for wanted in requests:
                    subnet = self._subnet_for(network, subnets, wanted)
                    address = wanted.get("ip_address")
                    if subnet.auto_address and not router:
                        if address:
                            raise AllocationOnAutoAddressSubnet(ip=address, subnet_id=subnet.id)
                        continue
                    taken.append((subnet, self._take(port, subnet, address)))
            asked = {s.id for s, _ in taken}
            for subnet in subnets:
                if subnet.auto_address and not router and subnet.id not in asked:
                    address = ipam.eui64(subnet.cidr, port.mac_address)
                    taken.append((subnet, ipam.take_address(subnet, address, port.id)))
        except Exception:
            for subnet, address in taken:
                ipam.release(subnet, address)
            raise
        return [(s.id, a) for s, a in taken]

    def _take(self, port: Port, subnet: Subnet, address: str | None) -> str:
        if address:
            return ipam.take_address(subnet, address, port.id, allow_gateway=(
                port.device_owner.startswith(ROUTER_INTERFACE_OWNER)))
        if port.device_owner in (DHCP_OWNER, "network:distributed"):
            return ipam.take_next(subnet, port.id)
        return ipam.take_random(subnet, port.id, self._pick)

    def _take_any(self, port: Port, network: Network, subnets: list[Subnet],
                  taken: list[tuple[Subnet, str]]) -> None:
        """One address of each IP version, from the first subnet with room (SLAAC subnets
        are added by the caller)."""
        for version in (4, 6):
            candidates = [s for s in subnets if s.ip_version == version and not s.auto_address]
            if not candidates:
                continue
            for subnet in candidates:
                try:
                    taken.append((subnet, self._take(port, subnet, None)))
                    break
                except IpAddressGenerationFailure:
                    continue
            else:
                raise IpAddressGenerationFailure("No more IP addresses available on network "
                                                 f"{network.id}.")

    def _subnet_for(self, network: Network, subnets: list[Subnet],
                    wanted: Mapping[str, str]) -> Subnet:
        subnet_id = wanted.get("subnet_id")
        if subnet_id:
            for subnet in subnets:
                if subnet.id == subnet_id:
                    return subnet
            raise InvalidInput(error_message=(
                f"Failed to create port on network {network.id}, because fixed_ips included "
                f"invalid subnet {subnet_id}"))
        address = ipaddress.ip_address(wanted["ip_address"])
        for subnet in subnets:
            if address in ipaddress.ip_network(subnet.cidr):
                return subnet
        raise InvalidIpForNetwork(ip_address=wanted["ip_address"])

    def release_fixed_ips(self, port: Port) -> None:
        """Give the port's addresses back to their subnets."""
        for subnet_id, address in port.fixed_ips:
            subnet = self.subnets.get(subnet_id)
            if subnet is not None:
                ipam.release(subnet, address)
        port.fixed_ips = []

    def delete_port_record(self, port: Port) -> None:
        """Remove a port and free its addresses (no rules checked: for the owners of
        `network:*` ports, a router or a floating IP). Its floating IPs are disassociated
        (ML2's `delete_port` calls `disassociate_floatingips`) and Nova is told when it was
        a server's."""
        self.disassociate_port(port)
        self.release_fixed_ips(port)
        if self.ports.pop(port.id, None) is not None:
            self.port_macs.discard((port.network_id, port.mac_address))
            self.port_ids.discard(port.id)
        self.announce(server_of(port))

    def create_service_port(self, network: Network, *, project_id: str, device_id: str,
                            device_owner: str, fixed_ips: list[dict[str, str]] | None,
                            status: str) -> Port:
        """A port Neutron makes for itself (a router's gateway, a floating IP's address):
        no quota, no security group, the addresses asked for or Neutron's choice.

        Raises:
            The errors of `allocate_fixed_ips`.
        """
        now = self._now()
        port = Port(id=self.cloud.ids.uuid(), project_id=project_id, network_id=network.id,
                    mac_address=self.new_mac(network.id), device_id=device_id,
                    device_owner=device_owner, status=status, created_at=now,
                    updated_at=now)
        port.fixed_ips = self.allocate_fixed_ips(port, fixed_ips)
        self.store_port(port)
        return port

    def update_port(self, caller: Caller, port_id: str, values: Mapping[str, Any]) -> Port:
        """Change a port: name, description, device, binding, groups, address pairs, fixed
        IPs (all or none change).

        Raises:
            PortNotFound: Not visible.
            PolicyNotAuthorized: Visible but not the caller's.
            SecurityGroupNotFound, and the errors of `allocate_fixed_ips`.
        """
        port = self.get_port(caller, port_id)
        if not caller.is_admin and port.project_id != caller.project_id:
            network = self.networks[port.network_id]
            if network.project_id != caller.project_id:
                raise refuse("update", "port")
        if "security_groups" in values:
            security = values.get("port_security_enabled", port.port_security_enabled)
            port.security_groups = self._port_groups(port.project_id, values["security_groups"]
                                                     or [], port.device_owner, security)
        servers_before = server_of(port)
        if "fixed_ips" in values:
            self._keep_floating_fixed_ip(port, values["fixed_ips"] or [])
            old = list(port.fixed_ips)
            self.release_fixed_ips(port)
            try:
                port.fixed_ips = self.allocate_fixed_ips(port, values["fixed_ips"])
            except Exception:
                for subnet_id, address in old:
                    self.subnets[subnet_id].allocated[int(ipaddress.ip_address(address))] = \
                        port.id
                port.fixed_ips = old
                raise
        for key, attr in (("name", "name"), ("description", "description"),
                          ("admin_state_up", "admin_state_up"), ("device_id", "device_id"),
                          ("device_owner", "device_owner"),
                          ("port_security_enabled", "port_security_enabled"),
                          ("binding:vnic_type", "vnic_type")):
            if key in values:
                setattr(port, attr, values[key])
        if "binding:profile" in values:
            port.profile = dict(values["binding:profile"] or {})
        if "allowed_address_pairs" in values:
            port.allowed_address_pairs = [self._pair(p, port.mac_address)
                                          for p in values["allowed_address_pairs"] or []]
        if "binding:host_id" in values:
            self.bind_port(port, values["binding:host_id"] or "")
        self._touch(port)
        self.announce(servers_before, server_of(port))
        return port

    def _keep_floating_fixed_ip(self, port: Port, wanted: list[dict[str, str]]) -> None:
        """`prevent_internal_ip_change_for_fip`: a fixed IP a floating IP maps to stays.

        Raises:
            BadRequest: The new fixed IPs leave it out.
        """
        for fip in self.floatingips.values():
            if fip.port_id == port.id and fip.fixed_ip_address and all(
                    w.get("ip_address") != fip.fixed_ip_address for w in wanted):
                raise BadRequest(resource="port", msg=(
                    f"Cannot update the fixed_ips of the port {port.id}, because its "
                    "original fixed_ip has been associated to a floating ip"))

    def plug(self, port: Port, *, device_id: str = "", device_owner: str = "", host: str = "",
             compute_made: bool = False, tag: str | None = None) -> None:
        """Give a port a device, bound to `host`, as Nova does for a server; the defaults
        unplug it (`_unbind_ports`: no device, no host, no binding profile)."""
        port.device_id, port.device_owner = device_id, device_owner
        port.compute_made, port.device_tag = compute_made, tag
        if not host:
            port.profile = {}
        self.bind_port(port, host)
        self._touch(port)

    def bind_port(self, port: Port, host: str) -> None:
        """Bind a port to a host (ACTIVE, `ovs`) or unbind it (`""`: DOWN, `unbound`)."""
        port.host_id = host
        port.status = "ACTIVE" if host else "DOWN"

    def delete_port(self, caller: Caller, port_id: str) -> None:
        """Delete a port and free its addresses.

        Raises:
            PortNotFound: Not visible.
            PolicyNotAuthorized: Visible but not the caller's.
            ServicePortInUse: A router's or floating IP's port.
        """
        port = self.get_port(caller, port_id)
        if not caller.is_admin and port.project_id != caller.project_id:
            network = self.networks[port.network_id]
            if network.project_id != caller.project_id:
                raise refuse("delete", "port")
        if port.device_owner in PROTECTED_OWNERS:
            raise ServicePortInUse(port_id=port.id,
                                   reason=f"has device owner {port.device_owner}")
        self.delete_port_record(port)

    def create_dhcp_port(self, network: Network, subnet: Subnet) -> Port:
        """The DHCP agent's port on a network (one; a new subnet adds an address to it),
        taking the subnet's first free address."""
        for port in self.ports.values():
            if port.network_id == network.id and port.device_owner == DHCP_OWNER:
                port.fixed_ips.append((subnet.id, ipam.take_next(subnet, port.id)))
                self._touch(port)
                return port
        now = self._now()
        port = Port(id=self.cloud.ids.uuid(), project_id=network.project_id,
                    network_id=network.id, mac_address=self.new_mac(network.id),
                    device_owner=DHCP_OWNER,
                    device_id=f"dhcp{self.cloud.ids.uuid()}-{network.id}",
                    host_id=HOST, status="ACTIVE", created_at=now, updated_at=now)
        port.fixed_ips = [(subnet.id, ipam.take_next(subnet, port.id))]
        self.store_port(port)
        return port
