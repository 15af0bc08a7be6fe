"""The URL of Swift's `/info`."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from stackdouble.client._service import ServiceClient

__all__ = ["get_url"]

_VERSIONS = ("v1", "v1.0")


def get_url(client: ServiceClient) -> str:
    """`GET /info` next to the API version: the storage URL with its `/v1/<account>` tail
    replaced by `/info` (the cluster root when the URL has no version segment).

    Example:
        >>> from stackdouble.client import ProviderClient
        >>> get_url(ServiceClient(ProviderClient(), "https://swift.example/object-store/v1/AUTH_x"))
        'https://swift.example/object-store/info'
        >>> get_url(ServiceClient(ProviderClient(), "https://swift.example:8080/"))
        'https://swift.example:8080/info'
    """
    parts = urlsplit(client.endpoint)
    segments = parts.path.split("/")
    cut = max((i for i, s in enumerate(segments) if s in _VERSIONS), default=None)
    root = "/".join(segments[:cut]) if cut is not None else ""
    return urlunsplit((parts.scheme, parts.netloc, root.rstrip("/") + "/info", "", ""))
