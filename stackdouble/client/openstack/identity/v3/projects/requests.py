"""Keystone v3 projects: list, list the ones available to the token, get."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.identity.v3.projects import urls
from stackdouble.client.openstack.identity.v3.projects.results import GetResult, ProjectPage
from stackdouble.client.pagination import Pager

__all__ = ["ListOpts", "ListOptsBuilder", "get", "list", "list_available"]


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
    query = opts.to_project_list_query() if opts is not None else ""
    return Pager(client, urls.list_url(client) + query, ProjectPage)


def list_available(client: ServiceClient) -> Pager[ProjectPage]:
    """List the projects the token's user can scope to (`GET /v3/auth/projects`)."""
    return Pager(client, urls.list_available_url(client), ProjectPage)


def get(client: ServiceClient, project_id: str) -> GetResult:
    """Get one project (`GET /v3/projects/{id}`); `extract()` gives a Project."""
    return GetResult.request(client, "GET", urls.get_url(client, project_id))
