"""URLs of Cinder backups."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["action_url", "create_url", "delete_url", "get_url", "list_detail_url", "list_url",
           "restore_url", "update_url"]


def list_url(client: ServiceClient) -> str:
    """`/backups`: ids, names and links."""
    return client.service_url("backups")


def list_detail_url(client: ServiceClient) -> str:
    """`/backups/detail`."""
    return client.service_url("backups", "detail")


def create_url(client: ServiceClient) -> str:
    """`/backups` (POST)."""
    return list_url(client)


def get_url(client: ServiceClient, backup_id: str) -> str:
    """`/backups/{backup_id}`."""
    return client.service_url("backups", quote(backup_id, safe=""))


def update_url(client: ServiceClient, backup_id: str) -> str:
    """`/backups/{backup_id}` (PUT)."""
    return get_url(client, backup_id)


def delete_url(client: ServiceClient, backup_id: str) -> str:
    """`/backups/{backup_id}` (DELETE)."""
    return get_url(client, backup_id)


def restore_url(client: ServiceClient, backup_id: str) -> str:
    """`/backups/{backup_id}/restore`."""
    return client.service_url("backups", quote(backup_id, safe=""), "restore")


def action_url(client: ServiceClient, backup_id: str) -> str:
    """`/backups/{backup_id}/action` (`os-reset_status`, `os-force_delete`)."""
    return client.service_url("backups", quote(backup_id, safe=""), "action")
