"""Keystone v3 roles: list, get, create, update, delete; assign, unassign and check them on
a project, a domain or the system for a user or a group; list role assignments; and role
inference rules (implied roles)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import quote

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.identity.v3._body import to_body
from stackdouble.client.openstack.identity.v3.roles import urls
from stackdouble.client.openstack.identity.v3.roles.results import (
    AssignmentResult,
    CreateResult,
    DeleteResult,
    GetResult,
    ImpliedRoleResult,
    ListImpliedRolesResult,
    RoleAssignmentPage,
    RolePage,
    UpdateResult,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "AssignOpts",
    "CreateOpts",
    "CreateOptsBuilder",
    "ListAssignmentsOpts",
    "ListAssignmentsOptsBuilder",
    "ListOpts",
    "ListOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "assign",
    "check",
    "create",
    "create_role_inference_rule",
    "delete",
    "delete_role_inference_rule",
    "get",
    "get_role_inference_rule",
    "list",
    "list_assignments",
    "list_assignments_on_resource",
    "list_role_inference_rules",
    "unassign",
    "update",
    "validate",
]


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `roles.list`."""

    def to_role_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Filters for `list`; None fields are not sent.
    """

    name: str | None = field(default=None, metadata={"q": "name"})
    domain_id: str | None = field(default=None, metadata={"q": "domain_id"})

    def to_role_list_query(self) -> str:
        """The query string, with a leading `?` when not empty."""
        return build_query(self)


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `roles.create`."""

    def to_role_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """What `create` sends; None fields are left out, and `extra` adds attributes that
    Keystone keeps and returns as given."""

    name: str
    domain_id: str | None = None
    description: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def to_role_create_map(self) -> dict[str, Any]:
        """The request body: `{"role": {...}}`, None fields left out."""
        return to_body(self, "role")


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `roles.update`."""

    def to_role_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """What `update` sends; only the fields set are changed."""

    name: str | None = None
    description: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def to_role_update_map(self) -> dict[str, Any]:
        """The request body: `{"role": {...}}`, None fields left out."""
        return to_body(self, "role")


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[RolePage]:
    """List roles (`GET /v3/roles`), following `links.next`.

    Args:
        client: A Keystone v3 client (`openstack.new_identity_v3`).
        opts: Filters; None lists them all.

    Returns:
        A Pager; nothing is sent until it is iterated, and errors (a member's `Forbidden`
        under Keystone's default policy, a bad option) surface there.
    """
    try:
        query = opts.to_role_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, RolePage)
    return Pager(client, urls.list_url(client) + query, RolePage)


def get(client: ServiceClient, role_id: str) -> GetResult:
    """Get one role (`GET /v3/roles/{id}`); `extract()` gives a Role."""
    return GetResult.request(client, "GET", urls.resource_url(client, role_id))


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Create a role (`POST /v3/roles`); `extract()` gives the new Role.

    A duplicate surfaces as `Conflict`, a member's call as `Forbidden`, a bad body as
    `BadRequest`, all from `extract()`.
    """
    try:
        body = opts.to_role_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.list_url(client), json=body,
                                ok_codes=(201,))


