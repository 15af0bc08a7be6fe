"""URLs of Cinder's availability zones."""

from __future__ import annotations

from stackdouble.client._service import ServiceClient

__all__ = ["list_url"]


def list_url(client: ServiceClient) -> str:
    """`/os-availability-zone`."""
    return client.service_url("os-availability-zone")
