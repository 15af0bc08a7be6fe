"""Keystone v3 groups: list, get, create, update, delete, and their members."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.identity.v3._body import to_body
from stackdouble.client.openstack.identity.v3.groups import urls
from stackdouble.client.openstack.identity.v3.groups.results import (
    CreateResult,
    DeleteResult,
    GetResult,
    GroupPage,
    MembershipResult,
    UpdateResult,
)
from stackdouble.client.openstack.identity.v3.users.results import UserPage
from stackdouble.client.pagination import Pager

__all__ = [
    "CreateOpts",
    "CreateOptsBuilder",
    "ListOpts",
    "ListOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "add_user",
    "check_user",
    "create",
    "delete",
    "get",
    "list",
    "list_users",
    "remove_user",
    "update",
]


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `groups.list`."""

    def to_group_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Filters and paging for `list`; None fields are not sent.

    `limit` and `marker` page on Keystone 27 (2025.1) and later; older Keystones
    answer in one page.
    """

    domain_id: str | None = field(default=None, metadata={"q": "domain_id"})
    name: str | None = field(default=None, metadata={"q": "name"})
    limit: int | None = field(default=None, metadata={"q": "limit"})
    marker: str | None = field(default=None, metadata={"q": "marker"})

    def to_group_list_query(self) -> str:
        """The query string, with a leading `?` when not empty."""
        return build_query(self)


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `groups.create`."""

    def to_group_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """What `create` sends; None fields are left out, and `extra` adds attributes that
    Keystone keeps and returns as given."""

    name: str
    domain_id: str | None = None
    description: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def to_group_create_map(self) -> dict[str, Any]:
        """The request body: `{"group": {...}}`, None fields left out."""
        return to_body(self, "group")


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `groups.update`."""

    def to_group_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """What `update` sends; only the fields set are changed."""

    name: str | None = None
    description: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def to_group_update_map(self) -> dict[str, Any]:
        """The request body: `{"group": {...}}`, None fields left out."""
        return to_body(self, "group")


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[GroupPage]:
    """List groups (`GET /v3/groups`), following `links.next`.

    Args:
        client: A Keystone v3 client (`openstack.new_identity_v3`).
        opts: Filters; None lists them all.

    Returns:
        A Pager; nothing is sent until it is iterated, and errors (a member's `Forbidden`
        under Keystone's default policy, a bad option) surface there.
    """
    try:
        query = opts.to_group_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, GroupPage)
    return Pager(client, urls.list_url(client) + query, GroupPage)


def get(client: ServiceClient, group_id: str) -> GetResult:
    """Get one group (`GET /v3/groups/{id}`); `extract()` gives a Group."""
    return GetResult.request(client, "GET", urls.resource_url(client, group_id))


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Create a group (`POST /v3/groups`); `extract()` gives the new Group.

    A duplicate surfaces as `Conflict`, a member's call as `Forbidden`, a bad body as
    `BadRequest`, all from `extract()`.
    """
    try:
        body = opts.to_group_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.list_url(client), json=body,
                                ok_codes=(201,))


def update(client: ServiceClient, group_id: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Change a group (`PATCH /v3/groups/{id}`); `extract()` gives it updated."""
    try:
        body = opts.to_group_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PATCH", urls.resource_url(client, group_id), json=body,
                                ok_codes=(200,))


def delete(client: ServiceClient, group_id: str) -> DeleteResult:
    """Delete a group (`DELETE /v3/groups/{id}`).

    `extract_err()` raises on failure.
    """
    return DeleteResult.request(client, "DELETE", urls.resource_url(client, group_id),
                                ok_codes=(204,))


def list_users(client: ServiceClient, group_id: str) -> Pager[UserPage]:
    """The members of a group (`GET /v3/groups/{id}/users`)."""
    return Pager(client, urls.users_url(client, group_id), UserPage)


def add_user(client: ServiceClient, group_id: str, user_id: str) -> MembershipResult:
    """Add a user to a group (`PUT /v3/groups/{g}/users/{u}`); adding twice is harmless."""
    return MembershipResult.request(client, "PUT", urls.member_url(client, group_id, user_id),
                                    ok_codes=(204,))


def remove_user(client: ServiceClient, group_id: str, user_id: str) -> MembershipResult:
    """Take a user out of a group (`DELETE /v3/groups/{g}/users/{u}`); a user who is not a
    member surfaces as `NotFound`."""
    return MembershipResult.request(client, "DELETE", urls.member_url(client, group_id, user_id),
                                    ok_codes=(204,))


def check_user(client: ServiceClient, group_id: str, user_id: str) -> MembershipResult:
    """Whether a user is in a group (`HEAD /v3/groups/{g}/users/{u}`): `extract()` is a bool."""
    return MembershipResult.request(client, "HEAD", urls.member_url(client, group_id, user_id),
                                    ok_codes=(204,))
