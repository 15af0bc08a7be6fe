"""URLs of Keystone v3 application credentials."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = ["access_rule_url", "access_rules_url", "list_url", "resource_url"]


def list_url(client: ServiceClient, user_id: str) -> str:
    """`/v3/users/{user_id}/application_credentials`."""
    return client.service_url("users", quote(user_id, safe=""), "application_credentials")


def resource_url(client: ServiceClient, user_id: str, application_credential_id: str) -> str:
    """`/v3/users/{user_id}/application_credentials/{application_credential_id}`."""
    return client.service_url("users", quote(user_id, safe=""), "application_credentials",
                              quote(application_credential_id, safe=""))


def access_rules_url(client: ServiceClient, user_id: str) -> str:
    """`/v3/users/{user_id}/access_rules`."""
    return client.service_url("users", quote(user_id, safe=""), "access_rules")


def access_rule_url(client: ServiceClient, user_id: str, access_rule_id: str) -> str:
    """`/v3/users/{user_id}/access_rules/{access_rule_id}`."""
    return client.service_url("users", quote(user_id, safe=""), "access_rules",
                              quote(access_rule_id, safe=""))
