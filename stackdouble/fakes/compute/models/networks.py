"""Servers' networking in the fake Nova (`nova/network/neutron.py`, `security_group_api.py`;
the create's `networks` in `nova/api/openstack/compute/servers.py` and `compute/api.py`).

Nova keeps no networks: what a create asks for is checked through the cloud's `networks`
link (`validate`, `available_networks`), and the ports are made and bound to the host as the
server is built (`allocate`). A failure there (no address left: Neutron's
`IpAddressGenerationFailure`) ends the build in ERROR with the fault Nova's compute manager
records, after the ports made so far are cleaned up.

Each server keeps Nova's network info cache (`Server.vifs`), filled from `links.networks.vifs`
when its ports are made, when an interface is attached or detached, and whenever the
network service announces a change (`network_changed`, Neutron's `network-changed` event).
`addresses`, `/ips` and the listing's `ip` filters read the cache only, so a listing costs
no call to the network service; the server's `security_groups` are its ports' groups, named
through the link once per group and request.
"""

from __future__ import annotations

from collections.abc import Sequence

from stackdouble.fakes.compute.errors import (
    BadRequest,
    Conflict,
    Forbidden,
    NotFound,
    NovaError,
)
from stackdouble.fakes.compute.models._base import ModelBase
from stackdouble.fakes.compute.models._common import DEFAULT_AZ, HOST, Caller
from stackdouble.fakes.compute.models.servers import NetworksArg, Server
from stackdouble.fakes.links import (
    LinkConflict,
    LinkError,
    LinkForbidden,
    LinkNotFound,
    LinkOverLimit,
    LinkRefused,
    PortRequest,
    SecurityGroupInfo,
    ServerRef,
)

__all__ = ["AMBIGUOUS", "PORT_LIMIT", "NetworksMixin", "server_ref"]

#: `_ports_needed_per_instance`'s `NetworkAmbiguous` for a create without a network.
AMBIGUOUS = "Multiple possible networks found, use a Network ID to be more specific."
#: `PortLimitExceeded` (an `OverQuota`: 403).
PORT_LIMIT = "Maximum number of ports exceeded"


def server_ref(server: Server) -> ServerRef:
    """The server as the network service knows it: its id, host and zone."""
    return ServerRef(server.uuid, server.host or HOST, server.availability_zone or DEFAULT_AZ)


