"""URLs of Nova instance actions."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["get_url", "list_url"]


def list_url(client: ServiceClient, server_id: str) -> str:
    """`/servers/{server_id}/os-instance-actions`."""
    return client.service_url("servers", quote(server_id, safe=""), "os-instance-actions")


def get_url(client: ServiceClient, server_id: str, request_id: str) -> str:
    """`/servers/{server_id}/os-instance-actions/{request_id}`."""
    return list_url(client, server_id) + "/" + quote(request_id, safe="")
