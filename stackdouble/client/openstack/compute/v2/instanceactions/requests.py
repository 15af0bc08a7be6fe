"""Nova instance actions: what was done to a server, and each action's events."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.compute.v2.instanceactions import urls
from stackdouble.client.openstack.compute.v2.instanceactions.results import (
    GetResult,
    InstanceActionPage,
)
from stackdouble.client.pagination import Pager

__all__ = ["ListOpts", "ListOptsBuilder", "get", "list"]


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `instanceactions.list`."""

    def to_instance_actions_list_query(self) -> str: ...


def _iso(value: str | datetime | None) -> str | None:
    return value.isoformat() if isinstance(value, datetime) else value


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Paging and time filters (2.58 and later; Nova refuses any parameter from 2.58 on
    that it does not know, and ignores them before). None fields are not sent.

    Attributes:
        limit: Page size.
        marker: The request id of the last action seen.
        changes_since: Actions updated at or after this time (text or datetime).
        changes_before: Actions updated at or before this time (2.66 and later).

    Example:
        >>> from datetime import datetime, timezone
        >>> ListOpts(limit=5, changes_since=datetime(2026, 3, 1, tzinfo=timezone.utc)
        ...          ).to_instance_actions_list_query()
        '?limit=5&changes-since=2026-03-01T00%3A00%3A00%2B00%3A00'
    """

    limit: int | None = field(default=None, metadata={"q": "limit"})
    marker: str | None = field(default=None, metadata={"q": "marker"})
    changes_since: str | datetime | None = field(default=None,
                                                 metadata={"q": "changes-since"})
    changes_before: str | datetime | None = field(default=None,
                                                  metadata={"q": "changes-before"})

    def to_instance_actions_list_query(self) -> str:
        """The query string, with a leading `?` when not empty.

        Raises:
            InvalidInput: A negative limit, or `changes_before` earlier than
                `changes_since` (both datetimes).
        """
        if self.limit is not None and self.limit < 0:
            raise InvalidInput(f"limit must be >= 0, not {self.limit}", "limit")
        if (isinstance(self.changes_since, datetime)
                and isinstance(self.changes_before, datetime)
                and self.changes_before < self.changes_since):
            raise InvalidInput("changes_before must not be earlier than changes_since",
                               "changes_before")
        return build_query(replace(self, changes_since=_iso(self.changes_since),
                                   changes_before=_iso(self.changes_before)))


def list(client: ServiceClient, server_id: str, opts: ListOptsBuilder | None = None
         ) -> Pager[InstanceActionPage]:
    """A server's actions, newest first (`GET /servers/{server_id}/os-instance-actions`).

    From 2.21 a deleted server's actions are listed too.

    Returns:
        A Pager; from 2.58 it follows Nova's `links`. A bad option surfaces as the first
        page's error.

    Example:
        >>> from stackdouble.client.openstack.compute.v2 import instanceactions
        >>> [a.action for a in instanceactions.list(compute, server_id).items()]
        ['create']
    """
    try:
        query = opts.to_instance_actions_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, InstanceActionPage)
    return Pager(client, urls.list_url(client, server_id) + query, InstanceActionPage)


def get(client: ServiceClient, server_id: str, request_id: str) -> GetResult:
    """One action with its events (`GET /servers/{server_id}/os-instance-actions/{req}`).

    Nova shows the events to admins, and from 2.51 to everyone; the tracebacks only to
    admins.

    Example:
        >>> from stackdouble.client.openstack.compute.v2 import instanceactions
        >>> nova = compute.with_microversion("2.51")
        >>> first = next(iter(instanceactions.list(nova, server_id).items()))
        >>> detail = instanceactions.get(nova, server_id, first.request_id).extract()
        >>> detail.action, len(detail.events) > 0
        ('create', True)
    """
    return GetResult.request(client, "GET", urls.get_url(client, server_id, request_id),
                             ok_codes=(200,))
