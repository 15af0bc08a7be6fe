"""URLs of Keystone v3 policies."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["list_url", "resource_url"]


def list_url(client: ServiceClient) -> str:
    """`/v3/policies`."""
    return client.service_url("policies")


def resource_url(client: ServiceClient, policy_id: str) -> str:
    """`/v3/policies/{policy_id}`."""
    return client.service_url("policies", quote(policy_id, safe=""))