class NetworksMixin(ModelBase):
    """The networks a create asks for, the ports made for it, the network info cache and
    the server's security groups, mixed into `ComputeModel`."""

    # -- create: what is asked for -----------------------------------------------------------

    def port_requests(self, caller: Caller, networks: NetworksArg, *, min_count: int,
                      max_count: int) -> tuple[list[PortRequest], int]:
        """The ports each new server gets, checked as Nova's API checks them, and how many
        servers (up to `max_count`) the network service's port quota leaves room for.

        Args:
            caller: Who creates the servers.
            networks: None (left out before 2.37: the one network the project may use,
                none if there is none), "auto" (2.37: the same, but none is an error),
                "none" (no port), or network ids and `PortRequest`s, in order.
            min_count: The fewest servers asked for.
            max_count: The most.

        Raises:
            Conflict: Several networks and none asked for (`NetworkAmbiguous`), or a port
                in use (`PortInUse`).
            BadRequest: A network or port that does not exist, "auto" with no network, a
                port or fixed IP with `max_count` over 1, a fixed IP in use.
            Forbidden: The port quota does not hold `min_count` servers.
        """
        link = self.cloud.links.networks
        if networks == "none":
            return [], max_count
        if networks is None or networks == "auto":
            found = link.available_networks(caller)
            if len(found) > 1:
                raise Conflict(AMBIGUOUS)
            if not found:
                if networks == "auto":
                    raise BadRequest("Unable to automatically allocate a network for project "
                                     f"{caller.project_id}")
                return [], max_count
            requests = [PortRequest(network_id=found[0].id)]
        elif isinstance(networks, str):
            raise BadRequest("Bad networks format")
        else:
            requests = [item if isinstance(item, PortRequest) else PortRequest(network_id=item)
                        for item in networks]
            if max_count > 1:
                _check_multiple(requests)
        return requests, self._room_for(caller, requests, min_count, max_count)

    def _room_for(self, caller: Caller, requests: list[PortRequest], min_count: int,
                  max_count: int) -> int:
        """`validate_networks`: how many servers fit the port quota (Nova lowers
        `max_count` to it, and refuses under `min_count`)."""
        link = self.cloud.links.networks
        try:
            link.validate(caller, requests, count=max_count)
            return max_count
        except LinkOverLimit:
            pass
        except LinkRefused:
            return max_count  # a fixed IP off the network: the build fails, not the API
        except LinkError as exc:
            raise _culprit(caller, self, requests, exc) from None

        def fits(count: int) -> bool:
            try:
                link.validate(caller, requests, count=count)
            except LinkOverLimit:
                return False
            except LinkError:
                return True
            return True

        if not fits(min_count):
            raise Forbidden(PORT_LIMIT)
        low, high = min_count, max_count - 1
        while low < high:
            middle = (low + high + 1) // 2
            if fits(middle):
                low = middle
            else:
                high = middle - 1
        return low

    def _check_security_groups(self, caller: Caller, names: Sequence[str]) -> list[str]:
        """`_check_requested_secgroups`: every group but `default` must be one of the
        project's, by id or by a unique name (neutronclient's `find_resourceid_by_name_or_id`).

        Raises:
            BadRequest: No such group (`SecurityGroupNotFound`).
            Conflict: Several groups with that name (`NoUniqueMatch`).
        """
        wanted = list(dict.fromkeys(names))
        if all(name == "default" for name in wanted):
            return wanted
        groups = self.cloud.links.networks.security_groups(caller)
        for name in wanted:
            if name != "default":
                _find_group(groups, name, missing=BadRequest(
                    f"Unable to find security_group with name or id '{name}'"))
        return wanted

    # -- build and delete: the ports ---------------------------------------------------------

    def _allocate_ports(self, caller: Caller, server: Server, requests: Sequence[PortRequest],
                        security_groups: Sequence[str]) -> str | None:
        """`allocate_for_instance`, one request after the other; returns the fault message
        of a failed build (the ports made so far deleted, as `_cleanup_allocated_networks`
        does), None when every port was made."""
        if not requests:
            return None
        link = self.cloud.links.networks
        ref = server_ref(server)
        for request in requests:
            try:
                link.allocate(caller, ref, [request], security_groups=security_groups)
            except LinkError as exc:
                link.server_deleted(server.uuid)
                server.vifs = ()
                return _build_fault(server.uuid, request, exc)
        self.refresh_network_info(server)
        return None

    def _deallocate_ports(self, server: Server) -> None:
        """`deallocate_for_instance`: Nova's ports go, the user's are unbound and kept."""
        self.cloud.links.networks.server_deleted(server.uuid)
        server.vifs = ()

    def _bind_ports(self, server: Server) -> None:
        """The server's ports follow it to its host (`setup_instance_network_on_host`,
        `migrate_instance_finish`), or are unbound when it has none
        (`cleanup_instance_network_on_host`, a shelve offload)."""
        self.cloud.links.networks.bind_server(server.uuid, server.host or "")

    # -- the network info cache ----------------------------------------------------------------

    def refresh_network_info(self, server: Server) -> None:
        """Fill the server's network info cache from the network service."""
        server.vifs = tuple(self.cloud.links.networks.vifs(server.uuid))

    def network_changed(self, server_id: str) -> None:
        """Neutron's `network-changed` event (`os-server-external-events`): refresh the
        server's cache. Events for unknown or deleted servers are dropped, as Nova drops
        them."""
        server = self.servers.get(server_id)
        if server is not None and not server.deleted:
            self.refresh_network_info(server)

    # -- security groups of a server -----------------------------------------------------------

    def security_group_names(self, caller: Caller, server: Server,
                             known: dict[str, str | None]) -> list[str]:
        """The `security_groups` a server shows: each group of each port, in port order
        (a group on two ports shows twice, as in Nova), by name (its id if unnamed); groups
        the caller may not see are left out. `known` memoises the names for one request."""
        out: list[str] = []
        for vif in server.vifs:
            for group_id in vif.security_group_ids:
                if group_id not in known:
                    try:
                        group = self.cloud.links.networks.security_group(caller, group_id)
                        known[group_id] = group.name or group.id
                    except LinkError:
                        known[group_id] = None
                name = known[group_id]
                if name is not None:
                    out.append(name)
        return out

    def server_security_groups(self, caller: Caller, server_id: str) -> list[SecurityGroupInfo]:
        """`GET /servers/{id}/os-security-groups`: its ports' groups, with their rules.

        Raises:
            NotFound: No such server for the caller.
        """
        server = self.get_server(caller, server_id)
        link = self.cloud.links.networks
        out: list[SecurityGroupInfo] = []
        for vif in link.vifs(server.uuid):
            for group_id in vif.security_group_ids:
                try:
                    out.append(link.security_group(caller, group_id))
                except LinkError:
                    continue
        return out

    def add_security_group(self, caller: Caller, server_id: str, name: str) -> None:
        """`addSecurityGroup`: the group (name or id) on every port of the server.

        Raises:
            NotFound: No such server or group, or the server has no port.
            Conflict: Several groups with that name.
        """
        self._change_security_group(caller, server_id, name, add=True)

    def remove_security_group(self, caller: Caller, server_id: str, name: str) -> None:
        """`removeSecurityGroup`: the group off every port of the server that has it.

        Raises:
            NotFound: No such server or group, no port, or no port has the group.
            Conflict: Several groups with that name.
        """
        self._change_security_group(caller, server_id, name, add=False)

    def _change_security_group(self, caller: Caller, server_id: str, name: str, *,
                               add: bool) -> None:
        server = self.get_server(caller, server_id)
        link = self.cloud.links.networks
        _find_group(link.security_groups(caller), name, missing=NotFound(
            f"Security group {name} is not found for project {caller.project_id}"))
        if not link.vifs(server.uuid):
            raise NotFound(f"instance_id {server.uuid} could not be found as device id on "
                           "any ports")
        try:
            if add:
                link.set_server_security_groups(caller, server.uuid, add=name)
            else:
                link.set_server_security_groups(caller, server.uuid, remove=name)
        except LinkNotFound:
            if add:
                raise NotFound(f"Security group {name} is not found for project "
                               f"{caller.project_id}") from None
            raise NotFound(f"Security group {name} not associated with the instance "
                           f"{server.uuid}") from None
        except LinkConflict as exc:
            raise Conflict(exc.message) from None
        except LinkRefused:
            pass  # already on the ports: Neutron takes the same group again
        self.refresh_network_info(server)


