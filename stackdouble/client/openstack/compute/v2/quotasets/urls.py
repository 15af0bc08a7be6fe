"""URLs of Nova quota sets."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["defaults_url", "delete_url", "detail_url", "get_url", "update_url"]


def get_url(client: ServiceClient, project_id: str) -> str:
    """`/os-quota-sets/{project_id}`."""
    return client.service_url("os-quota-sets", quote(project_id, safe=""))


def defaults_url(client: ServiceClient, project_id: str) -> str:
    """`/os-quota-sets/{project_id}/defaults`."""
    return get_url(client, project_id) + "/defaults"


def detail_url(client: ServiceClient, project_id: str) -> str:
    """`/os-quota-sets/{project_id}/detail`."""
    return get_url(client, project_id) + "/detail"


def update_url(client: ServiceClient, project_id: str) -> str:
    """`/os-quota-sets/{project_id}` (PUT)."""
    return get_url(client, project_id)


def delete_url(client: ServiceClient, project_id: str) -> str:
    """`/os-quota-sets/{project_id}` (DELETE)."""
    return get_url(client, project_id)
