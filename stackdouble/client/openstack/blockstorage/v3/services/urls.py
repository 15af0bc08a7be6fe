"""URLs of Cinder's services (`os-services`) and resource filters."""

from __future__ import annotations

from stackdouble.client._service import ServiceClient

__all__ = ["action_url", "list_url", "resource_filters_url"]


def list_url(client: ServiceClient) -> str:
    """`/os-services`."""
    return client.service_url("os-services")


def action_url(client: ServiceClient, action: str) -> str:
    """`/os-services/{action}` (`enable`, `disable`, `disable-log-reason`, `freeze`,
    `thaw`)."""
    return client.service_url("os-services", action)


def resource_filters_url(client: ServiceClient) -> str:
    """`/resource_filters`."""
    return client.service_url("resource_filters")
