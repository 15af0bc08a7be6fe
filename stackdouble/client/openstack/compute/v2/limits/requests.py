"""Nova limits: the absolute limits and use of a project (`GET /limits`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from stackdouble.client._errors import StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.compute.v2.limits import urls
from stackdouble.client.openstack.compute.v2.limits.results import GetResult

__all__ = ["GetOpts", "GetOptsBuilder", "get"]


class GetOptsBuilder(Protocol):
    """Anything that renders the query of `limits.get`."""

    def to_limits_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class GetOpts:
    """Whose limits; None fields are not sent.

    Attributes:
        tenant_id: Another project's (admins; a member gets a 403).

    Example:
        >>> GetOpts(tenant_id="p-1").to_limits_query()
        '?tenant_id=p-1'
    """

    tenant_id: str | None = field(default=None, metadata={"q": "tenant_id"})

    def to_limits_query(self) -> str:
        """The query string, with a leading `?` when not empty."""
        return build_query(self)


def get(client: ServiceClient, opts: GetOptsBuilder | None = None) -> GetResult:
    """The absolute limits and use of the caller's project, or of `opts.tenant_id`'s.

    Example:
        >>> from stackdouble.client.openstack.compute.v2 import limits
        >>> absolute = limits.get(compute).extract().absolute
        >>> absolute.max_total_instances, absolute.total_instances_used
        (10, 1)
    """
    try:
        query = opts.to_limits_query() if opts is not None else ""
    except StackdoubleError as exc:
        return GetResult.from_error(exc)
    return GetResult.request(client, "GET", urls.get_url(client) + query, ok_codes=(200,))
