"""URLs of a service's extension listing, below the service client's root (Neutron's
`/v2.0/`, Cinder's `/v3/{project_id}/`)."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["get_url", "list_url"]


def list_url(client: ServiceClient) -> str:
    """`<root>/extensions`."""
    return client.service_url("extensions")


def get_url(client: ServiceClient, alias: str) -> str:
    """`<root>/extensions/{alias}`."""
    return client.service_url("extensions", quote(alias, safe=""))
