"""URLs of Cinder's version documents."""

from __future__ import annotations

import re

from stackdouble.client._service import ServiceClient

__all__ = ["versions_url"]

# `/v3` or `/v3/{project_id}` at the end of a Block Storage endpoint.
_VERSIONED = re.compile(r"/v[23](?:\.\d+)?(?:/[^/]+)?/?$")


def versions_url(client: ServiceClient) -> str:
    """Cinder's root, the endpoint without its version and project:
    `https://h/volume/v3/abc` → `https://h/volume/`.

    Example:
        >>> from stackdouble.client import ProviderClient
        >>> versions_url(ServiceClient(ProviderClient(), "http://h:8776/v3/abc/"))
        'http://h:8776/'
    """
    endpoint = client.endpoint.rstrip("/")
    return _VERSIONED.sub("", endpoint) + "/"
