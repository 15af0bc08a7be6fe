"""URLs of Keystone's OS-TRUST trusts."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["list_roles_url", "list_url", "resource_url", "role_url"]


def list_url(client: ServiceClient) -> str:
    """`/v3/OS-TRUST/trusts` (create and list)."""
    return client.service_url("OS-TRUST", "trusts")


def resource_url(client: ServiceClient, trust_id: str) -> str:
    """`/v3/OS-TRUST/trusts/{trust_id}` (get and delete)."""
    return client.service_url("OS-TRUST", "trusts", quote(trust_id, safe=""))


def list_roles_url(client: ServiceClient, trust_id: str) -> str:
    """`/v3/OS-TRUST/trusts/{trust_id}/roles`."""
    return client.service_url("OS-TRUST", "trusts", quote(trust_id, safe=""), "roles")


def role_url(client: ServiceClient, trust_id: str, role_id: str) -> str:
    """`/v3/OS-TRUST/trusts/{trust_id}/roles/{role_id}` (get and check)."""
    return client.service_url("OS-TRUST", "trusts", quote(trust_id, safe=""), "roles",
                              quote(role_id, safe=""))
