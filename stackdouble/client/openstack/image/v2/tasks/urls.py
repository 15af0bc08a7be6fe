"""URLs of Glance tasks."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["get_url", "list_url"]


def list_url(client: ServiceClient) -> str:
    """`/v2/tasks`."""
    return client.service_url("tasks")


def get_url(client: ServiceClient, task_id: str) -> str:
    """`/v2/tasks/{task_id}`."""
    return client.service_url("tasks", quote(task_id, safe=""))
