"""Subnets (`db_base_plugin_v2.create_subnet`, `ipam_backend_mixin.py` for the checks of
CIDR, gateway and pools), and the DHCP port the agent keeps on a DHCP-enabled network."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from typing import Any

from stackdouble.fakes.caller import Caller
from stackdouble.fakes.networking.errors import (
    GatewayConflictWithAllocationPools,
    HTTPNotFound,
    InvalidAllocationPool,
    InvalidInput,
    OutOfBoundsAllocationPool,
    OverlappingAllocationPools,
    SubnetInUse,
    SubnetNotFound,
)
from stackdouble.fakes.networking.models import ipam
from stackdouble.fakes.networking.models._common import (
    AUTO_DELETE_OWNERS,
    DHCP_OWNER,
    Network,
    Subnet,
    _ModelBase,
    server_of,
)
from stackdouble.fakes.networking.policy import refuse

__all__ = ["SubnetsMixin"]

_NetworkAddr = ipaddress.IPv4Network | ipaddress.IPv6Network


def _pool_text(pool: tuple[str, str]) -> str:
    return f"{pool[0]}-{pool[1]}"


class SubnetsMixin(_ModelBase):
    """Create, read, update and delete subnets; keep the DHCP port."""

    def subnet_visible(self, caller: Caller, subnet: Subnet) -> bool:
        """`get_subnet`: admin, owner, or a subnet of a shared network."""
        if caller.is_admin or subnet.project_id == caller.project_id:
            return True
        network = self.networks.get(subnet.network_id)
        return network is not None and network.shared

    def get_subnet(self, caller: Caller, subnet_id: str) -> Subnet:
        """A subnet the caller may see.

        Raises:
            SubnetNotFound: None, or not visible.
        """
        subnet = self.subnets.get(subnet_id)
        if subnet is None or not self.subnet_visible(caller, subnet):
            raise SubnetNotFound(subnet_id=subnet_id)
        return subnet

    def list_subnets(self, caller: Caller) -> list[Subnet]:
        """The subnets the caller sees, in creation order."""
        return [s for s in self.subnets.values() if self.subnet_visible(caller, s)]

    def create_subnet(self, caller: Caller, project_id: str, values: Mapping[str, Any]
                      ) -> Subnet:
        """A new subnet on a network (`values` validated by `schema`: `cidr` is a network
        in canonical form, `ip_version` matches it).

        Raises:
            HTTPNotFound: The network is another project's and not shared (Neutron hides it).
            InvalidInput: The CIDR overlaps another subnet of the network, or the gateway is
                not in it.
            InvalidAllocationPool, OutOfBoundsAllocationPool, OverlappingAllocationPools,
            GatewayConflictWithAllocationPools: Bad pools.
            OverQuota: The project has its quota of subnets.
        """
        network = self.networks.get(values["network_id"])
        if network is None or not (caller.is_admin or network.project_id == project_id
                                   or network.shared):
            raise HTTPNotFound()
        net = ipaddress.ip_network(values["cidr"])
        for other in (self.subnets[s] for s in network.subnet_ids):
            if ipaddress.ip_network(other.cidr).overlaps(net):
                raise InvalidInput(error_message=(
                    f"Requested subnet with cidr: {values['cidr']} for network: "
                    f"{network.id} overlaps with another subnet"))
        gateway = self._gateway(net, values)
        given_pools = values.get("allocation_pools")
        pools = (self._check_pools(net, given_pools, gateway) if given_pools is not None
                 else ipam.default_pools(str(net), gateway))
        self.check_quota(caller, project_id, "subnet")
        now = self._now()
        subnet = Subnet(
            id=self.cloud.ids.uuid(), project_id=project_id, network_id=network.id,
            name=values.get("name", ""), description=values.get("description", ""),
            cidr=str(net), ip_version=net.version, gateway_ip=gateway,
            allocation_pools=pools, enable_dhcp=values.get("enable_dhcp", True),
            dns_nameservers=list(values.get("dns_nameservers", [])),
            host_routes=[(r["destination"], r["nexthop"])
                         for r in values.get("host_routes", [])],
            ipv6_ra_mode=values.get("ipv6_ra_mode"),
            ipv6_address_mode=values.get("ipv6_address_mode"),
            service_types=list(values.get("service_types", [])),
            tags=list(values.get("tags", [])), created_at=now, updated_at=now)
        self.subnets[subnet.id] = subnet
        network.subnet_ids.append(subnet.id)
        self._touch(network)
        self._on_new_subnet(network, subnet)
        return subnet

    @staticmethod
    def _gateway(net: _NetworkAddr, values: Mapping[str, Any]) -> str | None:
        if "gateway_ip" not in values:
            if net.num_addresses == 1:
                return None
            return str(net.network_address + 1)
        gateway = values["gateway_ip"]
        if gateway is None:
            return None
        address = ipaddress.ip_address(gateway)
        bad = (address.version != net.version or address not in net
               or (net.version == 4 and net.prefixlen <= 30
                   and address in (net.network_address, net.broadcast_address)))
        if bad:
            raise InvalidInput(error_message="Gateway is not valid on subnet")
        return str(address)

    @staticmethod
    def _check_pools(net: _NetworkAddr, pools: list[dict[str, str]], gateway: str | None
                     ) -> list[tuple[str, str]]:
        """`ipam_backend_mixin.validate_allocation_pools` and the gateway check."""
        first, last = int(net.network_address), int(net.broadcast_address)
        if net.version == 4 and net.prefixlen <= 30:
            first, last = first + 1, last - 1
        bounds: list[tuple[int, int]] = []
        texts: list[tuple[str, str]] = []
        for pool in pools:
            start, end = ipaddress.ip_address(pool["start"]), ipaddress.ip_address(pool["end"])
            text = (str(start), str(end))
            if start.version != net.version or end.version != net.version \
                    or int(start) > int(end):
                raise InvalidAllocationPool(pool=_pool_text(text))
            if int(start) < first or int(end) > last:
                raise OutOfBoundsAllocationPool(pool=_pool_text(text), subnet_cidr=str(net))
            bounds.append((int(start), int(end)))
            texts.append(text)
        clash = ipam.overlapping(bounds)
        if clash is not None:
            raise OverlappingAllocationPools(pool_1=_pool_text(texts[clash[0]]),
                                             pool_2=_pool_text(texts[clash[1]]),
                                             subnet_cidr=str(net))
        if gateway is not None:
            gw = int(ipaddress.ip_address(gateway))
            for (lo, hi), text in zip(bounds, texts, strict=True):
                if lo <= gw <= hi:
                    raise GatewayConflictWithAllocationPools(ip_address=gateway,
                                                             pool=_pool_text(text))
        return texts

    def _on_new_subnet(self, network: Network, subnet: Subnet) -> None:
        """SLAAC addresses for the network's ports; the DHCP agent's port."""
        if subnet.auto_address:
            for port in self.ports.values():
                if port.network_id == network.id and not port.device_owner.startswith(
                        "network:router_interface"):
                    port.fixed_ips.append((subnet.id, ipam.eui64(subnet.cidr,
                                                                 port.mac_address)))
                    subnet.allocated[int(ipaddress.ip_address(port.fixed_ips[-1][1]))] = port.id
        elif subnet.enable_dhcp:
            self.create_dhcp_port(network, subnet)

    def update_subnet(self, caller: Caller, subnet_id: str, values: Mapping[str, Any]
                      ) -> Subnet:
        """Change a subnet's name, description, DNS servers, host routes, DHCP, gateway or
        pools.

        Raises:
            SubnetNotFound: Not visible.
            PolicyNotAuthorized: Visible but not the caller's.
        """
        subnet = self.get_subnet(caller, subnet_id)
        if not caller.is_admin and subnet.project_id != caller.project_id:
            raise refuse("update", "subnet")
        net = ipaddress.ip_network(subnet.cidr)
        gateway = self._gateway(net, values) if "gateway_ip" in values else subnet.gateway_ip
        pools = subnet.allocation_pools
        if values.get("allocation_pools") is not None:
            pools = self._check_pools(net, values["allocation_pools"], gateway)
        elif "gateway_ip" in values and gateway is not None:
            self._check_pools(net, [{"start": a, "end": b} for a, b in pools], gateway)
        subnet.gateway_ip, subnet.allocation_pools = gateway, pools
        subnet.free_from = 0  # new pools may start below the old search point
        for key in ("name", "description", "enable_dhcp"):
            if key in values:
                setattr(subnet, key, values[key])
        if "dns_nameservers" in values:
            subnet.dns_nameservers = list(values["dns_nameservers"])
        if "host_routes" in values:
            subnet.host_routes = [(r["destination"], r["nexthop"])
                                  for r in values["host_routes"]]
        self._touch(subnet)
        return subnet

    def delete_subnet(self, caller: Caller, subnet_id: str) -> None:
        """Delete a subnet: refused while a port but DHCP's holds one of its addresses
        (SLAAC addresses are taken off the ports).

        Raises:
            SubnetNotFound: Not visible.
            PolicyNotAuthorized: Visible but not the caller's.
            SubnetInUse: A port holds an address from it.
        """
        subnet = self.get_subnet(caller, subnet_id)
        if not caller.is_admin and subnet.project_id != caller.project_id:
            raise refuse("delete", "subnet")
        holders = [p for p in self.ports.values()
                   if any(s == subnet.id for s, _ in p.fixed_ips)]
        if not subnet.auto_address and any(p.device_owner not in AUTO_DELETE_OWNERS
                                           for p in holders):
            raise SubnetInUse(subnet_id=subnet.id,
                              reason="One or more ports have an IP allocation from this subnet")
        if subnet.auto_address and any(p.device_owner.startswith("network:router_interface")
                                       for p in holders):
            raise SubnetInUse(subnet_id=subnet.id,
                              reason="One or more ports have an IP allocation from this subnet")
        for port in holders:
            port.fixed_ips = [(s, ip) for s, ip in port.fixed_ips if s != subnet.id]
            if port.device_owner == DHCP_OWNER and not port.fixed_ips:
                self.delete_port_record(port)
        network = self.networks[subnet.network_id]
        network.subnet_ids.remove(subnet.id)
        self._touch(network)
        del self.subnets[subnet.id]
        self.announce(*(server_of(p) for p in holders))
