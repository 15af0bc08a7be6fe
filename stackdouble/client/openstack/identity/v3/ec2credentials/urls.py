"""URLs of Keystone's OS-EC2 credentials of a user."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["list_url", "resource_url"]


def list_url(client: ServiceClient, user_id: str) -> str:
    """`/v3/users/{user_id}/credentials/OS-EC2`."""
    return client.service_url("users", quote(user_id, safe=""), "credentials", "OS-EC2")


def resource_url(client: ServiceClient, user_id: str, access: str) -> str:
    """`/v3/users/{user_id}/credentials/OS-EC2/{access}`."""
    return client.service_url("users", quote(user_id, safe=""), "credentials", "OS-EC2",
                              quote(access, safe=""))
