"""Nova hypervisors (admins): list with details, get."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.compute.v2.hypervisors import urls
from stackdouble.client.openstack.compute.v2.hypervisors.results import GetResult, HypervisorPage
from stackdouble.client.pagination import Pager

__all__ = ["GetOpts", "GetOptsBuilder", "ListOpts", "ListOptsBuilder", "get", "list"]


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `hypervisors.list`."""

    def to_hypervisor_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Which hypervisors and which page; None fields are not sent.

    Attributes:
        limit: Page size (2.33 and later).
        marker: The id of the last hypervisor seen (2.33 and later; a uuid from 2.53).
        hypervisor_hostname_pattern: Hypervisors whose name contains this (2.53 and later;
            Nova refuses it together with `limit` or `marker`).
        with_servers: Also list each hypervisor's servers (2.53 and later).

    Example:
        >>> ListOpts(hypervisor_hostname_pattern="compute", with_servers=True
        ...          ).to_hypervisor_list_query()
        '?hypervisor_hostname_pattern=compute&with_servers=true'
    """

    limit: int | None = field(default=None, metadata={"q": "limit"})
    marker: str | None = field(default=None, metadata={"q": "marker"})
    hypervisor_hostname_pattern: str | None = field(
        default=None, metadata={"q": "hypervisor_hostname_pattern"})
    with_servers: bool | None = field(default=None, metadata={"q": "with_servers"})

    def to_hypervisor_list_query(self) -> str:
        """The query string, with a leading `?` when not empty.

        Raises:
            InvalidInput: A negative limit.
        """
        if self.limit is not None and self.limit < 0:
            raise InvalidInput(f"limit must be >= 0, not {self.limit}", "limit")
        return build_query(self)


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[HypervisorPage]:
    """List hypervisors with their details (`GET /os-hypervisors/detail`, admins).

    Returns:
        A Pager; from 2.33 it follows `hypervisors_links`. A bad option surfaces as the
        first page's error.

    Example:
        >>> from stackdouble.client.openstack.compute.v2 import hypervisors
        >>> [h.state for h in hypervisors.list(admin_compute).items()][:1]
        ['up']
    """
    try:
        query = opts.to_hypervisor_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, HypervisorPage)
    return Pager(client, urls.list_detail_url(client) + query, HypervisorPage)


class GetOptsBuilder(Protocol):
    """Anything that renders the query of `hypervisors.get`."""

    def to_hypervisor_get_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class GetOpts:
    """Options of `hypervisors.get`.

    Attributes:
        with_servers: Also list its servers (2.53 and later).
    """

    with_servers: bool | None = field(default=None, metadata={"q": "with_servers"})

    def to_hypervisor_get_query(self) -> str:
        """The query string, with a leading `?` when not empty."""
        return build_query(self)


def get(client: ServiceClient, hypervisor_id: str, opts: GetOptsBuilder | None = None
        ) -> GetResult:
    """One hypervisor (`GET /os-hypervisors/{id}`, admins): by uuid from 2.53 (anything
    else is a 400), by integer id before.

    Example:
        >>> from stackdouble.client.openstack.compute.v2 import hypervisors
        >>> nova = admin_compute.with_microversion("2.53")
        >>> first = next(iter(hypervisors.list(nova).items()))
        >>> opts = hypervisors.GetOpts(with_servers=True)
        >>> found = hypervisors.get(nova, first.id, opts).extract()
        >>> found.hypervisor_hostname == first.hypervisor_hostname
        True
    """
    try:
        query = opts.to_hypervisor_get_query() if opts is not None else ""
    except StackdoubleError as exc:
        return GetResult.from_error(exc)
    return GetResult.request(client, "GET", urls.get_url(client, hypervisor_id) + query,
                             ok_codes=(200,))
