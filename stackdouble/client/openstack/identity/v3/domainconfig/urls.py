"""URLs of Keystone v3 domain configuration."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["config_url", "default_url"]


def _parts(group: str | None, option: str | None) -> list[str]:
    return [quote(p, safe="") for p in (group, option) if p is not None]


def config_url(client: ServiceClient, domain_id: str, group: str | None = None,
               option: str | None = None) -> str:
    """`/v3/domains/{domain_id}/config[/{group}[/{option}]]`."""
    return client.service_url("domains", quote(domain_id, safe=""), "config",
                              *_parts(group, option))


def default_url(client: ServiceClient, group: str | None = None,
                option: str | None = None) -> str:
    """`/v3/domains/config[/{group}[/{option}]]/default`."""
    return client.service_url("domains", "config", *_parts(group, option), "default")
