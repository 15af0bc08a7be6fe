"""URLs of Keystone v3 roles."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = [
    "assignments_url",
    "implied_url",
    "inferences_url",
    "list_url",
    "resource_url",
]


def list_url(client: ServiceClient) -> str:
    """`/v3/roles`."""
    return client.service_url("roles")


def resource_url(client: ServiceClient, role_id: str) -> str:
    """`/v3/roles/{role_id}`."""
    return client.service_url("roles", quote(role_id, safe=""))


def assignments_url(client: ServiceClient) -> str:
    """`/v3/role_assignments`."""
    return client.service_url("role_assignments")


def implied_url(client: ServiceClient, prior_role_id: str, implied_role_id: str) -> str:
    """`/v3/roles/{prior_role_id}/implies/{implied_role_id}`."""
    return client.service_url("roles", quote(prior_role_id, safe=""), "implies",
                              quote(implied_role_id, safe=""))


def inferences_url(client: ServiceClient) -> str:
    """`/v3/role_inferences`."""
    return client.service_url("role_inferences")
