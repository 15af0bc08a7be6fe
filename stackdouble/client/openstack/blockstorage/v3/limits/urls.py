"""URLs of Cinder's limits."""

from __future__ import annotations

from stackdouble.client._service import ServiceClient

__all__ = ["get_url"]


def get_url(client: ServiceClient) -> str:
    """`/limits`."""
    return client.service_url("limits")
