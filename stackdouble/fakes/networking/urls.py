"""The fake Neutron's route table, relative to `{base}/networking`, one block per resource.

The version document at `/` needs no token (it answers before keystonemiddleware, in
Neutron's `api-paste.ini`); everything under `/v2.0` does.
"""

from __future__ import annotations

from stackdouble.fakes.networking.handlers import (
    floatingips,
    networks,
    ports,
    quotas,
    routers,
    securitygroups,
    subnets,
    tags,
    versions,
)
from stackdouble.fakes.routing import Handler, Router

__all__ = ["ROUTES", "TAGGED_COLLECTIONS", "build_router"]

#: (method, template, handler) of every route, by resource.
ROUTES: dict[str, tuple[tuple[str, str, Handler], ...]] = {
    "versions": (
        ("GET", "/v2.0", versions.list_resources),
        ("GET", "/v2.0/", versions.list_resources),
        ("GET", "/v2.0/extensions", versions.list_extensions),
        ("GET", "/v2.0/extensions/{alias}", versions.show_extension),
    ),
    "networks": (
        ("GET", "/v2.0/networks", networks.list_networks),
        ("POST", "/v2.0/networks", networks.create_network),
        ("GET", "/v2.0/networks/{network_id}", networks.show_network),
        ("PUT", "/v2.0/networks/{network_id}", networks.update_network),
        ("DELETE", "/v2.0/networks/{network_id}", networks.delete_network),
    ),
    "subnets": (
        ("GET", "/v2.0/subnets", subnets.list_subnets),
        ("POST", "/v2.0/subnets", subnets.create_subnet),
        ("GET", "/v2.0/subnets/{subnet_id}", subnets.show_subnet),
        ("PUT", "/v2.0/subnets/{subnet_id}", subnets.update_subnet),
        ("DELETE", "/v2.0/subnets/{subnet_id}", subnets.delete_subnet),
    ),
    "ports": (
        ("GET", "/v2.0/ports", ports.list_ports),
        ("POST", "/v2.0/ports", ports.create_port),
        ("GET", "/v2.0/ports/{port_id}", ports.show_port),
        ("PUT", "/v2.0/ports/{port_id}", ports.update_port),
        ("DELETE", "/v2.0/ports/{port_id}", ports.delete_port),
    ),
    "security-groups": (
        ("GET", "/v2.0/security-groups", securitygroups.list_security_groups),
        ("POST", "/v2.0/security-groups", securitygroups.create_security_group),
        ("GET", "/v2.0/security-groups/{security_group_id}",
         securitygroups.show_security_group),
        ("PUT", "/v2.0/security-groups/{security_group_id}",
         securitygroups.update_security_group),
        ("DELETE", "/v2.0/security-groups/{security_group_id}",
         securitygroups.delete_security_group),
    ),
    "security-group-rules": (
        ("GET", "/v2.0/security-group-rules", securitygroups.list_rules),
        ("POST", "/v2.0/security-group-rules", securitygroups.create_rule),
        ("GET", "/v2.0/security-group-rules/{rule_id}", securitygroups.show_rule),
        ("DELETE", "/v2.0/security-group-rules/{rule_id}", securitygroups.delete_rule),
    ),
    "routers": (
        ("GET", "/v2.0/routers", routers.list_routers),
        ("POST", "/v2.0/routers", routers.create_router),
        ("GET", "/v2.0/routers/{router_id}", routers.show_router),
        ("PUT", "/v2.0/routers/{router_id}", routers.update_router),
        ("DELETE", "/v2.0/routers/{router_id}", routers.delete_router),
        ("PUT", "/v2.0/routers/{router_id}/add_router_interface",
         routers.add_router_interface),
        ("PUT", "/v2.0/routers/{router_id}/remove_router_interface",
         routers.remove_router_interface),
    ),
    "floatingips": (
        ("GET", "/v2.0/floatingips", floatingips.list_floatingips),
        ("POST", "/v2.0/floatingips", floatingips.create_floatingip),
        ("GET", "/v2.0/floatingips/{floatingip_id}", floatingips.show_floatingip),
        ("PUT", "/v2.0/floatingips/{floatingip_id}", floatingips.update_floatingip),
        ("DELETE", "/v2.0/floatingips/{floatingip_id}", floatingips.delete_floatingip),
    ),
    "quotas": (
        ("GET", "/v2.0/quotas", quotas.list_quotas),
        ("GET", "/v2.0/quotas/{project_id}", quotas.show_quota),
        ("PUT", "/v2.0/quotas/{project_id}", quotas.update_quota),
        ("DELETE", "/v2.0/quotas/{project_id}", quotas.delete_quota),
        ("GET", "/v2.0/quotas/{project_id}/default", quotas.default_quota),
        ("GET", "/v2.0/quotas/{project_id}/details", quotas.quota_details),
    ),
}

#: Collections whose items take tags, and the name of their id parameter.
TAGGED_COLLECTIONS = {"networks": "network_id", "subnets": "subnet_id", "ports": "port_id",
                      "security-groups": "security_group_id", "routers": "router_id",
                      "floatingips": "floatingip_id"}


def _tag_routes(collection: str, param: str) -> tuple[tuple[str, str, Handler], ...]:
    base = f"/v2.0/{collection}/{{{param}}}/tags"
    return (("GET", base, tags.list_tags), ("PUT", base, tags.replace_tags),
            ("DELETE", base, tags.remove_tags), ("GET", base + "/{tag}", tags.show_tag),
            ("PUT", base + "/{tag}", tags.add_tag), ("DELETE", base + "/{tag}", tags.remove_tag))


def build_router() -> Router:
    """The version document, and the v2.0 API."""
    r = Router()
    r.add("GET", "/", versions.versions, auth=False)
    for block in ROUTES.values():
        for method, template, handler in block:
            r.add(method, template, handler)
    for collection, param in TAGGED_COLLECTIONS.items():
        for method, template, handler in _tag_routes(collection, param):
            r.add(method, template, handler)
    return r