def update(client: ServiceClient, role_id: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Change a role (`PATCH /v3/roles/{id}`); `extract()` gives it updated."""
    try:
        body = opts.to_role_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PATCH", urls.resource_url(client, role_id), json=body,
                                ok_codes=(200,))


def delete(client: ServiceClient, role_id: str) -> DeleteResult:
    """Delete a role (`DELETE /v3/roles/{id}`).

    `extract_err()` raises on failure.
    """
    return DeleteResult.request(client, "DELETE", urls.resource_url(client, role_id),
                                ok_codes=(204,))


@dataclass(frozen=True, slots=True, kw_only=True)
class AssignOpts:
    """Who gets (or loses) a role, and where: exactly one of `user_id`/`group_id`, and
    exactly one of `project_id`, `domain_id` or `system=True`."""

    user_id: str | None = None
    group_id: str | None = None
    project_id: str | None = None
    domain_id: str | None = None
    system: bool = False

    def to_assignment_path(self) -> tuple[str, ...]:
        """The URL segments before `/roles/{id}`.

        Raises:
            InvalidInput: Not exactly one actor, or not exactly one target.
        """
        if (self.user_id is None) == (self.group_id is None):
            raise InvalidInput("set exactly one of user_id or group_id", "user_id")
        targets = [t for t in (self.project_id, self.domain_id) if t is not None]
        if len(targets) + int(self.system) != 1:
            raise InvalidInput("set exactly one of project_id, domain_id or system=True",
                               "project_id")
        actor = (("users", quote(self.user_id, safe="")) if self.user_id is not None
                 else ("groups", quote(self.group_id or "", safe="")))
        if self.system:
            return ("system", *actor)
        if self.project_id is not None:
            return ("projects", quote(self.project_id, safe=""), *actor)
        return ("domains", quote(self.domain_id or "", safe=""), *actor)


def _assignment(client: ServiceClient, method: str, role_id: str,
                opts: AssignOpts) -> AssignmentResult:
    try:
        parts = opts.to_assignment_path()
    except StackdoubleError as exc:
        return AssignmentResult.from_error(exc)
    url = client.service_url(*parts, "roles", quote(role_id, safe=""))
    return AssignmentResult.request(client, method, url, ok_codes=(204,))


def assign(client: ServiceClient, role_id: str, opts: AssignOpts) -> AssignmentResult:
    """Grant a role (`PUT /v3/projects/{p}/users/{u}/roles/{r}` and its siblings).

    Granting twice is harmless. `extract_err()` raises on failure (a member's `Forbidden`,
    an unknown role, user or target's `NotFound`, bad options' `InvalidInput`).
    """
    return _assignment(client, "PUT", role_id, opts)


def unassign(client: ServiceClient, role_id: str, opts: AssignOpts) -> AssignmentResult:
    """Revoke a role (`DELETE .../roles/{r}`); a missing assignment surfaces as `NotFound`."""
    return _assignment(client, "DELETE", role_id, opts)


def check(client: ServiceClient, role_id: str, opts: AssignOpts) -> AssignmentResult:
    """Whether the role is assigned (`HEAD .../roles/{r}`): `extract()` is a bool."""
    return _assignment(client, "HEAD", role_id, opts)


#: gophercloud's name for `check`.
validate = check


class ListAssignmentsOptsBuilder(Protocol):
    """Anything that renders the query of `roles.list_assignments`."""

    def to_role_assignment_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListAssignmentsOpts:
    """Filters of `GET /v3/role_assignments`; None fields are not sent.

    `effective` expands group assignments into their members and adds implied roles
    (Keystone then shows where each came from in the assignment's links); `include_names`
    adds names to users, groups, projects, domains and roles.
    """

    group_id: str | None = field(default=None, metadata={"q": "group.id"})
    role_id: str | None = field(default=None, metadata={"q": "role.id"})
    scope_domain_id: str | None = field(default=None, metadata={"q": "scope.domain.id"})
    scope_project_id: str | None = field(default=None, metadata={"q": "scope.project.id"})
    scope_system: str | None = field(default=None, metadata={"q": "scope.system"})
    user_id: str | None = field(default=None, metadata={"q": "user.id"})
    effective: bool | None = field(default=None, metadata={"q": "effective"})
    include_names: bool | None = field(default=None, metadata={"q": "include_names"})
    include_subtree: bool | None = field(default=None, metadata={"q": "include_subtree"})

    def to_role_assignment_list_query(self) -> str:
        """The query string, with a leading `?` when not empty."""
        return build_query(self)


def list_assignments(client: ServiceClient, opts: ListAssignmentsOptsBuilder | None = None
                     ) -> Pager[RoleAssignmentPage]:
    """List role assignments (`GET /v3/role_assignments`); an admin's or reader's call."""
    try:
        query = opts.to_role_assignment_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, RoleAssignmentPage)
    return Pager(client, urls.assignments_url(client) + query, RoleAssignmentPage)


def list_assignments_on_resource(client: ServiceClient, opts: AssignOpts) -> Pager[RolePage]:
    """The roles an actor holds directly on a target (`GET /v3/projects/{p}/users/{u}/roles`
    and its siblings)."""
    try:
        parts = opts.to_assignment_path()
    except StackdoubleError as exc:
        return Pager.failed(exc, RolePage)
    return Pager(client, client.service_url(*parts, "roles"), RolePage)


def create_role_inference_rule(client: ServiceClient, prior_role_id: str,
                               implied_role_id: str) -> ImpliedRoleResult:
    """Make one role imply another (`PUT /v3/roles/{prior}/implies/{implied}`).

    Keystone refuses `admin` as an implied role (`Forbidden`) and a repeat (`Conflict`).
    """
    return ImpliedRoleResult.request(
        client, "PUT", urls.implied_url(client, prior_role_id, implied_role_id),
        ok_codes=(201,))


def get_role_inference_rule(client: ServiceClient, prior_role_id: str,
                            implied_role_id: str) -> ImpliedRoleResult:
    """One inference rule (`GET /v3/roles/{prior}/implies/{implied}`)."""
    return ImpliedRoleResult.request(
        client, "GET", urls.implied_url(client, prior_role_id, implied_role_id))


def delete_role_inference_rule(client: ServiceClient, prior_role_id: str,
                               implied_role_id: str) -> DeleteResult:
    """Drop an inference rule (`DELETE /v3/roles/{prior}/implies/{implied}`)."""
    return DeleteResult.request(
        client, "DELETE", urls.implied_url(client, prior_role_id, implied_role_id),
        ok_codes=(204,))


def list_role_inference_rules(client: ServiceClient) -> ListImpliedRolesResult:
    """Every inference rule (`GET /v3/role_inferences`)."""
    return ListImpliedRolesResult.request(client, "GET", urls.inferences_url(client))
