"""Floating IPs (`neutron/db/l3_db.py`: `_create_floatingip`, `_update_fip_assoc`,
`_internal_fip_assoc_data`, `get_router_for_floatingip`, `disassociate_floatingips`).

A floating IP's address is held by a port of its own on the external network (`device_owner`
`network:floatingip`, `device_id` the floating IP, in no project), taken from the network's
IPv4 subnets (or the `subnet_id` / `floating_ip_address` asked for). It maps to one IPv4
fixed address of a port (`port_id`, `fixed_ip_address`) only through a router whose gateway
is on the floating IP's network and which has an interface on that address's subnet
(`router_id`); without one Neutron answers 404 `ExternalGatewayForFloatingIPNotFound`. Its
status is ACTIVE while mapped, DOWN otherwise. Deleting the port it maps to unmaps it.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from stackdouble.fakes.caller import Caller
from stackdouble.fakes.networking.errors import (
    BadRequest,
    ExternalGatewayForFloatingIPNotFound,
    ExternalIpAddressExhausted,
    FloatingIPNotFound,
    FloatingIPPortAlreadyAssociated,
    IpAddressGenerationFailure,
    NetworkNotFound,
)
from stackdouble.fakes.networking.models._common import (
    FLOATINGIP_OWNER,
    FloatingIP,
    Network,
    Port,
    _ModelBase,
    server_of,
)
from stackdouble.fakes.networking.policy import refuse

__all__ = ["Association", "FloatingIPsMixin"]

_UNSET: Any = object()


def _bad(msg: str) -> BadRequest:
    return BadRequest(resource="floatingip", msg=msg)


@dataclass(frozen=True, slots=True)
class Association:
    """Where a floating IP maps to: the port, its fixed address, and the router."""

    port_id: str | None = None
    fixed_ip_address: str | None = None
    router_id: str | None = None


class FloatingIPsMixin(_ModelBase):
    """Create, read, associate and delete floating IPs."""

    # -- reading -----------------------------------------------------------------------------

    def floatingip_visible(self, caller: Caller, fip: FloatingIP) -> bool:
        """`get_floatingip`: admin or owner."""
        return caller.is_admin or fip.project_id == caller.project_id

    def get_floatingip(self, caller: Caller, floatingip_id: str) -> FloatingIP:
        """A floating IP the caller may see.

        Raises:
            FloatingIPNotFound: None, or not visible.
        """
        fip = self.floatingips.get(floatingip_id)
        if fip is None or not self.floatingip_visible(caller, fip):
            raise FloatingIPNotFound(floatingip_id=floatingip_id)
        return fip

    def list_floatingips(self, caller: Caller) -> list[FloatingIP]:
        """The floating IPs the caller sees, in creation order."""
        return [f for f in self.floatingips.values() if self.floatingip_visible(caller, f)]

    def count_floatingips(self, project_id: str) -> int:
        """The project's floating IPs (quota usage)."""
        return sum(1 for f in self.floatingips.values() if f.project_id == project_id)

    # -- create, update, delete ----------------------------------------------------------------

    def create_floatingip(self, caller: Caller, project_id: str, values: Mapping[str, Any]
                          ) -> FloatingIP:
        """A new floating IP on `floating_network_id`, mapped at once if `port_id` is given.

        Raises:
            OverQuota: The project has its quota of floating IPs.
            NetworkNotFound: No such network.
            BadRequest: Not an external network, no IPv4 subnet on it, a bad association.
            IpAddressGenerationFailure, IpAddressAlreadyAllocated, InvalidIpForNetwork,
            InvalidIpForSubnet, InvalidInput: The address asked for, or none left.
            ExternalGatewayForFloatingIPNotFound, FloatingIPPortAlreadyAssociated,
            PortNotFound: As `update_floatingip`.
        """
        self.check_quota(caller, project_id, "floatingip")
        network_id = values["floating_network_id"]
        network = self.networks.get(network_id)
        if network is None or not self.network_visible(caller, network):
            raise NetworkNotFound(net_id=network_id)
        if not network.external:
            raise _bad(f"Network {network_id} is not a valid external network")
        v4 = [self.subnets[s] for s in network.subnet_ids if self.subnets[s].ip_version == 4]
        if not v4:
            raise _bad(f"Network {network_id} does not contain any IPv4 subnet")
        if values.get("fixed_ip_address") and not values.get("port_id"):
            raise _bad("fixed_ip_address cannot be specified without a port_id")
        fip_id = self.cloud.ids.uuid()
        port = self._floating_port(network, fip_id, values, [s.id for s in v4])
        try:
            address = next((a for s, a in port.fixed_ips
                            if self.subnets[s].ip_version == 4), None)
            if address is None:
                raise ExternalIpAddressExhausted(net_id=network.id)
            now = self._now()
            fip = FloatingIP(id=fip_id, project_id=project_id, floating_network_id=network.id,
                             floating_ip_address=address, floating_port_id=port.id,
                             description=values.get("description", ""),
                             tags=list(values.get("tags", [])), created_at=now, updated_at=now)
            if values.get("port_id"):
                assoc = self._association(caller, fip, values["port_id"],
                                          values.get("fixed_ip_address"))
                fip.port_id, fip.fixed_ip_address, fip.router_id = (
                    assoc.port_id, assoc.fixed_ip_address, assoc.router_id)
        except Exception:
            self.delete_port_record(port)
            raise
        self.floatingips[fip.id] = fip
        if fip.port_id:
            self.announce(server_of(self.ports[fip.port_id]))
        return fip

    def _floating_port(self, network: Network, fip_id: str, values: Mapping[str, Any],
                       v4_subnets: list[str]) -> Port:
        """The floating IP's own port: the address or subnet asked for, else the first
        IPv4 subnet with room."""
        wanted: dict[str, str] = {}
        if values.get("subnet_id"):
            wanted["subnet_id"] = values["subnet_id"]
        if values.get("floating_ip_address"):
            wanted["ip_address"] = values["floating_ip_address"]
        if wanted:
            return self.create_service_port(network, project_id="", device_id=fip_id,
                                            device_owner=FLOATINGIP_OWNER,
                                            fixed_ips=[wanted], status="N/A")
        for subnet_id in v4_subnets:
            try:
                return self.create_service_port(network, project_id="", device_id=fip_id,
                                                device_owner=FLOATINGIP_OWNER,
                                                fixed_ips=[{"subnet_id": subnet_id}],
                                                status="N/A")
            except IpAddressGenerationFailure:
                continue
        raise IpAddressGenerationFailure(f"No more IP addresses available on network "
                                         f"{network.id}.")

    def update_floatingip(self, caller: Caller, floatingip_id: str,
                          values: Mapping[str, Any]) -> FloatingIP:
        """Map a floating IP to a port (`port_id`, optional `fixed_ip_address`), unmap it
        (`port_id` None), or change its description.

        Raises:
            FloatingIPNotFound: Not visible.
            PortNotFound: The port is not visible.
            BadRequest: The port is another project's or a network port, the fixed address
                is not its or not IPv4, it has no or several IPv4 addresses.
            ExternalGatewayForFloatingIPNotFound: No router connects them.
            FloatingIPPortAlreadyAssociated: The fixed address has a floating IP on that
                network.
        """
        fip = self.get_floatingip(caller, floatingip_id)
        if not caller.is_admin and fip.project_id != caller.project_id:
            raise refuse("update", "floatingip")
        port_id = values.get("port_id", _UNSET)
        if values.get("fixed_ip_address") and not (port_id if port_id is not _UNSET
                                                   else None):
            raise _bad("fixed_ip_address cannot be specified without a port_id")
        before = self._server_of_fip(fip)
        if port_id is not _UNSET:
            assoc = (self._association(caller, fip, port_id, values.get("fixed_ip_address"))
                     if port_id else Association())
            fip.port_id, fip.fixed_ip_address, fip.router_id = (
                assoc.port_id, assoc.fixed_ip_address, assoc.router_id)
        if "description" in values:
            fip.description = values["description"]
        self._touch(fip)
        self.announce(before, self._server_of_fip(fip))
        return fip

    def delete_floatingip(self, caller: Caller, floatingip_id: str) -> None:
        """Delete a floating IP and its port.

        Raises:
            FloatingIPNotFound: Not visible.
        """
        fip = self.get_floatingip(caller, floatingip_id)
        if not caller.is_admin and fip.project_id != caller.project_id:
            raise refuse("delete", "floatingip")
        server = self._server_of_fip(fip)
        del self.floatingips[fip.id]
        port = self.ports.get(fip.floating_port_id)
        if port is not None:
            self.delete_port_record(port)
        self.announce(server)

    def disassociate_port(self, port: Port) -> list[str]:
        """Unmap every floating IP mapped to the port (`disassociate_floatingips`);
        their ids."""
        found = [f for f in self.floatingips.values() if f.port_id == port.id]
        for fip in found:
            fip.port_id = fip.fixed_ip_address = fip.router_id = None
            self._touch(fip)
        return [f.id for f in found]

    def _server_of_fip(self, fip: FloatingIP) -> str:
        port = self.ports.get(fip.port_id) if fip.port_id else None
        return server_of(port) if port is not None else ""

    # -- association ---------------------------------------------------------------------------

    def _association(self, caller: Caller, fip: FloatingIP, port_id: str,
                     fixed_ip_address: str | None) -> Association:
        """`_get_assoc_data` and `_check_and_get_fip_assoc`."""
        port = self.get_port(caller, port_id)
        if port.project_id != fip.project_id and not caller.is_admin:
            raise _bad(f"Cannot process floating IP association with Port {port.id}, since "
                       "that port is owned by a different project")
        if port.device_owner.startswith("network:"):
            # Neutron leaves the placeholder in its message unfilled
            raise _bad("Port %(id)s is unable to be assigned a floating IP")
        subnet_id, address = self._fixed_ip_for(port, fixed_ip_address)
        router = self.router_for_floating_ip(port, subnet_id, fip.floating_network_id)
        if router is None:
            raise ExternalGatewayForFloatingIPNotFound(
                subnet_id=subnet_id, external_network_id=fip.floating_network_id,
                port_id=port.id)
        if port.id != fip.port_id:
            for other in self.floatingips.values():
                if other.id != fip.id and other.port_id == port.id \
                        and other.floating_network_id == fip.floating_network_id \
                        and other.fixed_ip_address == address:
                    raise FloatingIPPortAlreadyAssociated(
                        port_id=port.id, fip_id=fip.id,
                        floating_ip_address=fip.floating_ip_address, fixed_ip=address,
                        net_id=fip.floating_network_id)
        return Association(port.id, address, router.id)

    @staticmethod
    def _fixed_ip_for(port: Port, fixed_ip_address: str | None) -> tuple[str, str]:
        """`_internal_fip_assoc_data`: the subnet and IPv4 address the floating IP maps to.

        Raises:
            BadRequest: Not IPv4, not the port's, or no single IPv4 address to pick.
        """
        if fixed_ip_address:
            if ipaddress.ip_address(fixed_ip_address).version != 4:
                raise _bad(f"Cannot process floating IP association with {fixed_ip_address}, "
                           "since that is not an IPv4 address")
            for subnet_id, address in port.fixed_ips:
                if address == fixed_ip_address:
                    return subnet_id, address
            raise _bad(f"Port {port.id} does not have fixed ip {fixed_ip_address}")
        v4 = [(s, a) for s, a in port.fixed_ips if ipaddress.ip_address(a).version == 4]
        if not v4:
            raise _bad(f"Cannot add floating IP to port {port.id} that has no fixed IPv4 "
                       "addresses")
        if len(v4) > 1:
            raise _bad(f"Port {port.id} has multiple fixed IPv4 addresses.  Must provide a "
                       "specific IPv4 address when assigning a floating IP")
        return v4[0]
