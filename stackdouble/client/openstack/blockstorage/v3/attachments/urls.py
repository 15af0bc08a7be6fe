"""URLs of Cinder attachments (microversion 3.27+)."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["complete_url", "create_url", "delete_url", "get_url", "list_detail_url",
           "list_url", "update_url"]


def list_url(client: ServiceClient) -> str:
    """`/attachments`."""
    return client.service_url("attachments")


def list_detail_url(client: ServiceClient) -> str:
    """`/attachments/detail`."""
    return client.service_url("attachments", "detail")


def create_url(client: ServiceClient) -> str:
    """`/attachments` (POST)."""
    return list_url(client)


def get_url(client: ServiceClient, attachment_id: str) -> str:
    """`/attachments/{attachment_id}`."""
    return client.service_url("attachments", quote(attachment_id, safe=""))


def update_url(client: ServiceClient, attachment_id: str) -> str:
    """`/attachments/{attachment_id}` (PUT)."""
    return get_url(client, attachment_id)


def delete_url(client: ServiceClient, attachment_id: str) -> str:
    """`/attachments/{attachment_id}` (DELETE)."""
    return get_url(client, attachment_id)


def complete_url(client: ServiceClient, attachment_id: str) -> str:
    """`/attachments/{attachment_id}/action` (`os-complete`)."""
    return client.service_url("attachments", quote(attachment_id, safe=""), "action")
