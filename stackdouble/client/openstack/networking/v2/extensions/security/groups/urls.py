"""URLs of Neutron security groups."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["create_url", "delete_url", "get_url", "list_url", "update_url"]


def list_url(client: ServiceClient) -> str:
    """`/v2.0/security-groups`."""
    return client.service_url("security-groups")


def create_url(client: ServiceClient) -> str:
    """`/v2.0/security-groups` (POST)."""
    return list_url(client)


def get_url(client: ServiceClient, group_id: str) -> str:
    """`/v2.0/security-groups/{group_id}`."""
    return client.service_url("security-groups", quote(group_id, safe=""))


def update_url(client: ServiceClient, group_id: str) -> str:
    """`/v2.0/security-groups/{group_id}` (PUT)."""
    return get_url(client, group_id)


def delete_url(client: ServiceClient, group_id: str) -> str:
    """`/v2.0/security-groups/{group_id}` (DELETE)."""
    return get_url(client, group_id)
