"""Keystone v3 registered limits: list, get, batch create, update, delete."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.identity.v3._body import to_body
from stackdouble.client.openstack.identity.v3.registeredlimits import urls
from stackdouble.client.openstack.identity.v3.registeredlimits.results import (
    CreateResult,
    DeleteResult,
    GetResult,
    RegisteredLimitPage,
    UpdateResult,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "BatchCreateOptsBuilder",
    "CreateOpts",
    "ListOpts",
    "ListOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "batch_create",
    "delete",
    "get",
    "list",
    "update",
]


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `registeredlimits.list`."""

    def to_registered_limit_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Exact-match filters for `list`; None fields are not sent."""

    service_id: str | None = field(default=None, metadata={"q": "service_id"})
    region_id: str | None = field(default=None, metadata={"q": "region_id"})
    resource_name: str | None = field(default=None, metadata={"q": "resource_name"})

    def to_registered_limit_list_query(self) -> str:
        """The query string, with a leading `?` when not empty."""
        return build_query(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """One registered limit for `batch_create`; None fields are left out.

    Attributes:
        default_limit: The limit of projects without their own, -1 for none (up to
            2**31 - 1).
        region_id: The region it applies in; None applies everywhere.
    """

    service_id: str
    resource_name: str
    default_limit: int
    region_id: str | None = None
    description: str | None = None

    def to_map(self) -> dict[str, Any]:
        """The list item: the set fields."""
        item: dict[str, Any] = to_body(self, "item")["item"]
        return item


class BatchCreateOptsBuilder(Protocol):
    """Anything that renders the body of `registeredlimits.batch_create`."""

    def to_registered_limits_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True)
class _Batch:
    items: tuple[CreateOpts, ...]

    def to_registered_limits_create_map(self) -> dict[str, Any]:
        return {"registered_limits": [item.to_map() for item in self.items]}


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `registeredlimits.update`."""

    def to_registered_limit_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """What `update` sends; only the fields set are changed (Keystone refuses any change
    while a project limit refers to the registered limit)."""

    service_id: str | None = None
    region_id: str | None = None
    resource_name: str | None = None
    default_limit: int | None = None
    description: str | None = None

    def to_registered_limit_update_map(self) -> dict[str, Any]:
        """The request body: `{"registered_limit": {...}}`, None fields left out."""
        return to_body(self, "registered_limit")


def list(client: ServiceClient,
         opts: ListOptsBuilder | None = None) -> Pager[RegisteredLimitPage]:
    """List registered limits (`GET /v3/registered_limits`); any token may.

    Returns:
        A Pager; nothing is sent until it is iterated.
    """
    try:
        query = opts.to_registered_limit_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, RegisteredLimitPage)
    return Pager(client, urls.list_url(client) + query, RegisteredLimitPage)


def get(client: ServiceClient, registered_limit_id: str) -> GetResult:
    """Get one registered limit; `extract()` gives a RegisteredLimit."""
    return GetResult.request(client, "GET", urls.resource_url(client, registered_limit_id))


def batch_create(client: ServiceClient,
                 opts: Sequence[CreateOpts] | BatchCreateOptsBuilder) -> CreateResult:
    """Register limits, all or none (`POST /v3/registered_limits`); `extract()` gives them.

    A second registration of the same service, region and resource surfaces as
    `Conflict`, an unknown service or region as `BadRequest`, a non-admin's call as
    `Forbidden`, all from `extract()`; an empty list is `InvalidInput` before anything is
    sent.
    """
    try:
        if isinstance(opts, Sequence):
            if not opts:
                raise InvalidInput("batch_create needs at least one registered limit",
                                   "registered_limits")
            opts = _Batch(tuple(opts))
        body = opts.to_registered_limits_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.list_url(client), json=body,
                                ok_codes=(201,))


def update(client: ServiceClient, registered_limit_id: str,
           opts: UpdateOptsBuilder) -> UpdateResult:
    """Change a registered limit (`PATCH`); `extract()` gives it updated."""
    try:
        body = opts.to_registered_limit_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PATCH", urls.resource_url(client, registered_limit_id),
                                json=body, ok_codes=(200,))


def delete(client: ServiceClient, registered_limit_id: str) -> DeleteResult:
    """Delete a registered limit; `extract_err()` raises on failure (`Forbidden` while a
    project limit refers to it)."""
    return DeleteResult.request(client, "DELETE",
                                urls.resource_url(client, registered_limit_id), ok_codes=(204,))
