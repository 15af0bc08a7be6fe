"""A small provider of the cloud's `networks` link for the fake Nova's tests: the protocol's
contract (`stackdouble.fakes.links.NetworkLink`) over a few dicts, so Nova's side can be
tested on its own, with failures set up at will (`pool`, `port_quota`), and so that what
Nova asked of the network service can be checked (`ports`, `deleted`)."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from stackdouble.fakes.links import (
    FixedAddress,
    FloatingAddress,
    FloatingIPInfo,
    LinkConflict,
    LinkNotFound,
    LinkOverLimit,
    LinkRefused,
    NetworkInfo,
    PortRequest,
    SecurityGroupInfo,
    SecurityGroupRuleInfo,
    ServerRef,
    Vif,
)

if TYPE_CHECKING:
    from stackdouble.fakes.caller import Caller
    from stackdouble.fakes.cloud import FakeCloud

__all__ = ["StubNetworks", "StubPort"]


@dataclass
class StubPort:
    """One port: `device_id` is the server's id once bound."""

    id: str
    network_id: str
    project_id: str
    mac: str
    fixed: tuple[FixedAddress, ...]
    groups: list[str]
    device_id: str = ""
    host: str | None = None
    nova_made: bool = False
    tag: str | None = None
    floating: list[FloatingAddress] = field(default_factory=list)


