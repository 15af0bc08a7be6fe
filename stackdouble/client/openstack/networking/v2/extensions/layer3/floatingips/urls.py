"""URLs of Neutron floating IPs."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["create_url", "delete_url", "get_url", "list_url", "update_url"]


def list_url(client: ServiceClient) -> str:
    """`/v2.0/floatingips`."""
    return client.service_url("floatingips")


def create_url(client: ServiceClient) -> str:
    """`/v2.0/floatingips` (POST)."""
    return list_url(client)


def get_url(client: ServiceClient, floatingip_id: str) -> str:
    """`/v2.0/floatingips/{floatingip_id}`."""
    return client.service_url("floatingips", quote(floatingip_id, safe=""))


def update_url(client: ServiceClient, floatingip_id: str) -> str:
    """`/v2.0/floatingips/{floatingip_id}` (PUT)."""
    return get_url(client, floatingip_id)


def delete_url(client: ServiceClient, floatingip_id: str) -> str:
    """`/v2.0/floatingips/{floatingip_id}` (DELETE)."""
    return get_url(client, floatingip_id)
