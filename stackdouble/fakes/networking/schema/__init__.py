"""Request bodies, checked as Neutron's API layer checks them (`api/v2/base.py`
`prepare_request_body`, neutron-lib's `api/attributes.py` and `api/validators`).

Each resource's attributes say whether a POST or a PUT may set them and how their value is
checked; an unknown attribute is "Unrecognized attribute(s) 'x'", a bad value "Invalid input
for name. Reason: 'x' is not a valid string.", both 400 `HTTPBadRequest`.

Example:
    >>> parse_body({"network": {"name": "n", "shared": "true"}}, "network", create=True)
    {'name': 'n', 'shared': True}
    >>> parse_body({"network": {"nme": "n"}}, "network", create=True)
    Traceback (most recent call last):
    ...
    stackdouble.fakes.networking.errors.HTTPBadRequest: Unrecognized attribute(s) 'nme'
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from stackdouble.fakes.caller import Caller
from stackdouble.fakes.networking.errors import HTTPBadRequest, InvalidInput

__all__ = ["ATTRIBUTES", "parse_body", "parse_tags", "project_of"]

#: A check: the reason a value is bad, or None.
Check = Callable[[Any], "str | None"]
_MAC = re.compile(r"^([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?"
                   r"[0-9a-fA-F]{12}$")


def _string(max_len: int | None = 255) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, str):
            return f"'{value}' is not a valid string"
        if max_len is not None and len(value) > max_len:
            return f"'{value}' exceeds maximum length of {max_len}"
        return None
    return check


def _uuid(value: Any) -> str | None:
    return None if isinstance(value, str) and _UUID.match(value) else \
        f"'{value}' is not a valid UUID"


def _ip(value: Any) -> str | None:
    try:
        ipaddress.ip_address(value)
    except (ValueError, TypeError):
        return f"'{value}' is not a valid IP address"
    return None


def _ip_or_none(value: Any) -> str | None:
    return None if value is None else _ip(value)


def _subnet(value: Any) -> str | None:
    try:
        if not isinstance(value, str) or "/" not in value or value.strip() != value:
            raise ValueError(value)
        ipaddress.ip_network(value, strict=False)
    except ValueError:
        return f"'{value}' is not a valid IP subnet"
    return None


def _cidr_canonical(value: Any) -> Any:
    """`convert_cidr_to_canonical_format`, which runs before the validator: a value netaddr
    cannot read as a network (`/33`, garbage) is `InvalidInput` "... is not in a CIDR
    format"; an IPv6 network's address is written canonically."""
    if value is None:
        return value
    try:
        net = ipaddress.ip_network(value, strict=False)
    except (ValueError, TypeError):
        raise InvalidInput(error_message=f"{value} is not in a CIDR format") from None
    if net.version == 6 and isinstance(value, str):
        address = value.split("/", 1)[0]
        return f"{ipaddress.ip_address(address)}/{net.prefixlen}"
    return value


def _mac(value: Any) -> str | None:
    return None if isinstance(value, str) and _MAC.match(value) else \
        f"'{value}' is not a valid MAC address"


def _one_of(*allowed: Any) -> Check:
    def check(value: Any) -> str | None:
        return None if value in allowed else f"'{value}' is not in {list(allowed)}"
    return check


def _int_range(low: int, high: int) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return f"'{value}' is not an integer"
        if not low <= value <= high:
            return f"'{value}' is not in range {low} through {high}"
        return None
    return check


def _list_of(item: Check, unique: bool = True) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, list):
            return f"'{value}' is not a list"
        for entry in value:
            reason = item(entry)
            if reason:
                return reason
        if unique:
            seen = [str(v) for v in value]
            dups = sorted({v for v in seen if seen.count(v) > 1})
            if dups:
                return f"Duplicate items in the list: '{', '.join(dups)}'"
        return None
    return check


def _dict_list(required: tuple[str, ...], optional: tuple[str, ...] = (),
               checks: Mapping[str, Check] | None = None) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, list):
            return f"'{value}' is not a list"
        for entry in value:
            if not isinstance(entry, dict) or not set(required) <= set(entry) \
                    or not set(entry) <= set(required) | set(optional):
                return (f"Invalid data format for {'/'.join(required + optional)}: "
                        f"'{entry}'")
            for key, sub in (checks or {}).items():
                if key in entry:
                    reason = sub(entry[key])
                    if reason:
                        return reason
        return None
    return check


def _dict(value: Any) -> str | None:
    return None if isinstance(value, dict) else f"'{value}' is not a dictionary"


