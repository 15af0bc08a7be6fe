"""Reset a server's networking (`resetNetwork` action; admins)."""

from __future__ import annotations

from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.compute.v2.extensions.resetnetwork import urls
from stackdouble.client.openstack.compute.v2.extensions.resetnetwork.results import ResetResult
from stackdouble.client.openstack.compute.v2.servers.requests import ACTION_OK_CODES

__all__ = ["reset_network"]


def reset_network(client: ServiceClient, server_id: str) -> ResetResult:
    """Reset the guest's networking (`resetNetwork`, 202 on the clouds that still have it).

    Only the Xen driver did this; Nova removed the action in 23.0.0 (Wallaby), and since
    then every call is a 410 `HTTPError` (Gone).
    """
    return ResetResult.request(client, "POST", urls.action_url(client, server_id),
                               json={"resetNetwork": None}, ok_codes=ACTION_OK_CODES)
