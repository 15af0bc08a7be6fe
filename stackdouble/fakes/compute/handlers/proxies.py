"""Nova's network proxy APIs (`networks.py`, `security_groups.py`, `floating_ips.py`,
`floating_ip_pools.py`): served until 2.35, 404 from 2.36 (`MAX_PROXY_API_SUPPORT_VERSION`),
answered through the cloud's `networks` link. The `addFloatingIp` / `removeFloatingIp`
actions (until 2.43) are in `server_actions`."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import Any

from stackdouble.fakes.compute import schema, views
from stackdouble.fakes.compute.errors import BadRequest, nova_fault
from stackdouble.fakes.compute.handlers._common import _body, _caller, _model, _ok, _version
from stackdouble.fakes.compute.handlers.securitygroups import group_lookup
from stackdouble.fakes.compute.schema import proxies as proxy_schema
from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.links import FloatingIPInfo, NetworkInfo, SecurityGroupRuleInfo

__all__ = [
    "allocate_floating_ip",
    "create_security_group",
    "create_security_group_rule",
    "delete_security_group",
    "delete_security_group_rule",
    "list_floating_ip_pools",
    "list_floating_ips",
    "list_networks",
    "list_security_groups",
    "proxy",
    "release_floating_ip",
    "show_floating_ip",
    "show_network",
    "show_security_group",
]

#: `MAX_PROXY_API_SUPPORT_VERSION`: the proxies answer 404 after it.
MAX_PROXY_VERSION = (2, 35)

_Handler = Callable[[FakeRequest], FakeResponse]


def proxy(handler: _Handler) -> _Handler:
    """A proxy route: 404 from 2.36, as `wsgi.api_version("2.1", "2.35")` answers."""

    def run(req: FakeRequest) -> FakeResponse:
        if _version(req) > MAX_PROXY_VERSION:
            return nova_fault(404)
        return handler(req)

    run.__name__ = handler.__name__
    run.__doc__ = handler.__doc__
    return run


# -- os-networks -----------------------------------------------------------------------------

_NETWORK_FIELDS = ("cidr", "netmask", "gateway", "broadcast", "dns1", "dns2", "cidr_v6",
                   "gateway_v6", "label", "netmask_v6")
_ADMIN_FIELDS = ("created_at", "updated_at", "deleted_at", "deleted", "injected", "bridge",
                 "vlan", "vpn_public_address", "vpn_public_port", "vpn_private_address",
                 "dhcp_start", "project_id", "host", "bridge_interface", "multi_host",
                 "priority", "rxtx_base", "mtu", "dhcp_server", "enable_dhcp",
                 "share_address")


def _network(net: NetworkInfo, is_admin: bool) -> dict[str, Any]:
    """`network_dict`: the id and the name as `label`; nova-network's fields are null."""
    out: dict[str, Any] = {"id": net.id}
    for name in _NETWORK_FIELDS + (_ADMIN_FIELDS if is_admin else ()):
        out[name] = net.name if name == "label" else None
    return out


@proxy
def list_networks(req: FakeRequest) -> FakeResponse:
    """`GET /os-networks`: the networks the caller may see."""
    caller = _caller(req)
    found = req.cloud.links.networks.networks(caller)
    return _ok({"networks": [_network(n, caller.is_admin) for n in found]})


@proxy
def show_network(req: FakeRequest) -> FakeResponse:
    """`GET /os-networks/{id}`."""
    caller = _caller(req)
    net = _model(req).proxy_network(caller, req.params["network_id"])
    return _ok({"network": _network(net, caller.is_admin)})


# -- os-security-groups and os-security-group-rules -----------------------------------------


@proxy
def list_security_groups(req: FakeRequest) -> FakeResponse:
    """`GET /os-security-groups`: the project's groups, sorted by project and name."""
    groups = req.cloud.links.networks.security_groups(_caller(req))
    lookup = group_lookup(req)
    rendered = [views.security_group(g, lookup) for g in groups]
    rendered.sort(key=lambda g: (g["tenant_id"], g["name"]))
    return _ok({"security_groups": rendered})


@proxy
def show_security_group(req: FakeRequest) -> FakeResponse:
    """`GET /os-security-groups/{id}`."""
    group = _model(req).proxy_security_group(_caller(req), req.params["group_id"])
    return _ok({"security_group": views.security_group(group, group_lookup(req))})


@proxy
def create_security_group(req: FakeRequest) -> FakeResponse:
    """`POST /os-security-groups`: 200 with the group."""
    caller = _caller(req)
    body = _body(req)
    schema.check_body(proxy_schema.CREATE_SECURITY_GROUP, body)
    given = body["security_group"]
    group = _model(req).proxy_create_security_group(caller, given["name"],
                                                    given["description"])
    return _ok({"security_group": views.security_group(group, group_lookup(req))})


@proxy
def delete_security_group(req: FakeRequest) -> FakeResponse:
    """`DELETE /os-security-groups/{id}`: 202."""
    _model(req).proxy_delete_security_group(_caller(req), req.params["group_id"])
    return FakeResponse(202)


