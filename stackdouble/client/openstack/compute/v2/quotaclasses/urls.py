"""URLs of Nova quota classes."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["get_url", "update_url"]


def get_url(client: ServiceClient, class_name: str) -> str:
    """`/os-quota-class-sets/{class_name}`."""
    return client.service_url("os-quota-class-sets", quote(class_name, safe=""))


def update_url(client: ServiceClient, class_name: str) -> str:
    """`/os-quota-class-sets/{class_name}` (PUT)."""
    return get_url(client, class_name)
