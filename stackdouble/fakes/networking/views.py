"""The JSON the fake Neutron answers with, as Neutron renders it (the api-ref samples;
`neutron/db/db_base_plugin_common.py` `_make_*_dict`, the extensions' `extend_*` hooks).

Timestamps are `%Y-%m-%dT%H:%M:%SZ` (`services/timestamp/timestamp_db.py`). Attributes a
non-admin may not read (`policy.ADMIN_ONLY_READ`) are left out of their answers, as the
policy engine strips them.
"""

from __future__ import annotations

import posixpath
from datetime import datetime
from typing import TYPE_CHECKING, Any

from stackdouble.fakes.networking.policy import ADMIN_ONLY_READ

if TYPE_CHECKING:
    from stackdouble.fakes.networking.models import (
        FloatingIP,
        Network,
        NetworkingModel,
        Port,
        Router,
        SecurityGroup,
        SecurityGroupRule,
        Subnet,
    )

__all__ = [
    "EXTENSIONS",
    "floatingip",
    "network",
    "port",
    "resources",
    "router",
    "security_group",
    "security_group_rule",
    "state",
    "subnet",
    "timestamp",
    "versions",
]

#: (alias, name, description) of every extension the fake implements.
EXTENSIONS: tuple[tuple[str, str, str], ...] = (
    ("agent", "agent", "The agent management extension."),
    ("allowed-address-pairs", "Allowed Address Pairs", "Provides allowed address pairs"),
    ("availability_zone", "Availability Zone", "The availability zone extension."),
    ("binding", "Port Binding", "Expose port bindings of a virtual port to external "
                                "application"),
    ("ext-gw-mode", "Neutron L3 Configurable external gateway mode", "Extension of the "
     "router abstraction for specifying whether SNAT should occur on the external gateway"),
    ("external-net", "Neutron external network", "Adds external network attribute to "
                                                 "network resource."),
    ("extraroute", "Neutron Extra Route", "Extra routes configuration for L3 router"),
    ("fields", "Fields", "Allows to filter fields from responses"),
    ("filter-validation", "Filter parameters validation", "Provides validation on filter "
                                                          "parameters."),
    ("fip-port-details", "Floating IP Port Details Extension", "Add port_details "
                                                               "attribute to Floating IP "
                                                               "resource"),
    ("net-mtu", "Network MTU", "Provides MTU attribute for a network resource."),
    ("pagination", "Pagination support", "Extension that indicates that pagination is "
                                         "enabled."),
    ("port-security", "Port Security", "Provides port security"),
    ("project-id", "project_id field enabled", "Extension that indicates that project_id "
                                               "field is enabled."),
    ("provider", "Provider Network", "Expose mapping of virtual networks to physical "
                                     "networks"),
    ("quota_details", "Quota details management support", "Expose functions for quotas "
                                                           "usage statistics per project"),
    ("quotas", "Quota management support", "Expose functions for quotas management per "
                                           "project"),
    ("router", "Neutron L3 Router", "Router abstraction for basic L3 forwarding between L2 "
                                    "Neutron networks and access to external networks via "
                                    "a NAT gateway."),
    ("security-group", "security-group", "The security groups extension."),
    ("sorting", "Sorting support", "Extension that indicates that sorting is enabled."),
    ("standard-attr-description", "standard-attr-description", "Extension to add "
                                  "descriptions to standard attributes"),
    ("standard-attr-revisions", "Resource revision numbers", "This extension will display "
                                "the revision number of neutron resources."),
    ("standard-attr-tag", "Tag support for resources with standard attribute: subnet, "
                          "trunk, network_segment_range, router, network, policy, "
                          "subnetpool, port, security_group, floatingip",
     "Enables to set tag on resources with standard attribute."),
    ("standard-attr-timestamp", "Resource timestamps", "Adds created_at and updated_at "
                                "fields to all Neutron resources that have Neutron standard "
                                "attributes."),
)
#: The core resources the `/v2.0/` document lists (`pecan_wsgi/controllers/root.py`).
CORE = (("network", "networks"), ("subnet", "subnets"), ("subnetpool", "subnetpools"),
        ("port", "ports"))


