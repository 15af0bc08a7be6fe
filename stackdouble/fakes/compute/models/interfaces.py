"""`os-interface` of the fake Nova (`nova/api/openstack/compute/attach_interfaces.py`, the
compute API's `attach_interface` / `detach_interface` and the manager's
`allocate_port_for_instance`): a server's ports, read from the network service, and the
hot-plugging of one more or one less, through the cloud's `networks` link.

Attaching is a call to the compute host, so its refusals are the API's answer; detaching is
a cast: the API answers 202 once the state checks pass, even for a port the server does not
have (the host only logs it).
"""

from __future__ import annotations

from contextlib import suppress

from stackdouble.fakes.compute import states as st
from stackdouble.fakes.compute.errors import (
    BadRequest,
    Conflict,
    Forbidden,
    NotFound,
    NovaError,
)
from stackdouble.fakes.compute.models._base import ModelBase
from stackdouble.fakes.compute.models._common import Caller
from stackdouble.fakes.compute.models.networks import PORT_LIMIT, server_ref
from stackdouble.fakes.links import (
    LinkConflict,
    LinkError,
    LinkNotFound,
    LinkOverLimit,
    LinkRefused,
    PortRequest,
    Vif,
)

__all__ = ["InterfacesMixin"]

#: `check_instance_state` of `attach_interface` and `detach_interface`.
_STATES = (st.ACTIVE, st.PAUSED, st.STOPPED)


class InterfacesMixin(ModelBase):
    """A server's interfaces, mixed into `ComputeModel`."""

    def interfaces(self, caller: Caller, server_id: str) -> list[Vif]:
        """The server's ports (`list_ports(device_id=...)`), in creation order.

        Raises:
            NotFound: No such server for the caller.
        """
        server = self.get_server(caller, server_id)
        return self.cloud.links.networks.vifs(server.uuid)

    def interface(self, caller: Caller, server_id: str, port_id: str) -> Vif:
        """One of the server's ports.

        Raises:
            NotFound: No such server, or the port is not the server's.
        """
        for vif in self.interfaces(caller, server_id):
            if vif.port_id == port_id:
                return vif
        raise NotFound(f"Instance {server_id} does not have a port with id {port_id}")

    def attach_interface(self, caller: Caller, server_id: str, request: PortRequest) -> Vif:
        """Plug a new port on `request.network_id` (at `request.fixed_ip`), or the user's
        `request.port_id`; neither: the one network the project may use.

        Raises:
            NotFound: No such server, network or port.
            Conflict: Locked, in a state Nova refuses, the port in use, the fixed IP taken.
            BadRequest: No network or several to choose from, no address left.
            Forbidden: The port quota.
        """
        server = self.get_server(caller, server_id)
        self._check(caller, server, "attach_interface", vm_states=_STATES)
        link = self.cloud.links.networks
        if request.network_id is None and request.port_id is None:
            found = link.available_networks(caller)
            if len(found) > 1:
                raise BadRequest("More than one possible network found. Specify network ID(s) "
                                 "to select which one(s) to connect to.")
            if not found:
                raise BadRequest("No specific network was requested and none are available "
                                 f"for project '{caller.project_id}'.")
            request = PortRequest(network_id=found[0].id, tag=request.tag)
        try:
            vif = link.attach_interface(caller, server_ref(server), request)
        except LinkError as exc:
            raise _attach_fault(request, exc) from None
        self.refresh_network_info(server)
        return vif

    def detach_interface(self, caller: Caller, server_id: str, port_id: str) -> None:
        """Unplug a port: Nova's go, the user's are unbound and kept.

        Raises:
            NotFound: No such server.
            Conflict: Locked, or in a state Nova refuses.
        """
        server = self.get_server(caller, server_id)
        self._check(caller, server, "detach_interface", vm_states=_STATES)
        with suppress(LinkNotFound):  # the compute host's `PortNotFound`, after the 202
            self.cloud.links.networks.detach_interface(caller, server.uuid, port_id)
        self.refresh_network_info(server)


def _attach_fault(request: PortRequest, error: LinkError) -> NovaError:
    """The create's exception mapping in `attach_interfaces.py`."""
    if isinstance(error, LinkNotFound):
        if request.port_id is not None:
            return NotFound(f"Port id {request.port_id} could not be found.")
        return NotFound(f"Network {request.network_id} could not be found.")
    if isinstance(error, LinkOverLimit):
        return Forbidden(PORT_LIMIT)
    if isinstance(error, LinkConflict):
        if request.port_id is not None:
            return Conflict(f"Port {request.port_id} is still in use.")
        if request.fixed_ip is not None:
            return Conflict(f"Fixed IP {request.fixed_ip} is already in use.")
        return BadRequest(f"No fixed IP addresses available for network: {request.network_id}")
    if isinstance(error, LinkRefused) and request.fixed_ip is not None:
        return BadRequest(f"Invalid input received: Fixed IP {request.fixed_ip} is not a valid "
                          f"ip address for network {request.network_id}.")
    return BadRequest(error.message)
