"""The fake Neutron's errors and its error envelope.

Neutron answers every failure with `{"NeutronError": {"type", "message", "detail"}}`
(`neutron/api/api_common.py`, `convert_exception_to_http_exc` and `get_exception_data`):
`type` is the exception's class name, `message` its text and `detail` always empty. The
status comes from neutron-lib's `FAULT_MAP` (`api/faults.py`): `NotFound` 404, `Conflict` and
`InUse` 409, `BadRequest` 400, `NotAuthorized` and `PolicyNotAuthorized` 403. webob's own
exceptions (pecan's `abort`, the API layer's `HTTPBadRequest`) keep their status and are
named `HTTPNotFound`, `HTTPBadRequest`...; their message is webob's explanation.

Example:
    >>> err = NetworkNotFound(net_id="n1")
    >>> err.status, err.body()["NeutronError"]["type"], err.text
    (404, 'NetworkNotFound', 'Network n1 could not be found.')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from stackdouble.fakes.http import FakeResponse, HTTPError

if TYPE_CHECKING:
    from stackdouble.fakes.http import FakeRequest

__all__ = [
    "AllocationOnAutoAddressSubnet",
    "BadRequest",
    "Conflict",
    "ExternalGatewayForFloatingIPNotFound",
    "ExternalIpAddressExhausted",
    "FloatingIPNotFound",
    "FloatingIPPortAlreadyAssociated",
    "HTTPBadRequest",
    "HTTPMethodNotAllowed",
    "HTTPNotFound",
    "InvalidAllocationPool",
    "InvalidInput",
    "InvalidIpForNetwork",
    "InvalidIpForSubnet",
    "InvalidRoutes",
    "IpAddressAlreadyAllocated",
    "IpAddressGenerationFailure",
    "MacAddressInUse",
    "NetworkInUse",
    "NetworkNotFound",
    "NeutronError",
    "NotAuthorized",
    "OutOfBoundsAllocationPool",
    "OverQuota",
    "OverlappingAllocationPools",
    "PolicyNotAuthorized",
    "PortInUse",
    "PortNotFound",
    "RouterExternalGatewayInUseByFloatingIp",
    "RouterInUse",
    "RouterInterfaceInUseByFloatingIP",
    "RouterInterfaceNotFound",
    "RouterInterfaceNotFoundForSubnet",
    "RouterNotFound",
    "SecurityGroupCannotRemoveDefault",
    "SecurityGroupInUse",
    "SecurityGroupNotFound",
    "SecurityGroupRuleExists",
    "SecurityGroupRuleNotFound",
    "ServicePortInUse",
    "SubnetInUse",
    "SubnetMismatchForPort",
    "SubnetNotFound",
    "TagNotFound",
    "error_body",
    "neutron_response",
]

#: webob's explanations, the message of a bare `webob.exc.HTTP*` Neutron raises.
WEBOB_CLIENT_ERROR = ("The server could not comply with the request since\r\nit is either "
                      "malformed or otherwise incorrect.\r\n")


def error_body(kind: str, message: str) -> dict[str, Any]:
    """The `NeutronError` envelope."""
    return {"NeutronError": {"type": kind, "message": message, "detail": ""}}


def neutron_response(status: int, kind: str, message: str,
                     headers: Iterable[tuple[str, str]] = ()) -> FakeResponse:
    """An error answer as Neutron renders it (`application/json`)."""
    return FakeResponse.json(status, error_body(kind, message), list(headers))


class NeutronError(HTTPError):
    """A Neutron exception: a class name (the envelope's `type`), a status and a message
    built from `template` and the keyword arguments, as `NeutronException` builds it.

    Args:
        message: The whole message (instead of `template`).
        **kwargs: The template's fields.
    """

    status = 500
    template: ClassVar[str] = "An unknown exception occurred."

    def __init__(self, message: str | None = None, **kwargs: Any) -> None:
        text = message if message is not None else self.template % kwargs
        super().__init__(self.status, text)
        self.text = text

    @property
    def kind(self) -> str:
        """The envelope's `type`: the class name."""
        return type(self).__name__

    def body(self) -> dict[str, Any]:
        """The `NeutronError` envelope."""
        return error_body(self.kind, self.text)

    def render(self, req: FakeRequest) -> FakeResponse:
        """The envelope, with this error's headers."""
        return neutron_response(self.status, self.kind, self.text, self.headers)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.text))


