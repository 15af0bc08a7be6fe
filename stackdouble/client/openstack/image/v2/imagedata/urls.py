"""URLs of Glance image data."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["download_url", "stage_url", "upload_url"]


def upload_url(client: ServiceClient, image_id: str) -> str:
    """`/v2/images/{image_id}/file` (PUT)."""
    return client.service_url("images", quote(image_id, safe=""), "file")


def download_url(client: ServiceClient, image_id: str) -> str:
    """`/v2/images/{image_id}/file` (GET)."""
    return upload_url(client, image_id)


def stage_url(client: ServiceClient, image_id: str) -> str:
    """`/v2/images/{image_id}/stage` (PUT): data for a `glance-direct` import."""
    return client.service_url("images", quote(image_id, safe=""), "stage")