def _boolean(value: Any) -> Any:
    """`convert_to_boolean`."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        lowered = value.lower()
        if lowered in ("true", "1"):
            return True
        if lowered in ("false", "0"):
            return False
    raise InvalidInput(error_message=f"'{value}' cannot be converted to boolean")


def _to_int(value: Any) -> Any:
    """`convert_to_int` (None kept)."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    try:
        return int(value)
    except (ValueError, TypeError):
        raise InvalidInput(error_message=f"'{value}' is not an integer") from None


@dataclass(frozen=True, slots=True)
class Attr:
    """One attribute: writable on POST and/or PUT, its check and conversion; `required`
    on POST when it has no default."""

    post: bool = True
    put: bool = True
    check: Check | None = None
    convert: Callable[[Any], Any] | None = None
    required: bool = False


def _uuid_or_none(value: Any) -> str | None:
    return None if value is None else _uuid(value)


def _fixed_ips(value: Any) -> str | None:
    """`validate_fixed_ips`: a list of dicts with valid, unique addresses."""
    if not isinstance(value, list):
        return f"Invalid data format for fixed IP: '{value}'"
    seen: list[Any] = []
    for entry in value:
        if not isinstance(entry, dict):
            return f"Invalid data format for fixed IP: '{entry}'"
        if "ip_address" in entry:
            address = entry["ip_address"]
            reason = f"Duplicate IP address '{address}'" if address in seen else _ip(address)
            if reason:
                return reason
            seen.append(address)
        if "subnet_id" in entry:
            reason = _uuid(entry["subnet_id"])
            if reason:
                return reason
    return None


#: `external_gateway_info`'s keys (l3's `dict_or_nodata`, with `ext-gw-mode`'s enable_snat).
GATEWAY_KEYS = ("network_id", "external_fixed_ips", "enable_snat")


def _gateway_info(value: Any) -> str | None:
    """`validate_dict_or_nodata` with l3's key specs."""
    if not value:
        return None
    if not isinstance(value, dict):
        return f"'{value}' is not a dictionary"
    if "network_id" not in value:
        return (f"Validation of dictionary's keys failed. Expected keys: {{'network_id'}} "
                f"Provided keys: {set(value)}")
    unexpected = [k for k in value if k not in GATEWAY_KEYS]
    if unexpected:
        return f"Unexpected keys supplied: {', '.join(unexpected)}"
    reason = _uuid(value["network_id"])
    if reason is None and "external_fixed_ips" in value:
        reason = _fixed_ips(value["external_fixed_ips"])
    if reason is None and "enable_snat" in value and not isinstance(value["enable_snat"], bool):
        reason = f"'{value['enable_snat']}' is not a valid boolean value"
    return reason


def _convert_gateway(value: Any) -> Any:
    """`enable_snat` converted to a boolean where it reads as one."""
    if isinstance(value, dict) and "enable_snat" in value:
        with contextlib.suppress(InvalidInput):
            return {**value, "enable_snat": _boolean(value["enable_snat"])}
    return value


_NAME = Attr(check=_string())
_DESC = Attr(check=_string(255))
_BOOL = Attr(convert=_boolean)
_PROJECT = Attr(put=False, check=_string(255))
_FIXED_IP = _dict_list((), ("subnet_id", "ip_address"),
                       {"subnet_id": _uuid, "ip_address": _ip})
_PAIRS = _dict_list(("ip_address",), ("mac_address",), {"mac_address": _mac})

