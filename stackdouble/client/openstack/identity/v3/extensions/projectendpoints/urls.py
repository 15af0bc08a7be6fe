"""URLs of Keystone v3 OS-EP-FILTER project endpoints."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["create_url", "list_url"]


def list_url(client: ServiceClient, project_id: str) -> str:
    """`/v3/OS-EP-FILTER/projects/{project_id}/endpoints`."""
    return client.service_url("OS-EP-FILTER", "projects", quote(project_id, safe=""),
                              "endpoints")


def create_url(client: ServiceClient, project_id: str, endpoint_id: str) -> str:
    """`/v3/OS-EP-FILTER/projects/{project_id}/endpoints/{endpoint_id}`."""
    return list_url(client, project_id) + "/" + quote(endpoint_id, safe="")
