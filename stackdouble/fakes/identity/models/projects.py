"""Keystone's projects and their tags (the fake of `identity/v3/projects/` and v2.0 `tenants/`).

Disabling or deleting a project revokes the tokens scoped to it. Keystone's rules live in
`keystone/resource/core.py`. In Keystone every domain is also a project acting as one
(`is_domain`, no domain and no parent): the fake keeps domains apart (`models/domains.py`)
and this module answers for them where the projects API reaches them (`project_or_domain`,
the hierarchy below).

The hierarchy (`keystone/resource/backends/sql.py`): a top-level project's parent is its
domain, so a project's parents run from its parent up to its domain, and a domain's subtree
is every project of the domain. `max_project_tree_depth` (5) plus one bounds the depth
counted from the domain, as `_assert_max_hierarchy_depth` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from stackdouble.fakes.identity.errors import (
    Conflict,
    Forbidden,
    NotFound,
)
from stackdouble.fakes.identity.models._common import (
    DEFAULT_DOMAIN_ID,
    _ModelBase,
    _page,
)
from stackdouble.fakes.locking import locked

if TYPE_CHECKING:
    from stackdouble.fakes.identity.models.domains import Domain


__all__ = ["MAX_PROJECT_TREE_DEPTH", "Project", "ProjectsMixin"]

#: Keystone's `[DEFAULT] max_project_tree_depth` (its default): the deepest project sits
#: this many levels below its domain's top-level projects' parent, the domain.
MAX_PROJECT_TREE_DEPTH = 5

@dataclass(slots=True, kw_only=True)
class Project:
    """A Keystone project (a v2.0 tenant)."""

    id: str
    name: str
    domain_id: str
    enabled: bool = True
    description: str = ""
    parent_id: str | None = None
    is_domain: bool = False
    tags: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


def _project_conflict(name: str, project_id: str) -> str:
    return ("it is not permitted to have two projects with either the same name or same id "
            f"in the same domain: name is {name}, project id {project_id}")


class ProjectsMixin(_ModelBase):
    """`IdentityModel`'s projects and their tags."""

    def find_project(self, ref: str | Project, domain: str | Domain | None = None) -> Project:
        """A project by id, or by name (in `domain`, default Default).

        Raises:
            LookupError: No such project.
        """
        return self._find(self.projects, Project, "project", ref, domain)

    def project_by_name(self, name: str, domain_id: str) -> Project | None:
        """The project called `name` in a domain, or None."""
        project = self.projects.get(self._project_names.get((domain_id, name), ""))
        return project if project is not None and project.name == name else None

    @locked
    def create_project(
        self,
        name: str,
        *,
        domain_id: str = DEFAULT_DOMAIN_ID,
        description: str = "",
        enabled: bool = True,
        parent_id: str | None = None,
        tags: Sequence[str] = (),
        extra: dict[str, Any] | None = None,
    ) -> Project:
        """Add a project (its parent defaults to its domain, as Keystone's).

        Raises:
            Conflict: A project of that name already exists in the domain (also a
                ValueError).
        """
        domain = self.find_domain(domain_id)
        new_id = self._ids.hex32()
        if self.project_by_name(name, domain.id) is not None:
            raise Conflict("project", _project_conflict(name, new_id))
        project = Project(id=new_id, name=name, domain_id=domain.id,
                          enabled=enabled, description=description,
                          parent_id=parent_id or domain.id, tags=list(dict.fromkeys(tags)),
                          extra=dict(extra or {}))
        self.projects[project.id] = project
        self._project_ids.add(project.id)
        self._project_names[(domain.id, name)] = project.id
        return project

    @locked
    def disable_project(self, project: str | Project) -> None:
        """Disable a project and revoke the tokens scoped to it."""
        self._stamp += 1
        found = self.find_project(project)
        found.enabled = False
        for token in self.tokens.values():
            if token.project_id == found.id:
                token.revoked = True

    @locked
    def enable_project(self, project: str | Project) -> None:
        """Enable a project again."""
        self._stamp += 1
        self.find_project(project).enabled = True

    def _targets_for_user(self, user_id: str, kind: str) -> set[str]:
        actors = [user_id, *self.user_groups.get(user_id, ())]
        found = {t for actor in actors for (_, _, k, t, _) in
                 self._assignments_by_actor.get(actor, ()) if k == kind}
        if kind == "project":  # OS-INHERIT's grants reach projects too
            found.update(p for actor in actors for p in self.inherited_project_ids(actor))
        return found

    def projects_for_user(self, user_id: str) -> list[Project]:
        """Projects the user has a role on (directly or through a group), sorted by id."""
        ids = self._targets_for_user(user_id, "project")
        return [self.projects[p] for p in sorted(ids) if p in self.projects]

    @locked
    def update_project(self, project_id: str, *, name: str | None = None,
                       description: str | None = None, enabled: bool | None = None,
                       tags: Sequence[str] | None = None,
                       extra: dict[str, Any] | None = None) -> Project:
        """Change a project; disabling it revokes the tokens scoped to it.

        Raises:
            NotFound: No such project.
            Forbidden: Enabling it under a disabled parent (or domain), or disabling it
                above an enabled project (Keystone's `_update_project`, in that order).
            Conflict: Another project of the domain has that name.
        """
        project = self.get_project(project_id)
        if enabled and not project.enabled and any(
                not found.enabled for found in map(self.project_or_domain,
                                                   self.project_parent_ids(project_id))):
            raise Forbidden(f"Cannot enable project {project_id} since it has disabled parents")
        if enabled is False and project.enabled and any(
                self.projects[p].enabled for p in self.project_subtree_ids(project_id)):
            raise Forbidden(f"Cannot disable project {project_id} since its subtree contains "
                            "enabled projects.")
        if name is not None and name != project.name:
            other = self.project_by_name(name, project.domain_id)
            if other is not None and other.id != project.id:
                raise Conflict("project", _project_conflict(name, project.id))
            del self._project_names[(project.domain_id, project.name)]
            project.name = name
            self._project_names[(project.domain_id, name)] = project.id
        if description is not None:
            project.description = description
        if tags is not None:
            project.tags = list(dict.fromkeys(tags))
        if extra:
            project.extra.update(extra)
        if enabled is not None and enabled != project.enabled:
            project.enabled = enabled
            if not enabled:
                self._revoke_tokens(project_id=project.id)
            self._stamp += 1
        return project

    @locked
    def delete_project(self, project_id: str) -> None:
        """Delete a leaf project, its role assignments and application credentials, and
        revoke the tokens scoped to it.

        Raises:
            NotFound: No such project.
            Forbidden: The project has children.
        """
        project = self.get_project(project_id)
        if any(p.parent_id == project.id for p in self.projects.values()):
            raise Forbidden(f"Cannot delete the project {project.id} since it is not a leaf in "
                            "the hierarchy. Use the cascade option if you want to delete a "
                            "whole subtree.")
        self._remove_project(project.id)

    def _remove_project(self, project_id: str) -> None:
        project = self.projects.pop(project_id)
        self._project_ids.discard(project_id)
        self._project_names.pop((project.domain_id, project.name), None)
        for entry in [a for a in self.assignments if a[2].split(":")[0] == "project"
                      and a[3] == project_id]:
            self._drop_assignment(entry)
        for cred in [c for c in self.application_credentials.values()
                     if c.project_id == project_id]:
            del self.application_credentials[cred.id]
        self._delete_limits_of_project(project_id)
        self._delete_credentials_of(project_id=project_id)
        for user in self.users.values():
            if user.default_project_id == project_id:
                user.default_project_id = None
        self._revoke_tokens(project_id=project_id)

    @locked
    def add_project_tag(self, project_id: str, tag: str) -> None:
        """Add one tag (a repeat is ignored)."""
        project = self.get_project(project_id)
        if tag not in project.tags:
            project.tags.append(tag)

    @locked
    def remove_project_tag(self, project_id: str, tag: str) -> None:
        """Remove one tag.

        Raises:
            NotFound: "Could not find project tag: <tag>."
        """
        project = self.get_project(project_id)
        if tag not in project.tags:
            raise NotFound(f"Could not find project tag: {tag}.")
        project.tags.remove(tag)

    def _subtree(self, project_id: str) -> set[str]:
        out: set[str] = set()
        frontier = [project_id]
        while frontier:
            parent = frontier.pop()
            for project in self.projects.values():
                if project.parent_id == parent and project.id not in out:
                    out.add(project.id)
                    frontier.append(project.id)
        return out

    def list_projects(
        self,
        *,
        marker: str | None = None,
        limit: int | None = None,
        filters: dict[str, Any] | None = None,
    ) -> list[Project]:
        """Projects sorted by id, after `marker`, at most `limit`, matching `filters`.

        Raises:
            NotFound: `marker` is not a project id (Keystone's MarkerNotFound).
        """
        from stackdouble.fakes.identity.errors import MarkerNotFound

        if marker is not None and marker not in self.projects:
            raise MarkerNotFound(marker)
        return _page((self.projects[i] for i in self._project_ids.after(marker)),
                     limit, filters or {})

    def project_or_domain(self, project_id: str) -> Project | Domain:
        """A project, or a domain as the projects API sees it (a project acting as one).

        Raises:
            NotFound: "Could not find project: <id>." (neither exists).
        """
        found = self.projects.get(project_id) or self.domains.get(project_id)
        if found is None:
            raise NotFound(f"Could not find project: {project_id}.")
        return found

    def project_parent_ids(self, project_id: str) -> list[str]:
        """Keystone's `list_project_parents`: the projects above one, nearest first, ending
        with its domain (a project acting as one); [] for a domain or an unknown id."""
        out: list[str] = []
        project = self.projects.get(project_id)
        while project is not None and project.parent_id and project.parent_id not in out:
            out.append(project.parent_id)
            project = self.projects.get(project.parent_id)
        return [p for p in out if p in self.projects or p in self.domains]

    def project_subtree_ids(self, project_id: str) -> list[str]:
        """Keystone's `list_projects_in_subtree`: the projects below a project (or a
        domain: all of its projects), level by level, each level in creation order."""
        out: list[str] = []
        level = {project_id}
        while level:
            children = [p.id for p in self.projects.values()
                        if p.parent_id in level and p.id not in out and p.id != project_id]
            out.extend(children)
            level = set(children)
        return out

    def parents_as_ids(self, project_id: str) -> dict[str, Any] | None:
        """`?parents_as_ids`: the parents nested from the nearest, the domain innermost
        (`{parent: {grandparent: {domain: None}}}`); None for a domain."""
        tree: dict[str, Any] | None = None
        for parent in reversed(self.project_parent_ids(project_id)):
            tree = {parent: tree}
        return tree

    def subtree_as_ids(self, project_id: str) -> dict[str, Any] | None:
        """`?subtree_as_ids`: the children of each project nested under it, a leaf's None;
        None for a project without children."""
        children: dict[str, list[str]] = {}
        for child in self.project_subtree_ids(project_id):
            children.setdefault(self.projects[child].parent_id or "", []).append(child)

        def below(parent: str) -> dict[str, Any] | None:
            kids = children.get(parent)
            return {kid: below(kid) for kid in kids} if kids else None

        return below(project_id)

    def disabled_in_branch(self, parent_id: str) -> str | None:
        """The first disabled project (or domain) a new child of `parent_id` would sit
        under, in Keystone's order (the parent's parents up to the domain, then the parent
        itself); None when the whole branch is enabled."""
        for ref in [*self.project_parent_ids(parent_id), parent_id]:
            found = self.projects.get(ref) or self.domains.get(ref)
            if found is not None and not found.enabled:
                return ref
        return None

    def get_project(self, project_id: str) -> Project:
        """A project by id.

        Raises:
            NotFound: "Could not find project: <id>."
        """
        project = self.projects.get(project_id)
        if project is None:
            raise NotFound(f"Could not find project: {project_id}.")
        return project

