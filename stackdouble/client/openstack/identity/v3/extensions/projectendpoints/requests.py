"""Keystone v3 OS-EP-FILTER project endpoints: associate, check, list, remove."""

from __future__ import annotations

from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.identity.v3.extensions.projectendpoints import urls
from stackdouble.client.openstack.identity.v3.extensions.projectendpoints.results import (
    CreateResult,
    DeleteResult,
    EndpointPage,
    GetResult,
)
from stackdouble.client.pagination import Pager

__all__ = ["check", "create", "delete", "list"]


def create(client: ServiceClient, project_id: str, endpoint_id: str) -> CreateResult:
    """Associate an endpoint with a project: its tokens' catalogs then list only its
    associated endpoints (and those of its endpoint groups)."""
    return CreateResult.request(client, "PUT", urls.create_url(client, project_id, endpoint_id),
                                ok_codes=(204,))


def check(client: ServiceClient, project_id: str, endpoint_id: str) -> GetResult:
    """Whether an endpoint is associated with a project directly."""
    return GetResult.request(client, "GET", urls.create_url(client, project_id, endpoint_id),
                             ok_codes=(204,))


def list(client: ServiceClient, project_id: str) -> Pager[EndpointPage]:
    """The endpoints of a project: associated directly or through its endpoint groups."""
    return Pager(client, urls.list_url(client, project_id), EndpointPage)


def delete(client: ServiceClient, project_id: str, endpoint_id: str) -> DeleteResult:
    """Drop an endpoint's association with a project."""
    return DeleteResult.request(client, "DELETE",
                                urls.create_url(client, project_id, endpoint_id),
                                ok_codes=(204,))
