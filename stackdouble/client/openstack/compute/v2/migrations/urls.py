"""URLs of Nova's migrations."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["force_complete_url", "list_url", "server_migration_url", "server_migrations_url"]


def list_url(client: ServiceClient) -> str:
    """`/os-migrations`."""
    return client.service_url("os-migrations")


def server_migrations_url(client: ServiceClient, server_id: str) -> str:
    """`/servers/{server_id}/migrations`."""
    return client.service_url("servers", quote(server_id, safe=""), "migrations")


def server_migration_url(client: ServiceClient, server_id: str, migration_id: str) -> str:
    """`/servers/{server_id}/migrations/{migration_id}`."""
    return client.service_url("servers", quote(server_id, safe=""), "migrations",
                              quote(migration_id, safe=""))


def force_complete_url(client: ServiceClient, server_id: str, migration_id: str) -> str:
    """`/servers/{server_id}/migrations/{migration_id}/action`."""
    return server_migration_url(client, server_id, migration_id) + "/action"
