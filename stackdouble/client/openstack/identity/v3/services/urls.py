"""URLs of Keystone v3 catalog services."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["list_url", "resource_url"]


def list_url(client: ServiceClient) -> str:
    """`/v3/services`."""
    return client.service_url("services")


def resource_url(client: ServiceClient, service_id: str) -> str:
    """`/v3/services/{service_id}`."""
    return client.service_url("services", quote(service_id, safe=""))
