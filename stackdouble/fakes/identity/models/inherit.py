"""OS-INHERIT: role assignments inherited to projects (the fake of `identity/v3/osinherit/`).

An inherited assignment on a domain gives its role on every project of the domain; one on a
project gives it on every project below (never on the project itself). Keystone keeps both in
its one assignment table with an `inherited` column (`keystone/assignment/backends/sql.py`);
the fake keeps them in `IdentityModel.assignments` too, under the scope kinds
`INHERITED_DOMAIN` and `INHERITED_PROJECT`, so deleting a user, group or role drops them as
it drops the others. They are expanded as `keystone/assignment/core.py`'s
`_expand_indirect_assignment` does: into role assignments listed with `effective`, the roles
of project-scoped tokens and the projects a user may scope to.

Keystone's quirk kept here: a grant names an actor that need not exist (only the role and
the domain or project are looked up, `grant_entry`). Not modelled: `create_grant`'s 403
when a domain-specific role is granted on a project of another domain.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from stackdouble.fakes.identity.errors import NotFound
from stackdouble.fakes.identity.models._common import Assignment, _ModelBase
from stackdouble.fakes.locking import locked

if TYPE_CHECKING:
    from stackdouble.fakes.identity.models.roles import Role

__all__ = ["INHERITED_DOMAIN", "INHERITED_PROJECT", "InheritMixin", "base_kind", "inherited_kind"]

#: The scope kinds of inherited assignments in `IdentityModel.assignments`.
INHERITED_DOMAIN = "domain:inherited"
INHERITED_PROJECT = "project:inherited"
_INHERITED = {"domain": INHERITED_DOMAIN, "project": INHERITED_PROJECT}


def inherited_kind(kind: str) -> str:
    """The inherited form of a scope kind (`domain` or `project`).

    Raises:
        ValueError: Any other kind (system grants are never inherited).
    """
    if kind not in _INHERITED:
        raise ValueError(f"only domain and project grants are inherited, not {kind}")
    return _INHERITED[kind]


def base_kind(kind: str) -> tuple[str, bool]:
    """(`project`, `domain` or `system`, whether inherited) of an assignment's scope kind."""
    base, _, flag = kind.partition(":")
    return base, bool(flag)


