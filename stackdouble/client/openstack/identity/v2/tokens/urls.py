"""URLs of Keystone v2.0 tokens."""

from __future__ import annotations

from stackdouble.client._service import ServiceClient

__all__ = ["create_url"]


def create_url(client: ServiceClient) -> str:
    """`/v2.0/tokens`."""
    return client.service_url("tokens")
