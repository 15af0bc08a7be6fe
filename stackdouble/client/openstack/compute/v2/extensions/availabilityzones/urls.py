"""URLs of availability zones."""

from __future__ import annotations

from stackdouble.client._service import ServiceClient

__all__ = ["list_detail_url", "list_url"]


def list_url(client: ServiceClient) -> str:
    """`/os-availability-zone`."""
    return client.service_url("os-availability-zone")


def list_detail_url(client: ServiceClient) -> str:
    """`/os-availability-zone/detail` (admins by default policy)."""
    return client.service_url("os-availability-zone", "detail")
