"""URLs of Keystone v3 tokens."""

from __future__ import annotations

from stackdouble.client._service import ServiceClient

__all__ = ["catalog_url", "tokens_url"]


def tokens_url(client: ServiceClient) -> str:
    """`/v3/auth/tokens`."""
    return client.service_url("auth", "tokens")


def catalog_url(client: ServiceClient) -> str:
    """`/v3/auth/catalog`."""
    return client.service_url("auth", "catalog")
