"""Keystone v2.0 tenants: the tenants a token's user belongs to."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.identity.v2.tenants import urls
from stackdouble.client.openstack.identity.v2.tenants.results import TenantPage
from stackdouble.client.pagination import Pager

__all__ = ["ListOpts", "ListOptsBuilder", "list"]


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `tenants.list`."""

    def to_tenant_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Paging for `list`; None fields are not sent."""

    marker: str | None = field(default=None, metadata={"q": "marker"})
    limit: int | None = field(default=None, metadata={"q": "limit"})

    def to_tenant_list_query(self) -> str:
        """The query string, with a leading `?` when not empty."""
        return build_query(self)


def list(
    client: ServiceClient, opts: ListOptsBuilder | None = None
) -> Pager[TenantPage]:
    """List the token's tenants (`GET /v2.0/tenants`), following `tenants_links`."""
    query = opts.to_tenant_list_query() if opts is not None else ""
    return Pager(client, urls.list_url(client) + query, TenantPage)
