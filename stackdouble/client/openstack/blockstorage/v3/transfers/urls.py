"""URLs of Cinder volume transfers (`/os-volume-transfer`, which every microversion
serves; 3.55's `/volume-transfers` answers the same)."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["accept_url", "create_url", "delete_url", "get_url", "list_detail_url", "list_url"]

_BASE = "os-volume-transfer"


def list_url(client: ServiceClient) -> str:
    """`/os-volume-transfer`: ids, volume ids, names and links."""
    return client.service_url(_BASE)


def list_detail_url(client: ServiceClient) -> str:
    """`/os-volume-transfer/detail`."""
    return client.service_url(_BASE, "detail")


def create_url(client: ServiceClient) -> str:
    """`/os-volume-transfer` (POST)."""
    return list_url(client)


def get_url(client: ServiceClient, transfer_id: str) -> str:
    """`/os-volume-transfer/{transfer_id}`."""
    return client.service_url(_BASE, quote(transfer_id, safe=""))


def delete_url(client: ServiceClient, transfer_id: str) -> str:
    """`/os-volume-transfer/{transfer_id}` (DELETE)."""
    return get_url(client, transfer_id)


def accept_url(client: ServiceClient, transfer_id: str) -> str:
    """`/os-volume-transfer/{transfer_id}/accept`."""
    return client.service_url(_BASE, quote(transfer_id, safe=""), "accept")
