"""URLs of Nova's remote consoles."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["create_url"]


def create_url(client: ServiceClient, server_id: str) -> str:
    """`/servers/{server_id}/remote-consoles`."""
    return client.service_url("servers", quote(server_id, safe=""), "remote-consoles")