@proxy
def create_security_group_rule(req: FakeRequest) -> FakeResponse:
    """`POST /os-security-group-rules`: 200 with the rule in Nova's terms."""
    caller = _caller(req)
    body = _body(req)
    schema.check_body(proxy_schema.CREATE_RULE, body)
    rule = _rule(body["security_group_rule"])
    made = _model(req).proxy_create_rule(caller, rule)
    rendered = views.security_group_rule(made, group_lookup(req))
    return _ok({"security_group_rule": rendered})


@proxy
def delete_security_group_rule(req: FakeRequest) -> FakeResponse:
    """`DELETE /os-security-group-rules/{id}`: 202."""
    _model(req).proxy_delete_rule(_caller(req), req.params["rule_id"])
    return FakeResponse(202)


def _rule(given: dict[str, Any]) -> SecurityGroupRuleInfo:
    """`_rule_args_to_dict` (`new_group_ingress_rule` / `new_cidr_ingress_rule`), then
    Neutron's terms (ICMP's -1 is any)."""
    group_id = given.get("group_id")
    cidr = None
    if group_id is None:
        cidr = given.get("cidr") or "0.0.0.0/0"
        try:
            ipaddress.ip_network(cidr, strict=False)
        except ValueError:
            raise BadRequest(f"{cidr} is not a valid IP network.") from None
        address, _, prefix = cidr.partition("/")
        if address not in ("0.0.0.0", "::") and prefix == "0":
            raise BadRequest(f"Bad prefix for network in cidr {cidr}")
    protocol, low, high = _ports(given.get("ip_protocol"), given.get("from_port"),
                                 given.get("to_port"), needed=group_id is None)
    return SecurityGroupRuleInfo(id="", group_id=given["parent_group_id"],
                                 protocol=protocol, port_range_min=low, port_range_max=high,
                                 remote_ip_prefix=cidr, remote_group_id=group_id,
                                 ethertype="IPv6" if cidr and ":" in cidr else "IPv4")


def _ports(protocol: Any, low: Any, high: Any, *,
           needed: bool) -> tuple[str | None, int | None, int | None]:
    """`_new_ingress_rule`'s checks of the protocol and its port range."""
    if not (protocol and low is not None and high is not None):
        if needed:
            raise BadRequest("Not enough parameters to build a valid rule.")
        return None, None, None
    name = str(protocol)
    upper = name.upper()
    try:
        first, last = int(low), int(high)
    except (TypeError, ValueError):
        reason = ("Type and Code must be integers for ICMP protocol type" if upper == "ICMP"
                  else "To and From ports must be integers")
        raise BadRequest(f"Invalid input received: {reason}") from None
    if upper not in ("TCP", "UDP", "ICMP"):
        raise BadRequest(f"Invalid IP protocol {name}.")
    if upper in ("TCP", "UDP") and first > last:
        raise BadRequest(f"Invalid port range {first}:{last}. Former value cannot be greater "
                         "than the later")
    if upper in ("TCP", "UDP") and (first < 1 or last > 65535):
        raise BadRequest(f"Invalid port range {first}:{last}. Valid {upper} ports should be "
                         "between 1-65535")
    if upper == "ICMP" and not (-1 <= first <= 255 and -1 <= last <= 255):
        raise BadRequest(f"Invalid port range {first}:{last}. For ICMP, the type:code must "
                         "be valid")
    return (name.lower(), None if first == -1 else first, None if last == -1 else last)


# -- os-floating-ips and os-floating-ip-pools -----------------------------------------------


def _floating_ip(fip: FloatingIPInfo) -> dict[str, Any]:
    """`_translate_floating_ip_view`."""
    return {"fixed_ip": fip.fixed_address, "id": fip.id, "instance_id": fip.server_id,
            "ip": fip.address, "pool": fip.pool}


@proxy
def list_floating_ips(req: FakeRequest) -> FakeResponse:
    """`GET /os-floating-ips`: the project's floating IPs."""
    found = req.cloud.links.networks.floating_ips(_caller(req))
    return _ok({"floating_ips": [_floating_ip(f) for f in found]})


@proxy
def show_floating_ip(req: FakeRequest) -> FakeResponse:
    """`GET /os-floating-ips/{id}`."""
    fip = _model(req).proxy_floating_ip(_caller(req), req.params["floating_ip_id"])
    return _ok({"floating_ip": _floating_ip(fip)})


@proxy
def allocate_floating_ip(req: FakeRequest) -> FakeResponse:
    """`POST /os-floating-ips`: 200 with the new floating IP."""
    caller = _caller(req)
    body = _body(req)
    schema.check_body(proxy_schema.CREATE_FLOATING_IP, body)
    pool = body.get("pool") if body else None
    fip = _model(req).proxy_allocate_floating_ip(caller, pool)
    return _ok({"floating_ip": _floating_ip(fip)})


@proxy
def release_floating_ip(req: FakeRequest) -> FakeResponse:
    """`DELETE /os-floating-ips/{id}`: 202."""
    _model(req).proxy_release_floating_ip(_caller(req), req.params["floating_ip_id"])
    return FakeResponse(202)


@proxy
def list_floating_ip_pools(req: FakeRequest) -> FakeResponse:
    """`GET /os-floating-ip-pools`: the external networks' names."""
    pools = req.cloud.links.networks.floating_ip_pools(_caller(req))
    return _ok({"floating_ip_pools": [{"name": name} for name in pools]})
