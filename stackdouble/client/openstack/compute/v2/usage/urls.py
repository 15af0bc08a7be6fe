"""URLs of Nova's tenant usage."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["all_tenants_url", "get_tenant_url"]


def all_tenants_url(client: ServiceClient) -> str:
    """`/os-simple-tenant-usage`."""
    return client.service_url("os-simple-tenant-usage")


def get_tenant_url(client: ServiceClient, tenant_id: str) -> str:
    """`/os-simple-tenant-usage/{tenant_id}`."""
    return client.service_url("os-simple-tenant-usage", quote(tenant_id, safe=""))
