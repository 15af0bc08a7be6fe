"""Keystone v3 users: list, get, create, update, delete, change a password, and list a
user's groups and projects."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.identity.v3._body import to_body
from stackdouble.client.openstack.identity.v3.groups.results import GroupPage
from stackdouble.client.openstack.identity.v3.projects.results import ProjectPage
from stackdouble.client.openstack.identity.v3.users import urls
from stackdouble.client.openstack.identity.v3.users.results import (
    ChangePasswordResult,
    CreateResult,
    DeleteResult,
    GetResult,
    UpdateResult,
    UserPage,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "ChangePasswordOpts",
    "ChangePasswordOptsBuilder",
    "CreateOpts",
    "CreateOptsBuilder",
    "ListOpts",
    "ListOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "change_password",
    "create",
    "delete",
    "get",
    "list",
    "list_groups",
    "list_projects",
    "update",
]


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `users.list`."""

    def to_user_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Filters and paging for `list`; None fields are not sent.

    `limit` and `marker` page on Keystone 27 (2025.1) and later; older Keystones
    answer in one page.
    """

    domain_id: str | None = field(default=None, metadata={"q": "domain_id"})
    name: str | None = field(default=None, metadata={"q": "name"})
    enabled: bool | None = field(default=None, metadata={"q": "enabled"})
    limit: int | None = field(default=None, metadata={"q": "limit"})
    marker: str | None = field(default=None, metadata={"q": "marker"})

    def to_user_list_query(self) -> str:
        """The query string, with a leading `?` when not empty."""
        return build_query(self)


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `users.create`."""

    def to_user_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """What `create` sends; None fields are left out, and `extra` adds attributes that
    Keystone keeps and returns as given."""

    name: str
    domain_id: str | None = None
    password: str | None = field(default=None, repr=False)
    default_project_id: str | None = None
    description: str | None = None
    email: str | None = None
    enabled: bool | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def to_user_create_map(self) -> dict[str, Any]:
        """The request body: `{"user": {...}}`, None fields left out."""
        return to_body(self, "user")


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `users.update`."""

    def to_user_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """What `update` sends; only the fields set are changed."""

    name: str | None = None
    password: str | None = field(default=None, repr=False)
    default_project_id: str | None = None
    description: str | None = None
    email: str | None = None
    enabled: bool | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def to_user_update_map(self) -> dict[str, Any]:
        """The request body: `{"user": {...}}`, None fields left out."""
        return to_body(self, "user")


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[UserPage]:
    """List users (`GET /v3/users`), following `links.next`.

    Args:
        client: A Keystone v3 client (`openstack.new_identity_v3`).
        opts: Filters; None lists them all.

    Returns:
        A Pager; nothing is sent until it is iterated, and errors (a member's `Forbidden`
        under Keystone's default policy, a bad option) surface there.
    """
    try:
        query = opts.to_user_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, UserPage)
    return Pager(client, urls.list_url(client) + query, UserPage)


def get(client: ServiceClient, user_id: str) -> GetResult:
    """Get one user (`GET /v3/users/{id}`); `extract()` gives a User."""
    return GetResult.request(client, "GET", urls.resource_url(client, user_id))


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Create a user (`POST /v3/users`); `extract()` gives the new User.

    A duplicate surfaces as `Conflict`, a member's call as `Forbidden`, a bad body as
    `BadRequest`, all from `extract()`.
    """
    try:
        body = opts.to_user_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.list_url(client), json=body,
                                ok_codes=(201,))


def update(client: ServiceClient, user_id: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Change a user (`PATCH /v3/users/{id}`); `extract()` gives it updated."""
    try:
        body = opts.to_user_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PATCH", urls.resource_url(client, user_id), json=body,
                                ok_codes=(200,))


def delete(client: ServiceClient, user_id: str) -> DeleteResult:
    """Delete a user (`DELETE /v3/users/{id}`).

    `extract_err()` raises on failure.
    """
    return DeleteResult.request(client, "DELETE", urls.resource_url(client, user_id),
                                ok_codes=(204,))


class ChangePasswordOptsBuilder(Protocol):
    """Anything that renders the body of `users.change_password`."""

    def to_user_change_password_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangePasswordOpts:
    """A user's own password change; neither password appears in a repr."""

    original_password: str = field(repr=False)
    password: str = field(repr=False)

    def to_user_change_password_map(self) -> dict[str, Any]:
        """`{"user": {"original_password", "password"}}`."""
        return {"user": {"original_password": self.original_password,
                         "password": self.password}}


def change_password(client: ServiceClient, user_id: str,
                    opts: ChangePasswordOptsBuilder) -> ChangePasswordResult:
    """Change a user's own password (`POST /v3/users/{id}/password`).

    Keystone checks the original password (a wrong one is `Unauthorized`) and revokes every
    token of the user, this client's included: later calls reauthenticate if the provider
    can, with the credentials it was given.
    """
    try:
        body = opts.to_user_change_password_map()
    except StackdoubleError as exc:
        return ChangePasswordResult.from_error(exc)
    return ChangePasswordResult.request(client, "POST", urls.change_password_url(client, user_id),
                                        json=body, ok_codes=(204,))


def list_groups(client: ServiceClient, user_id: str) -> Pager[GroupPage]:
    """The groups a user belongs to (`GET /v3/users/{id}/groups`)."""
    return Pager(client, urls.groups_url(client, user_id), GroupPage)


def list_projects(client: ServiceClient, user_id: str) -> Pager[ProjectPage]:
    """The projects a user has a role on (`GET /v3/users/{id}/projects`)."""
    return Pager(client, urls.projects_url(client, user_id), ProjectPage)
