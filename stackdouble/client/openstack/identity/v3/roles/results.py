"""Keystone v3 role results."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from stackdouble.client._errors import NotFound
from stackdouble.client._results import ErrResult, Result
from stackdouble.client.pagination import LinkedPage, Page

__all__ = [
    "AssignmentResult",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "ImpliedRoleResult",
    "ListImpliedRolesResult",
    "Role",
    "RoleAssignment",
    "RoleAssignmentPage",
    "RoleInference",
    "RolePage",
    "RoleRef",
    "UpdateResult",
    "extract_role_assignments",
    "extract_roles",
]

_KNOWN = frozenset({'id', 'name', 'domain_id', 'description', 'options', "links"})


@dataclass(slots=True, kw_only=True)
class Role:
    """A role as Keystone returns it; attributes Keystone does not define are in `extra`."""

    id: str
    name: str
    domain_id: str | None = None
    description: str | None = None
    options: Mapping[str, Any] | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Role:
        """A Role from Keystone's JSON."""
        return cls(
            id=raw['id'],
            name=raw['name'],
            domain_id=raw.get('domain_id'),
            description=raw.get('description'),
            options=raw.get('options'),
            extra={k: v for k, v in raw.items() if k not in _KNOWN},
        )


class GetResult(Result):
    """The result of `roles.get`; `extract()` gives the Role."""

    __slots__ = ()

    def extract(self) -> Role:
        """The Role, or raise the error the call ended with."""
        return self.extract_with(Role.from_json, key="role")


class CreateResult(GetResult):
    """The result of `roles.create`; `extract()` gives the new Role."""

    __slots__ = ()


class UpdateResult(GetResult):
    """The result of `roles.update`; `extract()` gives the updated Role."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `roles.delete`; `extract_err()` raises on failure."""

    __slots__ = ()


class RolePage(LinkedPage):
    """A page of roles; the next page is at `links.next`."""

    __slots__ = ()
    resource_key = "roles"
    link_path = ("links", "next")

    def items(self) -> list[Role]:
        """The roles on this page."""
        return extract_roles(self)


def extract_roles(page: Page) -> list[Role]:
    """The roles on one page of a listing."""
    return page.extract_list_with(Role.from_json, key="roles")


@dataclass(slots=True, kw_only=True)
class RoleRef:
    """A reference to a user, group, project, domain or role inside an assignment: its id,
    and with `include_names` its name and domain."""

    id: str
    name: str | None = None
    domain_id: str | None = None
    domain_name: str | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any] | None) -> RoleRef | None:
        """A RoleRef from `{"id", "name", "domain": {"id", "name"}}`, or None."""
        if not raw:
            return None
        domain = raw.get("domain") or {}
        return cls(id=raw["id"], name=raw.get("name"), domain_id=domain.get("id"),
                   domain_name=domain.get("name"))


@dataclass(slots=True, kw_only=True)
class RoleAssignment:
    """One role assignment of `GET /v3/role_assignments`.

    Attributes:
        role: The role (with `include_names`, its name).
        user, group: The actor (one of them is None).
        project, domain: The scope (both None for a system assignment, where `system` is
            `{"all": True}`).
        inherited_from_group: In effective listings, the group it came through.
        implied_by: In effective listings, the id of the role that implied it (from
            Keystone's `prior_role` link).
    """

    role: RoleRef
    user: RoleRef | None = None
    group: RoleRef | None = None
    project: RoleRef | None = None
    domain: RoleRef | None = None
    system: Mapping[str, Any] | None = None
    inherited_from_group: str | None = None
    implied_by: str | None = None
    links: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> RoleAssignment:
        """A RoleAssignment from Keystone's JSON."""
        scope = raw.get("scope") or {}
        links = raw.get("links") or {}
        membership = links.get("membership") or ""
        group_id = membership.rsplit("/groups/", 1)[-1].split("/", 1)[0] if membership else None
        assignment = links.get("assignment") or ""
        implied_by = None
        if links.get("prior_role") and "/roles/" in assignment:
            implied_by = assignment.rsplit("/roles/", 1)[-1]
        role = RoleRef.from_json(raw["role"])
        assert role is not None
        return cls(role=role, user=RoleRef.from_json(raw.get("user")),
                   group=RoleRef.from_json(raw.get("group")),
                   project=RoleRef.from_json(scope.get("project")),
                   domain=RoleRef.from_json(scope.get("domain")), system=scope.get("system"),
                   inherited_from_group=group_id, implied_by=implied_by, links=dict(links))


class RoleAssignmentPage(LinkedPage):
    """A page of role assignments (Keystone answers them in one page)."""

    __slots__ = ()
    resource_key = "role_assignments"
    link_path = ("links", "next")

    def items(self) -> list[RoleAssignment]:
        """The assignments on this page."""
        return extract_role_assignments(self)


def extract_role_assignments(page: Page) -> list[RoleAssignment]:
    """The role assignments on one page of `roles.list_assignments`."""
    return page.extract_list_with(RoleAssignment.from_json, key="role_assignments")


class AssignmentResult(ErrResult):
    """The result of `assign`, `unassign` and `check`: `extract_err()` raises on failure;
    `extract()` tells whether the assignment exists (404 means not), for `check`."""

    __slots__ = ()

    def extract(self) -> bool:
        """True on success, False when Keystone answered 404; other errors raise."""
        if isinstance(self.err, NotFound):
            return False
        self.raise_for_error()
        return True


@dataclass(slots=True, kw_only=True)
class RoleInference:
    """An inference rule: `prior_role` implies each of `implies`."""

    prior_role: RoleRef
    implies: list[RoleRef]

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> RoleInference:
        """From `{"prior_role": {...}, "implies": {...} or [...]}`."""
        implies = raw.get("implies") or []
        if isinstance(implies, Mapping):
            implies = [implies]
        prior = RoleRef.from_json(raw["prior_role"])
        assert prior is not None
        return cls(prior_role=prior,
                   implies=[r for r in (RoleRef.from_json(i) for i in implies) if r])


class ImpliedRoleResult(Result):
    """The result of `create_role_inference_rule`/`get_role_inference_rule`."""

    __slots__ = ()

    def extract(self) -> RoleInference:
        """The rule, or raise the error the call ended with."""
        return self.extract_with(RoleInference.from_json, key="role_inference")


class ListImpliedRolesResult(Result):
    """The result of `list_role_inference_rules`."""

    __slots__ = ()

    def extract(self) -> list[RoleInference]:
        """Every rule, or raise the error the call ended with."""
        return self.extract_list_with(RoleInference.from_json, key="role_inferences")
