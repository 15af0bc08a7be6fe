"""Start and stop a server (`os-start` / `os-stop` actions)."""

from __future__ import annotations

from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.compute.v2.extensions.startstop import urls
from stackdouble.client.openstack.compute.v2.extensions.startstop.results import (
    StartResult,
    StopResult,
)
from stackdouble.client.openstack.compute.v2.servers.requests import ACTION_OK_CODES

__all__ = ["start", "stop"]


def start(client: ServiceClient, server_id: str) -> StartResult:
    """Start a SHUTOFF server (`{"os-start": null}`, 202); it goes to ACTIVE.

    A server in another state answers 409 (`Conflict`, Nova's conflictingRequest).
    """
    return StartResult.request(client, "POST", urls.action_url(client, server_id),
                               json={"os-start": None}, ok_codes=ACTION_OK_CODES)


def stop(client: ServiceClient, server_id: str) -> StopResult:
    """Stop an ACTIVE or ERROR server (`{"os-stop": null}`, 202); it goes to SHUTOFF."""
    return StopResult.request(client, "POST", urls.action_url(client, server_id),
                              json={"os-stop": None}, ok_codes=ACTION_OK_CODES)
