"""A volume backend's capabilities (`GET /capabilities/{host}`, admins)."""

from __future__ import annotations

from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.blockstorage.v3.capabilities import urls
from stackdouble.client.openstack.blockstorage.v3.capabilities.results import GetResult

__all__ = ["get"]


def get(client: ServiceClient, host: str) -> GetResult:
    """The capabilities of the volume backend on `host` (`GET /capabilities/{host}`;
    admins).

    Args:
        client: A Block Storage v3 client.
        host: A `cinder-volume` service's host, `node@backend` as `services.list` shows
            it; a bare node also matches its backends.

    Returns:
        A GetResult. A member gets `Forbidden` whatever the host; a host with no volume
        service is `NotFound` ("Can't find service: <host>").
    """
    return GetResult.request(client, "GET", urls.get_url(client, host), ok_codes=(200,))
