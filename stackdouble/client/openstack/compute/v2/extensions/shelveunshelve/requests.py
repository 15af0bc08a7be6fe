"""Shelve, shelve-offload and unshelve a server (`shelve`, `shelveOffload`, `unshelve`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from stackdouble.client._errors import StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.compute.v2.extensions.shelveunshelve import urls
from stackdouble.client.openstack.compute.v2.extensions.shelveunshelve.results import (
    ShelveOffloadResult,
    ShelveResult,
    UnshelveResult,
)
from stackdouble.client.openstack.compute.v2.servers.requests import ACTION_OK_CODES

__all__ = ["UnshelveOpts", "UnshelveOptsBuilder", "shelve", "shelve_offload", "unshelve"]


def shelve(client: ServiceClient, server_id: str) -> ShelveResult:
    """Shelve a server (`{"shelve": null}`, 202).

    Nova accepts ACTIVE, SHUTOFF, PAUSED and SUSPENDED servers (others answer 409,
    `Conflict`). With Nova's default `shelved_offload_time` of 0 the server goes straight
    to SHELVED_OFFLOADED; a volume-backed one always does. An image-backed server leaves a
    snapshot image, `<name>-shelved`, until it is unshelved.
    """
    return ShelveResult.request(client, "POST", urls.action_url(client, server_id),
                                json={"shelve": None}, ok_codes=ACTION_OK_CODES)


def shelve_offload(client: ServiceClient, server_id: str) -> ShelveOffloadResult:
    """Remove a SHELVED server from its host (`{"shelveOffload": null}`, 202); it goes to
    SHELVED_OFFLOADED. Nova's default policy allows admins only (403, `Forbidden`)."""
    return ShelveOffloadResult.request(client, "POST", urls.action_url(client, server_id),
                                       json={"shelveOffload": None}, ok_codes=ACTION_OK_CODES)


class UnshelveOptsBuilder(Protocol):
    """Anything that renders the body of `shelveunshelve.unshelve`."""

    def to_unshelve_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UnshelveOpts:
    """Where to unshelve a server.

    Attributes:
        availability_zone: The zone to unshelve a SHELVED_OFFLOADED server to, which pins it
            there (microversion 2.77 and later; Nova does not read it before). None sends
            `{"unshelve": null}`, as Nova wants when there is no zone.

    Example:
        >>> UnshelveOpts(availability_zone="nova").to_unshelve_map()
        {'unshelve': {'availability_zone': 'nova'}}
        >>> UnshelveOpts().to_unshelve_map()
        {'unshelve': None}
    """

    availability_zone: str | None = None

    def to_unshelve_map(self) -> dict[str, Any]:
        """`{"unshelve": {"availability_zone": ...}}`, or `{"unshelve": null}` without a zone
        (from 2.77 Nova refuses `{"unshelve": {}}`)."""
        if not self.availability_zone:
            return {"unshelve": None}
        return {"unshelve": {"availability_zone": self.availability_zone}}


def unshelve(
    client: ServiceClient, server_id: str, opts: UnshelveOptsBuilder | None = None
) -> UnshelveResult:
    """Bring a SHELVED or SHELVED_OFFLOADED server back to ACTIVE (`unshelve` action, 202).

    A zone for a server that is not SHELVED_OFFLOADED answers 409 (`Conflict`), an unknown
    zone 400 (`BadRequest`).

    Example:
        >>> from stackdouble.client.openstack.compute.v2.extensions import shelveunshelve
        >>> shelveunshelve.shelve(compute, server_id).extract_err()
        >>> servers.get(compute, server_id).extract().status
        'SHELVED_OFFLOADED'
        >>> zone = shelveunshelve.UnshelveOpts(availability_zone="nova")
        >>> shelveunshelve.unshelve(compute.with_microversion("2.77"), server_id,
        ...                         zone).extract_err()
        >>> servers.get(compute, server_id).extract().status
        'ACTIVE'
    """
    try:
        body = (opts or UnshelveOpts()).to_unshelve_map()
    except StackdoubleError as exc:
        return UnshelveResult.from_error(exc)
    return UnshelveResult.request(client, "POST", urls.action_url(client, server_id),
                                  json=body, ok_codes=ACTION_OK_CODES)
