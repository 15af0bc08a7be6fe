"""URLs of Keystone v3 domains."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["list_url", "resource_url"]


def list_url(client: ServiceClient) -> str:
    """`/v3/domains`."""
    return client.service_url("domains")


def resource_url(client: ServiceClient, domain_id: str) -> str:
    """`/v3/domains/{domain_id}`."""
    return client.service_url("domains", quote(domain_id, safe=""))