ATTRIBUTES: Mapping[str, Mapping[str, Attr]] = {
    "network": {
        "name": _NAME, "description": _DESC, "admin_state_up": _BOOL, "shared": _BOOL,
        "router:external": _BOOL, "is_default": _BOOL, "port_security_enabled": _BOOL,
        "mtu": Attr(check=_int_range(68, 65535), convert=_to_int),
        "provider:network_type": Attr(check=_one_of("flat", "vlan", "vxlan", "geneve",
                                                    "gre", "local")),
        "provider:physical_network": Attr(check=_string(64)),
        "provider:segmentation_id": Attr(convert=_to_int),
        "availability_zone_hints": Attr(put=False, check=_list_of(_string(255))),
        "tags": Attr(put=False, check=_list_of(_string(255))),
        "project_id": _PROJECT, "tenant_id": _PROJECT,
    },
    "subnet": {
        "name": _NAME, "description": _DESC, "enable_dhcp": _BOOL,
        "network_id": Attr(put=False, check=_uuid, required=True),
        "cidr": Attr(put=False, check=_subnet, convert=_cidr_canonical),
        "ip_version": Attr(put=False, check=_one_of(4, 6), convert=_to_int, required=True),
        "gateway_ip": Attr(check=_ip_or_none),
        "allocation_pools": Attr(check=_dict_list(("start", "end"), (),
                                                  {"start": _ip, "end": _ip})),
        "dns_nameservers": Attr(check=_list_of(_ip)),
        "host_routes": Attr(check=_dict_list(("destination", "nexthop"), (),
                                             {"destination": _subnet, "nexthop": _ip})),
        "ipv6_ra_mode": Attr(put=False, check=_one_of("slaac", "dhcpv6-stateful",
                                                      "dhcpv6-stateless", None)),
        "ipv6_address_mode": Attr(put=False, check=_one_of("slaac", "dhcpv6-stateful",
                                                           "dhcpv6-stateless", None)),
        "subnetpool_id": Attr(put=False, check=_one_of(None)),
        "service_types": Attr(check=_list_of(_string(255))),
        "tags": Attr(put=False, check=_list_of(_string(255))),
        "project_id": _PROJECT, "tenant_id": _PROJECT,
    },
    "port": {
        "name": _NAME, "description": _DESC, "admin_state_up": _BOOL,
        "network_id": Attr(put=False, check=_uuid, required=True),
        "mac_address": Attr(put=False, check=_mac),
        "fixed_ips": Attr(check=_FIXED_IP), "device_id": Attr(check=_string(255)),
        "device_owner": Attr(check=_string(255)),
        "security_groups": Attr(check=_list_of(_uuid)),
        "port_security_enabled": _BOOL, "allowed_address_pairs": Attr(check=_PAIRS),
        "binding:host_id": Attr(check=_string(255)), "binding:profile": Attr(check=_dict),
        "binding:vnic_type": Attr(check=_one_of("normal", "direct", "macvtap", "baremetal",
                                                "direct-physical", "virtio-forwarder",
                                                "smart-nic", "vdpa", "remote-managed")),
        "tags": Attr(put=False, check=_list_of(_string(255))),
        "project_id": _PROJECT, "tenant_id": _PROJECT,
    },
    "router": {
        "name": _NAME, "description": _DESC, "admin_state_up": _BOOL,
        "external_gateway_info": Attr(check=_gateway_info, convert=_convert_gateway),
        "routes": Attr(post=False, check=_dict_list(("destination", "nexthop"), (),
                                                    {"destination": _subnet, "nexthop": _ip})),
        "tags": Attr(put=False, check=_list_of(_string(255))),
        "project_id": _PROJECT, "tenant_id": _PROJECT,
    },
    "floatingip": {
        "floating_network_id": Attr(put=False, check=_uuid, required=True),
        "floating_ip_address": Attr(put=False, check=_ip_or_none),
        "subnet_id": Attr(put=False, check=_uuid_or_none),
        "port_id": Attr(check=_uuid_or_none), "fixed_ip_address": Attr(check=_ip_or_none),
        "description": _DESC, "tags": Attr(put=False, check=_list_of(_string(255))),
        "project_id": _PROJECT, "tenant_id": _PROJECT,
    },
    "security_group": {
        "name": _NAME, "description": _DESC, "stateful": _BOOL,
        "tags": Attr(put=False, check=_list_of(_string(255))),
        "project_id": _PROJECT, "tenant_id": _PROJECT,
    },
    "security_group_rule": {
        "security_group_id": Attr(put=False, check=_uuid, required=True),
        "direction": Attr(put=False, check=_one_of("ingress", "egress"), required=True),
        "ethertype": Attr(put=False), "protocol": Attr(put=False),
        "port_range_min": Attr(put=False), "port_range_max": Attr(put=False),
        "remote_ip_prefix": Attr(put=False), "remote_group_id": Attr(put=False),
        "description": _DESC, "project_id": _PROJECT, "tenant_id": _PROJECT,
    },
}


def parse_body(body: Any, resource: str, *, create: bool) -> dict[str, Any]:
    """The resource's attributes from a POST or PUT body, checked and converted.

    Raises:
        HTTPBadRequest: No body, not the resource, unknown or read-only attributes, a
            missing required one, a bad value.
        InvalidInput: A value that does not convert (booleans, integers).
    """
    if not body:
        raise HTTPBadRequest("Resource body required")
    if not isinstance(body, dict) or resource not in body:
        raise HTTPBadRequest(f"Unable to find '{resource}' in request body")
    values = body[resource]
    if not isinstance(values, dict):
        raise HTTPBadRequest(f"Object '{resource}' contains invalid data")
    spec = ATTRIBUTES[resource]
    unknown = [k for k in values if k not in spec]
    if unknown:
        raise HTTPBadRequest(f"Unrecognized attribute(s) '{', '.join(unknown)}'")
    if create:
        for name, attr in spec.items():
            if attr.required and name not in values:
                raise HTTPBadRequest(f"Failed to parse request. Required attribute "
                                     f"'{name}' not specified")
            if not attr.post and name in values:
                raise HTTPBadRequest(f"Attribute '{name}' not allowed in POST")
    else:
        for name in values:
            if not spec[name].put:
                raise HTTPBadRequest(f"Cannot update read-only attribute {name}")
    out = dict(values)
    for name, value in values.items():
        attr = spec[name]
        if attr.convert is not None:
            out[name] = value = attr.convert(value)
        if attr.check is not None:
            reason = attr.check(value)
            if reason:
                raise HTTPBadRequest(f"Invalid input for {name}. Reason: {reason}.")
    if "project_id" in out and "tenant_id" in out and out["project_id"] != out["tenant_id"]:
        raise HTTPBadRequest("'project_id' and 'tenant_id' do not match")
    if "tenant_id" in out:
        out["project_id"] = out.pop("tenant_id")
    return out


