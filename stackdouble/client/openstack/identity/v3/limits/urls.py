"""URLs of Keystone v3 limits."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["enforcement_model_url", "list_url", "resource_url"]


def list_url(client: ServiceClient) -> str:
    """`/v3/limits`."""
    return client.service_url("limits")


def enforcement_model_url(client: ServiceClient) -> str:
    """`/v3/limits/model`."""
    return client.service_url("limits", "model")


def resource_url(client: ServiceClient, limit_id: str) -> str:
    """`/v3/limits/{limit_id}`."""
    return client.service_url("limits", quote(limit_id, safe=""))
