"""URLs of Nova server tags."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["add_url", "check_url", "delete_all_url", "delete_url", "list_url",
           "replace_all_url"]


def list_url(client: ServiceClient, server_id: str) -> str:
    """`/servers/{server_id}/tags`."""
    return client.service_url("servers", quote(server_id, safe=""), "tags")


def replace_all_url(client: ServiceClient, server_id: str) -> str:
    """`/servers/{server_id}/tags` (PUT)."""
    return list_url(client, server_id)


def delete_all_url(client: ServiceClient, server_id: str) -> str:
    """`/servers/{server_id}/tags` (DELETE)."""
    return list_url(client, server_id)


def check_url(client: ServiceClient, server_id: str, tag: str) -> str:
    """`/servers/{server_id}/tags/{tag}`."""
    return list_url(client, server_id) + "/" + quote(tag, safe="")


def add_url(client: ServiceClient, server_id: str, tag: str) -> str:
    """`/servers/{server_id}/tags/{tag}` (PUT)."""
    return check_url(client, server_id, tag)


def delete_url(client: ServiceClient, server_id: str, tag: str) -> str:
    """`/servers/{server_id}/tags/{tag}` (DELETE)."""
    return check_url(client, server_id, tag)
