"""Keystone v3 project results."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from stackdouble.client._results import ErrResult, Result
from stackdouble.client.pagination import LinkedPage, Page

__all__ = [
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "Project",
    "ProjectPage",
    "TagsResult",
    "UpdateResult",
    "extract_projects",
]


_KNOWN = frozenset({"id", "name", "domain_id", "description", "enabled", "parent_id",
                    "is_domain", "tags", "options", "links", "parents", "subtree", "limits"})


@dataclass(slots=True, kw_only=True)
class Project:
    """A project as Keystone returns it (a domain, `is_domain`, has no domain and no parent).

    The hierarchy fields are set only when `get` asked for them (`GetOpts`): `parents` and
    `subtree` (the list forms: the projects the caller's user has a role on), `parent_ids`
    and `subtree_ids` (the nested id forms: every project), and `limits` on the listed
    projects with `include_limits`.
    """

    id: str
    name: str
    domain_id: str | None = None
    description: str | None = None
    enabled: bool = True
    parent_id: str | None = None
    is_domain: bool = False
    tags: Sequence[str] = ()
    options: Mapping[str, Any] | None = None
    parents: list[Project] | None = None
    parent_ids: Mapping[str, Any] | None = None
    subtree: list[Project] | None = None
    subtree_ids: Mapping[str, Any] | None = None
    limits: list[Mapping[str, Any]] | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Project:
        """A Project from Keystone's JSON (`parents` and `subtree` as lists of
        `{"project": {...}}` or as nested ids)."""
        parents, parent_ids = _hierarchy(raw.get("parents"))
        subtree, subtree_ids = _hierarchy(raw.get("subtree"))
        limits = raw.get("limits")
        return cls(
            id=raw["id"],
            name=raw["name"],
            domain_id=raw.get("domain_id"),
            description=raw.get("description"),
            enabled=bool(raw.get("enabled", True)),
            parent_id=raw.get("parent_id"),
            is_domain=bool(raw.get("is_domain", False)),
            tags=tuple(raw.get("tags") or ()),
            options=raw.get("options"),
            parents=parents,
            parent_ids=parent_ids,
            subtree=subtree,
            subtree_ids=subtree_ids,
            limits=[dict(lim) for lim in limits] if isinstance(limits, list) else None,
            extra={k: v for k, v in raw.items() if k not in _KNOWN},
        )


def _hierarchy(value: Any) -> tuple[list[Project] | None, Mapping[str, Any] | None]:
    """Keystone's `parents`/`subtree`: a list of `{"project": ...}` (the list forms) or
    nested ids (a dict, or None for none)."""
    if isinstance(value, list):
        return [Project.from_json(item["project"]) for item in value], None
    if isinstance(value, dict):
        return None, value
    return None, None


class GetResult(Result):
    """The result of `projects.get`."""

    __slots__ = ()

    def extract(self) -> Project:
        """The Project, or raise the error the call ended with."""
        return self.extract_with(Project.from_json, key="project")


class CreateResult(GetResult):
    """The result of `projects.create`; `extract()` gives the new Project."""

    __slots__ = ()


class UpdateResult(GetResult):
    """The result of `projects.update`; `extract()` gives the updated Project."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `projects.delete` and `delete_tags`; `extract_err()` raises."""

    __slots__ = ()


class TagsResult(Result):
    """The result of `list_tags` and `modify_tags`; `extract()` gives the tags."""

    __slots__ = ()

    def extract(self) -> list[str]:
        """The project's tags, or raise the error the call ended with."""
        return self.extract_with(lambda tags: [str(t) for t in tags], key="tags")


class ProjectPage(LinkedPage):
    """A page of projects; the next page is at `links.next`."""

    __slots__ = ()
    resource_key = "projects"
    link_path = ("links", "next")

    def items(self) -> list[Project]:
        """The projects on this page."""
        return extract_projects(self)


def extract_projects(page: Page) -> list[Project]:
    """The projects on one page of `projects.list`."""
    return page.extract_list_with(Project.from_json, key="projects")
