"""URLs of Nova servers."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = [
    "action_url",
    "create_url",
    "delete_url",
    "get_url",
    "list_addresses_by_network_url",
    "list_addresses_url",
    "list_detail_url",
    "list_url",
    "metadata_url",
    "metadatum_url",
    "update_url",
]


def _q(value: str) -> str:
    return quote(value, safe="")


def list_url(client: ServiceClient) -> str:
    """`/servers`: ids, names and links only."""
    return client.service_url("servers")


def list_detail_url(client: ServiceClient) -> str:
    """`/servers/detail`: every attribute."""
    return client.service_url("servers", "detail")


def create_url(client: ServiceClient) -> str:
    """`/servers` (POST)."""
    return list_url(client)


def get_url(client: ServiceClient, server_id: str) -> str:
    """`/servers/{server_id}`."""
    return client.service_url("servers", _q(server_id))


def update_url(client: ServiceClient, server_id: str) -> str:
    """`/servers/{server_id}` (PUT)."""
    return get_url(client, server_id)


def delete_url(client: ServiceClient, server_id: str) -> str:
    """`/servers/{server_id}` (DELETE)."""
    return get_url(client, server_id)


def action_url(client: ServiceClient, server_id: str) -> str:
    """`/servers/{server_id}/action`: every server action (reboot, resize, os-start...)."""
    return client.service_url("servers", _q(server_id), "action")


def metadata_url(client: ServiceClient, server_id: str) -> str:
    """`/servers/{server_id}/metadata`."""
    return client.service_url("servers", _q(server_id), "metadata")


def metadatum_url(client: ServiceClient, server_id: str, key: str) -> str:
    """`/servers/{server_id}/metadata/{key}`."""
    return client.service_url("servers", _q(server_id), "metadata", _q(key))


def list_addresses_url(client: ServiceClient, server_id: str) -> str:
    """`/servers/{server_id}/ips`."""
    return client.service_url("servers", _q(server_id), "ips")


def list_addresses_by_network_url(client: ServiceClient, server_id: str, network: str) -> str:
    """`/servers/{server_id}/ips/{network}`."""
    return client.service_url("servers", _q(server_id), "ips", _q(network))