def _rebuild(cls: type[NeutronError], text: str) -> NeutronError:
    return cls(text)


# -- webob's exceptions, as Neutron's API layer raises them ---------------------------------

class HTTPBadRequest(NeutronError):
    """400 `webob.exc.HTTPBadRequest` with Neutron's explanation (invalid input)."""

    status = 400
    template = WEBOB_CLIENT_ERROR


class HTTPNotFound(NeutronError):
    """404 `webob.exc.HTTPNotFound`: no such path, or a network the caller cannot see."""

    status = 404
    template = "The resource could not be found."


class HTTPMethodNotAllowed(NeutronError):
    """405 `pecan.abort(405)`."""

    status = 405
    template = WEBOB_CLIENT_ERROR


# -- neutron-lib's bases -------------------------------------------------------------------

class BadRequest(NeutronError):
    """400 `BadRequest`: "Bad <resource> request: <msg>."."""

    status = 400
    template = "Bad %(resource)s request: %(msg)s."


class InvalidInput(BadRequest):
    """400 `InvalidInput`."""

    template = "Invalid input for operation: %(error_message)s."


class NotFoundError(NeutronError):
    """404 `NotFound`."""

    status = 404


class Conflict(NeutronError):
    """409 `Conflict`."""

    status = 409


class InUse(NeutronError):
    """409 `InUse`."""

    status = 409
    template = "The resource is in use."


class NotAuthorized(NeutronError):
    """403 `NotAuthorized`."""

    status = 403
    template = "Not authorized."


class PolicyNotAuthorized(NeutronError):
    """403 oslo.policy's `PolicyNotAuthorized`: "<rule> is disallowed by policy"."""

    status = 403
    template = "%(rule)s is disallowed by policy"


# -- not found ---------------------------------------------------------------------------

class NetworkNotFound(NotFoundError):
    """404: no such network (or not visible)."""

    template = "Network %(net_id)s could not be found."


class SubnetNotFound(NotFoundError):
    """404: no such subnet."""

    template = "Subnet %(subnet_id)s could not be found."


class PortNotFound(NotFoundError):
    """404: no such port."""

    template = "Port %(port_id)s could not be found."


class SecurityGroupNotFound(NotFoundError):
    """404: no such security group."""

    template = "Security group %(id)s does not exist"


class SecurityGroupRuleNotFound(NotFoundError):
    """404: no such security group rule."""

    template = "Security group rule %(id)s does not exist"


class TagNotFound(NotFoundError):
    """404: the resource has no such tag (`neutron/extensions/tagging.py`)."""

    template = "Tag %(tag)s could not be found."


class RouterNotFound(NotFoundError):
    """404: no such router (neutron-lib's `exceptions/l3.py`)."""

    template = "Router %(router_id)s could not be found"


class RouterInterfaceNotFound(NotFoundError):
    """404: the port is no interface of the router."""

    template = "Router %(router_id)s does not have an interface with id %(port_id)s"


class RouterInterfaceNotFoundForSubnet(NotFoundError):
    """404: the router has no interface on the subnet."""

    template = "Router %(router_id)s has no interface on subnet %(subnet_id)s"


class FloatingIPNotFound(NotFoundError):
    """404: no such floating IP."""

    template = "Floating IP %(floatingip_id)s could not be found"


class ExternalGatewayForFloatingIPNotFound(NotFoundError):
    """404: no router connects the port's subnet to the floating IP's network."""

    template = ("External network %(external_network_id)s is not reachable from subnet "
                "%(subnet_id)s.  Therefore, cannot associate Port %(port_id)s with a "
                "Floating IP.")


# -- in use and conflicts ------------------------------------------------------------------

class NetworkInUse(InUse):
    """409: the network still has ports other than DHCP's."""

    template = "Unable to complete operation on network %(net_id)s. %(reason)s."


class SubnetInUse(InUse):
    """409: ports still hold addresses from the subnet."""

    template = "Unable to complete operation on subnet %(subnet_id)s: %(reason)s."


class SecurityGroupInUse(InUse):
    """409: ports still use the group."""

    template = "Security Group %(id)s %(reason)s."


class SecurityGroupCannotRemoveDefault(InUse):
    """409: a project's default group cannot be deleted but by an admin."""

    template = "Insufficient rights for removing default security group."


class SecurityGroupRuleExists(InUse):
    """409: the same rule is in the group already."""

    template = "Security group rule already exists. Rule id is %(rule_id)s."


