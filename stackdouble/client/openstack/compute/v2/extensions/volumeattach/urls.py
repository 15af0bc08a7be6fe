"""URLs of Nova's volume attachments (`os-volume_attachments`)."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["create_url", "delete_url", "get_url", "list_url", "update_url"]


def list_url(client: ServiceClient, server_id: str) -> str:
    """`/servers/{server_id}/os-volume_attachments`."""
    return client.service_url("servers", quote(server_id, safe=""), "os-volume_attachments")


def create_url(client: ServiceClient, server_id: str) -> str:
    """`/servers/{server_id}/os-volume_attachments` (POST)."""
    return list_url(client, server_id)


def get_url(client: ServiceClient, server_id: str, volume_id: str) -> str:
    """`/servers/{server_id}/os-volume_attachments/{volume_id}`."""
    return list_url(client, server_id) + "/" + quote(volume_id, safe="")


def update_url(client: ServiceClient, server_id: str, volume_id: str) -> str:
    """`/servers/{server_id}/os-volume_attachments/{volume_id}` (PUT)."""
    return get_url(client, server_id, volume_id)


def delete_url(client: ServiceClient, server_id: str, volume_id: str) -> str:
    """`/servers/{server_id}/os-volume_attachments/{volume_id}` (DELETE)."""
    return get_url(client, server_id, volume_id)
