"""The fake Nova's route table, relative to `{base}/compute` (templates as the client's)."""

from __future__ import annotations

from stackdouble.fakes.compute import handlers as h
from stackdouble.fakes.routing import Router

__all__ = ["build_router"]


def build_router() -> Router:
    """Routes of the version documents (no token) and of the v2.1 API (token needed).

    Trailing slashes are ignored, so the catalog's `.../v2.1/` reads the v2.1 document.
    """
    r = Router(strip_trailing_slash=True)
    r.add("GET", "/", h.get_versions, auth=False)
    r.add("GET", "/v2", h.get_version_v20, auth=False)
    r.add("GET", "/v2.1", h.get_version_v21, auth=False)
    v = "/v2.1"
    routes = (
        ("GET", "/servers", h.list_servers),
        ("POST", "/servers", h.create_server),
        ("GET", "/servers/detail", h.list_servers_detail),
        ("GET", "/servers/{server_id}", h.show_server),
        ("PUT", "/servers/{server_id}", h.update_server),
        ("DELETE", "/servers/{server_id}", h.delete_server),
        ("POST", "/servers/{server_id}/action", h.server_action),
        ("GET", "/servers/{server_id}/ips", h.list_addresses),
        ("GET", "/servers/{server_id}/ips/{network}", h.list_addresses_by_network),
        ("GET", "/servers/{server_id}/metadata", h.get_metadata),
        ("PUT", "/servers/{server_id}/metadata", h.reset_metadata),
        ("POST", "/servers/{server_id}/metadata", h.update_metadata),
        ("GET", "/servers/{server_id}/metadata/{key}", h.get_metadatum),
        ("PUT", "/servers/{server_id}/metadata/{key}", h.set_metadatum),
        ("DELETE", "/servers/{server_id}/metadata/{key}", h.delete_metadatum),
        ("GET", "/flavors", h.list_flavors),
        ("POST", "/flavors", h.create_flavor),
        ("GET", "/flavors/detail", h.list_flavors_detail),
        ("GET", "/flavors/{flavor_id}", h.show_flavor),
        ("DELETE", "/flavors/{flavor_id}", h.delete_flavor),
        ("GET", "/images", h.list_images),
        ("GET", "/images/detail", h.list_images_detail),
        ("GET", "/images/{image_id}", h.show_image),
        ("DELETE", "/images/{image_id}", h.delete_image),
        ("GET", "/os-keypairs", h.list_keypairs),
        ("POST", "/os-keypairs", h.create_keypair),
        ("GET", "/os-keypairs/{name}", h.show_keypair),
        ("DELETE", "/os-keypairs/{name}", h.delete_keypair),
        ("GET", "/os-availability-zone", h.list_availability_zones),
        ("GET", "/os-availability-zone/detail", h.list_availability_zones_detail),
    )
    for method, template, handler in routes:
        r.add(method, v + template, h.api(handler))
    return r