def project_of(caller: Caller, values: dict[str, Any]) -> str:
    """The project a new resource belongs to: the caller's, or (admins only) another.

    Raises:
        HTTPBadRequest: A non-admin names another project.
    """
    given = values.pop("project_id", None)
    if given is None or given == caller.project_id:
        return caller.project_id
    if not caller.is_admin:
        raise HTTPBadRequest("Specifying 'project_id' other than the authenticated project "
                             "in request is not allowed for the current user.")
    return str(given)


def parse_tags(body: Any) -> list[str]:
    """`PUT .../tags`: `{"tags": [...]}`, unique strings of up to 255 characters.

    Raises:
        InvalidInput: Another body.
    """
    if not isinstance(body, dict) or "tags" not in body:
        raise InvalidInput(error_message="Invalid tags body")
    reason = _list_of(_string(255))(body["tags"])
    if reason:
        raise InvalidInput(error_message=reason)
    return list(body["tags"])


def check_tag(tag: str) -> None:
    """One tag from a path (`validate_tag`).

    Raises:
        InvalidInput: Over 255 characters.
    """
    reason = _string(255)(tag)
    if reason:
        raise InvalidInput(error_message=reason)


_PROTOCOLS = ("ah", "dccp", "egp", "esp", "gre", "hopopt", "icmp", "igmp", "ip", "ipip",
              "ipv6-encap", "ipv6-frag", "ipv6-icmp", "icmpv6", "ipv6-nonxt", "ipv6-opts",
              "ipv6-route", "ospf", "pgm", "rsvp", "sctp", "tcp", "udp", "udplite", "vrrp")


def parse_rule(values: dict[str, Any]) -> dict[str, Any]:
    """A rule's protocol, ethertype, ports and prefix as `extensions/securitygroup.py`
    converts them (`convert_protocol`, `convert_ethertype_to_case_insensitive`,
    `convert_validate_port_value`, `convert_ip_prefix_to_cidr`).

    Raises:
        InvalidInput: A protocol, ethertype or port Neutron does not take.
        HTTPBadRequest: A bad prefix.
    """
    out = dict(values)
    protocol = out.get("protocol")
    if protocol in (None, "any", "0", 0):
        out["protocol"] = None
    elif isinstance(protocol, (int, str)) and str(protocol).isdigit() \
            and 0 <= int(protocol) <= 255:
        out["protocol"] = str(protocol)
    elif isinstance(protocol, str) and protocol.lower() in _PROTOCOLS:
        out["protocol"] = protocol.lower()
    else:
        known = ", ".join(repr(p) for p in _PROTOCOLS)
        raise InvalidInput(f"Security group rule protocol {protocol} not supported. Only "
                           f"protocol values [None, 'any', {known}] and integer "
                           f"representations [0 to 255] are supported.")
    ether = out.get("ethertype", "IPv4")
    match = [e for e in ("IPv4", "IPv6") if isinstance(ether, str) and e.lower() == ether.lower()]
    if not match:
        raise InvalidInput(f"Security group rule for ethertype '{ether}' not supported. "
                           f"Allowed values are ['IPv4', 'IPv6'].")
    out["ethertype"] = match[0]
    for name in ("port_range_min", "port_range_max"):
        port = out.get(name)
        if port is None:
            continue
        if isinstance(port, bool) or not str(port).isdigit() or not 0 <= int(port) <= 65535:
            raise InvalidInput(f"Invalid value for port {port}")
        out[name] = int(port)
    prefix = out.get("remote_ip_prefix")
    if prefix:
        try:
            net = ipaddress.ip_network(prefix, strict=False)
        except (ValueError, TypeError):
            raise InvalidInput(f"Invalid CIDR {prefix} given as IP prefix.") from None
        if (net.version == 4) != (out["ethertype"] == "IPv4"):
            raise InvalidInput(f"Invalid input for operation: Conflicting value ethertype "
                               f"{out['ethertype']} for CIDR {prefix}.")
        out["remote_ip_prefix"] = str(net)
    else:
        out["remote_ip_prefix"] = None
    return out
