"""URLs of Neutron subnets."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["create_url", "delete_url", "get_url", "list_url", "update_url"]


def list_url(client: ServiceClient) -> str:
    """`/v2.0/subnets`."""
    return client.service_url("subnets")


def create_url(client: ServiceClient) -> str:
    """`/v2.0/subnets` (POST)."""
    return list_url(client)


def get_url(client: ServiceClient, subnet_id: str) -> str:
    """`/v2.0/subnets/{subnet_id}`."""
    return client.service_url("subnets", quote(subnet_id, safe=""))


def update_url(client: ServiceClient, subnet_id: str) -> str:
    """`/v2.0/subnets/{subnet_id}` (PUT)."""
    return get_url(client, subnet_id)


def delete_url(client: ServiceClient, subnet_id: str) -> str:
    """`/v2.0/subnets/{subnet_id}` (DELETE)."""
    return get_url(client, subnet_id)
