"""URLs of Keystone v3 OS-INHERIT."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["assignment_url", "list_url"]


def assignment_url(client: ServiceClient, parts: tuple[str, ...], role_id: str) -> str:
    """`/v3/OS-INHERIT/{domains|projects}/{id}/{users|groups}/{id}/roles/{role_id}
    /inherited_to_projects`, `parts` being the target and actor segments."""
    return client.service_url("OS-INHERIT", *parts, "roles", quote(role_id, safe=""),
                              "inherited_to_projects")


def list_url(client: ServiceClient, parts: tuple[str, ...]) -> str:
    """`/v3/OS-INHERIT/domains/{id}/{users|groups}/{id}/roles/inherited_to_projects`."""
    return client.service_url("OS-INHERIT", *parts, "roles", "inherited_to_projects")
