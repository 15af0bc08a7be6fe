"""URLs of Nova services."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["action_url", "delete_url", "list_url", "update_url"]


def list_url(client: ServiceClient) -> str:
    """`/os-services`."""
    return client.service_url("os-services")


def update_url(client: ServiceClient, service_id: str) -> str:
    """`/os-services/{service_id}` (PUT, 2.53 and later)."""
    return client.service_url("os-services", quote(service_id, safe=""))


def action_url(client: ServiceClient, action: str) -> str:
    """`/os-services/{enable|disable|disable-log-reason|force-down}` (PUT, before 2.53)."""
    return client.service_url("os-services", action)


def delete_url(client: ServiceClient, service_id: str) -> str:
    """`/os-services/{service_id}` (DELETE)."""
    return update_url(client, service_id)
