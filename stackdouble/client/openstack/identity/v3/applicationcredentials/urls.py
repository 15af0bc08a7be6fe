"""URLs of Keystone v3 application credentials."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["list_url", "resource_url"]


def list_url(client: ServiceClient, user_id: str) -> str:
    """`/v3/users/{user_id}/application_credentials`."""
    return client.service_url("users", quote(user_id, safe=""), "application_credentials")


def resource_url(client: ServiceClient, user_id: str, application_credential_id: str) -> str:
    """`/v3/users/{user_id}/application_credentials/{application_credential_id}`."""
    return client.service_url("users", quote(user_id, safe=""), "application_credentials",
                              quote(application_credential_id, safe=""))
