"""Keystone v3 limits: list, get, batch create, update, delete, the enforcement model."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.identity.v3._body import to_body
from stackdouble.client.openstack.identity.v3.limits import urls
from stackdouble.client.openstack.identity.v3.limits.results import (
    CreateResult,
    DeleteResult,
    EnforcementModelResult,
    GetResult,
    LimitPage,
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
    "get_enforcement_model",
    "list",
    "update",
]


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `limits.list`."""

    def to_limit_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Exact-match filters for `list`; None fields are not sent. Keystone also narrows the
    listing to what the token's scope may see (its project's, or its domain's)."""

    service_id: str | None = field(default=None, metadata={"q": "service_id"})
    region_id: str | None = field(default=None, metadata={"q": "region_id"})
    resource_name: str | None = field(default=None, metadata={"q": "resource_name"})
    project_id: str | None = field(default=None, metadata={"q": "project_id"})
    domain_id: str | None = field(default=None, metadata={"q": "domain_id"})

    def to_limit_list_query(self) -> str:
        """The query string, with a leading `?` when not empty."""
        return build_query(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """One limit for `batch_create`: a project's or (exclusively) a domain's value of a
    registered limit, found by service, region and resource."""

    service_id: str
    resource_name: str
    resource_limit: int
    project_id: str | None = None
    domain_id: str | None = None
    region_id: str | None = None
    description: str | None = None

    def to_map(self) -> dict[str, Any]:
        """The list item: the set fields.

        Raises:
            InvalidInput: Neither or both of `project_id` and `domain_id` are set.
        """
        if (self.project_id is None) == (self.domain_id is None):
            raise InvalidInput("a limit needs exactly one of project_id and domain_id",
                               "project_id")
        item: dict[str, Any] = to_body(self, "item")["item"]
        return item


class BatchCreateOptsBuilder(Protocol):
    """Anything that renders the body of `limits.batch_create`."""

    def to_limits_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True)
class _Batch:
    items: tuple[CreateOpts, ...]

    def to_limits_create_map(self) -> dict[str, Any]:
        return {"limits": [item.to_map() for item in self.items]}


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `limits.update`."""

    def to_limit_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """What `update` sends. Keystone keeps the old value for a `resource_limit` of 0 or an
    empty `description` (its backend tests them for truth)."""

    resource_limit: int | None = None
    description: str | None = None

    def to_limit_update_map(self) -> dict[str, Any]:
        """The request body: `{"limit": {...}}`, None fields left out."""
        return to_body(self, "limit")


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[LimitPage]:
    """List the limits the token may see (`GET /v3/limits`).

    Returns:
        A Pager; nothing is sent until it is iterated.
    """
    try:
        query = opts.to_limit_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, LimitPage)
    return Pager(client, urls.list_url(client) + query, LimitPage)


def get(client: ServiceClient, limit_id: str) -> GetResult:
    """Get one limit; `extract()` gives a Limit."""
    return GetResult.request(client, "GET", urls.resource_url(client, limit_id))


def get_enforcement_model(client: ServiceClient) -> EnforcementModelResult:
    """The cloud's enforcement model (`GET /v3/limits/model`)."""
    return EnforcementModelResult.request(client, "GET", urls.enforcement_model_url(client))


def batch_create(client: ServiceClient,
                 opts: Sequence[CreateOpts] | BatchCreateOptsBuilder) -> CreateResult:
    """Create limits, all or none (`POST /v3/limits`); `extract()` gives them.

    A limit without a registered limit of its service, region and resource surfaces as
    `Forbidden`, a second limit of the same project or domain as `Conflict`, an unknown
    project as `BadRequest`, all from `extract()`; an empty list, or a limit with neither
    or both of a project and a domain, is `InvalidInput` before anything is sent.
    """
    try:
        if isinstance(opts, Sequence):
            if not opts:
                raise InvalidInput("batch_create needs at least one limit", "limits")
            opts = _Batch(tuple(opts))
        body = opts.to_limits_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.list_url(client), json=body,
                                ok_codes=(201,))


def update(client: ServiceClient, limit_id: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Change a limit (`PATCH /v3/limits/{id}`); `extract()` gives it updated."""
    try:
        body = opts.to_limit_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PATCH", urls.resource_url(client, limit_id), json=body,
                                ok_codes=(200,))


def delete(client: ServiceClient, limit_id: str) -> DeleteResult:
    """Delete a limit; `extract_err()` raises on failure."""
    return DeleteResult.request(client, "DELETE", urls.resource_url(client, limit_id),
                                ok_codes=(204,))