class StubNetworks:
    """Networks with one IPv4 subnet each (`pool`: its free addresses, in order)."""

    def __init__(self, cloud: FakeCloud) -> None:
        self.cloud = cloud
        self.nets: dict[str, NetworkInfo] = {}
        self.pool: dict[str, list[str]] = {}
        self.subnet: dict[str, str] = {}
        self.ports: dict[str, StubPort] = {}
        self.groups: dict[str, SecurityGroupInfo] = {}
        self.floating: dict[str, FloatingIPInfo] = {}
        self.port_quota = 50
        self.deleted: list[str] = []
        self._mac = 0

    # -- set-up ------------------------------------------------------------------------------

    def add_network(self, project_id: str, name: str, cidr: str = "10.0.0.0/29", *,
                    shared: bool = False, external: bool = False) -> str:
        """A network with one subnet whose hosts after the gateway are free."""
        net_id = self.cloud.ids.uuid()
        self.nets[net_id] = NetworkInfo(id=net_id, name=name, project_id=project_id,
                                            shared=shared, external=external, cidrs=(cidr,))
        hosts = [str(h) for h in ipaddress.ip_network(cidr).hosts()]
        self.pool[net_id] = hosts[1:]
        self.subnet[net_id] = self.cloud.ids.uuid()
        return net_id

    def add_group(self, project_id: str, name: str,
                  rules: Sequence[SecurityGroupRuleInfo] = ()) -> str:
        """A security group of the project."""
        group_id = self.cloud.ids.uuid()
        self.groups[group_id] = SecurityGroupInfo(id=group_id, name=name, description="",
                                                  project_id=project_id,
                                                  rules=tuple(replace(r, group_id=group_id)
                                                              for r in rules))
        return group_id

    def user_port(self, project_id: str, network_id: str) -> str:
        """A port the user made, unbound."""
        port = self._port(project_id, network_id, None, [self._default(project_id)])
        return port.id

    def add_floating_ip(self, project_id: str, pool: str, address: str) -> str:
        """A floating IP of the project, unassociated."""
        fip_id = self.cloud.ids.uuid()
        self.floating[fip_id] = FloatingIPInfo(id=fip_id, address=address, pool=pool,
                                               project_id=project_id)
        return fip_id

    # -- helpers ------------------------------------------------------------------------------

    def _default(self, project_id: str) -> str:
        for group in self.groups.values():
            if group.project_id == project_id and group.name == "default":
                return group.id
        return self.add_group(project_id, "default")

    def _group(self, caller: Caller, name: str) -> str:
        for group in self.groups.values():
            if group.project_id == caller.project_id and name in (group.id, group.name):
                return group.id
        raise LinkNotFound(f"Security group {name} does not exist")

    def _net(self, caller: Caller, network_id: str) -> NetworkInfo:
        net = self.nets.get(network_id)
        if net is None or not (net.shared or net.project_id == caller.project_id
                               or caller.is_admin):
            raise LinkNotFound(f"Network {network_id} could not be found.")
        return net

    def _port(self, project_id: str, network_id: str, fixed_ip: str | None,
              groups: list[str]) -> StubPort:
        if sum(p.project_id == project_id for p in self.ports.values()) >= self.port_quota:
            raise LinkOverLimit("Quota exceeded for resources: ['port'].")
        free = self.pool[network_id]
        if fixed_ip is not None:
            if fixed_ip not in free:
                raise LinkConflict(f"IP address {fixed_ip} already allocated in subnet")
            address = fixed_ip
        elif not free:
            raise LinkConflict("No more IP addresses available on network "
                               f"{network_id}.")
        else:
            address = free[0]
        free.remove(address)
        self._mac += 1
        port = StubPort(id=self.cloud.ids.uuid(), network_id=network_id, project_id=project_id,
                        mac=f"fa:16:3e:00:00:{self._mac:02x}",
                        fixed=(FixedAddress(address, 4, self.subnet[network_id]),),
                        groups=groups)
        self.ports[port.id] = port
        return port

    def _vif(self, port: StubPort) -> Vif:
        return Vif(port_id=port.id, network_id=port.network_id,
                   network_name=self.nets[port.network_id].name, mac_address=port.mac,
                   fixed_ips=port.fixed, floating_ips=tuple(port.floating),
                   status="ACTIVE" if port.device_id else "DOWN",
                   preserve_on_delete=not port.nova_made, tag=port.tag,
                   security_group_ids=tuple(port.groups))

    def _changed(self, server_id: str) -> None:
        self.cloud.links.servers.network_changed(server_id)

    # -- the protocol -------------------------------------------------------------------------

    def validate(self, caller: Caller, requests: Sequence[PortRequest], *, count: int) -> None:
        """As the protocol says."""
        needed = 0
        for request in requests:
            if request.port_id is not None:
                port = self.ports.get(request.port_id)
                if port is None or port.project_id != caller.project_id:
                    raise LinkNotFound(f"Port {request.port_id} could not be found.")
                if port.device_id:
                    raise LinkConflict(f"Port {request.port_id} is still in use.")
                continue
            assert request.network_id is not None
            self._net(caller, request.network_id)
            needed += 1
            if request.fixed_ip is not None and request.fixed_ip not in self.pool[
                    request.network_id]:
                net = self.nets[request.network_id]
                inside = ipaddress.ip_address(request.fixed_ip) in ipaddress.ip_network(
                    net.cidrs[0])
                if inside:
                    raise LinkConflict(f"IP address {request.fixed_ip} already "
                                       "allocated in subnet")
                raise LinkRefused("Invalid input for operation: IP address "
                                  f"{request.fixed_ip} is not a valid IP for the "
                                  "specified subnet.")
        used = sum(p.project_id == caller.project_id for p in self.ports.values())
        if used + needed * count > self.port_quota:
            raise LinkOverLimit("Quota exceeded for resources: ['port'].")

    def available_networks(self, caller: Caller) -> list[NetworkInfo]:
        """The project's networks and the shared ones, not external."""
        return [n for n in self.nets.values() if not n.external
                and (n.project_id == caller.project_id or n.shared)]

    def allocate(self, caller: Caller, server: ServerRef, requests: Sequence[PortRequest], *,
                 security_groups: Sequence[str]) -> list[Vif]:
        """Make or bind the ports."""
        groups = [self._group(caller, g) if g != "default" else self._default(
            caller.project_id) for g in security_groups] or [self._default(caller.project_id)]
        out = []
        for request in requests:
            if request.port_id is not None:
                port = self.ports[request.port_id]
                if port.device_id:
                    raise LinkConflict(f"Port {port.id} is still in use.")
            else:
                assert request.network_id is not None
                port = self._port(caller.project_id, request.network_id, request.fixed_ip,
                                  list(groups))
                port.nova_made = True
            port.device_id, port.host, port.tag = server.id, server.host, request.tag
            out.append(self._vif(port))
        self._changed(server.id)
        return out

    def vifs(self, server_id: str) -> list[Vif]:
        """The server's ports, in creation order."""
        return [self._vif(p) for p in self.ports.values() if p.device_id == server_id]

    def attach_interface(self, caller: Caller, server: ServerRef, request: PortRequest) -> Vif:
        """One more port."""
        self.validate(caller, [request], count=1)
        return self.allocate(caller, server, [request], security_groups=())[0]

    def detach_interface(self, caller: Caller, server_id: str, port_id: str) -> None:
        """Delete Nova's, unbind the user's."""
        port = self.ports.get(port_id)
        if port is None or port.device_id != server_id:
            raise LinkNotFound(f"Port {port_id} is not attached")
        self._release(port)
        self._changed(server_id)

    def _release(self, port: StubPort) -> None:
        if port.nova_made:
            del self.ports[port.id]
            self.pool[port.network_id].extend(ip.address for ip in port.fixed)
            self.deleted.append(port.id)
        else:
            port.device_id, port.host, port.floating = "", None, []

    def server_deleted(self, server_id: str) -> None:
        """Delete Nova's ports, unbind the user's."""
        for port in [p for p in self.ports.values() if p.device_id == server_id]:
            self._release(port)

    def bind_server(self, server_id: str, host: str) -> None:
        """Bind the server's ports to `host` (None for `""`)."""
        for port in self.ports.values():
            if port.device_id == server_id:
                port.host = host or None

    def set_server_security_groups(self, caller: Caller, server_id: str, *, add: str | None = None,
                                   remove: str | None = None) -> None:
        """Add or remove a group on the server's ports."""
        ports = [p for p in self.ports.values() if p.device_id == server_id]
        if not ports:
            raise LinkRefused("no ports")
        group_id = self._group(caller, add if add is not None else str(remove))
        if add is not None:
            if all(group_id in p.groups for p in ports):
                raise LinkRefused("already there")
            for port in ports:
                if group_id not in port.groups:
                    port.groups.append(group_id)
        else:
            if not any(group_id in p.groups for p in ports):
                raise LinkNotFound("not on the ports")
            for port in ports:
                if group_id in port.groups:
                    port.groups.remove(group_id)
        self._changed(server_id)

    def security_groups(self, caller: Caller) -> list[SecurityGroupInfo]:
        """The project's groups."""
        self._default(caller.project_id)
        return [g for g in self.groups.values() if g.project_id == caller.project_id]

    def security_group(self, caller: Caller, group_id: str) -> SecurityGroupInfo:
        """One group."""
        group = self.groups.get(group_id)
        if group is None or (group.project_id != caller.project_id and not caller.is_admin):
            raise LinkNotFound(f"Security group {group_id} does not exist")
        return group

    def create_security_group(self, caller: Caller, name: str,
                              description: str) -> SecurityGroupInfo:
        """A new group."""
        group_id = self.add_group(caller.project_id, name)
        self.groups[group_id] = replace(self.groups[group_id], description=description)
        return self.groups[group_id]

    def delete_security_group(self, caller: Caller, group_id: str) -> None:
        """Delete a group."""
        group = self.security_group(caller, group_id)
        if any(group.id in p.groups for p in self.ports.values()):
            raise LinkConflict(f"Security Group {group_id} in use.")
        del self.groups[group.id]

    def create_security_group_rule(self, caller: Caller, rule: SecurityGroupRuleInfo
                                   ) -> SecurityGroupRuleInfo:
        """Add a rule."""
        group = self.security_group(caller, rule.group_id)
        made = replace(rule, id=self.cloud.ids.uuid())
        self.groups[group.id] = replace(group, rules=(*group.rules, made))
        return made

    def delete_security_group_rule(self, caller: Caller, rule_id: str) -> None:
        """Delete a rule."""
        for group in self.groups.values():
            kept = tuple(r for r in group.rules if r.id != rule_id)
            if len(kept) != len(group.rules):
                self.groups[group.id] = replace(group, rules=kept)
                return
        raise LinkNotFound(f"Security group rule {rule_id} does not exist")

    def networks(self, caller: Caller) -> list[NetworkInfo]:
        """The networks the caller sees."""
        return [n for n in self.nets.values()
                if n.shared or n.external or n.project_id == caller.project_id]

    def network(self, caller: Caller, network_id: str) -> NetworkInfo:
        """One network."""
        return self._net(caller, network_id)

    def floating_ips(self, caller: Caller) -> list[FloatingIPInfo]:
        """The project's floating IPs."""
        return [f for f in self.floating.values() if f.project_id == caller.project_id]

    def floating_ip_pools(self, caller: Caller) -> list[str]:
        """The external networks' names."""
        return [n.name for n in self.nets.values() if n.external]

    def allocate_floating_ip(self, caller: Caller, pool: str | None) -> FloatingIPInfo:
        """Take the next address of the pool."""
        names = self.floating_ip_pools(caller)
        if (pool is not None and pool not in names) or not names:
            raise LinkNotFound("Floating IP pool not found.")
        fip_id = self.add_floating_ip(caller.project_id, pool or names[0],
                                      f"172.24.4.{10 + len(self.floating)}")
        return self.floating[fip_id]

    def release_floating_ip(self, caller: Caller, floating_ip_id: str) -> None:
        """Delete one."""
        fip = self.floating.pop(floating_ip_id)
        if fip.server_id:
            self.disassociate_floating_ip(caller, fip.server_id, fip.address)

    def associate_floating_ip(self, caller: Caller, server_id: str, address: str,
                              fixed_address: str | None) -> None:
        """Map it to the server's port holding `fixed_address`."""
        fip = next((f for f in self.floating.values() if f.address == address), None)
        if fip is None:
            raise LinkNotFound(f"Floating IP {address} could not be found")
        if fip.server_id is not None:
            raise LinkConflict(f"Floating IP {address} is associated.")
        for port in self.ports.values():
            if port.device_id == server_id and any(ip.address == fixed_address
                                                   for ip in port.fixed):
                assert fixed_address is not None
                port.floating.append(FloatingAddress(fip.id, address, fixed_address))
                self.floating[fip.id] = replace(fip, fixed_address=fixed_address,
                                                server_id=server_id)
                self._changed(server_id)
                return
        raise LinkNotFound(f"Fixed IP {fixed_address} is not the server's")

    def disassociate_floating_ip(self, caller: Caller, server_id: str, address: str) -> None:
        """Unmap it."""
        for port in self.ports.values():
            kept = [f for f in port.floating if f.address != address]
            if len(kept) != len(port.floating):
                port.floating = kept
        for fip in list(self.floating.values()):
            if fip.address == address:
                self.floating[fip.id] = replace(fip, fixed_address=None, server_id=None)
        self._changed(server_id)
