"""Nova tenant usage (`os-simple-tenant-usage`): what projects' servers used over a
period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Protocol
from urllib.parse import urlencode

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.compute.v2.usage import urls
from stackdouble.client.openstack.compute.v2.usage.results import AllTenantsPage, SingleTenantPage
from stackdouble.client.pagination import Pager

__all__ = ["AllTenantsOpts", "AllTenantsOptsBuilder", "SingleTenantOpts",
           "SingleTenantOptsBuilder", "all_tenants", "single_tenant"]


def _nova_time(value: datetime) -> str:
    """A time as Nova parses it: UTC, no zone, microseconds only when there are some
    (gophercloud's `RFC3339MilliNoZ`)."""
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value.strftime("%Y-%m-%dT%H:%M:%S.%f" if value.microsecond else "%Y-%m-%dT%H:%M:%S")


def _query(start: datetime | None, end: datetime | None, limit: int | None,
           marker: str | None, detailed: bool = False) -> str:
    if limit is not None and limit < 0:
        raise InvalidInput(f"limit must be >= 0, not {limit}", "limit")
    if start is not None and end is not None and end <= start:
        raise InvalidInput("end must be later than start", "end")
    pairs: list[tuple[str, str]] = []
    if detailed:
        pairs.append(("detailed", "1"))
    if end is not None:
        pairs.append(("end", _nova_time(end)))
    if limit is not None:
        pairs.append(("limit", str(limit)))
    if marker is not None:
        pairs.append(("marker", marker))
    if start is not None:
        pairs.append(("start", _nova_time(start)))
    return "?" + urlencode(pairs) if pairs else ""


class SingleTenantOptsBuilder(Protocol):
    """Anything that renders the query of `usage.single_tenant`."""

    def to_usage_single_tenant_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class SingleTenantOpts:
    """The period, and paging by server (2.40 and later). A period left open starts and
    ends at the time of the request.

    Example:
        >>> from datetime import datetime
        >>> SingleTenantOpts(start=datetime(2026, 3, 1), end=datetime(2026, 4, 1)
        ...                  ).to_usage_single_tenant_query()
        '?end=2026-04-01T00%3A00%3A00&start=2026-03-01T00%3A00%3A00'
    """

    start: datetime | None = None
    end: datetime | None = None
    limit: int | None = None
    marker: str | None = None

    def to_usage_single_tenant_query(self) -> str:
        """The query string, with a leading `?` when not empty.

        Raises:
            InvalidInput: A negative limit, or an end not after the start.
        """
        return _query(self.start, self.end, self.limit, self.marker)


def single_tenant(client: ServiceClient, tenant_id: str,
                  opts: SingleTenantOptsBuilder | None = None) -> Pager[SingleTenantPage]:
    """One project's usage (`GET /os-simple-tenant-usage/{tenant_id}`; its members or
    admins). Each page holds the usage of a page of its servers."""
    try:
        query = opts.to_usage_single_tenant_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, SingleTenantPage)
    return Pager(client, urls.get_tenant_url(client, tenant_id) + query, SingleTenantPage)


class AllTenantsOptsBuilder(Protocol):
    """Anything that renders the query of `usage.all_tenants`."""

    def to_usage_all_tenants_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class AllTenantsOpts:
    """The period, whether to include each server's usage, and paging (2.40 and later).

    Example:
        >>> from datetime import datetime, timezone
        >>> AllTenantsOpts(detailed=True, start=datetime(2026, 3, 1, 12, tzinfo=timezone.utc),
        ...                limit=10).to_usage_all_tenants_query()
        '?detailed=1&limit=10&start=2026-03-01T12%3A00%3A00'
    """

    detailed: bool = False
    start: datetime | None = None
    end: datetime | None = None
    limit: int | None = None
    marker: str | None = None

    def to_usage_all_tenants_query(self) -> str:
        """The query string, with a leading `?` when not empty.

        Raises:
            InvalidInput: A negative limit, or an end not after the start.
        """
        return _query(self.start, self.end, self.limit, self.marker, self.detailed)


def all_tenants(client: ServiceClient, opts: AllTenantsOptsBuilder | None = None
                ) -> Pager[AllTenantsPage]:
    """Every project's usage (`GET /os-simple-tenant-usage`; admins by default policy)."""
    try:
        query = opts.to_usage_all_tenants_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, AllTenantsPage)
    return Pager(client, urls.all_tenants_url(client) + query, AllTenantsPage)
