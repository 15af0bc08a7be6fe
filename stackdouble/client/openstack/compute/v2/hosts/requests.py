"""Nova's deprecated `os-hosts` (admins, microversions 2.1 to 2.42; 404 from 2.43): list
the services per host, show a host's resources, enable or disable a host.

`os-hypervisors` and `os-services` replace it (the api-ref says so); gophercloud has no
package for it. Enabling or disabling here only asks the compute service, which on
libvirt sets a placement trait until its next resource update: to take a host out of
scheduling for good, disable its service with `services`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.compute.v2.hosts import urls
from stackdouble.client.openstack.compute.v2.hosts.results import (
    GetResult,
    HostPage,
    UpdateResult,
)
from stackdouble.client.pagination import Pager

__all__ = ["HOST_SWITCHES", "ListOpts", "ListOptsBuilder", "UpdateOpts", "UpdateOptsBuilder",
           "get", "list", "update"]

#: The values `UpdateOpts.status` and `maintenance_mode` take.
HOST_SWITCHES = ("enable", "disable")


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `hosts.list`."""

    def to_hosts_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Filters; None fields are not sent.

    Example:
        >>> ListOpts(zone="nova").to_hosts_list_query()
        '?zone=nova'
    """

    zone: str | None = field(default=None, metadata={"q": "zone"})

    def to_hosts_list_query(self) -> str:
        """The query string, with a leading `?` when not empty."""
        return build_query(self)


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[HostPage]:
    """List the enabled services by host (`GET /os-hosts`, admins), in one page.

    Returns:
        A Pager; nothing is sent until it is iterated. A member's 403 and the 404 of
        microversions from 2.43 surface as the first page's error.

    Example:
        >>> from stackdouble.client.openstack.compute.v2 import hosts
        >>> [(h.service, h.zone) for h in hosts.list(admin_compute).items()]
        [('scheduler', 'internal'), ('conductor', 'internal'), ('compute', 'nova')]
    """
    try:
        query = opts.to_hosts_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, HostPage)
    return Pager(client, urls.list_url(client) + query, HostPage)


def get(client: ServiceClient, host_name: str) -> GetResult:
    """A compute host's resources (`GET /os-hosts/{host_name}`, admins): its totals, its
    usage now, the sum over its servers and a row per project with servers there.

    `extract()` raises NotFound for a host that is not a compute host.

    Example:
        >>> from stackdouble.client.openstack.compute.v2 import hosts
        >>> rows = hosts.get(admin_compute, "stackdouble-compute").extract()
        >>> [(r.project, r.cpu) for r in rows][:3]
        [('(total)', 64), ('(used_now)', 1), ('(used_max)', 1)]
    """
    return GetResult.request(client, "GET", urls.get_url(client, host_name), ok_codes=(200,))


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `hosts.update`."""

    def to_host_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """What to ask of a host; None fields are not sent.

    Attributes:
        status: `enable` or `disable`.
        maintenance_mode: `enable` or `disable` (libvirt answers 501).

    Example:
        >>> UpdateOpts(status="disable").to_host_update_map()
        {'status': 'disable'}
    """

    status: str | None = None
    maintenance_mode: str | None = None

    def to_host_update_map(self) -> dict[str, Any]:
        """The body of `PUT /os-hosts/{host_name}`.

        Raises:
            InvalidInput: A value other than enable or disable, or nothing to change.
        """
        pairs = (("status", self.status), ("maintenance_mode", self.maintenance_mode))
        for name, value in pairs:
            if value is not None and value not in HOST_SWITCHES:
                raise InvalidInput(f"{name} must be enable or disable, not {value!r}", name)
        body = {name: value for name, value in pairs if value is not None}
        if not body:
            raise InvalidInput("a host update needs a status or maintenance_mode", "status")
        return body


def update(client: ServiceClient, host_name: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Enable or disable a host, or switch its maintenance mode (`PUT
    /os-hosts/{host_name}`, admins). A bad option becomes the Result's error and nothing is
    sent; the driver's 501 (maintenance mode on libvirt) surfaces from `extract()`.

    Example:
        >>> from stackdouble.client.openstack.compute.v2 import hosts
        >>> opts = hosts.UpdateOpts(status="disable")
        >>> hosts.update(admin_compute, "stackdouble-compute", opts).extract().status
        'disabled'
    """
    try:
        body = opts.to_host_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PUT", urls.update_url(client, host_name), json=body,
                                ok_codes=(200,))
