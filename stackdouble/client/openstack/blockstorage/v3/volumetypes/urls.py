"""URLs of Cinder volume types, their extra specs and their project access."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = [
    "access_url",
    "action_url",
    "create_url",
    "delete_url",
    "extra_spec_url",
    "extra_specs_url",
    "get_url",
    "list_url",
    "update_url",
]


def list_url(client: ServiceClient) -> str:
    """`/types`."""
    return client.service_url("types")


def create_url(client: ServiceClient) -> str:
    """`/types` (POST)."""
    return list_url(client)


def get_url(client: ServiceClient, volume_type_id: str) -> str:
    """`/types/{volume_type_id}` (`default` names the default type)."""
    return client.service_url("types", quote(volume_type_id, safe=""))


def update_url(client: ServiceClient, volume_type_id: str) -> str:
    """`/types/{volume_type_id}` (PUT)."""
    return get_url(client, volume_type_id)


def delete_url(client: ServiceClient, volume_type_id: str) -> str:
    """`/types/{volume_type_id}` (DELETE)."""
    return get_url(client, volume_type_id)


def extra_specs_url(client: ServiceClient, volume_type_id: str) -> str:
    """`/types/{volume_type_id}/extra_specs`."""
    return client.service_url("types", quote(volume_type_id, safe=""), "extra_specs")


def extra_spec_url(client: ServiceClient, volume_type_id: str, key: str) -> str:
    """`/types/{volume_type_id}/extra_specs/{key}`."""
    return client.service_url("types", quote(volume_type_id, safe=""), "extra_specs",
                              quote(key, safe=""))


def access_url(client: ServiceClient, volume_type_id: str) -> str:
    """`/types/{volume_type_id}/os-volume-type-access`."""
    return client.service_url("types", quote(volume_type_id, safe=""),
                              "os-volume-type-access")


def action_url(client: ServiceClient, volume_type_id: str) -> str:
    """`/types/{volume_type_id}/action` (`addProjectAccess`, `removeProjectAccess`)."""
    return client.service_url("types", quote(volume_type_id, safe=""), "action")
