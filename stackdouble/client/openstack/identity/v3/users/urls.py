"""URLs of Keystone v3 users."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = [
    "change_password_url",
    "groups_url",
    "list_url",
    "projects_url",
    "resource_url",
]


def list_url(client: ServiceClient) -> str:
    """`/v3/users`."""
    return client.service_url("users")


def resource_url(client: ServiceClient, user_id: str) -> str:
    """`/v3/users/{user_id}`."""
    return client.service_url("users", quote(user_id, safe=""))


def change_password_url(client: ServiceClient, user_id: str) -> str:
    """`/v3/users/{user_id}/password`."""
    return client.service_url("users", quote(user_id, safe=""), "password")


def groups_url(client: ServiceClient, user_id: str) -> str:
    """`/v3/users/{user_id}/groups`."""
    return client.service_url("users", quote(user_id, safe=""), "groups")


def projects_url(client: ServiceClient, user_id: str) -> str:
    """`/v3/users/{user_id}/projects`."""
    return client.service_url("users", quote(user_id, safe=""), "projects")
