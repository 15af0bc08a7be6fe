"""URLs of Neutron quotas."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["delete_url", "get_detail_url", "get_url", "update_url"]


def get_url(client: ServiceClient, project_id: str) -> str:
    """`/v2.0/quotas/{project_id}`."""
    return client.service_url("quotas", quote(project_id, safe=""))


def get_detail_url(client: ServiceClient, project_id: str) -> str:
    """`/v2.0/quotas/{project_id}/details.json` (the `quota_details` extension; the
    api-ref and gophercloud name it with its `.json`)."""
    return client.service_url("quotas", quote(project_id, safe=""), "details.json")


def update_url(client: ServiceClient, project_id: str) -> str:
    """`/v2.0/quotas/{project_id}` (PUT)."""
    return get_url(client, project_id)


def delete_url(client: ServiceClient, project_id: str) -> str:
    """`/v2.0/quotas/{project_id}` (DELETE)."""
    return get_url(client, project_id)
