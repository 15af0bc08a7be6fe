"""URLs of Keystone v3 groups."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["list_url", "member_url", "resource_url", "users_url"]


def list_url(client: ServiceClient) -> str:
    """`/v3/groups`."""
    return client.service_url("groups")


def resource_url(client: ServiceClient, group_id: str) -> str:
    """`/v3/groups/{group_id}`."""
    return client.service_url("groups", quote(group_id, safe=""))


def users_url(client: ServiceClient, group_id: str) -> str:
    """`/v3/groups/{group_id}/users`."""
    return client.service_url("groups", quote(group_id, safe=""), "users")


def member_url(client: ServiceClient, group_id: str, user_id: str) -> str:
    """`/v3/groups/{group_id}/users/{user_id}`."""
    return client.service_url("groups", quote(group_id, safe=""), "users",
                              quote(user_id, safe=""))
