"""Keystone v3 OS-EP-FILTER endpoint groups: list, get, create, update, delete, their
endpoints, and the projects they are associated with."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.identity.v3._body import to_body
from stackdouble.client.openstack.identity.v3.endpoints.results import EndpointPage
from stackdouble.client.openstack.identity.v3.extensions.endpointgroups import urls
from stackdouble.client.openstack.identity.v3.extensions.endpointgroups.results import (
    AssociationResult,
    CreateResult,
    DeleteResult,
    EndpointGroupPage,
    GetResult,
    UpdateResult,
)
from stackdouble.client.openstack.identity.v3.projects.results import ProjectPage
from stackdouble.client.pagination import Pager

__all__ = [
    "CreateOpts",
    "CreateOptsBuilder",
    "ListOpts",
    "ListOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "add_project",
    "check_project",
    "create",
    "delete",
    "get",
    "list",
    "list_endpoints",
    "list_projects",
    "remove_project",
    "update",
]


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `endpointgroups.list`."""

    def to_endpoint_group_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Filters for `list`; None fields are not sent."""

    name: str | None = field(default=None, metadata={"q": "name"})

    def to_endpoint_group_list_query(self) -> str:
        """The query string, with a leading `?` when not empty."""
        return build_query(self)


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `endpointgroups.create`."""

    def to_endpoint_group_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """A new endpoint group. `filters` maps `service_id`, `region_id` or `interface` to
    the value an endpoint must have; Keystone refuses other keys and an empty mapping."""

    name: str
    filters: dict[str, Any]
    description: str | None = None

    def to_endpoint_group_create_map(self) -> dict[str, Any]:
        """The request body: `{"endpoint_group": {...}}`."""
        return to_body(self, "endpoint_group")


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `endpointgroups.update`."""

    def to_endpoint_group_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """What `update` changes; None fields are left as they are."""

    name: str | None = None
    filters: dict[str, Any] | None = None
    description: str | None = None

    def to_endpoint_group_update_map(self) -> dict[str, Any]:
        """The request body: `{"endpoint_group": {...}}`, None fields left out."""
        return to_body(self, "endpoint_group")


def list(client: ServiceClient, opts: ListOptsBuilder | None = None
         ) -> Pager[EndpointGroupPage]:
    """List endpoint groups (admin or system reader).

    Returns:
        A Pager; nothing is sent until it is iterated.
    """
    try:
        query = opts.to_endpoint_group_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, EndpointGroupPage)
    return Pager(client, urls.list_url(client) + query, EndpointGroupPage)


def get(client: ServiceClient, endpoint_group_id: str) -> GetResult:
    """Get one endpoint group; `extract()` gives an EndpointGroup."""
    return GetResult.request(client, "GET", urls.resource_url(client, endpoint_group_id))


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Create an endpoint group (admin); bad filters surface as `BadRequest`."""
    try:
        body = opts.to_endpoint_group_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.list_url(client), json=body,
                                ok_codes=(201,))


def update(client: ServiceClient, endpoint_group_id: str, opts: UpdateOptsBuilder
           ) -> UpdateResult:
    """Change an endpoint group; `extract()` gives it updated."""
    try:
        body = opts.to_endpoint_group_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PATCH", urls.resource_url(client, endpoint_group_id),
                                json=body, ok_codes=(200,))


def delete(client: ServiceClient, endpoint_group_id: str) -> DeleteResult:
    """Delete an endpoint group and its project associations."""
    return DeleteResult.request(client, "DELETE", urls.resource_url(client, endpoint_group_id),
                                ok_codes=(204,))


def list_endpoints(client: ServiceClient, endpoint_group_id: str) -> Pager[EndpointPage]:
    """The endpoints the group's filters match (pages of `endpoints.Endpoint`)."""
    return Pager(client, urls.endpoints_url(client, endpoint_group_id), EndpointPage)


def list_projects(client: ServiceClient, endpoint_group_id: str) -> Pager[ProjectPage]:
    """The projects the group is associated with (pages of `projects.Project`)."""
    return Pager(client, urls.projects_url(client, endpoint_group_id), ProjectPage)


def add_project(client: ServiceClient, endpoint_group_id: str, project_id: str
                ) -> AssociationResult:
    """Associate the group with a project: its tokens' catalogs then list only the
    endpoints of its groups and its own endpoints."""
    return AssociationResult.request(
        client, "PUT", urls.project_url(client, endpoint_group_id, project_id), ok_codes=(204,))


def check_project(client: ServiceClient, endpoint_group_id: str, project_id: str
                  ) -> AssociationResult:
    """Whether the group is associated with a project (`NotFound` when not)."""
    return AssociationResult.request(
        client, "GET", urls.project_url(client, endpoint_group_id, project_id), ok_codes=(200,))


def remove_project(client: ServiceClient, endpoint_group_id: str, project_id: str
                   ) -> AssociationResult:
    """Drop the group's association with a project."""
    return AssociationResult.request(
        client, "DELETE", urls.project_url(client, endpoint_group_id, project_id),
        ok_codes=(204,))
