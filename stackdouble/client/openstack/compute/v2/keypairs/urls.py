"""URLs of Nova keypairs."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from stackdouble.client._service import ServiceClient

__all__ = ["create_url", "delete_url", "get_url", "list_url"]


def list_url(client: ServiceClient) -> str:
    """`/os-keypairs`."""
    return client.service_url("os-keypairs")


def create_url(client: ServiceClient) -> str:
    """`/os-keypairs` (POST)."""
    return list_url(client)


def get_url(client: ServiceClient, name: str, user_id: str | None = None) -> str:
    """`/os-keypairs/{name}`, with `?user_id=` for another user's keypair (admins, 2.10)."""
    url = client.service_url("os-keypairs", quote(name, safe=""))
    return url + "?" + urlencode({"user_id": user_id}) if user_id else url


def delete_url(client: ServiceClient, name: str, user_id: str | None = None) -> str:
    """`/os-keypairs/{name}` (DELETE), with `?user_id=` like `get_url`."""
    return get_url(client, name, user_id)
