"""URLs of Cinder volumes."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = [
    "action_url",
    "create_url",
    "delete_url",
    "get_url",
    "list_detail_url",
    "list_url",
    "metadata_url",
    "metadatum_url",
    "summary_url",
    "update_url",
]


def _q(value: str) -> str:
    return quote(value, safe="")


def list_url(client: ServiceClient) -> str:
    """`/volumes`: ids, names and links only."""
    return client.service_url("volumes")


def list_detail_url(client: ServiceClient) -> str:
    """`/volumes/detail`: every attribute."""
    return client.service_url("volumes", "detail")


def create_url(client: ServiceClient) -> str:
    """`/volumes` (POST)."""
    return list_url(client)


def get_url(client: ServiceClient, volume_id: str) -> str:
    """`/volumes/{volume_id}`."""
    return client.service_url("volumes", _q(volume_id))


def update_url(client: ServiceClient, volume_id: str) -> str:
    """`/volumes/{volume_id}` (PUT)."""
    return get_url(client, volume_id)


def delete_url(client: ServiceClient, volume_id: str) -> str:
    """`/volumes/{volume_id}` (DELETE)."""
    return get_url(client, volume_id)


def action_url(client: ServiceClient, volume_id: str) -> str:
    """`/volumes/{volume_id}/action`: every volume action (os-extend, os-set_bootable...)."""
    return client.service_url("volumes", _q(volume_id), "action")


def metadata_url(client: ServiceClient, volume_id: str) -> str:
    """`/volumes/{volume_id}/metadata`."""
    return client.service_url("volumes", _q(volume_id), "metadata")


def metadatum_url(client: ServiceClient, volume_id: str, key: str) -> str:
    """`/volumes/{volume_id}/metadata/{key}`."""
    return client.service_url("volumes", _q(volume_id), "metadata", _q(key))


def summary_url(client: ServiceClient) -> str:
    """`/volumes/summary` (microversion 3.12)."""
    return client.service_url("volumes", "summary")
