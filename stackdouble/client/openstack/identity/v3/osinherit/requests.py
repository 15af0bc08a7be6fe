"""Keystone v3 OS-INHERIT: assign, validate and unassign a role that a user or a group
inherits on every project of a domain, or on every project below a project; list a domain's
inherited roles."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.identity.v3.osinherit import urls
from stackdouble.client.openstack.identity.v3.osinherit.results import (
    AssignmentResult,
    UnassignmentResult,
    ValidateResult,
)
from stackdouble.client.openstack.identity.v3.roles.results import RolePage
from stackdouble.client.pagination import Pager

__all__ = [
    "AssignOpts",
    "UnassignOpts",
    "ValidateOpts",
    "assign",
    "list_roles",
    "unassign",
    "validate",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class AssignOpts:
    """Who inherits the role, and from where: exactly one of `user_id`/`group_id`, and
    exactly one of `domain_id` (every project of the domain) or `project_id` (every
    project below it, not the project itself)."""

    user_id: str | None = None
    group_id: str | None = None
    domain_id: str | None = None
    project_id: str | None = None

    def to_inherit_path(self) -> tuple[str, ...]:
        """The URL segments between `OS-INHERIT` and `/roles`.

        Raises:
            InvalidInput: Not exactly one actor, or not exactly one target.
        """
        if (self.user_id is None) == (self.group_id is None):
            raise InvalidInput("set exactly one of user_id or group_id", "user_id")
        if (self.domain_id is None) == (self.project_id is None):
            raise InvalidInput("set exactly one of domain_id or project_id", "domain_id")
        actor = (("users", quote(self.user_id, safe="")) if self.user_id is not None
                 else ("groups", quote(self.group_id or "", safe="")))
        if self.domain_id is not None:
            return ("domains", quote(self.domain_id, safe=""), *actor)
        return ("projects", quote(self.project_id or "", safe=""), *actor)


#: gophercloud's names for the same options in `validate` and `unassign`.
ValidateOpts = AssignOpts
UnassignOpts = AssignOpts


def assign(client: ServiceClient, role_id: str, opts: AssignOpts) -> AssignmentResult:
    """Grant an inherited role (`PUT /v3/OS-INHERIT/.../roles/{r}/inherited_to_projects`).

    Granting twice is harmless. `extract_err()` raises on failure: a caller the policy
    refuses gets `Forbidden` (even for a missing role), the admin `NotFound` for an unknown
    role, domain or project; Keystone does not look the user or group up. Bad options
    surface as `InvalidInput` there too.
    """
    try:
        parts = opts.to_inherit_path()
    except StackdoubleError as exc:
        return AssignmentResult.from_error(exc)
    return AssignmentResult.request(client, "PUT", urls.assignment_url(client, parts, role_id),
                                    ok_codes=(204,))


def validate(client: ServiceClient, role_id: str, opts: AssignOpts) -> ValidateResult:
    """Whether an inherited role is granted (`HEAD .../inherited_to_projects`): `extract()`
    is a bool."""
    try:
        parts = opts.to_inherit_path()
    except StackdoubleError as exc:
        return ValidateResult.from_error(exc)
    return ValidateResult.request(client, "HEAD", urls.assignment_url(client, parts, role_id),
                                  ok_codes=(204,))


def unassign(client: ServiceClient, role_id: str, opts: AssignOpts) -> UnassignmentResult:
    """Revoke an inherited role (`DELETE .../inherited_to_projects`); a missing assignment
    surfaces as `NotFound` from `extract_err()`. Tokens scoped to the projects it reached
    lose the role at once."""
    try:
        parts = opts.to_inherit_path()
    except StackdoubleError as exc:
        return UnassignmentResult.from_error(exc)
    return UnassignmentResult.request(client, "DELETE",
                                      urls.assignment_url(client, parts, role_id),
                                      ok_codes=(204,))


def list_roles(client: ServiceClient, opts: AssignOpts) -> Pager[RolePage]:
    """The roles a user or group inherits from a domain
    (`GET /v3/OS-INHERIT/domains/{d}/{users|groups}/{id}/roles/inherited_to_projects`).

    Keystone has no such listing for a project: `opts` must name a domain, or the first
    page's error is `InvalidInput`. Nothing is sent until the Pager is iterated.
    """
    try:
        parts = opts.to_inherit_path()
        if opts.domain_id is None:
            raise InvalidInput("Keystone lists inherited roles on a domain only",
                               "project_id")
    except StackdoubleError as exc:
        return Pager.failed(exc, RolePage)
    return Pager(client, urls.list_url(client, parts), RolePage)
