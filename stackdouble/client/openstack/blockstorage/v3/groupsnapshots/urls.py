"""URLs of Cinder group snapshots (microversion 3.14)."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["action_url", "create_url", "get_url", "list_detail_url", "list_url"]


def list_url(client: ServiceClient) -> str:
    """`/group_snapshots`: ids, names and group types."""
    return client.service_url("group_snapshots")


def list_detail_url(client: ServiceClient) -> str:
    """`/group_snapshots/detail`."""
    return client.service_url("group_snapshots", "detail")


def create_url(client: ServiceClient) -> str:
    """`/group_snapshots` (POST)."""
    return list_url(client)


def get_url(client: ServiceClient, group_snapshot_id: str) -> str:
    """`/group_snapshots/{group_snapshot_id}` (GET, DELETE)."""
    return client.service_url("group_snapshots", quote(group_snapshot_id, safe=""))


def action_url(client: ServiceClient, group_snapshot_id: str) -> str:
    """`/group_snapshots/{group_snapshot_id}/action` (`reset_status`)."""
    return client.service_url("group_snapshots", quote(group_snapshot_id, safe=""), "action")
