"""URLs of Nova's extension listing."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["get_url", "list_url"]


def list_url(client: ServiceClient) -> str:
    """`/extensions`."""
    return client.service_url("extensions")


def get_url(client: ServiceClient, alias: str) -> str:
    """`/extensions/{alias}`."""
    return client.service_url("extensions", quote(alias, safe=""))
