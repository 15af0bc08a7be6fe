"""URLs of Nova's image proxy."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["delete_url", "get_url", "list_detail_url", "metadata_url", "metadatum_url"]


def list_detail_url(client: ServiceClient) -> str:
    """`/images/detail`."""
    return client.service_url("images", "detail")


def get_url(client: ServiceClient, image_id: str) -> str:
    """`/images/{image_id}`."""
    return client.service_url("images", quote(image_id, safe=""))


def delete_url(client: ServiceClient, image_id: str) -> str:
    """`/images/{image_id}` (DELETE)."""
    return get_url(client, image_id)


def metadata_url(client: ServiceClient, image_id: str) -> str:
    """`/images/{image_id}/metadata`."""
    return client.service_url("images", quote(image_id, safe=""), "metadata")


def metadatum_url(client: ServiceClient, image_id: str, key: str) -> str:
    """`/images/{image_id}/metadata/{key}`."""
    return client.service_url("images", quote(image_id, safe=""), "metadata",
                              quote(key, safe=""))
