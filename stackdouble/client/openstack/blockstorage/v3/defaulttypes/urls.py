"""URLs of Cinder's per-project default volume types (`default-types`, 3.62)."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["list_url", "project_url"]


def list_url(client: ServiceClient) -> str:
    """`/default-types`."""
    return client.service_url("default-types")


def project_url(client: ServiceClient, project_id: str) -> str:
    """`/default-types/{project_id}` (PUT, GET, DELETE)."""
    return client.service_url("default-types", quote(project_id, safe=""))
