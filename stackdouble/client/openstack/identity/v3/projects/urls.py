"""URLs of Keystone v3 projects."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["get_url", "list_available_url", "list_url", "tags_url"]


def list_url(client: ServiceClient) -> str:
    """`/v3/projects`."""
    return client.service_url("projects")


def get_url(client: ServiceClient, project_id: str) -> str:
    """`/v3/projects/{project_id}`."""
    return client.service_url("projects", quote(project_id, safe=""))


def list_available_url(client: ServiceClient) -> str:
    """`/v3/auth/projects`: the projects the token's user can scope to."""
    return client.service_url("auth", "projects")


def tags_url(client: ServiceClient, project_id: str) -> str:
    """`/v3/projects/{project_id}/tags`."""
    return client.service_url("projects", quote(project_id, safe=""), "tags")