class InheritMixin(_ModelBase):
    """`IdentityModel`'s inherited grants and their expansion onto projects."""

    def grant_entry(self, actor_kind: str, actor_id: str, scope: str, target_id: str,
                    role_id: str) -> Assignment:
        """The assignment an OS-INHERIT URL names, as `assignment_api.create_grant` checks
        it: the role, then the domain or project, must exist (the actor need not).

        Raises:
            NotFound: "Could not find role: <id>." or the domain's or project's.
        """
        self._get(self.roles, "role", role_id)
        if scope == "domain":
            self._get(self.domains, "domain", target_id)
        else:
            self._get(self.projects, "project", target_id)
        return (actor_kind, actor_id, inherited_kind(scope), target_id, role_id)

    def require_assignment(self, entry: Assignment) -> None:
        """Keystone's `check_grant_role_id`.

        Raises:
            NotFound: "Could not find role assignment with role: ..."
        """
        if entry not in self.assignments:
            raise NotFound(f"Could not find role assignment with role: {entry[4]}, user or "
                           f"group: {entry[1]}, project, domain, or system: {entry[3]}.")

    @locked
    def revoke_assignment(self, entry: Assignment) -> None:
        """Drop a stored assignment (see `require_assignment`); tokens lose its roles at
        their next validation."""
        self._drop_assignment(entry)

    def inherited_roles(self, actor_id: str, scope: str, target_id: str) -> list[Role]:
        """The roles granted to an actor on a domain or project for its projects, in grant
        order (`GET /v3/OS-INHERIT/domains/{d}/users/{u}/roles/inherited_to_projects`)."""
        kind = inherited_kind(scope)
        return [self.roles[r] for (_, _, k, t, r) in self._assignments_by_actor.get(actor_id, ())
                if k == kind and t == target_id and r in self.roles]

    def project_ancestors(self, project_id: str) -> list[str]:
        """The projects above a project, nearest first (its domain is not one)."""
        out: list[str] = []
        parent = self.projects[project_id].parent_id if project_id in self.projects else None
        while parent is not None and parent in self.projects and parent not in out:
            out.append(parent)
            parent = self.projects[parent].parent_id
        return out

    def ordered_subtree(self, project_id: str) -> list[str]:
        """The projects below a project, level by level, each level in creation order (as
        Keystone's SQL `list_projects_in_subtree` reads them)."""
        out: list[str] = []
        level = {project_id}
        while level:
            children = [p.id for p in self.projects.values()
                        if p.parent_id in level and p.id not in out and p.id != project_id]
            out.extend(children)
            level = set(children)
        return out

    def projects_in_domain(self, domain_id: str) -> list[str]:
        """The domain's projects by name (Keystone's SQL reads them through its
        `(domain_id, name)` index)."""
        return [p.id for p in sorted(self.projects.values(), key=lambda p: p.name)
                if p.domain_id == domain_id]

    def inherited_role_ids(self, actor_id: str, project_id: str) -> list[str]:
        """The roles an actor (a user or a group) inherits on a project: from grants on its
        domain and on the projects above it."""
        project = self.projects.get(project_id)
        if project is None:
            return []
        sources = {(INHERITED_DOMAIN, project.domain_id)}
        sources |= {(INHERITED_PROJECT, p) for p in self.project_ancestors(project_id)}
        out: list[str] = []
        for (_, _, kind, target, role) in self._assignments_by_actor.get(actor_id, ()):
            if (kind, target) in sources and role not in out:
                out.append(role)
        return out

    def inherited_project_ids(self, actor_id: str) -> set[str]:
        """The projects an actor holds a role on through inherited grants."""
        out: set[str] = set()
        for (_, _, kind, target, _) in self._assignments_by_actor.get(actor_id, ()):
            if kind == INHERITED_DOMAIN:
                out.update(self.projects_in_domain(target))
            elif kind == INHERITED_PROJECT:
                out.update(self.ordered_subtree(target))
        return out

    def inherited_sources(self, project_id: str, subtree: list[str] | None
                          ) -> set[tuple[str, str]]:
        """The (kind, target) of the inherited grants that can reach a project (and, with a
        subtree, the projects below it): its domain, its ancestors, and the subtree's own."""
        project = self.projects.get(project_id)
        if project is None:
            return set()
        sources = {(INHERITED_DOMAIN, project.domain_id)}
        sources |= {(INHERITED_PROJECT, p) for p in self.project_ancestors(project_id)}
        if subtree:
            sources |= {(INHERITED_PROJECT, p) for p in (*subtree, project_id)}
        return sources

    def expand_inherited(self, ref: dict[str, Any], project_id: str | None,
                         subtree: list[str] | None) -> list[dict[str, Any]]:
        """One inherited user assignment ref (`inherited_to_projects` set) as one ref per
        project it reaches, `indirect` naming the domain or project it was granted on
        (`expand_inherited_assignment`)."""
        if project_id is not None:
            targets = [project_id, *(subtree or ())]
            if subtree and ref.get("project_id") in targets:
                targets = self.ordered_subtree(ref["project_id"])
        elif "domain_id" in ref:
            targets = self.projects_in_domain(ref["domain_id"])
        else:
            targets = self.ordered_subtree(ref["project_id"])
        source = ({"domain_id": ref["domain_id"]} if "domain_id" in ref
                  else {"project_id": ref["project_id"]})
        out = []
        for target in targets:
            copy = {k: v for k, v in ref.items()
                    if k not in ("domain_id", "project_id", "inherited_to_projects", "indirect")}
            copy["project_id"] = target
            copy["indirect"] = {**ref.get("indirect", {}), **source}
            out.append(copy)
        return out
