"""URLs of Keystone v3 endpoints."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["list_url", "resource_url"]


def list_url(client: ServiceClient) -> str:
    """`/v3/endpoints`."""
    return client.service_url("endpoints")


def resource_url(client: ServiceClient, endpoint_id: str) -> str:
    """`/v3/endpoints/{endpoint_id}`."""
    return client.service_url("endpoints", quote(endpoint_id, safe=""))