def timestamp(when: datetime) -> str:
    """Neutron's `created_at`/`updated_at`: whole seconds and a `Z`.

    Example:
        >>> from datetime import timezone
        >>> timestamp(datetime(2026, 1, 2, 3, 4, 5, 600, tzinfo=timezone.utc))
        '2026-01-02T03:04:05Z'
    """
    return when.strftime("%Y-%m-%dT%H:%M:%S") + "Z"


def _standard(item: Any) -> dict[str, Any]:
    return {"tags": list(item.tags), "created_at": timestamp(item.created_at),
            "updated_at": timestamp(item.updated_at), "revision_number": item.revision_number,
            "project_id": item.project_id, "tenant_id": item.project_id}


def _strip(body: dict[str, Any], resource: str, admin: bool) -> dict[str, Any]:
    if not admin:
        for name in ADMIN_ONLY_READ.get(resource, ()):
            body.pop(name, None)
    return body


def network(item: Network, model: NetworkingModel, *, admin: bool) -> dict[str, Any]:
    """A network."""
    body: dict[str, Any] = {
        "id": item.id, "name": item.name, "subnets": list(item.subnet_ids),
        "shared": item.shared, "status": item.status, "admin_state_up": item.admin_state_up,
        "availability_zone_hints": list(item.availability_zone_hints),
        "availability_zones": list(model.config.availability_zones),
        "ipv4_address_scope": None, "ipv6_address_scope": None, "description": item.description,
        "port_security_enabled": item.port_security_enabled, "router:external": item.external,
        "mtu": item.mtu, "provider:network_type": item.network_type,
        "provider:physical_network": item.physical_network,
        "provider:segmentation_id": item.segmentation_id, **_standard(item),
    }
    if item.external:
        body["is_default"] = item.is_default
    return _strip(body, "network", admin)


def subnet(item: Subnet) -> dict[str, Any]:
    """A subnet."""
    return {
        "id": item.id, "name": item.name, "network_id": item.network_id,
        "ip_version": item.ip_version, "subnetpool_id": None, "enable_dhcp": item.enable_dhcp,
        "ipv6_ra_mode": item.ipv6_ra_mode, "ipv6_address_mode": item.ipv6_address_mode,
        "gateway_ip": item.gateway_ip, "cidr": item.cidr,
        "allocation_pools": [{"start": a, "end": b} for a, b in item.allocation_pools],
        "host_routes": [{"destination": d, "nexthop": n} for d, n in item.host_routes],
        "dns_nameservers": list(item.dns_nameservers), "description": item.description,
        "service_types": list(item.service_types), **_standard(item),
    }


def port(item: Port, *, admin: bool) -> dict[str, Any]:
    """A port."""
    body: dict[str, Any] = {
        "id": item.id, "name": item.name, "network_id": item.network_id,
        "mac_address": item.mac_address, "admin_state_up": item.admin_state_up,
        "status": item.status, "device_id": item.device_id, "device_owner": item.device_owner,
        "fixed_ips": [{"subnet_id": s, "ip_address": a} for s, a in item.fixed_ips],
        "allowed_address_pairs": [dict(p) for p in item.allowed_address_pairs],
        "description": item.description, "security_groups": list(item.security_groups),
        "port_security_enabled": item.port_security_enabled,
        "binding:vnic_type": item.vnic_type, "binding:host_id": item.host_id,
        "binding:profile": dict(item.profile), "binding:vif_type": item.vif_type,
        "binding:vif_details": ({"port_filter": True, "connectivity": "l2",
                                 "bridge_name": "br-int", "datapath_type": "system"}
                                if item.host_id else {}),
        **_standard(item),
    }
    return _strip(body, "port", admin)


