"""URLs of Nova hypervisors."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["get_url", "list_detail_url", "list_url"]


def list_url(client: ServiceClient) -> str:
    """`/os-hypervisors`."""
    return client.service_url("os-hypervisors")


def list_detail_url(client: ServiceClient) -> str:
    """`/os-hypervisors/detail`."""
    return client.service_url("os-hypervisors", "detail")


def get_url(client: ServiceClient, hypervisor_id: str) -> str:
    """`/os-hypervisors/{hypervisor_id}`."""
    return client.service_url("os-hypervisors", quote(hypervisor_id, safe=""))
