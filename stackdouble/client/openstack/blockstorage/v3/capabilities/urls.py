"""URL of a Cinder backend's capabilities."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["get_url"]


def get_url(client: ServiceClient, host: str) -> str:
    """`/capabilities/{host}` (a pool's `#` escaped)."""
    return client.service_url("capabilities", quote(host, safe="@"))
