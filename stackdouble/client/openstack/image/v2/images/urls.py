"""URLs of Glance images."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = [
    "create_url",
    "deactivate_url",
    "delete_url",
    "get_url",
    "list_url",
    "reactivate_url",
    "tag_url",
    "update_url",
]


def _q(value: str) -> str:
    return quote(value, safe="")


def list_url(client: ServiceClient) -> str:
    """`/v2/images`."""
    return client.service_url("images")


def create_url(client: ServiceClient) -> str:
    """`/v2/images` (POST)."""
    return list_url(client)


def get_url(client: ServiceClient, image_id: str) -> str:
    """`/v2/images/{image_id}`."""
    return client.service_url("images", _q(image_id))


def update_url(client: ServiceClient, image_id: str) -> str:
    """`/v2/images/{image_id}` (PATCH)."""
    return get_url(client, image_id)


def delete_url(client: ServiceClient, image_id: str) -> str:
    """`/v2/images/{image_id}` (DELETE)."""
    return get_url(client, image_id)


def deactivate_url(client: ServiceClient, image_id: str) -> str:
    """`/v2/images/{image_id}/actions/deactivate`."""
    return client.service_url("images", _q(image_id), "actions", "deactivate")


def reactivate_url(client: ServiceClient, image_id: str) -> str:
    """`/v2/images/{image_id}/actions/reactivate`."""
    return client.service_url("images", _q(image_id), "actions", "reactivate")


def tag_url(client: ServiceClient, image_id: str, tag: str) -> str:
    """`/v2/images/{image_id}/tags/{tag}`."""
    return client.service_url("images", _q(image_id), "tags", _q(tag))
