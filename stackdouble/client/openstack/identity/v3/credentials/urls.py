"""URLs of Keystone v3 credentials."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["list_url", "resource_url"]


def list_url(client: ServiceClient) -> str:
    """`/v3/credentials`."""
    return client.service_url("credentials")


def resource_url(client: ServiceClient, credential_id: str) -> str:
    """`/v3/credentials/{credential_id}`."""
    return client.service_url("credentials", quote(credential_id, safe=""))
