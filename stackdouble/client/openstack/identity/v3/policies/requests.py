"""Keystone v3 policies: list, create, get, update, delete (`/v3/policies`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.identity.v3._body import to_body
from stackdouble.client.openstack.identity.v3.policies import urls
from stackdouble.client.openstack.identity.v3.policies.results import (
    CreateResult,
    DeleteResult,
    GetResult,
    PolicyPage,
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
    """Anything that renders the query of `policies.list`."""

    def to_policy_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Filters for `list`; None fields are not sent.

    Attributes:
        type: Only the policies of exactly this type.
        filters: More `attribute=value` filters, sent as they are (Keystone matches extra
            attributes too).
    """

    type: str | None = field(default=None, metadata={"q": "type"})
    filters: dict[str, str] = field(default_factory=dict)

    def to_policy_list_query(self) -> str:
        """The query string, with a leading `?` when not empty."""
        query = build_query(self)
        if not self.filters:
            return query
        from urllib.parse import urlencode

        more = urlencode(sorted(self.filters.items()))
        return f"{query}&{more}" if query else f"?{more}"


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `policies.create`."""

    def to_policy_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """A new policy: Keystone requires both `type` and `blob`.

    Attributes:
        type: The blob's MIME type (`application/json` by convention).
        blob: The document as a string (left out of the repr).
        extra: More attributes, stored and given back as they are.
    """

    type: str
    blob: str = field(repr=False)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_policy_create_map(self) -> dict[str, Any]:
        """The request body: `{"policy": {...}}`."""
        return to_body(self, "policy")


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `policies.update`."""

    def to_policy_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """What `update` changes; None fields are not sent, and Keystone refuses an empty
    update (400)."""

    type: str | None = None
    blob: str | None = field(default=None, repr=False)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_policy_update_map(self) -> dict[str, Any]:
        """The request body: `{"policy": {...}}`, None fields left out."""
        return to_body(self, "policy")


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[PolicyPage]:
    """List policies (`GET /v3/policies`; admin or system reader).

    Returns:
        A Pager; nothing is sent until it is iterated. A member's token surfaces as
        `Forbidden` from the first page.
    """
    try:
        query = opts.to_policy_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, PolicyPage)
    return Pager(client, urls.list_url(client) + query, PolicyPage)


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Create a policy (`POST /v3/policies`; admin); `extract()` gives it.

    A body without `type` or `blob` surfaces as `BadRequest`, a member's token as
    `Forbidden`, both from `extract()`.
    """
    try:
        body = opts.to_policy_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.list_url(client), json=body,
                                ok_codes=(201,))


def get(client: ServiceClient, policy_id: str) -> GetResult:
    """Get one policy; a missing one surfaces as `NotFound` from `extract()`."""
    return GetResult.request(client, "GET", urls.resource_url(client, policy_id))


def update(client: ServiceClient, policy_id: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Change a policy's type, blob or extra attributes (`PATCH /v3/policies/{id}`)."""
    try:
        body = opts.to_policy_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PATCH", urls.resource_url(client, policy_id),
                                json=body, ok_codes=(200,))


def delete(client: ServiceClient, policy_id: str) -> DeleteResult:
    """Delete a policy; `extract_err()` raises on failure."""
    return DeleteResult.request(client, "DELETE", urls.resource_url(client, policy_id),
                                ok_codes=(204,))
