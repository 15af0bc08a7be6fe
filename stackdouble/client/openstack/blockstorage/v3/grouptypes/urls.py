"""URLs of Cinder group types and their group specs (microversion 3.11)."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["get_url", "group_spec_url", "group_specs_url", "list_url"]


def list_url(client: ServiceClient) -> str:
    """`/group_types` (GET lists, POST creates)."""
    return client.service_url("group_types")


def get_url(client: ServiceClient, group_type_id: str) -> str:
    """`/group_types/{group_type_id}` (GET, PUT, DELETE; `default` names the default)."""
    return client.service_url("group_types", quote(group_type_id, safe=""))


def group_specs_url(client: ServiceClient, group_type_id: str) -> str:
    """`/group_types/{group_type_id}/group_specs`."""
    return client.service_url("group_types", quote(group_type_id, safe=""), "group_specs")


def group_spec_url(client: ServiceClient, group_type_id: str, key: str) -> str:
    """`/group_types/{group_type_id}/group_specs/{key}`."""
    return client.service_url("group_types", quote(group_type_id, safe=""), "group_specs",
                              quote(key, safe=""))
