"""URLs of Swift containers."""

from __future__ import annotations

from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.objectstorage.v1._swift import quote_name
from stackdouble.client.openstack.objectstorage.v1.accounts.urls import account_url

__all__ = [
    "bulk_delete_url",
    "container_url",
    "create_url",
    "delete_url",
    "get_url",
    "list_url",
    "update_url",
]


def list_url(client: ServiceClient) -> str:
    """`GET /v1/{account}`: the account's container listing."""
    return account_url(client)


def container_url(client: ServiceClient, container: str) -> str:
    """`/v1/{account}/{container}`, the name percent-encoded."""
    return f"{account_url(client)}/{quote_name(container)}"


def create_url(client: ServiceClient, container: str) -> str:
    """`PUT /v1/{account}/{container}`."""
    return container_url(client, container)


def get_url(client: ServiceClient, container: str) -> str:
    """`HEAD /v1/{account}/{container}`."""
    return container_url(client, container)


def update_url(client: ServiceClient, container: str) -> str:
    """`POST /v1/{account}/{container}`."""
    return container_url(client, container)


def delete_url(client: ServiceClient, container: str) -> str:
    """`DELETE /v1/{account}/{container}`."""
    return container_url(client, container)


def bulk_delete_url(client: ServiceClient) -> str:
    """`POST /v1/{account}?bulk-delete`: Swift's bulk middleware."""
    return account_url(client) + "?bulk-delete"
