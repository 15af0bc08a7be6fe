"""Rescue a server and bring it back (`rescue` / `unrescue` actions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.compute.v2.extensions.rescueunrescue import urls
from stackdouble.client.openstack.compute.v2.extensions.rescueunrescue.results import (
    RescueResult,
    UnrescueResult,
)
from stackdouble.client.openstack.compute.v2.servers.requests import ACTION_OK_CODES

__all__ = ["RescueOpts", "RescueOptsBuilder", "rescue", "unrescue"]


class RescueOptsBuilder(Protocol):
    """Anything that renders the body of `rescueunrescue.rescue`."""

    def to_server_rescue_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class RescueOpts:
    """How to rescue a server; None fields are not sent.

    Attributes:
        admin_pass: The root password of the rescue system; Nova generates one when it is
            not given. Never shown in the repr.
        rescue_image_ref: The image to boot the rescue system from (default: the server's
            own image). Volume-backed servers can be rescued from 2.87 only, from an image
            with `hw_rescue_bus` and `hw_rescue_device` properties.

    Example:
        >>> opts = RescueOpts(admin_pass="s3cret", rescue_image_ref="img-1")
        >>> opts.to_server_rescue_map()
        {'rescue': {'adminPass': 's3cret', 'rescue_image_ref': 'img-1'}}
        >>> "s3cret" in repr(opts)
        False
    """

    admin_pass: str | None = field(default=None, repr=False)
    rescue_image_ref: str | None = None

    def to_server_rescue_map(self) -> dict[str, Any]:
        """`{"rescue": {"adminPass": ..., "rescue_image_ref": ...}}`."""
        rescue: dict[str, Any] = {}
        if self.admin_pass is not None:
            rescue["adminPass"] = self.admin_pass
        if self.rescue_image_ref is not None:
            rescue["rescue_image_ref"] = self.rescue_image_ref
        return {"rescue": rescue}


def rescue(
    client: ServiceClient, server_id: str, opts: RescueOptsBuilder | None = None
) -> RescueResult:
    """Boot a server into a rescue system (`rescue` action, 200); it goes to RESCUE.

    Nova accepts ACTIVE, SHUTOFF and ERROR servers; others answer 409 (`Conflict`), as does
    a locked server for non-admins. `extract()` gives the rescue system's admin password.

    Example:
        >>> from stackdouble.client.openstack.compute.v2.extensions import rescueunrescue
        >>> password = rescueunrescue.rescue(compute, server_id).extract()
        >>> len(password), servers.get(compute, server_id).extract().status
        (12, 'RESCUE')
        >>> rescueunrescue.unrescue(compute, server_id).extract_err()
    """
    try:
        body = (opts or RescueOpts()).to_server_rescue_map()
    except StackdoubleError as exc:
        return RescueResult.from_error(exc)
    return RescueResult.request(client, "POST", urls.action_url(client, server_id),
                                json=body, ok_codes=ACTION_OK_CODES)


def unrescue(client: ServiceClient, server_id: str) -> UnrescueResult:
    """Bring a RESCUE server back to ACTIVE (`{"unrescue": null}`, 202)."""
    return UnrescueResult.request(client, "POST", urls.action_url(client, server_id),
                                  json={"unrescue": None}, ok_codes=ACTION_OK_CODES)