class IpAddressAlreadyAllocated(Conflict):
    """409 (`neutron/ipam/exceptions.py`): the address asked for is taken."""

    template = "IP address %(ip)s already allocated in subnet %(subnet_id)s"


class IpAddressGenerationFailure(Conflict):
    """409 (`neutron/ipam/exceptions.py`): the subnet's pools are exhausted."""

    template = "No more IP addresses available for subnet %(subnet_id)s."


class OverQuota(Conflict):
    """409: "Quota exceeded for resources: ['network']."."""

    template = "Quota exceeded for resources: %(overs)s."


class OverlappingAllocationPools(Conflict):
    """409: two allocation pools share addresses."""

    template = ("Found overlapping allocation pools: %(pool_1)s %(pool_2)s for subnet "
                "%(subnet_cidr)s.")


class GatewayConflictWithAllocationPools(InUse):
    """409: the gateway is inside an allocation pool."""

    template = "Gateway ip %(ip_address)s conflicts with allocation pool %(pool)s."


class SecurityGroupDefaultAlreadyExists(InUse):
    """409: a group may not be named `default`."""

    template = "Default security group already exists."


class ServicePortInUse(InUse):
    """409: a router's or floating IP's port cannot be deleted through the port API
    (`l3_db.prevent_l3_port_deletion`)."""

    template = "Port %(port_id)s cannot be deleted directly via the port API: %(reason)s."


class PortInUse(InUse):
    """409: the port already has a device."""

    template = ("Unable to complete operation on port %(port_id)s for network %(net_id)s. "
                "Port already has an attached device %(device_id)s.")


class RouterInUse(InUse):
    """409: the router still has interfaces."""

    template = "Router %(router_id)s %(reason)s"


class RouterInterfaceInUseByFloatingIP(InUse):
    """409: a floating IP needs the interface."""

    template = ("Router interface for subnet %(subnet_id)s on router %(router_id)s cannot "
                "be deleted, as it is required by one or more floating IPs.")


class RouterExternalGatewayInUseByFloatingIp(InUse):
    """409: floating IPs need the gateway."""

    template = ("Gateway cannot be updated for router %(router_id)s, since a gateway to "
                "external network %(net_id)s is required by one or more floating IPs.")


class FloatingIPPortAlreadyAssociated(InUse):
    """409: the fixed IP already has a floating IP on that external network."""

    template = ("Cannot associate floating IP %(floating_ip_address)s (%(fip_id)s) with "
                "port %(port_id)s using fixed IP %(fixed_ip)s, as that fixed IP already has "
                "a floating IP on external network %(net_id)s.")


class MacAddressInUse(InUse):
    """409: the MAC address is taken on the network."""

    template = ("Unable to complete operation for network %(net_id)s. The mac address "
                "%(mac)s is in use.")


# -- bad input -----------------------------------------------------------------------------

class InvalidAllocationPool(BadRequest):
    """400: a pool's start after its end, or of another IP version."""

    template = "The allocation pool %(pool)s is not valid."


class OutOfBoundsAllocationPool(BadRequest):
    """400: a pool outside the subnet's CIDR."""

    template = "The allocation pool %(pool)s spans beyond the subnet cidr %(subnet_cidr)s."


class InvalidIpForSubnet(BadRequest):
    """400 (`neutron/ipam/exceptions.py`): the address is not in the subnet."""

    template = "IP address %(ip)s does not belong to subnet %(subnet_id)s"


class InvalidIpForNetwork(BadRequest):
    """400: the address is in none of the network's subnets."""

    template = ("IP address %(ip_address)s is not a valid IP for any of the subnets on the "
                "specified network.")


class SubnetMismatchForPort(BadRequest):
    """400: the port has no address on the subnet named with it."""

    template = "Subnet on port %(port_id)s does not match the requested subnet %(subnet_id)s."


class InvalidRoutes(InvalidInput):
    """400 (`extraroute`): a route the router cannot take."""

    template = "Invalid format for routes: %(routes)s, %(reason)s"


class ExternalIpAddressExhausted(BadRequest):
    """400: no IPv4 address left on the external network."""

    template = "Unable to find any IP address on external network %(net_id)s."


class AllocationOnAutoAddressSubnet(InvalidInput):
    """400: an address asked for on a SLAAC subnet."""

    template = ("IPv6 address %(ip)s cannot be directly assigned to a port on subnet "
                "%(subnet_id)s as the subnet is configured for automatic addresses")
