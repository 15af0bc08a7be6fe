"""URLs of Nova's version documents."""

from __future__ import annotations

import re

from stackdouble.client._service import ServiceClient

__all__ = ["version_url", "versions_url"]

# `/v2.1`, `/v2` or `/v2.1/{project_id}` at the end of a Compute endpoint.
_VERSIONED = re.compile(r"/v2(?:\.\d+)?(?:/[^/]+)?/?$")


def versions_url(client: ServiceClient) -> str:
    """Nova's root, the endpoint without its version: `https://nova/v2.1/` → `https://nova/`.

    Example:
        >>> from stackdouble.client import ProviderClient
        >>> versions_url(ServiceClient(ProviderClient(), "http://h/compute/v2.1/abc"))
        'http://h/compute/'
    """
    endpoint = client.endpoint.rstrip("/")
    return _VERSIONED.sub("", endpoint) + "/"


def version_url(client: ServiceClient) -> str:
    """The endpoint itself (`GET /v2.1/`), which describes its own version."""
    return client.endpoint
