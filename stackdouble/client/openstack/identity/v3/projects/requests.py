"""Keystone v3 projects: list, list the ones available to the token, get, create, update,
delete, and their tags."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlencode

from stackdouble.client._errors import StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.identity.v3._body import to_body
from stackdouble.client.openstack.identity.v3.projects import urls
from stackdouble.client.openstack.identity.v3.projects.results import (
    CreateResult,
    DeleteResult,
    GetResult,
    ProjectPage,
    TagsResult,
    UpdateResult,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "CreateOpts",
    "CreateOptsBuilder",
    "GetOpts",
    "GetOptsBuilder",
    "ListOpts",
    "ListOptsBuilder",
    "ModifyTagsOpts",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "create",
    "delete",
    "delete_tags",
    "get",
    "list",
    "list_available",
    "list_tags",
    "modify_tags",
    "update",
]


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `projects.list`."""

    def to_project_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Filters and paging for `list`; None fields are not sent.

    `limit` and `marker` page through projects on Keystone 27 (2025.1) and later; older
    Keystones ignore them and answer in one page.
    """

    domain_id: str | None = field(default=None, metadata={"q": "domain_id"})
    enabled: bool | None = field(default=None, metadata={"q": "enabled"})
    is_domain: bool | None = field(default=None, metadata={"q": "is_domain"})
    name: str | None = field(default=None, metadata={"q": "name"})
    parent_id: str | None = field(default=None, metadata={"q": "parent_id"})
    tags: str | None = field(default=None, metadata={"q": "tags"})
    limit: int | None = field(default=None, metadata={"q": "limit"})
    marker: str | None = field(default=None, metadata={"q": "marker"})

    def to_project_list_query(self) -> str:
        """The query string, with a leading `?` when not empty."""
        return build_query(self)


def list(
    client: ServiceClient, opts: ListOptsBuilder | None = None
) -> Pager[ProjectPage]:
    """List projects (`GET /v3/projects`), following `links.next` page by page.

    Args:
        client: A Keystone v3 client.
        opts: Filters and paging; None lists every project the token may see.

    Returns:
        A Pager; nothing is sent until it is iterated. A member (not admin) gets `Forbidden`
        there, as Keystone's default policy answers.
    """
    try:
        query = opts.to_project_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, ProjectPage)
    return Pager(client, urls.list_url(client) + query, ProjectPage)


def list_available(client: ServiceClient) -> Pager[ProjectPage]:
    """List the projects the token's user can scope to (`GET /v3/auth/projects`)."""
    return Pager(client, urls.list_available_url(client), ProjectPage)


class GetOptsBuilder(Protocol):
    """Anything that renders the query of `projects.get`."""

    def to_project_get_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class GetOpts:
    """The hierarchy `get` adds to the project; only the options set to True are sent.

    Keystone reads each as set when present with any value but `0` (so `=false` would
    switch it on): this sends `=true` for True and nothing for False.

    Attributes:
        parents_as_list: `Project.parents`: the projects above it, nearest first, that the
            caller's user has a role on.
        parents_as_ids: `Project.parent_ids`: every project above it, its domain included,
            nested from the nearest (`{parent: {grandparent: {domain: None}}}`).
        subtree_as_list: `Project.subtree`: the projects below it that the caller's user
            has a role on.
        subtree_as_ids: `Project.subtree_ids`: every project below it, nested by parent
            (a leaf is None).
        include_limits: With a list form, each listed project's unified limits
            (`Project.limits`).

    Asking for both forms of the parents (or of the subtree) is Keystone's 400
    (`BadRequest` from `extract()`).
    """

    parents_as_list: bool = False
    parents_as_ids: bool = False
    subtree_as_list: bool = False
    subtree_as_ids: bool = False
    include_limits: bool = False

    def to_project_get_query(self) -> str:
        """The query string, with a leading `?` when not empty."""
        names = ("parents_as_list", "parents_as_ids", "subtree_as_list", "subtree_as_ids",
                 "include_limits")
        return "?" + urlencode([(n, "true") for n in names if getattr(self, n)]) if any(
            getattr(self, n) for n in names) else ""


