"""Routers (`neutron/db/l3_db.py`, `l3_gwmode_db.py`): the external gateway, a port on an
external network with SNAT on or off, and the interfaces, one port a subnet taking the
subnet's gateway address (or a port the user made), with Neutron's checks: one interface a
subnet, no overlapping subnets on one router, no delete while interfaces remain, no
interface or gateway removed while a floating IP needs it.

The router's ports are ordinary ports (`device_id` the router, `device_owner`
`network:router_interface` or `network:router_gateway`), ACTIVE; the gateway port belongs
to no project, as Neutron hides it from users.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from typing import Any

from stackdouble.fakes.caller import Caller
from stackdouble.fakes.networking.errors import (
    BadRequest,
    InvalidRoutes,
    NetworkNotFound,
    PortInUse,
    RouterExternalGatewayInUseByFloatingIp,
    RouterInterfaceInUseByFloatingIP,
    RouterInterfaceNotFound,
    RouterInterfaceNotFoundForSubnet,
    RouterInUse,
    RouterNotFound,
    SubnetMismatchForPort,
)
from stackdouble.fakes.networking.models import ipam
from stackdouble.fakes.networking.models._common import (
    ROUTER_GATEWAY_OWNER,
    ROUTER_INTERFACE_OWNER,
    Port,
    Router,
    Subnet,
    _ModelBase,
)
from stackdouble.fakes.networking.policy import refuse
from stackdouble.fakes.osloutils import is_uuid_like

__all__ = ["InterfaceInfo", "RoutersMixin"]

#: What `add_router_interface` / `remove_router_interface` answer
#: (`_make_router_interface_info`): router id, project, port, network, subnet, subnets.
InterfaceInfo = dict[str, Any]


#: Neutron itself, when it changes its own ports (`context.elevated()`).
_NEUTRON = Caller(project_id="", user_id="neutron", is_admin=True)


def _bad(msg: str) -> BadRequest:
    return BadRequest(resource="router", msg=msg)


class RoutersMixin(_ModelBase):
    """Create, read, update and delete routers; their gateway and interfaces."""

    # -- reading -----------------------------------------------------------------------------

    def router_visible(self, caller: Caller, router: Router) -> bool:
        """`get_router`: admin or owner."""
        return caller.is_admin or router.project_id == caller.project_id

    def get_router(self, caller: Caller, router_id: str) -> Router:
        """A router the caller may see.

        Raises:
            RouterNotFound: None, or not visible.
        """
        router = self.routers.get(router_id)
        if router is None or not self.router_visible(caller, router):
            raise RouterNotFound(router_id=router_id)
        return router

    def list_routers(self, caller: Caller) -> list[Router]:
        """The routers the caller sees, in creation order."""
        return [r for r in self.routers.values() if self.router_visible(caller, r)]

    def count_router_routes(self, project_id: str) -> int:
        """The extra routes of the project's routers (quota `router_route`)."""
        return sum(len(r.routes) for r in self.routers.values() if r.project_id == project_id)

    def count_routers(self, project_id: str) -> int:
        """The project's routers (quota usage)."""
        return sum(1 for r in self.routers.values() if r.project_id == project_id)

    def router_ports(self, router: Router) -> list[Port]:
        """The router's gateway and interface ports, in creation order."""
        return [p for p in self.ports.values() if p.device_id == router.id
                and p.device_owner in (ROUTER_INTERFACE_OWNER, ROUTER_GATEWAY_OWNER)]

    def interfaces_of(self, router: Router) -> list[Port]:
        """The router's interface ports, in creation order."""
        return [p for p in self.router_ports(router) if p.device_owner == ROUTER_INTERFACE_OWNER]

    def gateway_port(self, router: Router) -> Port | None:
        """The router's gateway port, if it has one."""
        return self.ports.get(router.gw_port_id) if router.gw_port_id else None

    # -- create, update, delete ----------------------------------------------------------------

    def create_router(self, caller: Caller, project_id: str, values: Mapping[str, Any]
                      ) -> Router:
        """A new ACTIVE router, with its gateway if `external_gateway_info` names one (the
        router is gone again if the gateway fails, as `safe_creation` removes it).

        Raises:
            OverQuota: The project has its quota of routers.
            NetworkNotFound, BadRequest, and the address errors of the gateway port.
        """
        self.check_quota(caller, project_id, "router")
        now = self._now()
        router = Router(id=self.cloud.ids.uuid(), project_id=project_id,
                        name=values.get("name", ""), description=values.get("description", ""),
                        admin_state_up=values.get("admin_state_up", True),
                        tags=list(values.get("tags", [])), created_at=now, updated_at=now)
        self.routers[router.id] = router
        info = values.get("external_gateway_info")
        if info:
            try:
                self._set_gateway(caller, router, info)
            except Exception:
                del self.routers[router.id]
                raise
        return router

    def update_router(self, caller: Caller, router_id: str, values: Mapping[str, Any]
                      ) -> Router:
        """Change a router's name, description, state or gateway (`{}` or None removes it).

        Raises:
            RouterNotFound: Not visible.
            RouterExternalGatewayInUseByFloatingIp: Floating IPs need the old gateway.
            NetworkNotFound, BadRequest, and the address errors of the gateway port.
        """
        router = self.get_router(caller, router_id)
        if "routes" in values:
            self._check_routes(router, values["routes"] or [])
        if "external_gateway_info" in values:
            self._set_gateway(caller, router, values["external_gateway_info"] or None)
        if "routes" in values:
            router.routes = [(r["destination"], r["nexthop"]) for r in values["routes"] or []]
        for key in ("name", "description", "admin_state_up"):
            if key in values:
                setattr(router, key, values[key])
        self._touch(router)
        return router

    def delete_router(self, caller: Caller, router_id: str) -> None:
        """Delete a router and its gateway port.

        Raises:
            RouterNotFound: Not visible.
            RouterInUse: It still has interfaces.
            RouterExternalGatewayInUseByFloatingIp: Floating IPs use its gateway.
        """
        router = self.get_router(caller, router_id)
        attached = self.interfaces_of(router)
        if attached:
            raise RouterInUse(router_id=router.id, reason="has ports still attached: "
                              + ", ".join(p.id for p in attached))
        self._drop_gateway(router)
        for port in self.router_ports(router):
            self.delete_port_record(port)
        del self.routers[router.id]

    def _check_routes(self, router: Router, routes: list[dict[str, str]]) -> None:
        """`extraroute_db._validate_routes`: each next hop on one of the router's subnets.

        Raises:
            BadRequest: A next hop off the router's subnets.
        """
        cidrs = [ipaddress.ip_network(self.subnets[s].cidr)
                 for p in self.router_ports(router) for s, _ in p.fixed_ips if s in self.subnets]
        for route in routes:
            nexthop = ipaddress.ip_address(route["nexthop"])
            if not any(nexthop in cidr for cidr in cidrs):
                raise InvalidRoutes(routes=routes, reason="the nexthop is not connected with "
                                                          "router")

    # -- the gateway ---------------------------------------------------------------------------

    def _set_gateway(self, caller: Caller, router: Router, info: Mapping[str, Any] | None
                     ) -> None:
        """`_update_router_gw_info`: the same network with new addresses updates the port;
        another network replaces it; none removes it."""
        current = self.gateway_port(router)
        if not info:
            self._drop_gateway(router)
            router.enable_snat = True
            return
        network_id = info["network_id"]
        network = self.networks.get(network_id)
        if network is None or not self.network_visible(caller, network):
            raise NetworkNotFound(net_id=network_id)
        if not network.external:
            raise _bad(f"Network {network_id} is not an external network")
        ext_ips: list[dict[str, str]] = list(info.get("external_fixed_ips") or [])
        gateways = {self.subnets[s].gateway_ip for s in network.subnet_ids}
        for ext_ip in ext_ips:
            if ext_ip.get("ip_address") and ext_ip["ip_address"] in gateways:
                raise _bad(f"External IP {ext_ip['ip_address']} is the same as the gateway IP")
        if current is not None and current.network_id == network.id:
            if ext_ips and self._ips_changed(current, ext_ips):
                self.update_port(_NEUTRON, current.id, {"fixed_ips": ext_ips})
        else:
            self._check_router_subnets(router, [self.subnets[s] for s in network.subnet_ids])
            self._drop_gateway(router)
            port = self.create_service_port(network, project_id="", device_id=router.id,
                                            device_owner=ROUTER_GATEWAY_OWNER,
                                            fixed_ips=ext_ips or None, status="ACTIVE")
            router.gw_port_id = port.id
        router.enable_snat = bool(info.get("enable_snat", True))

    @staticmethod
    def _ips_changed(port: Port, ext_ips: list[dict[str, str]]) -> bool:
        """`_check_for_external_ip_change`."""
        if {s for s, _ in port.fixed_ips} != {f["subnet_id"] for f in ext_ips
                                               if f.get("subnet_id")}:
            return True
        return {a for _, a in port.fixed_ips} != {f["ip_address"] for f in ext_ips
                                                  if f.get("ip_address")}

    def _drop_gateway(self, router: Router) -> None:
        """`_delete_current_gw_port`.

        Raises:
            RouterExternalGatewayInUseByFloatingIp: A floating IP goes through it.
        """
        port = self.gateway_port(router)
        if port is None:
            return
        if any(f.router_id == router.id for f in self.floatingips.values()):
            raise RouterExternalGatewayInUseByFloatingIp(router_id=router.id,
                                                         net_id=port.network_id)
        self.delete_port_record(port)
        router.gw_port_id = None

    # -- interfaces ----------------------------------------------------------------------------

    def _check_router_subnets(self, router: Router, new: list[Subnet]) -> None:
        """`_check_for_dup_router_subnets`: one port a subnet, no overlapping CIDRs.

        Raises:
            BadRequest: The router has a port on one of them, or a CIDR overlaps.
        """
        new_ids = {s.id for s in new}
        mine: list[Subnet] = []
        for port in self.router_ports(router):
            for subnet_id, _ in port.fixed_ips:
                if subnet_id in new_ids:
                    raise _bad(f"Router already has a port on subnet {subnet_id}")
                if port.device_owner == ROUTER_GATEWAY_OWNER:
                    mine.extend(self.subnets[s] for s in self.networks[port.network_id].subnet_ids)
                elif subnet_id in self.subnets:
                    mine.append(self.subnets[subnet_id])
        for have in dict.fromkeys(mine):
            for subnet in new:
                if ipaddress.ip_network(have.cidr).overlaps(ipaddress.ip_network(subnet.cidr)):
                    raise _bad(f"Cidr {subnet.cidr} of subnet {subnet.id} overlaps with cidr "
                               f"{have.cidr} of subnet {have.id}")

    @staticmethod
    def _interface_request(info: Any, *, removal: bool) -> tuple[str | None, str | None]:
        """`_validate_interface_info`: the port id and subnet id asked for.

        Raises:
            BadRequest: Neither, both (when adding), or not UUIDs.
        """
        if not isinstance(info, dict) or not ("port_id" in info or "subnet_id" in info):
            raise _bad("Either subnet_id or port_id must be specified")
        for key in ("port_id", "subnet_id"):
            if key in info:
                value = info[key]
                if not isinstance(value, str) or not is_uuid_like(value):
                    raise _bad(f"'{value}' is not a valid UUID")
        if not removal and "port_id" in info and "subnet_id" in info:
            raise _bad("Cannot specify both subnet-id and port-id")
        return info.get("port_id"), info.get("subnet_id")

    def _writable_router(self, caller: Caller, router_id: str, action: str) -> Router:
        router = self.get_router(caller, router_id)
        if not caller.is_admin and router.project_id != caller.project_id:
            raise refuse(action, "router")
        return router

    def add_router_interface(self, caller: Caller, router_id: str, info: Any
                             ) -> InterfaceInfo:
        """Plug the router into a subnet (a new port at its gateway address) or a port.

        Raises:
            RouterNotFound, SubnetNotFound, PortNotFound: Not visible.
            BadRequest: Bad request body, no gateway IP, the router already on the subnet,
                overlapping subnets, a port without addresses or with two IPv4 ones.
            PortInUse: The port has a device.
        """
        router = self._writable_router(caller, router_id, "add_router_interface")
        port_id, subnet_id = self._interface_request(info, removal=False)
        if port_id is not None:
            port = self.get_port(caller, port_id)
            if port.device_id:
                raise PortInUse(port_id=port.id, net_id=port.network_id,
                                device_id=port.device_id)
            if not port.fixed_ips:
                raise _bad("Router port must have at least one fixed IP")
            subnets = [self.subnets[s] for s, _ in port.fixed_ips]
            self._check_router_subnets(router, subnets)
            if sum(1 for s in subnets if s.ip_version == 4) > 1:
                raise _bad("Cannot have multiple IPv4 subnets on router port")
            port.device_id, port.device_owner = router.id, ROUTER_INTERFACE_OWNER
            port.status = "ACTIVE"
            self._touch(port)
        else:
            assert subnet_id is not None
            subnet = self.get_subnet(caller, subnet_id)
            if not subnet.gateway_ip:
                raise _bad("Subnet for router interface must have a gateway IP")
            if subnet.project_id != caller.project_id and not caller.is_admin:
                raise _bad(f"Cannot add interface to router because subnet {subnet.id} is "
                           "not owned by project making the request")
            if subnet.ip_version == 6 and subnet.ipv6_ra_mode is None \
                    and subnet.ipv6_address_mode is not None:
                raise _bad(f"IPv6 subnet {subnet.id} configured to receive RAs from an "
                           "external router cannot be added to Neutron Router.")
            self._check_router_subnets(router, [subnet])
            port = self.create_port(caller, router.project_id, {
                "network_id": subnet.network_id, "device_id": router.id,
                "device_owner": ROUTER_INTERFACE_OWNER,
                "fixed_ips": [{"subnet_id": subnet.id, "ip_address": subnet.gateway_ip}]})
            port.status = "ACTIVE"
            subnets = [subnet]
        self._touch(router)
        return _interface_info(router, port, subnets[-1].id, [s.id for s in subnets])

    def remove_router_interface(self, caller: Caller, router_id: str, info: Any
                                ) -> InterfaceInfo:
        """Unplug the router from a port or a subnet (the port goes, or only its address
        on that subnet when it has others).

        Raises:
            RouterNotFound, SubnetNotFound: Not visible.
            BadRequest: Bad request body.
            RouterInterfaceNotFound, RouterInterfaceNotFoundForSubnet: Not plugged there.
            SubnetMismatchForPort: The port has no address on the subnet named with it.
            RouterInterfaceInUseByFloatingIP: A floating IP goes through it.
        """
        router = self._writable_router(caller, router_id, "remove_router_interface")
        port_id, subnet_id = self._interface_request(info, removal=True)
        interfaces = self.interfaces_of(router)
        if port_id is not None:
            port = next((p for p in interfaces if p.id == port_id), None)
            if port is None:
                raise RouterInterfaceNotFound(router_id=router.id, port_id=port_id)
            on = [s for s, _ in port.fixed_ips]
            if subnet_id and subnet_id not in on:
                raise SubnetMismatchForPort(port_id=port.id, subnet_id=subnet_id)
            subnets = [self.subnets[s] for s in on if s in self.subnets]
            for subnet in subnets:
                self._check_not_used_by_floating_ips(router, subnet)
            self.delete_port_record(port)
            return _interface_info(router, port, subnets[0].id if subnets else "",
                                   [s.id for s in subnets])
        assert subnet_id is not None
        subnet = self.get_subnet(caller, subnet_id)
        on_network = [p for p in interfaces if p.network_id == subnet.network_id]
        if on_network:
            self._check_not_used_by_floating_ips(router, subnet)
        for port in on_network:
            on = [s for s, _ in port.fixed_ips]
            if subnet.id not in on:
                continue
            if len(on) > 1:
                for sid, address in [(s, a) for s, a in port.fixed_ips if s == subnet.id]:
                    ipam.release(self.subnets[sid], address)
                port.fixed_ips = [(s, a) for s, a in port.fixed_ips if s != subnet.id]
                self._touch(port)
            else:
                self.delete_port_record(port)
            self._touch(router)
            return _interface_info(router, port, subnet.id, [subnet.id])
        raise RouterInterfaceNotFoundForSubnet(router_id=router.id, subnet_id=subnet.id)

    def _check_not_used_by_floating_ips(self, router: Router, subnet: Subnet) -> None:
        """`_check_router_interface_not_in_use`.

        Raises:
            RouterInterfaceInUseByFloatingIP: A floating IP of the router maps to an address
                of the subnet.
        """
        cidr = ipaddress.ip_network(subnet.cidr)
        for fip in self.floatingips.values():
            if fip.router_id != router.id or not fip.fixed_ip_address or not fip.port_id:
                continue
            port = self.ports.get(fip.port_id)
            if ipaddress.ip_address(fip.fixed_ip_address) in cidr and port is not None \
                    and any(s == subnet.id for s, _ in port.fixed_ips):
                raise RouterInterfaceInUseByFloatingIP(router_id=router.id,
                                                       subnet_id=subnet.id)

    def router_for_floating_ip(self, port: Port, subnet_id: str, external_network_id: str
                               ) -> Router | None:
        """`get_router_for_floatingip`: a router with an interface on the subnet and its
        gateway on the external network, the one whose interface is the subnet's gateway
        first."""
        subnet = self.subnets.get(subnet_id)
        first: Router | None = None
        for router in self.routers.values():
            gateway = self.gateway_port(router)
            if gateway is None or gateway.network_id != external_network_id:
                continue
            for interface in self.interfaces_of(router):
                if interface.network_id != port.network_id:
                    continue
                for sid, address in interface.fixed_ips:
                    if sid != subnet_id:
                        continue
                    if subnet is not None and address == subnet.gateway_ip:
                        return router
                    first = first or router
        return first


def _interface_info(router: Router, port: Port, subnet_id: str, subnet_ids: list[str]
                    ) -> InterfaceInfo:
    return {"id": router.id, "network_id": port.network_id, "port_id": port.id,
            "subnet_id": subnet_id, "subnet_ids": subnet_ids, "project_id": port.project_id,
            "tenant_id": port.project_id}
