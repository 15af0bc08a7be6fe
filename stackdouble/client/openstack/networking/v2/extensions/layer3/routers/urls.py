"""URLs of Neutron routers."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = [
    "add_interface_url",
    "create_url",
    "delete_url",
    "get_url",
    "list_url",
    "remove_interface_url",
    "update_url",
]


def list_url(client: ServiceClient) -> str:
    """`/v2.0/routers`."""
    return client.service_url("routers")


def create_url(client: ServiceClient) -> str:
    """`/v2.0/routers` (POST)."""
    return list_url(client)


def get_url(client: ServiceClient, router_id: str) -> str:
    """`/v2.0/routers/{router_id}`."""
    return client.service_url("routers", quote(router_id, safe=""))


def update_url(client: ServiceClient, router_id: str) -> str:
    """`/v2.0/routers/{router_id}` (PUT)."""
    return get_url(client, router_id)


def delete_url(client: ServiceClient, router_id: str) -> str:
    """`/v2.0/routers/{router_id}` (DELETE)."""
    return get_url(client, router_id)


def add_interface_url(client: ServiceClient, router_id: str) -> str:
    """`/v2.0/routers/{router_id}/add_router_interface` (PUT)."""
    return client.service_url("routers", quote(router_id, safe=""), "add_router_interface")


def remove_interface_url(client: ServiceClient, router_id: str) -> str:
    """`/v2.0/routers/{router_id}/remove_router_interface` (PUT)."""
    return client.service_url("routers", quote(router_id, safe=""), "remove_router_interface")
