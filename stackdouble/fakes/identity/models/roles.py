"""Keystone's roles, implied roles and role assignments (the fake of `identity/v3/roles/`).

Roles are expanded through implied roles; assignments are listed as Keystone's assignment
manager lists them (`keystone/assignment/core.py`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from stackdouble.fakes.identity.errors import (
    Conflict,
    Forbidden,
    NotFound,
)
from stackdouble.fakes.identity.models._common import (
    Assignment,
    _ModelBase,
)
from stackdouble.fakes.locking import locked

if TYPE_CHECKING:
    from stackdouble.fakes.identity.models.domains import Domain
    from stackdouble.fakes.identity.models.groups import Group
    from stackdouble.fakes.identity.models.projects import Project
    from stackdouble.fakes.identity.models.users import User


__all__ = ["Role", "RolesMixin"]

@dataclass(slots=True, kw_only=True)
class Role:
    """A role; `domain_id` is set only for domain-specific roles."""

    id: str
    name: str
    domain_id: str | None = None
    description: str | None = None
    immutable: bool = False


def _assignment_ref(actor_kind: str, actor: str, kind: str, target: str,
                    role: str) -> dict[str, Any]:
    ref: dict[str, Any] = {f"{actor_kind}_id": actor}
    if kind == "system":
        ref["system"] = {"all": True}
    else:
        ref[f"{kind}_id"] = target
    ref["role_id"] = role
    return ref


class RolesMixin(_ModelBase):
    """`IdentityModel`'s roles, inference rules and role assignments."""

    def find_role(self, ref: str | Role) -> Role:
        """A role by id or name.

        Raises:
            LookupError: No such role.
        """
        return self._find(self.roles, Role, "role", ref)

    @locked
    def create_role(self, name: str, *, domain_id: str | None = None,
                    description: str | None = None, immutable: bool = False) -> Role:
        """Add a role (global, or specific to a domain).

        Raises:
            Conflict: A role of that name exists in the same domain, or globally (also a
                ValueError).
        """
        if any(r.name == name and r.domain_id == domain_id for r in self.roles.values()):
            raise Conflict("role", f"Duplicate entry found with name {name}")
        self._stamp += 1
        role = Role(id=self._ids.hex32(), name=name, domain_id=domain_id,
                    description=description, immutable=immutable)
        self.roles[role.id] = role
        return role

    @locked
    def add_implied_role(self, prior: str | Role, implied: str | Role) -> None:
        """Make role `prior` imply role `implied` (tokens then list both)."""
        self._stamp += 1
        prior_id, implied_id = self.find_role(prior).id, self.find_role(implied).id
        implied_list = self.implied_roles.setdefault(prior_id, [])
        if implied_id not in implied_list:
            implied_list.append(implied_id)

    @locked
    def grant_role(
        self,
        role: str | Role,
        user: str | User | None = None,
        project: str | Project | None = None,
        domain: str | Domain | None = None,
        *,
        system: bool = False,
        group: str | Group | None = None,
    ) -> None:
        """Give `user` (or `group`) role `role` on a project, a domain, or the system.

        Granting twice is harmless, as in Keystone.

        Raises:
            ValueError: Not exactly one actor, or not exactly one target, was given.
            LookupError: An unknown role, user, group, project or domain.
        """
        entry = self._assignment(role, user, group, project, domain, system)
        self._stamp += 1
        if entry not in self.assignments:
            self.assignments[entry] = None
            self._assignments_by_actor.setdefault(entry[1], []).append(entry)

    @locked
    def revoke_role(
        self,
        role: str | Role,
        user: str | User | None = None,
        project: str | Project | None = None,
        domain: str | Domain | None = None,
        *,
        system: bool = False,
        group: str | Group | None = None,
    ) -> bool:
        """Take a role assignment away; returns whether there was one.

        Tokens lose the role at their next validation.
        """
        entry = self._assignment(role, user, group, project, domain, system)
        return self._drop_assignment(entry)

    def _drop_assignment(self, entry: Assignment) -> bool:
        self._stamp += 1
        if entry not in self.assignments:
            return False
        del self.assignments[entry]
        mine = self._assignments_by_actor.get(entry[1], [])
        mine.remove(entry)
        if not mine:
            self._assignments_by_actor.pop(entry[1], None)
        return True

    def _assignment(self, role: str | Role, user: str | User | None,
                    group: str | Group | None, project: str | Project | None,
                    domain: str | Domain | None, system: bool) -> Assignment:
        if (user is None) == (group is None):
            raise ValueError("give exactly one of user or group")
        target = self._target(project, domain, system)
        if user is not None:
            actor = ("user", self.find_user(user).id)
        else:
            assert group is not None
            actor = ("group", self.find_group(group).id)
        return (actor[0], actor[1], target[0], target[1], self.find_role(role).id)

    def _target(self, project: str | Project | None, domain: str | Domain | None,
                system: bool) -> tuple[str, str]:
        if sum((project is not None, domain is not None, bool(system))) != 1:
            raise ValueError("give exactly one of project, domain or system=True")
        if project is not None:
            return ("project", self.find_project(project).id)
        if domain is not None:
            return ("domain", self.find_domain(domain).id)
        return ("system", "all")

    def direct_role_ids(self, user_id: str, kind: str, target_id: str) -> list[str]:
        """The roles assigned to a user (or group) on a target, in assignment order."""
        return [r for (_, _, k, t, r) in self._assignments_by_actor.get(user_id, ())
                if k == kind and t == target_id]

    def user_role_ids(self, user_id: str, kind: str, target_id: str) -> list[str]:
        """The roles a user holds on a target directly or through its groups."""
        out = self.direct_role_ids(user_id, kind, target_id)
        for group_id in sorted(self.user_groups.get(user_id, ())):
            for role_id in self.direct_role_ids(group_id, kind, target_id):
                if role_id not in out:
                    out.append(role_id)
        return out

    def expand_implied(self, role_ids: Iterable[str]) -> list[str]:
        """Roles plus every role they imply, breadth first, without repeats."""
        out: list[str] = []
        queue = list(role_ids)
        while queue:
            role_id = queue.pop(0)
            if role_id in out or role_id not in self.roles:
                continue
            out.append(role_id)
            queue.extend(self.implied_roles.get(role_id, ()))
        return out

    def effective_role_ids(self, user_id: str, kind: str, target_id: str) -> list[str]:
        """Roles on a target (the user's and its groups') plus the roles they imply."""
        return self.expand_implied(self.user_role_ids(user_id, kind, target_id))

    def get_role(self, role_id: str) -> Role:
        """A role by id. Raises: NotFound "Could not find role: <id>."."""
        return cast(Role, self._get(self.roles, "role", role_id))

    @locked
    def update_role(self, role_id: str, *, name: str | None = None,
                    description: str | object | None = ...) -> Role:
        """Rename or describe a role.

        Raises:
            NotFound: No such role.
            Conflict: Another role (in the same domain, or global) has that name.
        """
        role = self.get_role(role_id)
        if role.immutable:
            raise Forbidden(f"Unable to update immutable role resource: `{role_id}. Set "
                            'resource option "immutable" to false first.')
        if name is not None and name != role.name:
            if any(r.name == name and r.domain_id == role.domain_id and r.id != role.id
                   for r in self.roles.values()):
                raise Conflict("role", f"Duplicate entry found with name {name}")
            role.name = name
        if description is not ...:
            role.description = cast("str | None", description)
        self._stamp += 1
        return role

    @locked
    def delete_role(self, role_id: str) -> None:
        """Delete a role with its assignments, inference rules and the application
        credentials that hold it.

        Raises:
            NotFound: No such role.
            Forbidden: The role is immutable (bootstrap's roles are).
        """
        if self.get_role(role_id).immutable:
            raise Forbidden(f"Unable to delete immutable role resource: `{role_id}. Set "
                            'resource option "immutable" to false first.')
        self._remove_role(role_id)

    def _remove_role(self, role_id: str) -> None:
        del self.roles[role_id]
        for entry in [a for a in self.assignments if a[4] == role_id]:
            self._drop_assignment(entry)
        self.implied_roles.pop(role_id, None)
        for implied in self.implied_roles.values():
            if role_id in implied:
                implied.remove(role_id)
        for cred in [c for c in self.application_credentials.values() if role_id in c.role_ids]:
            del self.application_credentials[cred.id]
        self._stamp += 1

    @locked
    def remove_implied_role(self, prior_id: str, implied_id: str) -> None:
        """Drop an inference rule.

        Raises:
            NotFound: "<prior> does not imply <implied>."
        """
        implied = self.implied_roles.get(prior_id, [])
        if implied_id not in implied:
            raise NotFound(f"{prior_id} does not imply {implied_id}.")
        implied.remove(implied_id)
        if not implied:
            del self.implied_roles[prior_id]
        self._stamp += 1

    def role_assignments(
        self,
        *,
        user_id: str | None = None,
        group_id: str | None = None,
        role_id: str | None = None,
        project_id: str | None = None,
        domain_id: str | None = None,
        system: bool = False,
        effective: bool = False,
        subtree: bool = False,
    ) -> list[dict[str, Any]]:
        """Role assignments as Keystone's assignment manager lists them.

        Each is a dict with `user_id` or `group_id`, `project_id`/`domain_id`/`system`,
        `role_id`, and in effective mode an `indirect` dict naming the group or prior role
        it came through. Effective mode expands groups into their members and implied roles
        (and leaves system assignments out), then filters by role, as Keystone does.
        """
        project_ids: set[str] | None = None
        if project_id is not None:
            project_ids = {project_id}
            if subtree:
                project_ids |= self._subtree(project_id)

        def scope_ok(kind: str, target: str) -> bool:
            if project_ids is not None:
                return kind == "project" and target in project_ids
            if domain_id is not None:
                return kind == "domain" and target == domain_id
            if system:
                return kind == "system"
            return True

        if not effective:
            out = []
            # Keystone's SQL answers in primary-key order: (type, actor, target, role), type
            # being GroupDomain < GroupProject < UserDomain < UserProject; system last.
            for (actor_kind, actor, kind, target, role) in sorted(
                    self.assignments, key=lambda a: (a[2] == "system", a[0].capitalize()
                                                     + a[2].capitalize(), a[1], a[3], a[4])):
                if user_id is not None and (actor_kind, actor) != ("user", user_id):
                    continue
                if group_id is not None and (actor_kind, actor) != ("group", group_id):
                    continue
                if role_id is not None and role != role_id:
                    continue
                if scope_ok(kind, target):
                    out.append(_assignment_ref(actor_kind, actor, kind, target, role))
            return out
        if group_id is not None:
            return []
        refs: list[dict[str, Any]] = []
        for (actor_kind, actor, kind, target, role) in self.assignments:
            if kind == "system" or not scope_ok(kind, target):
                continue
            if actor_kind == "user":
                if user_id is None or actor == user_id:
                    refs.append(_assignment_ref("user", actor, kind, target, role))
                continue
            for member in sorted(self.group_members.get(actor, ())):
                if user_id is None or member == user_id:
                    ref = _assignment_ref("user", member, kind, target, role)
                    ref["indirect"] = {"group_id": actor}
                    refs.append(ref)
        refs = self._add_implied(refs)
        refs = [r for r in refs if self.roles.get(r["role_id"]) is not None
                and self.roles[r["role_id"]].domain_id is None]
        if role_id is not None:
            refs = [r for r in refs if r["role_id"] == role_id]
        return refs

    def _add_implied(self, refs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Keystone's `add_implied_roles`: one more ref per implied role, its prior role in
        `indirect.role_id`."""
        results = list(refs)
        to_check = list(refs)
        checked: list[dict[str, Any]] = []
        while to_check:
            ref = to_check.pop()
            checked.append(ref)
            for implied in self.implied_roles.get(ref["role_id"], ()):
                copy = {**ref, "role_id": implied,
                        "indirect": {**ref.get("indirect", {}), "role_id": ref["role_id"]}}
                if copy in checked:
                    continue
                results.append(copy)
                to_check.append(copy)
        return results

