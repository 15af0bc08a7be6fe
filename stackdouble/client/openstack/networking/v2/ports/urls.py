"""URLs of Neutron ports."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["create_url", "delete_url", "get_url", "list_url", "update_url"]


def list_url(client: ServiceClient) -> str:
    """`/v2.0/ports`."""
    return client.service_url("ports")


def create_url(client: ServiceClient) -> str:
    """`/v2.0/ports` (POST)."""
    return list_url(client)


def get_url(client: ServiceClient, port_id: str) -> str:
    """`/v2.0/ports/{port_id}`."""
    return client.service_url("ports", quote(port_id, safe=""))


def update_url(client: ServiceClient, port_id: str) -> str:
    """`/v2.0/ports/{port_id}` (PUT)."""
    return get_url(client, port_id)


def delete_url(client: ServiceClient, port_id: str) -> str:
    """`/v2.0/ports/{port_id}` (DELETE)."""
    return get_url(client, port_id)
