"""URLs of Neutron networks."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["create_url", "delete_url", "get_url", "list_url", "update_url"]


def list_url(client: ServiceClient) -> str:
    """`/v2.0/networks`."""
    return client.service_url("networks")


def create_url(client: ServiceClient) -> str:
    """`/v2.0/networks` (POST)."""
    return list_url(client)


def get_url(client: ServiceClient, network_id: str) -> str:
    """`/v2.0/networks/{network_id}`."""
    return client.service_url("networks", quote(network_id, safe=""))


def update_url(client: ServiceClient, network_id: str) -> str:
    """`/v2.0/networks/{network_id}` (PUT)."""
    return get_url(client, network_id)


def delete_url(client: ServiceClient, network_id: str) -> str:
    """`/v2.0/networks/{network_id}` (DELETE)."""
    return get_url(client, network_id)
