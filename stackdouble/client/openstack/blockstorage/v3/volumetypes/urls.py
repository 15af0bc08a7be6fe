"""URLs of Cinder volume types."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["get_url", "list_url"]


def list_url(client: ServiceClient) -> str:
    """`/types`."""
    return client.service_url("types")


def get_url(client: ServiceClient, volume_type_id: str) -> str:
    """`/types/{volume_type_id}` (`default` names the default type)."""
    return client.service_url("types", quote(volume_type_id, safe=""))
