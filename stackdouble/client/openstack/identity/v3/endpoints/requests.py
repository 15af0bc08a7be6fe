"""Keystone v3 endpoints: list, get, create, update, delete."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.identity.v3._body import to_body
from stackdouble.client.openstack.identity.v3.endpoints import urls
from stackdouble.client.openstack.identity.v3.endpoints.results import (
    CreateResult,
    DeleteResult,
    EndpointPage,
    GetResult,
    UpdateResult,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "CreateOpts",
    "CreateOptsBuilder",
    "ListOpts",
    "ListOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "create",
    "delete",
    "get",
    "list",
    "update",
]


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `endpoints.list`."""

    def to_endpoint_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Filters for `list`; None fields are not sent.
    """

    interface: str | None = field(default=None, metadata={"q": "interface"})
    service_id: str | None = field(default=None, metadata={"q": "service_id"})
    region_id: str | None = field(default=None, metadata={"q": "region_id"})

    def to_endpoint_list_query(self) -> str:
        """The query string, with a leading `?` when not empty."""
        return build_query(self)


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `endpoints.create`."""

    def to_endpoint_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """What `create` sends; None fields are left out."""

    service_id: str
    interface: str
    url: str
    region: str | None = None
    enabled: bool | None = None

    def to_endpoint_create_map(self) -> dict[str, Any]:
        """The request body: `{"endpoint": {...}}`, None fields left out."""
        return to_body(self, "endpoint", renames={"region": "region_id"})


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `endpoints.update`."""

    def to_endpoint_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """What `update` sends; only the fields set are changed."""

    interface: str | None = None
    url: str | None = None
    region: str | None = None
    service_id: str | None = None
    enabled: bool | None = None

    def to_endpoint_update_map(self) -> dict[str, Any]:
        """The request body: `{"endpoint": {...}}`, None fields left out."""
        return to_body(self, "endpoint", renames={"region": "region_id"})


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[EndpointPage]:
    """List endpoints (`GET /v3/endpoints`), following `links.next`.

    Args:
        client: A Keystone v3 client (`openstack.new_identity_v3`).
        opts: Filters; None lists them all.

    Returns:
        A Pager; nothing is sent until it is iterated, and errors (a member's `Forbidden`
        under Keystone's default policy, a bad option) surface there.
    """
    try:
        query = opts.to_endpoint_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, EndpointPage)
    return Pager(client, urls.list_url(client) + query, EndpointPage)


def get(client: ServiceClient, endpoint_id: str) -> GetResult:
    """Get one endpoint (`GET /v3/endpoints/{id}`); `extract()` gives a Endpoint."""
    return GetResult.request(client, "GET", urls.resource_url(client, endpoint_id))


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Create a endpoint (`POST /v3/endpoints`); `extract()` gives the new Endpoint.

    A duplicate surfaces as `Conflict`, a member's call as `Forbidden`, a bad body as
    `BadRequest`, all from `extract()`.
    """
    try:
        body = opts.to_endpoint_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.list_url(client), json=body,
                                ok_codes=(201,))


def update(client: ServiceClient, endpoint_id: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Change a endpoint (`PATCH /v3/endpoints/{id}`); `extract()` gives it updated."""
    try:
        body = opts.to_endpoint_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PATCH", urls.resource_url(client, endpoint_id), json=body,
                                ok_codes=(200,))


def delete(client: ServiceClient, endpoint_id: str) -> DeleteResult:
    """Delete a endpoint (`DELETE /v3/endpoints/{id}`).

    `extract_err()` raises on failure.
    """
    return DeleteResult.request(client, "DELETE", urls.resource_url(client, endpoint_id),
                                ok_codes=(204,))
