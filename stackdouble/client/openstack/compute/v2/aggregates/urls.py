"""URLs of Nova host aggregates."""

from __future__ import annotations

from stackdouble.client._service import ServiceClient

__all__ = ["action_url", "create_url", "delete_url", "get_url", "list_url", "update_url"]


def list_url(client: ServiceClient) -> str:
    """`/os-aggregates`."""
    return client.service_url("os-aggregates")


def create_url(client: ServiceClient) -> str:
    """`/os-aggregates` (POST)."""
    return list_url(client)


def get_url(client: ServiceClient, aggregate_id: int) -> str:
    """`/os-aggregates/{aggregate_id}`."""
    return client.service_url("os-aggregates", str(aggregate_id))


def update_url(client: ServiceClient, aggregate_id: int) -> str:
    """`/os-aggregates/{aggregate_id}` (PUT)."""
    return get_url(client, aggregate_id)


def delete_url(client: ServiceClient, aggregate_id: int) -> str:
    """`/os-aggregates/{aggregate_id}` (DELETE)."""
    return get_url(client, aggregate_id)


def action_url(client: ServiceClient, aggregate_id: int) -> str:
    """`/os-aggregates/{aggregate_id}/action` (`add_host`, `remove_host`,
    `set_metadata`)."""
    return client.service_url("os-aggregates", str(aggregate_id), "action")
