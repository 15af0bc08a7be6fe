"""Glance tasks: list and get (Glance's default policy keeps the tasks API to admins)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.image.v2._glance import check_sort
from stackdouble.client.openstack.image.v2.tasks import urls
from stackdouble.client.openstack.image.v2.tasks.results import GetResult, TaskPage
from stackdouble.client.pagination import Pager

__all__ = ["ListOpts", "ListOptsBuilder", "get", "list"]


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `tasks.list`."""

    def to_task_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Filters, sorting and paging for `list`; None fields are not sent.

    Example:
        >>> ListOpts(type="api_image_import", status="success", limit=10,
        ...          sort_dir="asc").to_task_list_query()
        '?type=api_image_import&status=success&sort_dir=asc&limit=10'
    """

    type: str | None = field(default=None, metadata={"q": "type"})
    status: str | None = field(default=None, metadata={"q": "status"})
    sort_key: str | None = field(default=None, metadata={"q": "sort_key"})
    sort_dir: str | None = field(default=None, metadata={"q": "sort_dir"})
    limit: int | None = field(default=None, metadata={"q": "limit"})
    marker: str | None = field(default=None, metadata={"q": "marker"})

    def to_task_list_query(self) -> str:
        """The query string, with a leading `?` when not empty.

        Raises:
            InvalidInput: A negative limit or a direction other than asc/desc.
        """
        if self.limit is not None and self.limit < 0:
            raise InvalidInput(f"limit must be >= 0, not {self.limit}", "limit")
        check_sort(None, self.sort_key, self.sort_dir)
        return build_query(self)


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[TaskPage]:
    """List tasks (`GET /v2/tasks`), one request per page, linked by Glance's `next`.

    Glance's default policy allows it to admins only: others get a 403 Forbidden (from the
    first page).
    """
    try:
        query = opts.to_task_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, TaskPage)
    return Pager(client, urls.list_url(client) + query, TaskPage)


def get(client: ServiceClient, task_id: str) -> GetResult:
    """Get one task (`GET /v2/tasks/{task_id}`), with its input, result and message."""
    return GetResult.request(client, "GET", urls.get_url(client, task_id), ok_codes=(200,))
