"""What the fake Neutron provides to the other services: the cloud's `networks` link
(`stackdouble.fakes.links.NetworkLink`), answered from the Neutron model with Neutron's
rules, as Nova's `nova/network/neutron.py` and `security_group_api.py` call Neutron's API.

Ports Nova makes are the caller's, on the network asked for, with `device_id` the server,
`device_owner` `compute:<zone>` and `binding:host_id` the server's host (so ACTIVE), in the
security groups named (by name or id; none: the project's `default`). A port the user made
is bound the same way and kept (unbound) when the server goes; Nova's own are deleted. The
model remembers which ports Nova made and their device tags (`Port.compute_made`,
`Port.device_tag`), as Nova's network info cache does.

Neutron's refusals come back as `LinkError`s carrying Neutron's message: a 404 as
`LinkNotFound`, a 409 as `LinkConflict` (a quota's `OverQuota` as `LinkOverLimit`), a 403 as
`LinkForbidden`, a 400 as `LinkRefused`. Every change to a server's ports or floating IPs is
announced to Nova (`Links.servers.network_changed`) by the model, whichever API made it.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Sequence
from contextlib import suppress
from typing import TYPE_CHECKING, TypeVar

from stackdouble.fakes.caller import Caller
from stackdouble.fakes.links import (
    FixedAddress,
    FloatingAddress,
    FloatingIPInfo,
    LinkConflict,
    LinkError,
    LinkForbidden,
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
from stackdouble.fakes.networking import schema
from stackdouble.fakes.networking.errors import (
    ExternalGatewayForFloatingIPNotFound,
    NeutronError,
    OverQuota,
)
from stackdouble.fakes.networking.models._common import (
    HOST,
    FloatingIP,
    Network,
    Port,
    SecurityGroup,
    SecurityGroupRule,
)

if TYPE_CHECKING:
    from stackdouble.fakes.networking import NetworkingService
    from stackdouble.fakes.networking.models import NetworkingModel

__all__ = ["NeutronNetworks", "link_error"]

_T = TypeVar("_T")
#: Neutron itself, changing ports for Nova with an admin's rights (Nova's admin client).
_NEUTRON = Caller(project_id="", user_id="nova", is_admin=True)
#: Nova's `PortLimitExceeded`.
_PORT_LIMIT = "Maximum number of ports exceeded"


def link_error(error: NeutronError) -> LinkError:
    """A Neutron error as the link's error of the same meaning."""
    if isinstance(error, OverQuota):
        return LinkOverLimit(error.text)
    kinds: dict[int, type[LinkError]] = {404: LinkNotFound, 409: LinkConflict,
                                          403: LinkForbidden}
    return kinds.get(error.status, LinkRefused)(error.text)


def _call(action: Callable[[], _T]) -> _T:
    """Run a model call, its Neutron errors turned into link errors."""
    try:
        return action()
    except NeutronError as exc:
        raise link_error(exc) from None


