"""URLs of Cinder quota sets (`os-quota-sets`)."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["defaults_url", "delete_url", "get_url", "update_url", "usage_url"]


def get_url(client: ServiceClient, project_id: str) -> str:
    """`/os-quota-sets/{project_id}`."""
    return client.service_url("os-quota-sets", quote(project_id, safe=""))


def usage_url(client: ServiceClient, project_id: str) -> str:
    """`/os-quota-sets/{project_id}?usage=true`."""
    return get_url(client, project_id) + "?usage=true"


def defaults_url(client: ServiceClient, project_id: str) -> str:
    """`/os-quota-sets/{project_id}/defaults`."""
    return client.service_url("os-quota-sets", quote(project_id, safe=""), "defaults")


def update_url(client: ServiceClient, project_id: str) -> str:
    """`/os-quota-sets/{project_id}` (PUT)."""
    return get_url(client, project_id)


def delete_url(client: ServiceClient, project_id: str) -> str:
    """`/os-quota-sets/{project_id}` (DELETE)."""
    return get_url(client, project_id)
