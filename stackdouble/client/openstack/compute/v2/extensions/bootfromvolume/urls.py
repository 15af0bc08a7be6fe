"""URLs of boot from volume: servers are created at Nova's `/servers`."""

from __future__ import annotations

from stackdouble.client._service import ServiceClient

__all__ = ["create_url"]


def create_url(client: ServiceClient) -> str:
    """`/servers` (gophercloud's `createURL`; Nova's old `/os-volumes_boot` is the same
    create)."""
    return client.service_url("servers")
