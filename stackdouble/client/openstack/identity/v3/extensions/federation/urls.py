"""URLs of Keystone's OS-FEDERATION."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = [
    "auth_url",
    "identity_provider_url",
    "identity_providers_url",
    "mapping_url",
    "mappings_url",
    "protocol_url",
    "protocols_url",
    "service_provider_url",
    "service_providers_url",
]


def _q(part: str) -> str:
    return quote(part, safe="")


def mappings_url(client: ServiceClient) -> str:
    """`/v3/OS-FEDERATION/mappings`."""
    return client.service_url("OS-FEDERATION", "mappings")


def mapping_url(client: ServiceClient, mapping_id: str) -> str:
    """`/v3/OS-FEDERATION/mappings/{mapping_id}`."""
    return client.service_url("OS-FEDERATION", "mappings", _q(mapping_id))


def identity_providers_url(client: ServiceClient) -> str:
    """`/v3/OS-FEDERATION/identity_providers`."""
    return client.service_url("OS-FEDERATION", "identity_providers")


def identity_provider_url(client: ServiceClient, idp_id: str) -> str:
    """`/v3/OS-FEDERATION/identity_providers/{idp_id}`."""
    return client.service_url("OS-FEDERATION", "identity_providers", _q(idp_id))


def protocols_url(client: ServiceClient, idp_id: str) -> str:
    """`/v3/OS-FEDERATION/identity_providers/{idp_id}/protocols`."""
    return identity_provider_url(client, idp_id) + "/protocols"


def protocol_url(client: ServiceClient, idp_id: str, protocol_id: str) -> str:
    """`.../identity_providers/{idp_id}/protocols/{protocol_id}`."""
    return protocols_url(client, idp_id) + "/" + _q(protocol_id)


def service_providers_url(client: ServiceClient) -> str:
    """`/v3/OS-FEDERATION/service_providers`."""
    return client.service_url("OS-FEDERATION", "service_providers")


def service_provider_url(client: ServiceClient, sp_id: str) -> str:
    """`/v3/OS-FEDERATION/service_providers/{sp_id}`."""
    return client.service_url("OS-FEDERATION", "service_providers", _q(sp_id))


def auth_url(client: ServiceClient, idp_id: str, protocol_id: str) -> str:
    """`/v3/OS-FEDERATION/identity_providers/{idp_id}/protocols/{protocol_id}/auth`."""
    return client.service_url("OS-FEDERATION", "identity_providers", _q(idp_id), "protocols",
                              _q(protocol_id), "auth")
