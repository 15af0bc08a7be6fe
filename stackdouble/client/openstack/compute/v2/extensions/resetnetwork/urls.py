"""URLs of the resetNetwork action."""

from __future__ import annotations

from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.compute.v2.servers import urls as server_urls

__all__ = ["action_url"]


def action_url(client: ServiceClient, server_id: str) -> str:
    """`/servers/{server_id}/action`."""
    return server_urls.action_url(client, server_id)
