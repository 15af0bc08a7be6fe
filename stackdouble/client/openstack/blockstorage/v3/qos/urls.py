"""URLs of Cinder QoS specs (`/qos-specs`)."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["associate_url", "associations_url", "create_url", "delete_keys_url",
           "delete_url", "disassociate_all_url", "disassociate_url", "get_url", "list_url",
           "update_url"]


def list_url(client: ServiceClient) -> str:
    """`/qos-specs`."""
    return client.service_url("qos-specs")


def create_url(client: ServiceClient) -> str:
    """`/qos-specs` (POST)."""
    return list_url(client)


def get_url(client: ServiceClient, qos_id: str) -> str:
    """`/qos-specs/{qos_id}`."""
    return client.service_url("qos-specs", quote(qos_id, safe=""))


def update_url(client: ServiceClient, qos_id: str) -> str:
    """`/qos-specs/{qos_id}` (PUT)."""
    return get_url(client, qos_id)


def delete_url(client: ServiceClient, qos_id: str) -> str:
    """`/qos-specs/{qos_id}` (DELETE)."""
    return get_url(client, qos_id)


def delete_keys_url(client: ServiceClient, qos_id: str) -> str:
    """`/qos-specs/{qos_id}/delete_keys` (PUT)."""
    return client.service_url("qos-specs", quote(qos_id, safe=""), "delete_keys")


def associations_url(client: ServiceClient, qos_id: str) -> str:
    """`/qos-specs/{qos_id}/associations`."""
    return client.service_url("qos-specs", quote(qos_id, safe=""), "associations")


def associate_url(client: ServiceClient, qos_id: str) -> str:
    """`/qos-specs/{qos_id}/associate` (GET, with `vol_type_id`)."""
    return client.service_url("qos-specs", quote(qos_id, safe=""), "associate")


def disassociate_url(client: ServiceClient, qos_id: str) -> str:
    """`/qos-specs/{qos_id}/disassociate` (GET, with `vol_type_id`)."""
    return client.service_url("qos-specs", quote(qos_id, safe=""), "disassociate")


def disassociate_all_url(client: ServiceClient, qos_id: str) -> str:
    """`/qos-specs/{qos_id}/disassociate_all` (GET)."""
    return client.service_url("qos-specs", quote(qos_id, safe=""), "disassociate_all")
