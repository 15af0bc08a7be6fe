"""The fake Nova's route table, relative to `{base}/compute` (templates as the client's)."""

from __future__ import annotations

from stackdouble.fakes.compute.handlers import (
    api,
    availabilityzones,
    flavors,
    images,
    interfaces,
    keypairs,
    proxies,
    securitygroups,
    server_actions,
    servers,
    versions,
    volumeattach,
)
from stackdouble.fakes.routing import Router

__all__ = ["build_router"]


def build_router() -> Router:
    """Routes of the version documents (no token) and of the v2.1 API (token needed).

    Trailing slashes are ignored, so the catalog's `.../v2.1/` reads the v2.1 document.
    """
    r = Router(strip_trailing_slash=True)
    r.add("GET", "/", versions.get_versions, auth=False)
    r.add("GET", "/v2", versions.get_version_v20, auth=False)
    r.add("GET", "/v2.1", versions.get_version_v21, auth=False)
    v = "/v2.1"
    routes = (
        ("GET", "/servers", servers.list_servers),
        ("POST", "/servers", servers.create_server),
        ("GET", "/servers/detail", servers.list_servers_detail),
        ("GET", "/servers/{server_id}", servers.show_server),
        ("PUT", "/servers/{server_id}", servers.update_server),
        ("DELETE", "/servers/{server_id}", servers.delete_server),
        ("POST", "/servers/{server_id}/action", server_actions.server_action),
        ("GET", "/servers/{server_id}/ips", servers.list_addresses),
        ("GET", "/servers/{server_id}/ips/{network}", servers.list_addresses_by_network),
        ("GET", "/servers/{server_id}/metadata", servers.get_metadata),
        ("PUT", "/servers/{server_id}/metadata", servers.reset_metadata),
        ("POST", "/servers/{server_id}/metadata", servers.update_metadata),
        ("GET", "/servers/{server_id}/metadata/{key}", servers.get_metadatum),
        ("PUT", "/servers/{server_id}/metadata/{key}", servers.set_metadatum),
        ("DELETE", "/servers/{server_id}/metadata/{key}", servers.delete_metadatum),
        ("GET", "/flavors", flavors.list_flavors),
        ("POST", "/flavors", flavors.create_flavor),
        ("GET", "/flavors/detail", flavors.list_flavors_detail),
        ("GET", "/flavors/{flavor_id}", flavors.show_flavor),
        ("DELETE", "/flavors/{flavor_id}", flavors.delete_flavor),
        ("GET", "/images", images.list_images),
        ("GET", "/images/detail", images.list_images_detail),
        ("GET", "/images/{image_id}", images.show_image),
        ("DELETE", "/images/{image_id}", images.delete_image),
        ("GET", "/os-keypairs", keypairs.list_keypairs),
        ("POST", "/os-keypairs", keypairs.create_keypair),
        ("GET", "/os-keypairs/{name}", keypairs.show_keypair),
        ("DELETE", "/os-keypairs/{name}", keypairs.delete_keypair),
        ("GET", "/os-availability-zone", availabilityzones.list_availability_zones),
        ("GET", "/os-availability-zone/detail", availabilityzones.list_availability_zones_detail),
        ("GET", "/servers/{server_id}/os-volume_attachments", volumeattach.list_attachments),
        ("POST", "/servers/{server_id}/os-volume_attachments", volumeattach.attach_volume),
        ("GET", "/servers/{server_id}/os-volume_attachments/{volume_id}",
         volumeattach.show_attachment),
        ("PUT", "/servers/{server_id}/os-volume_attachments/{volume_id}",
         volumeattach.update_attachment),
        ("DELETE", "/servers/{server_id}/os-volume_attachments/{volume_id}",
         volumeattach.detach_volume),
        ("GET", "/servers/{server_id}/os-interface", interfaces.list_interfaces),
        ("POST", "/servers/{server_id}/os-interface", interfaces.attach_interface),
        ("GET", "/servers/{server_id}/os-interface/{port_id}", interfaces.show_interface),
        ("DELETE", "/servers/{server_id}/os-interface/{port_id}", interfaces.detach_interface),
        ("GET", "/servers/{server_id}/os-security-groups",
         securitygroups.list_server_security_groups),
        ("GET", "/os-networks", proxies.list_networks),
        ("GET", "/os-networks/{network_id}", proxies.show_network),
        ("GET", "/os-security-groups", proxies.list_security_groups),
        ("POST", "/os-security-groups", proxies.create_security_group),
        ("GET", "/os-security-groups/{group_id}", proxies.show_security_group),
        ("DELETE", "/os-security-groups/{group_id}", proxies.delete_security_group),
        ("POST", "/os-security-group-rules", proxies.create_security_group_rule),
        ("DELETE", "/os-security-group-rules/{rule_id}", proxies.delete_security_group_rule),
        ("GET", "/os-floating-ips", proxies.list_floating_ips),
        ("POST", "/os-floating-ips", proxies.allocate_floating_ip),
        ("GET", "/os-floating-ips/{floating_ip_id}", proxies.show_floating_ip),
        ("DELETE", "/os-floating-ips/{floating_ip_id}", proxies.release_floating_ip),
        ("GET", "/os-floating-ip-pools", proxies.list_floating_ip_pools),
    )
    for method, template, handler in routes:
        r.add(method, v + template, api(handler))
    return r
