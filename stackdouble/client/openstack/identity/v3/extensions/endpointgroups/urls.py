"""URLs of Keystone v3 OS-EP-FILTER endpoint groups."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["endpoints_url", "list_url", "project_url", "projects_url", "resource_url"]


def list_url(client: ServiceClient) -> str:
    """`/v3/OS-EP-FILTER/endpoint_groups`."""
    return client.service_url("OS-EP-FILTER", "endpoint_groups")


def resource_url(client: ServiceClient, endpoint_group_id: str) -> str:
    """`/v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}`."""
    return client.service_url("OS-EP-FILTER", "endpoint_groups",
                              quote(endpoint_group_id, safe=""))


def endpoints_url(client: ServiceClient, endpoint_group_id: str) -> str:
    """`/v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}/endpoints`."""
    return resource_url(client, endpoint_group_id) + "/endpoints"


def projects_url(client: ServiceClient, endpoint_group_id: str) -> str:
    """`/v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}/projects`."""
    return resource_url(client, endpoint_group_id) + "/projects"


def project_url(client: ServiceClient, endpoint_group_id: str, project_id: str) -> str:
    """`/v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}/projects/{project_id}`."""
    return projects_url(client, endpoint_group_id) + "/" + quote(project_id, safe="")
