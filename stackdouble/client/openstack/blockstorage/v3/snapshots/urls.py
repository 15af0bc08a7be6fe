"""URLs of Cinder snapshots."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["create_url", "delete_url", "get_url", "list_detail_url", "list_url", "metadata_url",
           "metadatum_url", "update_url"]


def list_url(client: ServiceClient) -> str:
    """`/snapshots`: the listing without the extended attributes."""
    return client.service_url("snapshots")


def list_detail_url(client: ServiceClient) -> str:
    """`/snapshots/detail`."""
    return client.service_url("snapshots", "detail")


def create_url(client: ServiceClient) -> str:
    """`/snapshots` (POST)."""
    return list_url(client)


def get_url(client: ServiceClient, snapshot_id: str) -> str:
    """`/snapshots/{snapshot_id}`."""
    return client.service_url("snapshots", quote(snapshot_id, safe=""))


def update_url(client: ServiceClient, snapshot_id: str) -> str:
    """`/snapshots/{snapshot_id}` (PUT)."""
    return get_url(client, snapshot_id)


def delete_url(client: ServiceClient, snapshot_id: str) -> str:
    """`/snapshots/{snapshot_id}` (DELETE)."""
    return get_url(client, snapshot_id)


def metadata_url(client: ServiceClient, snapshot_id: str) -> str:
    """`/snapshots/{snapshot_id}/metadata`."""
    return client.service_url("snapshots", quote(snapshot_id, safe=""), "metadata")


def metadatum_url(client: ServiceClient, snapshot_id: str, key: str) -> str:
    """`/snapshots/{snapshot_id}/metadata/{key}`."""
    return client.service_url("snapshots", quote(snapshot_id, safe=""), "metadata",
                              quote(key, safe=""))
