"""URLs of Glance image members."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["create_url", "delete_url", "get_url", "list_url", "update_url"]


def _q(value: str) -> str:
    return quote(value, safe="")


def list_url(client: ServiceClient, image_id: str) -> str:
    """`/v2/images/{image_id}/members`."""
    return client.service_url("images", _q(image_id), "members")


def create_url(client: ServiceClient, image_id: str) -> str:
    """`/v2/images/{image_id}/members` (POST)."""
    return list_url(client, image_id)


def get_url(client: ServiceClient, image_id: str, member_id: str) -> str:
    """`/v2/images/{image_id}/members/{member_id}`."""
    return client.service_url("images", _q(image_id), "members", _q(member_id))


def update_url(client: ServiceClient, image_id: str, member_id: str) -> str:
    """`/v2/images/{image_id}/members/{member_id}` (PUT)."""
    return get_url(client, image_id, member_id)


def delete_url(client: ServiceClient, image_id: str, member_id: str) -> str:
    """`/v2/images/{image_id}/members/{member_id}` (DELETE)."""
    return get_url(client, image_id, member_id)
