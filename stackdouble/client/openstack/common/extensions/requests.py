"""A service's extensions: list them, get one by alias."""

from __future__ import annotations

from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.common.extensions import urls
from stackdouble.client.openstack.common.extensions.results import (
    ExtensionPage,
    GetResult,
)
from stackdouble.client.pagination import Pager

__all__ = ["get", "list"]


def list(client: ServiceClient) -> Pager[ExtensionPage]:
    """List the extensions the service has loaded (`GET <root>/extensions`, one page).

    Returns:
        A Pager; nothing is sent until it is iterated.
    """
    return Pager(client, urls.list_url(client), ExtensionPage)


def get(client: ServiceClient, alias: str) -> GetResult:
    """Get one extension by alias (`GET <root>/extensions/{alias}`); one the service has not
    loaded is a 404 NotFound."""
    return GetResult.request(client, "GET", urls.get_url(client, alias), ok_codes=(200,))
