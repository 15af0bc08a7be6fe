"""The URL of Swift's v1.0 auth."""

from __future__ import annotations

from stackdouble.client._provider import ProviderClient
from stackdouble.client._service import ServiceClient

__all__ = ["get_url"]


def get_url(client: ProviderClient | ServiceClient) -> str:
    """`GET <root>/auth/v1.0`, the root being the provider's identity base (or a service
    client's endpoint); a root already ending in `/v1.0` (Rackspace's
    `https://auth.api.rackspacecloud.com/v1.0`) is used as it is.

    Example:
        >>> get_url(ProviderClient(identity_base="http://127.0.0.1:8080/"))
        'http://127.0.0.1:8080/auth/v1.0'
        >>> get_url(ProviderClient(identity_base="https://auth.example/v1.0/"))
        'https://auth.example/v1.0'
    """
    root = client.identity_base if isinstance(client, ProviderClient) else client.endpoint
    root = root.rstrip("/")
    if root.endswith("/v1.0"):
        return root
    return root + "/auth/v1.0"
