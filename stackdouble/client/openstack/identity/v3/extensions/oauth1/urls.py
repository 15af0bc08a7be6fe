"""URLs of Keystone's OS-OAUTH1."""

from __future__ import annotations

from urllib.parse import quote

from stackdouble.client._service import ServiceClient

__all__ = [
    "access_token_role_url",
    "access_token_roles_url",
    "access_token_url",
    "access_tokens_url",
    "auth_url",
    "authorize_token_url",
    "consumer_url",
    "consumers_url",
    "create_access_token_url",
    "request_token_url",
]


def _q(part: str) -> str:
    return quote(part, safe="")


def consumers_url(client: ServiceClient) -> str:
    """`/v3/OS-OAUTH1/consumers` (create and list)."""
    return client.service_url("OS-OAUTH1", "consumers")


def consumer_url(client: ServiceClient, consumer_id: str) -> str:
    """`/v3/OS-OAUTH1/consumers/{consumer_id}` (get, update, delete)."""
    return client.service_url("OS-OAUTH1", "consumers", _q(consumer_id))


def request_token_url(client: ServiceClient) -> str:
    """`/v3/OS-OAUTH1/request_token`."""
    return client.service_url("OS-OAUTH1", "request_token")


def authorize_token_url(client: ServiceClient, request_token_id: str) -> str:
    """`/v3/OS-OAUTH1/authorize/{request_token_id}`."""
    return client.service_url("OS-OAUTH1", "authorize", _q(request_token_id))


def create_access_token_url(client: ServiceClient) -> str:
    """`/v3/OS-OAUTH1/access_token`."""
    return client.service_url("OS-OAUTH1", "access_token")


def auth_url(client: ServiceClient) -> str:
    """`/v3/auth/tokens`, where an access token is traded for a Keystone token."""
    return client.service_url("auth", "tokens")


def access_tokens_url(client: ServiceClient, user_id: str) -> str:
    """`/v3/users/{user_id}/OS-OAUTH1/access_tokens`."""
    return client.service_url("users", _q(user_id), "OS-OAUTH1", "access_tokens")


def access_token_url(client: ServiceClient, user_id: str, access_token_id: str) -> str:
    """`/v3/users/{user_id}/OS-OAUTH1/access_tokens/{access_token_id}`."""
    return client.service_url("users", _q(user_id), "OS-OAUTH1", "access_tokens",
                              _q(access_token_id))


def access_token_roles_url(client: ServiceClient, user_id: str, access_token_id: str) -> str:
    """`.../access_tokens/{access_token_id}/roles`."""
    return access_token_url(client, user_id, access_token_id) + "/roles"


def access_token_role_url(client: ServiceClient, user_id: str, access_token_id: str,
                          role_id: str) -> str:
    """`.../access_tokens/{access_token_id}/roles/{role_id}`."""
    return access_token_roles_url(client, user_id, access_token_id) + "/" + _q(role_id)
