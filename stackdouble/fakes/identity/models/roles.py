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
from stackdouble.fakes.identity.models.inherit import base_kind, inherited_kind
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
    kind, inherited = base_kind(kind)
    if kind == "system":
        ref["system"] = {"all": True}
    else:
        ref[f"{kind}_id"] = target
    ref["role_id"] = role
    if inherited:
        ref["inherited_to_projects"] = "projects"
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
        inherited: bool = False,
    ) -> None:
        """Give `user` (or `group`) role `role` on a project, a domain, or the system.

        With `inherited`, the role is OS-INHERIT's: given on every project of the domain,
        or every project below the project, not on the domain or project itself.
        Granting twice is harmless, as in Keystone.

        Raises:
            ValueError: Not exactly one actor, or not exactly one target, was given (or an
                inherited system grant).
            LookupError: An unknown role, user, group, project or domain.
        """
        self.add_assignment(self._assignment(role, user, group, project, domain, system,
                                             inherited))

    @locked
    def add_assignment(self, entry: Assignment) -> None:
        """Store one assignment (a repeat is ignored); the model's ids are not checked."""
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
        inherited: bool = False,
    ) -> bool:
        """Take a role assignment (an inherited one with `inherited`) away; returns whether
        there was one.

        Tokens lose the role at their next validation.
        """
        entry = self._assignment(role, user, group, project, domain, system, inherited)
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
                    domain: str | Domain | None, system: bool,
                    inherited: bool = False) -> Assignment:
        if (user is None) == (group is None):
            raise ValueError("give exactly one of user or group")
        target = self._target(project, domain, system)
        if inherited:
            target = (inherited_kind(target[0]), target[1])
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
        """The roles a user holds on a target directly, by inheritance (on a project) or
        through its groups."""
        out: list[str] = []
        for actor in (user_id, *sorted(self.user_groups.get(user_id, ()))):
            for role_id in self.direct_role_ids(actor, kind, target_id):
                if role_id not in out:
                    out.append(role_id)
            if kind == "project":
                for role_id in self.inherited_role_ids(actor, target_id):
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
        inherited: bool | None = None,
    ) -> list[dict[str, Any]]:
        """Role assignments as Keystone's assignment manager lists them.

        Each is a dict with `user_id` or `group_id`, `project_id`/`domain_id`/`system`,
        `role_id`, `inherited_to_projects` for an OS-INHERIT grant, and in effective mode an
        `indirect` dict naming the group, prior role, or domain or project of the inherited
        grant it came through. `inherited` None lists both kinds, True only inherited
        grants, False only the others. Effective mode expands groups into their members, inherited
        grants onto the projects they reach and implied roles (and leaves system
        assignments out), then filters by role, as Keystone does.
        """
        subtree_ids = self.ordered_subtree(project_id) if project_id and subtree else None
        if not effective:
            return self._direct_assignments(user_id, group_id, role_id, project_id,
                                            domain_id, system, subtree_ids, inherited)
        if group_id is not None or system or (domain_id is not None and inherited):
            return []
        if domain_id is not None:
            inherited = False
        if user_id is not None:
            actor_sets: list[set[str] | None] = [{user_id},
                                                 set(self.user_groups.get(user_id, ()))]
        else:
            actor_sets = [None]
        refs: list[dict[str, Any]] = []
        for actors in actor_sets:
            if actors is not None and not actors:
                continue
            for entry in self._effective_sources(actors, project_id, domain_id, subtree_ids,
                                                 inherited):
                refs.extend(self._expand_entry(entry, user_id, project_id, subtree_ids))
        refs = self._add_implied(refs)
        refs = [r for r in refs if self.roles.get(r["role_id"]) is not None
                and self.roles[r["role_id"]].domain_id is None]
        if role_id is not None:
            refs = [r for r in refs if r["role_id"] == role_id]
        return refs

    def _direct_assignments(self, user_id: str | None, group_id: str | None,
                            role_id: str | None, project_id: str | None,
                            domain_id: str | None, system: bool,
                            subtree_ids: list[str] | None,
                            inherited: bool | None) -> list[dict[str, Any]]:
        """`_list_direct_role_assignments`: the stored assignments matching the filters."""
        project_ids = {project_id, *(subtree_ids or ())} if project_id else None

        def scope_ok(kind: str, target: str) -> bool:
            if project_ids is not None:
                return kind == "project" and target in project_ids
            if domain_id is not None:
                return kind == "domain" and target == domain_id
            if system:
                return kind == "system"
            return True

        out = []
        # Keystone's SQL answers in primary-key order: (type, actor, target, role,
        # inherited), type being GroupDomain < GroupProject < UserDomain < UserProject;
        # system last.
        for (actor_kind, actor, stored, target, role) in sorted(
                self.assignments, key=lambda a: (a[2] == "system", a[0].capitalize()
                                                 + base_kind(a[2])[0].capitalize(), a[1],
                                                 a[3], a[4], base_kind(a[2])[1])):
            kind, is_inherited = base_kind(stored)
            if user_id is not None and (actor_kind, actor) != ("user", user_id):
                continue
            if group_id is not None and (actor_kind, actor) != ("group", group_id):
                continue
            if role_id is not None and role != role_id:
                continue
            if kind != "system" and inherited is not None and is_inherited != inherited:
                continue
            if scope_ok(kind, target):
                out.append(_assignment_ref(actor_kind, actor, stored, target, role))
        return out

    def _effective_sources(self, actors: set[str] | None, project_id: str | None,
                           domain_id: str | None, subtree_ids: list[str] | None,
                           inherited: bool | None) -> list[Assignment]:
        """`list_role_assignments_for_actor`: the assignments of `actors` (None: anyone)
        that can reach the target, non-inherited ones first."""
        mine = [a for a in self.assignments
                if (actors is None or a[1] in actors) and a[2] != "system"]
        project_ids = {project_id, *(subtree_ids or ())} if project_id else None
        out: list[Assignment] = []
        if inherited is not True:
            for entry in mine:
                kind, is_inherited = base_kind(entry[2])
                if is_inherited:
                    continue
                if project_ids is not None and (kind != "project"
                                                or entry[3] not in project_ids):
                    continue
                if domain_id is not None and (kind != "domain" or entry[3] != domain_id):
                    continue
                out.append(entry)
        if inherited is not False:
            sources = (self.inherited_sources(project_id, subtree_ids) if project_id
                       else None)
            out.extend(a for a in mine if base_kind(a[2])[1]
                       and (sources is None or (a[2], a[3]) in sources))
        return out

    def _expand_entry(self, entry: Assignment, user_id: str | None, project_id: str | None,
                      subtree_ids: list[str] | None) -> list[dict[str, Any]]:
        """`_expand_indirect_assignment`: a group's assignment for each member (or just
        `user_id`), an inherited one on each project it reaches."""
        actor_kind, actor, kind, target, role = entry
        base = _assignment_ref(actor_kind, actor, kind, target, role)
        if actor_kind == "group":
            members = [user_id] if user_id else sorted(self.group_members.get(actor, ()))
            refs = []
            for member in members:
                ref = {k: v for k, v in base.items() if k != "group_id"}
                ref["user_id"] = member
                ref["indirect"] = {"group_id": actor}
                refs.append(ref)
        else:
            refs = [base]
        if "inherited_to_projects" not in base:
            return refs
        return [out for ref in refs
                for out in self.expand_inherited(ref, project_id, subtree_ids)]

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

