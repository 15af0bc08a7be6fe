"""URLs of a Swift account."""

from __future__ import annotations

from stackdouble.client._service import ServiceClient

__all__ = ["account_url", "get_url", "update_url"]


def account_url(client: ServiceClient) -> str:
    """`/v1/{account}`: the client's endpoint without its trailing slash."""
    return client.resource_base_url().rstrip("/")


def get_url(client: ServiceClient) -> str:
    """`HEAD /v1/{account}`."""
    return account_url(client)


def update_url(client: ServiceClient) -> str:
    """`POST /v1/{account}`."""
    return account_url(client)
