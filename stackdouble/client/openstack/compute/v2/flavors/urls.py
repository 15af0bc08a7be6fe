"""URLs of Nova flavors."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = [
    "access_action_url",
    "create_url",
    "delete_url",
    "extra_spec_url",
    "extra_specs_url",
    "get_url",
    "list_access_url",
    "list_detail_url",
    "list_url",
    "update_url",
]


def list_url(client: ServiceClient) -> str:
    """`/flavors`: ids, names and links only."""
    return client.service_url("flavors")


def list_detail_url(client: ServiceClient) -> str:
    """`/flavors/detail`."""
    return client.service_url("flavors", "detail")


def create_url(client: ServiceClient) -> str:
    """`/flavors` (POST)."""
    return list_url(client)


def get_url(client: ServiceClient, flavor_id: str) -> str:
    """`/flavors/{flavor_id}`."""
    return client.service_url("flavors", quote(flavor_id, safe=""))


def delete_url(client: ServiceClient, flavor_id: str) -> str:
    """`/flavors/{flavor_id}` (DELETE)."""
    return get_url(client, flavor_id)


def update_url(client: ServiceClient, flavor_id: str) -> str:
    """`/flavors/{flavor_id}` (PUT, 2.55)."""
    return get_url(client, flavor_id)


def list_access_url(client: ServiceClient, flavor_id: str) -> str:
    """`/flavors/{flavor_id}/os-flavor-access`."""
    return client.service_url("flavors", quote(flavor_id, safe=""), "os-flavor-access")


def access_action_url(client: ServiceClient, flavor_id: str) -> str:
    """`/flavors/{flavor_id}/action`: `addTenantAccess` and `removeTenantAccess`."""
    return client.service_url("flavors", quote(flavor_id, safe=""), "action")


def extra_specs_url(client: ServiceClient, flavor_id: str) -> str:
    """`/flavors/{flavor_id}/os-extra_specs`."""
    return client.service_url("flavors", quote(flavor_id, safe=""), "os-extra_specs")


def extra_spec_url(client: ServiceClient, flavor_id: str, key: str) -> str:
    """`/flavors/{flavor_id}/os-extra_specs/{key}`."""
    return client.service_url("flavors", quote(flavor_id, safe=""), "os-extra_specs",
                              quote(key, safe=""))
