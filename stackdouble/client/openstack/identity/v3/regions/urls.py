"""URLs of Keystone v3 regions."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["list_url", "resource_url"]


def list_url(client: ServiceClient) -> str:
    """`/v3/regions`."""
    return client.service_url("regions")


def resource_url(client: ServiceClient, region_id: str) -> str:
    """`/v3/regions/{region_id}`."""
    return client.service_url("regions", quote(region_id, safe=""))
