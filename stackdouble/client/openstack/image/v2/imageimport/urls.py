"""URLs of Glance's interoperable image import."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["import_url", "info_url"]


def info_url(client: ServiceClient) -> str:
    """`/v2/info/import`: the import methods the cloud offers."""
    return client.service_url("info", "import")


def import_url(client: ServiceClient, image_id: str) -> str:
    """`/v2/images/{image_id}/import` (POST)."""
    return client.service_url("images", quote(image_id, safe=""), "import")
