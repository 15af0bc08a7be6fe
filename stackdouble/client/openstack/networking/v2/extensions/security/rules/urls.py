"""URLs of Neutron security group rules."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["create_url", "delete_url", "get_url", "list_url"]


def list_url(client: ServiceClient) -> str:
    """`/v2.0/security-group-rules`."""
    return client.service_url("security-group-rules")


def create_url(client: ServiceClient) -> str:
    """`/v2.0/security-group-rules` (POST)."""
    return list_url(client)


def get_url(client: ServiceClient, rule_id: str) -> str:
    """`/v2.0/security-group-rules/{rule_id}`."""
    return client.service_url("security-group-rules", quote(rule_id, safe=""))


def delete_url(client: ServiceClient, rule_id: str) -> str:
    """`/v2.0/security-group-rules/{rule_id}` (DELETE)."""
    return get_url(client, rule_id)