class NeutronNetworks:
    """The `networks` link, answered by the network service's current model."""

    __slots__ = ("_service",)

    def __init__(self, service: NetworkingService) -> None:
        self._service = service

    @property
    def _model(self) -> NetworkingModel:
        return self._service.model

    # -- boot: checking and making ports ------------------------------------------------------

    def validate(self, caller: Caller, requests: Sequence[PortRequest], *, count: int) -> None:
        """`validate_networks`: every network and port usable, fixed IPs free, and room in
        the port quota for `count` servers.

        Raises:
            LinkNotFound: A network or port the caller may not see.
            LinkForbidden: An external network that is not shared (non-admin).
            LinkConflict: A port in use, a fixed IP taken, a port or fixed IP with `count`
                over 1.
            LinkRefused: A fixed IP in none of the network's subnets.
            LinkOverLimit: The port quota.
        """
        model = self._model
        needed = 0
        for request in requests:
            if request.port_id is not None:
                port = self._user_port(caller, request.port_id)
                if count > 1:
                    raise LinkConflict(f"Port {port.id} is still in use.")
                continue
            network = self._network(caller, request.network_id or "")
            if request.fixed_ip is not None:
                if count > 1:
                    raise LinkConflict(f"Fixed IP {request.fixed_ip} is already in use.")
                self._check_fixed_ip(network, request.fixed_ip)
            needed += count
        limit = model.limits(caller.project_id).get("port", -1)
        if needed and limit >= 0 and model.usage(caller.project_id, "port") + needed > limit:
            raise LinkOverLimit(_PORT_LIMIT)

    def _network(self, caller: Caller, network_id: str) -> Network:
        """A network a server of the caller may plug into.

        Raises:
            LinkNotFound: Not visible.
            LinkForbidden: External and not shared (`ExternalNetworkAttachForbidden`).
        """
        network = _call(lambda: self._model.get_network(caller, network_id))
        if network.external and not network.shared and not caller.is_admin:
            raise LinkForbidden("It is not allowed to create an interface on external "
                                f"network {network.id}")
        return network

    def _user_port(self, caller: Caller, port_id: str) -> Port:
        """A port the user made, free for a server.

        Raises:
            LinkNotFound: Not visible.
            LinkConflict: Bound to a device already (`PortInUse`).
        """
        port = self._model.ports.get(port_id)
        if port is None or not self._model.port_visible(caller, port):
            raise LinkNotFound(f"Port {port_id} could not be found.")
        if port.device_id:
            raise LinkConflict(f"Port {port_id} is still in use.")
        return port

    def _check_fixed_ip(self, network: Network, fixed_ip: str) -> None:
        address = ipaddress.ip_address(fixed_ip)
        for subnet_id in network.subnet_ids:
            subnet = self._model.subnets[subnet_id]
            if address in ipaddress.ip_network(subnet.cidr):
                taken = int(address) in subnet.allocated or subnet.gateway_ip == fixed_ip
                if taken:
                    raise LinkConflict(f"Fixed IP address {fixed_ip} is already in use on "
                                       f"instance {subnet.allocated.get(int(address), '')}.")
                return
        raise LinkRefused(f"IP address {fixed_ip} is not a valid IP for any of the subnets "
                          "on the specified network.")

    def available_networks(self, caller: Caller) -> list[NetworkInfo]:
        """The caller's project's networks and the shared ones, as Nova's
        `_get_available_networks` asks (`tenant_id` and `shared=False`, then `shared`):
        a project's own external network is among them (attaching to it is the admins'
        `network:attach_external_network`, checked as the ports are made)."""
        model = self._model
        return [self._info(n) for n in model.networks.values()
                if n.shared or n.project_id == caller.project_id]

    def allocate(self, caller: Caller, server: ServerRef, requests: Sequence[PortRequest], *,
                 security_groups: Sequence[str]) -> list[Vif]:
        """Make or bind the server's ports, in request order; all or none.

        Raises:
            LinkNotFound: A security group, network or port that does not exist.
            LinkForbidden: An external network that is not shared.
            LinkConflict: No address left, an address or port taken.
            LinkRefused: A fixed IP off the network.
            LinkOverLimit: The port quota.
        """
        model = self._model
        made: list[Port] = []
        bound: list[Port] = []
        try:
            groups = self._group_ids(caller, security_groups)
            for request in requests:
                if request.port_id is not None:
                    port = self._user_port(caller, request.port_id)
                    self._bind(port, server, request.tag, made_by_nova=False)
                    bound.append(port)
                else:
                    network = self._network(caller, request.network_id or "")
                    port = self._make_port(caller, server, network, request, groups)
                    made.append(port)
        except Exception:
            for port in made:
                model.delete_port_record(port)
            for port in bound:
                self._unbind(port)
            raise
        model.announce(server.id)
        by_id = {vif.port_id: vif for vif in self.vifs(server.id)}
        return [by_id[p.id] for p in sorted(made + bound, key=lambda p: p.created_at)
                if p.id in by_id]

    def _make_port(self, caller: Caller, server: ServerRef, network: Network,
                   request: PortRequest, groups: list[str]) -> Port:
        values: dict[str, object] = {
            "network_id": network.id, "device_id": server.id,
            "device_owner": f"compute:{server.availability_zone or 'nova'}",
            "binding:host_id": server.host or HOST}
        if network.port_security_enabled:
            values["security_groups"] = groups
        if request.fixed_ip is not None:
            values["fixed_ips"] = [{"ip_address": request.fixed_ip}]
        port = _call(lambda: self._model.create_port(caller, caller.project_id, values))
        port.compute_made, port.device_tag = True, request.tag
        return port

    def _bind(self, port: Port, server: ServerRef, tag: str | None, *,
              made_by_nova: bool) -> None:
        self._model.plug(port, device_id=server.id,
                         device_owner=f"compute:{server.availability_zone or 'nova'}",
                         host=server.host or HOST, compute_made=made_by_nova, tag=tag)

    def _unbind(self, port: Port) -> None:
        """`_unbind_ports`: no device, no host."""
        self._model.plug(port)

    def _group_ids(self, caller: Caller, names: Sequence[str]) -> list[str]:
        """`_process_security_groups`: names or ids of the project's groups; none: the
        project's `default`.

        Raises:
            LinkNotFound: No such group.
            LinkConflict: Several groups with that name.
        """
        model = self._model
        if not names:
            return [model.ensure_default_group(caller.project_id).id]
        return list(dict.fromkeys(self._group(caller, name).id for name in names))

    def _group(self, caller: Caller, name: str) -> SecurityGroup:
        model = self._model
        if name == "default":
            return model.ensure_default_group(caller.project_id)
        mine = [g for g in model.security_groups.values()
                if g.project_id == caller.project_id]
        for group in mine:
            if group.id == name:
                return group
        named = [g for g in mine if g.name == name]
        if len(named) > 1:
            raise LinkConflict(f"Multiple security_group matches found for name '{name}', "
                               "use an ID to be more specific.")
        if not named:
            raise LinkNotFound(f"Security group {name} not found.")
        return named[0]

    # -- a server's ports ----------------------------------------------------------------------

    def vifs(self, server_id: str) -> list[Vif]:
        """The server's ports, in creation order, with their floating IPs."""
        model = self._model
        floating: dict[str, list[FloatingIP]] = {}
        for fip in model.floatingips.values():
            if fip.port_id:
                floating.setdefault(fip.port_id, []).append(fip)
        return [self._vif(p, floating.get(p.id, [])) for p in model.ports.values()
                if server_id and p.device_id == server_id]

    def _vif(self, port: Port, fips: list[FloatingIP]) -> Vif:
        model = self._model
        network = model.networks.get(port.network_id)
        fixed = tuple(FixedAddress(a, ipaddress.ip_address(a).version, s)
                      for s, a in port.fixed_ips)
        return Vif(port_id=port.id, network_id=port.network_id,
                   network_name=network.name if network is not None else "",
                   mac_address=port.mac_address, fixed_ips=fixed,
                   floating_ips=tuple(FloatingAddress(f.id, f.floating_ip_address,
                                                      f.fixed_ip_address or "")
                                      for f in fips),
                   status=port.status, preserve_on_delete=not port.compute_made,
                   tag=port.device_tag, security_group_ids=tuple(port.security_groups))

    def attach_interface(self, caller: Caller, server: ServerRef, request: PortRequest) -> Vif:
        """Make a port on `request.network_id` (the project's default group) or bind the
        user's `request.port_id`.

        Raises:
            LinkNotFound, LinkForbidden, LinkConflict, LinkRefused, LinkOverLimit: As
                `validate` and `allocate`.
        """
        self.validate(caller, [request], count=1)
        return self.allocate(caller, server, [request], security_groups=())[0]

    def detach_interface(self, caller: Caller, server_id: str, port_id: str) -> None:
        """Delete the port if Nova made it, else unbind it.

        Raises:
            LinkNotFound: The port is not the server's.
        """
        model = self._model
        port = model.ports.get(port_id)
        if port is None or not server_id or port.device_id != server_id:
            raise LinkNotFound(f"Port {port_id} is not attached")
        self._release(port)
        model.announce(server_id)

    # -- multinic: a fixed address more or less on a server's port -------------------------

    def _compute_ports(self, caller: Caller, server: ServerRef) -> list[Port]:
        """`list_ports(device_id=<server>, device_owner=compute:<zone>)` with the caller's
        token."""
        owner = f"compute:{server.availability_zone or 'nova'}"
        model = self._model
        return [p for p in model.ports.values()
                if server.id and p.device_id == server.id and p.device_owner == owner
                and model.port_visible(caller, p)]

    def add_fixed_ip(self, caller: Caller, server: ServerRef, network_id: str) -> None:
        """`nova/network/neutron.py` `add_fixed_ip_to_instance`: for each of the server's
        ports on the network, for each subnet of the network the caller sees, append
        `{"subnet_id"}` to the port's `fixed_ips` and update the port; the first update
        Neutron accepts ends it. (Nova appends to the same list on every attempt, so a
        refused subnet stays in the next attempt's request, as here.)

        Raises:
            LinkNotFound: No subnet on the network, or no update accepted.
        """
        model = self._model
        subnets = [s for s in model.list_subnets(caller) if s.network_id == network_id]
        if subnets:
            for port in self._compute_ports(caller, server):
                if port.network_id != network_id:
                    continue
                wanted = self._kept_fixed_ips(port, None)
                for subnet in subnets:
                    wanted.append({"subnet_id": subnet.id})
                    try:
                        model.update_port(caller, port.id, {"fixed_ips": list(wanted)})
                    except NeutronError:
                        continue
                    return
        raise LinkNotFound(f"Network could not be found for instance {server.id}.")

    def _kept_fixed_ips(self, port: Port, dropped: str | None) -> list[dict[str, str]]:
        """The port's `fixed_ips` as Nova sends them back, but `dropped`. A SLAAC subnet's
        address is left for the model to derive again (Neutron keeps it as it was)."""
        subnets = self._model.subnets
        return [{"subnet_id": s, "ip_address": a} for s, a in port.fixed_ips
                if a != dropped and not (s in subnets and subnets[s].auto_address)]

    def remove_fixed_ip(self, caller: Caller, server: ServerRef, address: str) -> None:
        """`nova/network/neutron.py` `remove_fixed_ip_from_instance`: the first of the
        server's ports holding `address` (`fixed_ips=ip_address=<address>`) is updated
        without it; Neutron refusing the update is ignored (Nova logs it).

        Raises:
            LinkNotFound: No port of the server holds the address.
        """
        for port in self._compute_ports(caller, server):
            if any(a == address for _, a in port.fixed_ips):
                kept = self._kept_fixed_ips(port, address)
                with suppress(NeutronError):
                    self._model.update_port(caller, port.id, {"fixed_ips": kept})
                return
        raise LinkNotFound(f"Instance {server.id} does not have fixed IP '{address}'.")

    def bind_server(self, server_id: str, host: str) -> None:
        """Bind the server's ports to `host` (ACTIVE), or unbind them (`""`: DOWN), and tell
        Nova when any changed."""
        model = self._model
        changed = False
        for port in model.ports.values():
            if server_id and port.device_id == server_id and port.host_id != host:
                model.bind_port(port, host)
                model._touch(port)  # a binding update is a new revision, as Neutron's
                changed = True
        if changed:
            model.announce(server_id)

    def _release(self, port: Port) -> None:
        if port.compute_made:
            self._model.delete_port_record(port)
        else:
            self._unbind(port)

    def server_deleted(self, server_id: str) -> None:
        """Delete the ports Nova made for the server; unbind the user's, their floating IPs
        disassociated."""
        model = self._model
        ports = [p for p in model.ports.values() if server_id and p.device_id == server_id]
        for port in ports:
            model.disassociate_port(port)
            self._release(port)
        if ports:
            model.announce(server_id)

    def set_server_security_groups(self, caller: Caller, server_id: str, *, add: str | None = None,
                                   remove: str | None = None) -> None:
        """Add or remove a group (name or id) on every port of the server.

        Raises:
            LinkNotFound: No such group (`remove`: on none of the server's ports).
            LinkConflict: Several groups with that name.
            LinkRefused: The server has no ports, or the group is on all of them already.
        """
        model = self._model
        group = self._group(caller, add if add is not None else remove or "")
        ports = [p for p in model.ports.values() if server_id and p.device_id == server_id]
        if not ports:
            raise LinkRefused(f"instance_id {server_id} could not be found as device id on "
                              "any ports")
        if add is not None:
            changing = [p for p in ports if group.id not in p.security_groups]
            if not changing:
                raise LinkRefused(f"Security group {group.name or group.id} is already "
                                  "associated with the instance")
            for port in changing:
                model.update_port(_NEUTRON, port.id, {
                    "security_groups": [*port.security_groups, group.id]})
        else:
            changing = [p for p in ports if group.id in p.security_groups]
            if not changing:
                raise LinkNotFound(f"Security group {remove} not associated with the "
                                   f"instance {server_id}")
            for port in changing:
                model.update_port(_NEUTRON, port.id, {
                    "security_groups": [g for g in port.security_groups if g != group.id]})
        model.announce(server_id)

    # -- security groups (Nova's proxy) --------------------------------------------------------

    def security_groups(self, caller: Caller) -> list[SecurityGroupInfo]:
        """The caller's project's groups (its `default` made on first use)."""
        model = self._model
        if caller.project_id:
            model.ensure_default_group(caller.project_id)
        return [self._group_info(g) for g in model.security_groups.values()
                if g.project_id == caller.project_id]

    def security_group(self, caller: Caller, group_id: str) -> SecurityGroupInfo:
        """One group.

        Raises:
            LinkNotFound: No such group for the caller.
        """
        return self._group_info(_call(lambda: self._model.get_security_group(caller,
                                                                             group_id)))

    def create_security_group(self, caller: Caller, name: str,
                              description: str) -> SecurityGroupInfo:
        """A group with Neutron's two egress rules.

        Raises:
            LinkConflict: Named `default`.
            LinkOverLimit: The security group quota.
        """
        if name.lower() == "default":
            raise LinkConflict("Default security group already exists.")
        group = _call(lambda: self._model.create_security_group(
            caller, caller.project_id, {"name": name, "description": description}))
        return self._group_info(group)

    def delete_security_group(self, caller: Caller, group_id: str) -> None:
        """Delete a group.

        Raises:
            LinkNotFound: No such group.
            LinkConflict: In use by a port, or the project's `default`.
        """
        _call(lambda: self._model.delete_security_group(caller, group_id))

    def create_security_group_rule(self, caller: Caller, rule: SecurityGroupRuleInfo
                                   ) -> SecurityGroupRuleInfo:
        """Add a rule, checked as Neutron's API checks one.

        Raises:
            LinkNotFound: The group (or remote group) does not exist.
            LinkConflict: The same rule exists.
            LinkRefused: Neutron refuses its values.
            LinkOverLimit: The rule quota.
        """
        values = {"security_group_id": rule.group_id, "direction": rule.direction,
                  "ethertype": rule.ethertype, "protocol": rule.protocol,
                  "port_range_min": rule.port_range_min,
                  "port_range_max": rule.port_range_max,
                  "remote_ip_prefix": rule.remote_ip_prefix,
                  "remote_group_id": rule.remote_group_id}
        made = _call(lambda: self._model.create_security_group_rule(
            caller, schema.parse_rule(values)))
        return _rule_info(made)

    def delete_security_group_rule(self, caller: Caller, rule_id: str) -> None:
        """Delete a rule.

        Raises:
            LinkNotFound: No such rule for the caller.
        """
        _call(lambda: self._model.delete_security_group_rule(caller, rule_id))

    def _group_info(self, group: SecurityGroup) -> SecurityGroupInfo:
        return SecurityGroupInfo(id=group.id, name=group.name, description=group.description,
                                 project_id=group.project_id,
                                 rules=tuple(_rule_info(r) for r in self._model.rules_of(group)))

    # -- networks (Nova's proxy) ---------------------------------------------------------------

    def _info(self, network: Network) -> NetworkInfo:
        return NetworkInfo(id=network.id, name=network.name, project_id=network.project_id,
                           shared=network.shared, external=network.external,
                           cidrs=tuple(self._model.subnets[s].cidr for s in network.subnet_ids))

    def networks(self, caller: Caller) -> list[NetworkInfo]:
        """The networks the caller may see."""
        return [self._info(n) for n in self._model.list_networks(caller)]

    def network(self, caller: Caller, network_id: str) -> NetworkInfo:
        """One network.

        Raises:
            LinkNotFound: No such network for the caller.
        """
        return self._info(_call(lambda: self._model.get_network(caller, network_id)))

    # -- floating IPs (Nova's proxy and actions) -----------------------------------------------

    def _fip_info(self, fip: FloatingIP) -> FloatingIPInfo:
        model = self._model
        network = model.networks.get(fip.floating_network_id)
        port = model.ports.get(fip.port_id) if fip.port_id else None
        return FloatingIPInfo(id=fip.id, address=fip.floating_ip_address,
                              pool=network.name if network is not None else "",
                              project_id=fip.project_id, fixed_address=fip.fixed_ip_address,
                              server_id=(port.device_id or None) if port is not None else None)

    def floating_ips(self, caller: Caller) -> list[FloatingIPInfo]:
        """The caller's project's floating IPs."""
        return [self._fip_info(f) for f in self._model.floatingips.values()
                if f.project_id == caller.project_id]

    def floating_ip_pools(self, caller: Caller) -> list[str]:
        """The names of the external networks the caller sees."""
        return [n.name for n in self._model.list_networks(caller) if n.external]

    def allocate_floating_ip(self, caller: Caller, pool: str | None) -> FloatingIPInfo:
        """A floating IP from `pool` (an external network's name or id; None: the first).

        Raises:
            LinkNotFound: No such pool.
            LinkConflict: No address left.
            LinkOverLimit: The floating IP quota.
        """
        model = self._model
        pools = [n for n in model.list_networks(caller) if n.external]
        found = [n for n in pools if pool is None or pool in (n.id, n.name)]
        if not found:
            raise LinkNotFound(f"Floating IP pool not found: {pool}")
        fip = _call(lambda: model.create_floatingip(
            caller, caller.project_id, {"floating_network_id": found[0].id}))
        return self._fip_info(fip)

    def release_floating_ip(self, caller: Caller, floating_ip_id: str) -> None:
        """Delete a floating IP (unmapped first, as Neutron does).

        Raises:
            LinkNotFound: No such floating IP for the caller.
        """
        _call(lambda: self._model.delete_floatingip(caller, floating_ip_id))

    def _by_address(self, caller: Caller, address: str) -> FloatingIP:
        for fip in self._model.list_floatingips(caller):
            if fip.floating_ip_address == address:
                return fip
        raise LinkNotFound(f"Floating IP not found for address {address}.")

    def associate_floating_ip(self, caller: Caller, server_id: str, address: str,
                              fixed_address: str | None) -> None:
        """Map a floating address to the server's port holding `fixed_address` (None: the
        first IPv4 address of its first port).

        Raises:
            LinkNotFound: No such floating IP, or the fixed address is not the server's.
            LinkRefused: The server has no port, or no router reaches its subnet from the
                floating IP's network (`ExternalGatewayForFloatingIPNotFound`), or Neutron
                refuses the port.
            LinkConflict: The floating IP is associated with another port, or the fixed
                address has a floating IP already.
        """
        model = self._model
        fip = self._by_address(caller, address)
        ports = [p for p in model.ports.values() if server_id and p.device_id == server_id]
        if not ports:
            raise LinkRefused(f"Instance {server_id} has no port")
        target = self._port_with(ports, fixed_address)
        if fip.port_id and fip.port_id != target[0].id:
            raise LinkConflict(f"Floating IP {address} is associated with port {fip.port_id}")
        try:
            model.update_floatingip(caller, fip.id, {"port_id": target[0].id,
                                                     "fixed_ip_address": target[1]})
        except ExternalGatewayForFloatingIPNotFound as exc:
            raise LinkRefused(exc.text) from None
        except NeutronError as exc:
            raise link_error(exc) from None

    @staticmethod
    def _port_with(ports: list[Port], fixed_address: str | None) -> tuple[Port, str]:
        if fixed_address is not None:
            for port in ports:
                if any(a == fixed_address for _, a in port.fixed_ips):
                    return port, fixed_address
            raise LinkNotFound(f"Fixed IP {fixed_address} is not the instance's.")
        for port in ports:
            for _, candidate in port.fixed_ips:
                if ipaddress.ip_address(candidate).version == 4:
                    return port, candidate
        raise LinkRefused("Instance has no fixed IPv4 addresses to associate.")

    def disassociate_floating_ip(self, caller: Caller, server_id: str, address: str) -> None:
        """Unmap a floating address from the server.

        Raises:
            LinkNotFound: No such floating IP for the caller.
            LinkConflict: It is not associated with this server.
        """
        model = self._model
        fip = self._by_address(caller, address)
        port = model.ports.get(fip.port_id) if fip.port_id else None
        if port is None or not server_id or port.device_id != server_id:
            raise LinkConflict(f"Floating IP {address} is not associated with instance "
                               f"{server_id}.")
        _call(lambda: model.update_floatingip(caller, fip.id, {"port_id": None}))


def _rule_info(rule: SecurityGroupRule) -> SecurityGroupRuleInfo:
    return SecurityGroupRuleInfo(id=rule.id, group_id=rule.security_group_id,
                                 direction=rule.direction, ethertype=rule.ethertype,
                                 protocol=rule.protocol, port_range_min=rule.port_range_min,
                                 port_range_max=rule.port_range_max,
                                 remote_ip_prefix=rule.remote_ip_prefix,
                                 remote_group_id=rule.remote_group_id)
