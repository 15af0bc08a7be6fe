"""URLs of Nova server groups."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["create_url", "delete_url", "get_url", "list_url"]


def list_url(client: ServiceClient) -> str:
    """`/os-server-groups`."""
    return client.service_url("os-server-groups")


def create_url(client: ServiceClient) -> str:
    """`/os-server-groups` (POST)."""
    return list_url(client)


def get_url(client: ServiceClient, group_id: str) -> str:
    """`/os-server-groups/{group_id}`."""
    return client.service_url("os-server-groups", quote(group_id, safe=""))


def delete_url(client: ServiceClient, group_id: str) -> str:
    """`/os-server-groups/{group_id}` (DELETE)."""
    return get_url(client, group_id)
