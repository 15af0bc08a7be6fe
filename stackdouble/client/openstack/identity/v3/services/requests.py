"""Keystone v3 catalog services: list, get, create, update, delete."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.identity.v3._body import to_body
from stackdouble.client.openstack.identity.v3.services import urls
from stackdouble.client.openstack.identity.v3.services.results import (
    CreateResult,
    DeleteResult,
    GetResult,
    ServicePage,
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
    """Anything that renders the query of `services.list`."""

    def to_service_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Filters for `list`; None fields are not sent.
    """

    type: str | None = field(default=None, metadata={"q": "type"})
    name: str | None = field(default=None, metadata={"q": "name"})

    def to_service_list_query(self) -> str:
        """The query string, with a leading `?` when not empty."""
        return build_query(self)


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `services.create`."""

    def to_service_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """What `create` sends; None fields are left out, and `extra` adds attributes that
    Keystone keeps and returns as given."""

    type: str
    name: str | None = None
    description: str | None = None
    enabled: bool | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def to_service_create_map(self) -> dict[str, Any]:
        """The request body: `{"service": {...}}`, None fields left out."""
        return to_body(self, "service")


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `services.update`."""

    def to_service_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """What `update` sends; only the fields set are changed."""

    type: str | None = None
    name: str | None = None
    description: str | None = None
    enabled: bool | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def to_service_update_map(self) -> dict[str, Any]:
        """The request body: `{"service": {...}}`, None fields left out."""
        return to_body(self, "service")


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[ServicePage]:
    """List catalog services (`GET /v3/services`), following `links.next`.

    Args:
        client: A Keystone v3 client (`openstack.new_identity_v3`).
        opts: Filters; None lists them all.

    Returns:
        A Pager; nothing is sent until it is iterated, and errors (a member's `Forbidden`
        under Keystone's default policy, a bad option) surface there.
    """
    try:
        query = opts.to_service_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, ServicePage)
    return Pager(client, urls.list_url(client) + query, ServicePage)


def get(client: ServiceClient, service_id: str) -> GetResult:
    """Get one service (`GET /v3/services/{id}`); `extract()` gives a Service."""
    return GetResult.request(client, "GET", urls.resource_url(client, service_id))


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Create a service (`POST /v3/services`); `extract()` gives the new Service.

    A duplicate surfaces as `Conflict`, a member's call as `Forbidden`, a bad body as
    `BadRequest`, all from `extract()`.
    """
    try:
        body = opts.to_service_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.list_url(client), json=body,
                                ok_codes=(201,))


def update(client: ServiceClient, service_id: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Change a service (`PATCH /v3/services/{id}`); `extract()` gives it updated."""
    try:
        body = opts.to_service_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PATCH", urls.resource_url(client, service_id), json=body,
                                ok_codes=(200,))


def delete(client: ServiceClient, service_id: str) -> DeleteResult:
    """Delete a service (`DELETE /v3/services/{id}`).

    `extract_err()` raises on failure.
    """
    return DeleteResult.request(client, "DELETE", urls.resource_url(client, service_id),
                                ok_codes=(204,))
