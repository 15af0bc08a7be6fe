"""URLs of Keystone v3 registered limits."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["list_url", "resource_url"]


def list_url(client: ServiceClient) -> str:
    """`/v3/registered_limits`."""
    return client.service_url("registered_limits")


def resource_url(client: ServiceClient, registered_limit_id: str) -> str:
    """`/v3/registered_limits/{registered_limit_id}`."""
    return client.service_url("registered_limits", quote(registered_limit_id, safe=""))
