"""Cinder limits: get."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from stackdouble.client._errors import StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.blockstorage.v3.limits import urls
from stackdouble.client.openstack.blockstorage.v3.limits.results import GetResult

__all__ = ["GetOpts", "GetOptsBuilder", "get"]


class GetOptsBuilder(Protocol):
    """Anything that renders the query of `limits.get`."""

    def to_limits_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class GetOpts:
    """Another project's limits, for admins at microversion 3.39 or later (ignored
    otherwise).

    Example:
        >>> GetOpts(project_id="p-1").to_limits_query()
        '?project_id=p-1'
    """

    project_id: str | None = field(default=None, metadata={"q": "project_id"})

    def to_limits_query(self) -> str:
        """The query string, with a leading `?` when not empty."""
        return build_query(self)


def get(client: ServiceClient, opts: GetOptsBuilder | None = None) -> GetResult:
    """The project's absolute limits and usage (`GET /limits`).

    Example:
        >>> from stackdouble.client.openstack.blockstorage.v3 import limits
        >>> absolute = limits.get(block_storage).extract().absolute
        >>> absolute.max_total_volumes, absolute.total_volumes_used
        (10, 1)
    """
    try:
        query = opts.to_limits_query() if opts is not None else ""
    except StackdoubleError as exc:
        return GetResult.from_error(exc)
    return GetResult.request(client, "GET", urls.get_url(client) + query, ok_codes=(200,))
