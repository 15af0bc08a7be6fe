"""URLs of Keystone v2.0 tenants."""

from __future__ import annotations

from stackdouble.client._service import ServiceClient

__all__ = ["list_url"]


def list_url(client: ServiceClient) -> str:
    """`/v2.0/tenants`."""
    return client.service_url("tenants")
