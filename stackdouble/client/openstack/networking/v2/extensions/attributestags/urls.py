"""URLs of Neutron tags: `/v2.0/{resource_type}/{resource_id}/tags[/{tag}]`."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["tag_url", "tags_url"]


def tags_url(client: ServiceClient, resource_type: str, resource_id: str) -> str:
    """`/v2.0/{resource_type}/{resource_id}/tags` (list, replace all, delete all)."""
    return client.service_url(quote(resource_type, safe=""), quote(resource_id, safe=""),
                              "tags")


def tag_url(client: ServiceClient, resource_type: str, resource_id: str, tag: str) -> str:
    """`/v2.0/{resource_type}/{resource_id}/tags/{tag}` (add, check, delete)."""
    return tags_url(client, resource_type, resource_id) + "/" + quote(tag, safe="")
