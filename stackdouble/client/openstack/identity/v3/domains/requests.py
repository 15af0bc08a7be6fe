"""Keystone v3 domains: list, get, create, update, delete."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.identity.v3._body import to_body
from stackdouble.client.openstack.identity.v3.domains import urls
from stackdouble.client.openstack.identity.v3.domains.results import (
    CreateResult,
    DeleteResult,
    DomainPage,
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
    """Anything that renders the query of `domains.list`."""

    def to_domain_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Filters and paging for `list`; None fields are not sent.

    `limit` and `marker` page on Keystone 27 (2025.1) and later; older Keystones
    answer in one page.
    """

    name: str | None = field(default=None, metadata={"q": "name"})
    enabled: bool | None = field(default=None, metadata={"q": "enabled"})
    limit: int | None = field(default=None, metadata={"q": "limit"})
    marker: str | None = field(default=None, metadata={"q": "marker"})

    def to_domain_list_query(self) -> str:
        """The query string, with a leading `?` when not empty."""
        return build_query(self)


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `domains.create`."""

    def to_domain_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """What `create` sends; None fields are left out."""

    name: str
    description: str | None = None
    enabled: bool | None = None
    tags: Sequence[str] | None = None

    def to_domain_create_map(self) -> dict[str, Any]:
        """The request body: `{"domain": {...}}`, None fields left out."""
        return to_body(self, "domain")


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `domains.update`."""

    def to_domain_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """What `update` sends; only the fields set are changed."""

    name: str | None = None
    description: str | None = None
    enabled: bool | None = None
    tags: Sequence[str] | None = None

    def to_domain_update_map(self) -> dict[str, Any]:
        """The request body: `{"domain": {...}}`, None fields left out."""
        return to_body(self, "domain")


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[DomainPage]:
    """List domains (`GET /v3/domains`), following `links.next`.

    Args:
        client: A Keystone v3 client (`openstack.new_identity_v3`).
        opts: Filters; None lists them all.

    Returns:
        A Pager; nothing is sent until it is iterated, and errors (a member's `Forbidden`
        under Keystone's default policy, a bad option) surface there.
    """
    try:
        query = opts.to_domain_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, DomainPage)
    return Pager(client, urls.list_url(client) + query, DomainPage)


def get(client: ServiceClient, domain_id: str) -> GetResult:
    """Get one domain (`GET /v3/domains/{id}`); `extract()` gives a Domain."""
    return GetResult.request(client, "GET", urls.resource_url(client, domain_id))


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Create a domain (`POST /v3/domains`); `extract()` gives the new Domain.

    A duplicate surfaces as `Conflict`, a member's call as `Forbidden`, a bad body as
    `BadRequest`, all from `extract()`.
    """
    try:
        body = opts.to_domain_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.list_url(client), json=body,
                                ok_codes=(201,))


def update(client: ServiceClient, domain_id: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Change a domain (`PATCH /v3/domains/{id}`); `extract()` gives it updated."""
    try:
        body = opts.to_domain_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PATCH", urls.resource_url(client, domain_id), json=body,
                                ok_codes=(200,))


def delete(client: ServiceClient, domain_id: str) -> DeleteResult:
    """Delete a domain (`DELETE /v3/domains/{id}`).

    `extract_err()` raises on failure.
    """
    return DeleteResult.request(client, "DELETE", urls.resource_url(client, domain_id),
                                ok_codes=(204,))
