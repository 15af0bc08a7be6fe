"""URLs of Cinder generic volume groups (microversion 3.13)."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["action_url", "create_from_src_url", "create_url", "get_url", "list_detail_url",
           "list_url"]


def list_url(client: ServiceClient) -> str:
    """`/groups`: ids and names."""
    return client.service_url("groups")


def list_detail_url(client: ServiceClient) -> str:
    """`/groups/detail`."""
    return client.service_url("groups", "detail")


def create_url(client: ServiceClient) -> str:
    """`/groups` (POST)."""
    return list_url(client)


def get_url(client: ServiceClient, group_id: str) -> str:
    """`/groups/{group_id}` (GET, PUT)."""
    return client.service_url("groups", quote(group_id, safe=""))


def action_url(client: ServiceClient, group_id: str) -> str:
    """`/groups/{group_id}/action` (`delete`, `reset_status`)."""
    return client.service_url("groups", quote(group_id, safe=""), "action")


def create_from_src_url(client: ServiceClient) -> str:
    """`/groups/action` (`create-from-src`, 3.14)."""
    return client.service_url("groups", "action")
