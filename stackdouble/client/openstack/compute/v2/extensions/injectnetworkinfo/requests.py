"""Inject a server's network information into it (`injectNetworkInfo` action; admins)."""

from __future__ import annotations

from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.compute.v2.extensions.injectnetworkinfo import urls
from stackdouble.client.openstack.compute.v2.extensions.injectnetworkinfo.results import (
    InjectNetworkResult,
)
from stackdouble.client.openstack.compute.v2.servers.requests import ACTION_OK_CODES

__all__ = ["inject_network_info"]


def inject_network_info(client: ServiceClient, server_id: str) -> InjectNetworkResult:
    """Rewrite the guest's network configuration from Nova's network information
    (`injectNetworkInfo`, 202; admins by default policy)."""
    return InjectNetworkResult.request(client, "POST", urls.action_url(client, server_id),
                                       json={"injectNetworkInfo": None},
                                       ok_codes=ACTION_OK_CODES)
