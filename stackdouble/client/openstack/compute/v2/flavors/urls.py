"""URLs of Nova flavors."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["create_url", "delete_url", "get_url", "list_detail_url", "list_url"]


def list_url(client: ServiceClient) -> str:
    """`/flavors`: ids, names and links only."""
    return client.service_url("flavors")


def list_detail_url(client: ServiceClient) -> str:
    """`/flavors/detail`."""
    return client.service_url("flavors", "detail")


def create_url(client: ServiceClient) -> str:
    """`/flavors` (POST)."""
    return list_url(client)


def get_url(client: ServiceClient, flavor_id: str) -> str:
    """`/flavors/{flavor_id}`."""
    return client.service_url("flavors", quote(flavor_id, safe=""))


def delete_url(client: ServiceClient, flavor_id: str) -> str:
    """`/flavors/{flavor_id}` (DELETE)."""
    return get_url(client, flavor_id)