def _check_multiple(requests: Sequence[PortRequest]) -> None:
    """`_check_multiple_instances_with_neutron_ports` and `..._with_specified_ip`."""
    for request in requests:
        if request.port_id:
            raise BadRequest("Failed to launch instances: Unable to launch multiple instances "
                             "with a single configured port ID. Please launch your instance "
                             "one by one with different ports.")
    for request in requests:
        if request.network_id and request.fixed_ip:
            raise BadRequest("Failed to launch instances: max_count cannot be greater than 1 "
                             "if an fixed_ip is specified.")


def _find_group(groups: Sequence[SecurityGroupInfo], name: str,
                missing: NovaError) -> SecurityGroupInfo:
    """A group by id, else by its unique name."""
    for group in groups:
        if group.id == name:
            return group
    named = [group for group in groups if group.name == name]
    if len(named) > 1:
        raise Conflict(f"Multiple security_group matches found for name '{name}', use an ID "
                       "to be more specific.")
    if not named:
        raise missing
    return named[0]


def _culprit(caller: Caller, model: ModelBase, requests: Sequence[PortRequest],
             error: LinkError) -> NovaError:
    """The fault Nova's create answers for the first request the network service refuses
    (`_ports_needed_per_instance`: `PortNotFound` and `NetworkNotFound` are 400s,
    `PortInUse` a 409, `FixedIpAlreadyInUse` a 400)."""
    link = model.cloud.links.networks
    for request in requests:
        try:
            link.validate(caller, [request], count=1)
        except LinkNotFound:
            if request.port_id is not None:
                return BadRequest(f"Port id {request.port_id} could not be found.")
            return BadRequest(f"Network {request.network_id} could not be found.")
        except LinkConflict as exc:
            if request.port_id is not None:
                return Conflict(f"Port {request.port_id} is still in use.")
            return BadRequest(exc.message)
        except LinkForbidden as exc:
            return Forbidden(exc.message)
        except LinkError:
            continue
    if isinstance(error, LinkConflict):
        return Conflict(error.message)
    if isinstance(error, LinkForbidden):
        return Forbidden(error.message)
    return BadRequest(error.message)


def _build_fault(server_id: str, request: PortRequest, error: LinkError) -> str:
    """The fault of a build whose network allocation failed (`BuildAbortException`):
    `NoMoreFixedIps` names the network, anything else is the generic reason."""
    if isinstance(error, LinkConflict) and request.port_id is None:
        reason = ("Failed to allocate the network(s) with error No fixed IP addresses "
                  f"available for network: {request.network_id}, not rescheduling.")
    else:
        reason = "Failed to allocate the network(s), not rescheduling."
    return f"Build of instance {server_id} aborted: {reason}"