def security_group_rule(item: SecurityGroupRule) -> dict[str, Any]:
    """A security group rule."""
    return {
        "id": item.id, "security_group_id": item.security_group_id,
        "direction": item.direction, "ethertype": item.ethertype, "protocol": item.protocol,
        "port_range_min": item.port_range_min, "port_range_max": item.port_range_max,
        "remote_ip_prefix": item.remote_ip_prefix, "remote_group_id": item.remote_group_id,
        "description": item.description, **_standard(item),
    }


def security_group(item: SecurityGroup, model: NetworkingModel) -> dict[str, Any]:
    """A security group with its rules."""
    return {
        "id": item.id, "name": item.name, "description": item.description,
        "stateful": item.stateful, "shared": False,
        "security_group_rules": [security_group_rule(r) for r in model.rules_of(item)],
        **_standard(item),
    }


def router(item: Router, model: NetworkingModel) -> dict[str, Any]:
    """A router (`_make_router_dict` with `ext-gw-mode`'s `enable_snat` and `extraroute`'s
    `routes`)."""
    gateway = model.gateway_port(item)
    info = None if gateway is None else {
        "network_id": gateway.network_id, "enable_snat": item.enable_snat,
        "external_fixed_ips": [{"subnet_id": s, "ip_address": a} for s, a in gateway.fixed_ips]}
    return {
        "id": item.id, "name": item.name, "status": item.status,
        "admin_state_up": item.admin_state_up, "external_gateway_info": info,
        "routes": [{"destination": d, "nexthop": n} for d, n in item.routes],
        "description": item.description, **_standard(item),
    }


def floatingip(item: FloatingIP, model: NetworkingModel) -> dict[str, Any]:
    """A floating IP, with `fip-port-details`' `port_details` (None when unmapped)."""
    port = model.ports.get(item.port_id) if item.port_id else None
    details = None if port is None else {
        "name": port.name, "network_id": port.network_id, "mac_address": port.mac_address,
        "admin_state_up": port.admin_state_up, "status": port.status,
        "device_id": port.device_id, "device_owner": port.device_owner}
    return {
        "id": item.id, "floating_ip_address": item.floating_ip_address,
        "floating_network_id": item.floating_network_id, "router_id": item.router_id,
        "port_id": item.port_id, "fixed_ip_address": item.fixed_ip_address,
        "status": item.status, "description": item.description, "port_details": details,
        **_standard(item),
    }


def versions(root_url: str) -> dict[str, Any]:
    """`GET /`: the one version, v2.0 (`api/views/versions.py`)."""
    return {"versions": [{"id": "v2.0", "status": "CURRENT", "links": [
        {"rel": "self", "href": posixpath.join(root_url, "v2.0", "")}]}]}


def resources(v2_url: str) -> dict[str, Any]:
    """`GET /v2.0/`: the core collections."""
    return {"resources": [{"name": name, "collection": collection,
                           "links": [{"rel": "self", "href": v2_url + collection}]}
                          for name, collection in CORE]}


def extension(alias: str, name: str, description: str) -> dict[str, Any]:
    """One extension as `/v2.0/extensions` lists it."""
    return {"alias": alias, "name": name, "description": description,
            "updated": "2013-01-20T00:00:00-00:00", "links": []}


def state(model: NetworkingModel) -> dict[str, Any]:
    """The whole state, JSON-able (for `FakeCloud.dump`)."""
    return {
        "networks": [network(n, model, admin=True) for n in model.networks.values()],
        "subnets": [dict(subnet(s), allocated=sorted(s.allocated))
                    for s in model.subnets.values()],
        "ports": [port(p, admin=True) for p in model.ports.values()],
        "security_groups": [security_group(g, model) for g in model.security_groups.values()],
        "routers": [router(r, model) for r in model.routers.values()],
        "floatingips": [floatingip(f, model) for f in model.floatingips.values()],
        "quotas": {pid: dict(limits) for pid, limits in model.quota_limits.items()},
        "config": {"ip_allocation": model.config.ip_allocation},
    }
