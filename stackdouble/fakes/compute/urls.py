"""The fake Nova's route table, relative to `{base}/compute` (templates as the client's)."""

from __future__ import annotations

from stackdouble.fakes.compute.handlers import (
    api,
    availabilityzones,
    flavors,
    hypervisors,
    images,
    instanceactions,
    interfaces,
    keypairs,
    limits,
    proxies,
    quotasets,
    securitygroups,
    server_actions,
    servergroups,
    servers,
    tags,
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
        ("GET", "/os-quota-sets/{project_id}", quotasets.show_quota_set),
        ("PUT", "/os-quota-sets/{project_id}", quotasets.update_quota_set),
        ("DELETE", "/os-quota-sets/{project_id}", quotasets.delete_quota_set),
        ("GET", "/os-quota-sets/{project_id}/defaults", quotasets.quota_set_defaults),
        ("GET", "/os-quota-sets/{project_id}/detail", quotasets.quota_set_detail),
        ("GET", "/os-quota-class-sets/{class_name}", quotasets.show_quota_class),
        ("PUT", "/os-quota-class-sets/{class_name}", quotasets.update_quota_class),
        ("GET", "/limits", limits.show_limits),
        ("GET", "/os-hypervisors", hypervisors.list_hypervisors),
        ("GET", "/os-hypervisors/detail", hypervisors.list_hypervisors_detail),
        ("GET", "/os-hypervisors/{hypervisor_id}", hypervisors.show_hypervisor),
        ("GET", "/os-hypervisors/{hypervisor_id}/search", hypervisors.hypervisor_search),
        ("GET", "/os-hypervisors/{hypervisor_id}/servers", hypervisors.hypervisor_servers),
        ("GET", "/os-services", hypervisors.list_services),
        ("PUT", "/os-services/{service_id}", hypervisors.update_service),
        ("DELETE", "/os-services/{service_id}", hypervisors.delete_service),
        ("GET", "/os-server-groups", servergroups.list_server_groups),
        ("POST", "/os-server-groups", servergroups.create_server_group),
        ("GET", "/os-server-groups/{group_id}", servergroups.show_server_group),
        ("DELETE", "/os-server-groups/{group_id}", servergroups.delete_server_group),
        ("GET", "/servers/{server_id}/tags", tags.list_tags),
        ("PUT", "/servers/{server_id}/tags", tags.replace_tags),
        ("DELETE", "/servers/{server_id}/tags", tags.delete_tags),
        ("GET", "/servers/{server_id}/tags/{tag}", tags.check_tag),
        ("PUT", "/servers/{server_id}/tags/{tag}", tags.add_tag),
        ("DELETE", "/servers/{server_id}/tags/{tag}", tags.delete_tag),
        ("GET", "/servers/{server_id}/os-instance-actions",
         instanceactions.list_instance_actions),
        ("GET", "/servers/{server_id}/os-instance-actions/{request_id}",
         instanceactions.show_instance_action),
    )
    for method, template, handler in routes:
        r.add(method, v + template, api(handler))
    return r
