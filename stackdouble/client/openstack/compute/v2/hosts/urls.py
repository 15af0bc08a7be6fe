"""URLs of Nova's deprecated `os-hosts`."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["get_url", "list_url", "update_url"]


def list_url(client: ServiceClient) -> str:
    """`/os-hosts`."""
    return client.service_url("os-hosts")


def get_url(client: ServiceClient, host_name: str) -> str:
    """`/os-hosts/{host_name}`."""
    return client.service_url("os-hosts", quote(host_name, safe=""))


def update_url(client: ServiceClient, host_name: str) -> str:
    """`/os-hosts/{host_name}` (PUT)."""
    return get_url(client, host_name)
