"""Nova's extensions: list them, get one by alias (gophercloud's `extensions.List` and
`Get`, which delegate to `common/extensions`)."""

from __future__ import annotations

from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.compute.v2.extensions import urls
from stackdouble.client.openstack.compute.v2.extensions.results import ExtensionPage, GetResult
from stackdouble.client.pagination import Pager

__all__ = ["get", "list"]


def list(client: ServiceClient) -> Pager[ExtensionPage]:
    """List the extensions Nova reports (`GET /extensions`, one page).

    Returns:
        A Pager; nothing is sent until it is iterated.
    """
    return Pager(client, urls.list_url(client), ExtensionPage)


def get(client: ServiceClient, alias: str) -> GetResult:
    """Get one extension by alias (`GET /extensions/{alias}`); an unknown alias is a 404
    NotFound."""
    return GetResult.request(client, "GET", urls.get_url(client, alias), ok_codes=(200,))
