"""Nova services (admins): list, enable, disable, force down, delete.

From 2.53 a service is updated by its uuid (`update`); before, by host and binary with
one URL per action (`enable`, `disable`, `force_down`, the last from 2.11).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.compute.v2.services import urls
from stackdouble.client.openstack.compute.v2.services.results import (
    DeleteResult,
    ServicePage,
    UpdateResult,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "SERVICE_STATUSES",
    "ListOpts",
    "ListOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "delete",
    "disable",
    "enable",
    "force_down",
    "list",
    "update",
]

#: The statuses `UpdateOpts.status` takes.
SERVICE_STATUSES = ("enabled", "disabled")


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `services.list`."""

    def to_services_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Filters; None fields are not sent.

    Example:
        >>> ListOpts(binary="nova-compute").to_services_list_query()
        '?binary=nova-compute'
    """

    binary: str | None = field(default=None, metadata={"q": "binary"})
    host: str | None = field(default=None, metadata={"q": "host"})

    def to_services_list_query(self) -> str:
        """The query string, with a leading `?` when not empty."""
        return build_query(self)


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[ServicePage]:
    """List services (`GET /os-services`, admins), in one page.

    Example:
        >>> from stackdouble.client.openstack.compute.v2 import services
        >>> opts = services.ListOpts(binary="nova-compute")
        >>> {s.binary for s in services.list(admin_compute, opts).items()}
        {'nova-compute'}
    """
    try:
        query = opts.to_services_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, ServicePage)
    return Pager(client, urls.list_url(client) + query, ServicePage)


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `services.update`."""

    def to_service_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """What to change on a service (2.53 and later); None fields are not sent.

    Attributes:
        status: `enabled` or `disabled` (the scheduler skips a disabled compute service).
        disabled_reason: Why; only with `status="disabled"` (Nova refuses it otherwise).
        forced_down: Mark the service down now, without waiting for it to miss its
            heartbeats (for evacuating its servers).

    Example:
        >>> UpdateOpts(status="disabled", disabled_reason="maintenance"
        ...            ).to_service_update_map()
        {'status': 'disabled', 'disabled_reason': 'maintenance'}
    """

    status: str | None = None
    disabled_reason: str | None = None
    forced_down: bool | None = None

    def to_service_update_map(self) -> dict[str, Any]:
        """The body of `PUT /os-services/{service_id}`.

        Raises:
            InvalidInput: A status other than enabled or disabled, or nothing to change.
        """
        if self.status is not None and self.status not in SERVICE_STATUSES:
            raise InvalidInput(f"status must be enabled or disabled, not {self.status!r}",
                               "status")
        if self.status is None and self.forced_down is None:
            raise InvalidInput("a service update needs a status or forced_down", "status")
        pairs = (("status", self.status), ("disabled_reason", self.disabled_reason),
                 ("forced_down", self.forced_down))
        return {key: value for key, value in pairs if value is not None}


def update(client: ServiceClient, service_id: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Enable, disable or force down a service by its uuid (`PUT /os-services/{id}`,
    admins, 2.53 and later). Nova updates only `nova-compute` services (400 otherwise).
    A bad option becomes the Result's error and nothing is sent.

    Example:
        >>> from stackdouble.client.openstack.compute.v2 import services
        >>> nova = admin_compute.with_microversion("2.53")
        >>> compute_service = next(iter(services.list(
        ...     nova, services.ListOpts(binary="nova-compute")).items()))
        >>> opts = services.UpdateOpts(status="disabled", disabled_reason="maintenance")
        >>> services.update(nova, compute_service.id, opts).extract().status
        'disabled'
    """
    try:
        body = opts.to_service_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PUT", urls.update_url(client, service_id), json=body,
                                ok_codes=(200,))


def _legacy(client: ServiceClient, action: str, body: dict[str, Any]) -> UpdateResult:
    return UpdateResult.request(client, "PUT", urls.action_url(client, action), json=body,
                                ok_codes=(200,))


def enable(client: ServiceClient, host: str, binary: str) -> UpdateResult:
    """Enable a service by host and binary (`PUT /os-services/enable`, before 2.53).

    Nova updates only `nova-compute` services (400 for any other binary).

    Example:
        >>> from stackdouble.client.openstack.compute.v2 import services
        >>> nova = admin_compute.with_microversion("2.52")
        >>> first = next(iter(services.list(nova, services.ListOpts(binary="nova-compute")
        ...                                 ).items()))
        >>> services.disable(nova, first.host, "nova-compute", reason="rack move"
        ...                  ).extract().status
        'disabled'
        >>> services.enable(nova, first.host, "nova-compute").extract().status
        'enabled'
    """
    return _legacy(client, "enable", {"host": host, "binary": binary})


def disable(client: ServiceClient, host: str, binary: str, *, reason: str | None = None
            ) -> UpdateResult:
    """Disable a service by host and binary, before 2.53: `PUT /os-services/disable`, or
    `/os-services/disable-log-reason` with a reason."""
    if reason is None:
        return _legacy(client, "disable", {"host": host, "binary": binary})
    return _legacy(client, "disable-log-reason",
                   {"host": host, "binary": binary, "disabled_reason": reason})


def force_down(client: ServiceClient, host: str, binary: str, *, forced_down: bool = True
               ) -> UpdateResult:
    """Force a service down (or back up) by host and binary (`PUT /os-services/force-down`,
    2.11 to 2.52)."""
    return _legacy(client, "force-down",
                   {"host": host, "binary": binary, "forced_down": forced_down})


def delete(client: ServiceClient, service_id: str) -> DeleteResult:
    """Delete a service (`DELETE /os-services/{service_id}`, admins, 204): a uuid from
    2.53, the integer id before."""
    return DeleteResult.request(client, "DELETE", urls.delete_url(client, service_id),
                                ok_codes=(204,))
