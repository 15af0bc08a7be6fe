"""Evacuate a server off a failed host (`evacuate` action)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.compute.v2.extensions.evacuate import urls
from stackdouble.client.openstack.compute.v2.extensions.evacuate.results import EvacuateResult

__all__ = ["EvacuateOpts", "EvacuateOptsBuilder", "evacuate"]


class EvacuateOptsBuilder(Protocol):
    """Anything that renders the body of `evacuate.evacuate`."""

    def to_evacuate_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class EvacuateOpts:
    """Where and how to rebuild the server.

    Attributes:
        host: The destination; None lets the scheduler pick.
        on_shared_storage: Before 2.14 only, where Nova requires it: whether the disks are
            on storage both hosts share (None leaves it out).
        admin_pass: The rebuilt server's password (kept out of reprs); None lets Nova
            make one.
        force: 2.29 to 2.67: skip the scheduler's checks for `host`.

    Example:
        >>> EvacuateOpts(host="compute-2").to_evacuate_map()
        {'evacuate': {'host': 'compute-2'}}
        >>> EvacuateOpts(admin_pass="s3cret")
        EvacuateOpts(host=None, on_shared_storage=None, force=None)
    """

    host: str | None = None
    on_shared_storage: bool | None = None
    admin_pass: str | None = field(default=None, repr=False)
    force: bool | None = None

    def to_evacuate_map(self) -> dict[str, Any]:
        """`{"evacuate": {...}}`.

        Raises:
            InvalidInput: `force` without a host.
        """
        if self.force and not self.host:
            raise InvalidInput("force needs a host", "force")
        inner: dict[str, Any] = {}
        for key, value in (("host", self.host), ("onSharedStorage", self.on_shared_storage),
                           ("adminPass", self.admin_pass), ("force", self.force)):
            if value is not None:
                inner[key] = value
        return {"evacuate": inner}


def evacuate(client: ServiceClient, server_id: str, opts: EvacuateOptsBuilder | None = None
             ) -> EvacuateResult:
    """Rebuild a server on another host because its own is down (`evacuate`, 200; admins).

    The server shows REBUILD, then ACTIVE on the new host (SHUTOFF from 2.95 when it was
    stopped). A server whose host's compute service is still up is a 400 BadRequest
    ("Compute service of <host> is still in use."), an unknown host a 404 NotFound, a
    server busy or in another state a 409 Conflict.
    """
    try:
        body = (opts or EvacuateOpts()).to_evacuate_map()
    except StackdoubleError as exc:
        return EvacuateResult.from_error(exc)
    return EvacuateResult.request(client, "POST", urls.action_url(client, server_id),
                                  json=body, ok_codes=(200,))