def get(client: ServiceClient, project_id: str, opts: GetOptsBuilder | None = None) -> GetResult:
    """Get one project (`GET /v3/projects/{id}`); `extract()` gives a Project.

    A domain's id answers too, with the domain as a project acting as one (`is_domain`).

    Args:
        client: A Keystone v3 client.
        project_id: The project (or domain).
        opts: The hierarchy to add (`GetOpts`); None adds none.

    Returns:
        The GetResult; a bad option surfaces from its `extract()`.
    """
    try:
        query = opts.to_project_get_query() if opts is not None else ""
    except StackdoubleError as exc:
        return GetResult.from_error(exc)
    return GetResult.request(client, "GET", urls.get_url(client, project_id) + query)


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `projects.create`."""

    def to_project_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """What `create` sends; None fields are left out.

    Attributes:
        name: Unique within the domain.
        domain_id: The domain (default: the token's domain, else Default).
        parent_id: A parent project in the same domain (default: the domain itself).
        enabled: False creates it disabled.
        is_domain: True creates a domain (a project acting as one: give no domain and no
            parent), listed under `/v3/domains` with the same id.
        tags: Up to 80 tags, without `,` or `/`.
        extra: More attributes, kept and returned by Keystone as given.
    """

    name: str
    domain_id: str | None = None
    parent_id: str | None = None
    description: str | None = None
    enabled: bool | None = None
    is_domain: bool | None = None
    tags: Sequence[str] | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def to_project_create_map(self) -> dict[str, Any]:
        """`{"project": {...}}`, None fields left out."""
        return to_body(self, "project")


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `projects.update`."""

    def to_project_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """What `update` sends; only the fields set change. Disabling a project revokes the
    tokens scoped to it."""

    name: str | None = None
    description: str | None = None
    enabled: bool | None = None
    tags: Sequence[str] | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def to_project_update_map(self) -> dict[str, Any]:
        """`{"project": {...}}`, None fields left out."""
        return to_body(self, "project")


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Create a project (`POST /v3/projects`); `extract()` gives the new Project.

    A name taken in the domain surfaces as `Conflict`, a member's call as `Forbidden`.
    """
    try:
        body = opts.to_project_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.list_url(client), json=body,
                                ok_codes=(201,))


def update(client: ServiceClient, project_id: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Change a project (`PATCH /v3/projects/{id}`); `extract()` gives it updated."""
    try:
        body = opts.to_project_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PATCH", urls.get_url(client, project_id), json=body,
                                ok_codes=(200,))


def delete(client: ServiceClient, project_id: str) -> DeleteResult:
    """Delete a project (`DELETE /v3/projects/{id}`); one with children is `Forbidden`."""
    return DeleteResult.request(client, "DELETE", urls.get_url(client, project_id),
                                ok_codes=(204,))


@dataclass(frozen=True, slots=True, kw_only=True)
class ModifyTagsOpts:
    """The complete new list of a project's tags (`modify_tags` replaces them all)."""

    tags: Sequence[str]

    def to_project_modify_tags_map(self) -> dict[str, Any]:
        """`{"tags": [...]}`."""
        return {"tags": [*self.tags]}


def list_tags(client: ServiceClient, project_id: str) -> TagsResult:
    """A project's tags (`GET /v3/projects/{id}/tags`); `extract()` gives the list."""
    return TagsResult.request(client, "GET", urls.tags_url(client, project_id))


def modify_tags(client: ServiceClient, project_id: str, opts: ModifyTagsOpts) -> TagsResult:
    """Replace a project's tags (`PUT /v3/projects/{id}/tags`)."""
    return TagsResult.request(client, "PUT", urls.tags_url(client, project_id),
                              json=opts.to_project_modify_tags_map(), ok_codes=(200,))


def delete_tags(client: ServiceClient, project_id: str) -> DeleteResult:
    """Remove every tag of a project (`DELETE /v3/projects/{id}/tags`)."""
    return DeleteResult.request(client, "DELETE", urls.tags_url(client, project_id),
                                ok_codes=(204,))
