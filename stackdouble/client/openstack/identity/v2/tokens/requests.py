"""Keystone v2.0 tokens: authenticate with a password, a token or a Rackspace API key."""

from __future__ import annotations

from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._options import AuthOptions
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.identity.v2.tokens import urls
from stackdouble.client.openstack.identity.v2.tokens.results import CreateResult

__all__ = ["AuthOptionsBuilder", "create", "to_token_v2_create_map"]


class AuthOptionsBuilder(Protocol):
    """Anything that can render a v2.0 token request body."""

    def to_token_v2_create_map(self) -> dict[str, Any]: ...


def to_token_v2_create_map(opts: AuthOptions) -> dict[str, Any]:
    """The body of `POST /v2.0/tokens` for these options.

    A password becomes `passwordCredentials`, an API key Rackspace's
    `RAX-KSKEY:apiKeyCredentials`, a bare token `token`; the project is `tenantId` or
    `tenantName`.

    Raises:
        InvalidInput: No usable credentials, or credentials v2.0 does not know (application
            credentials, user ids without names, domains).

    Example:
        >>> body = to_token_v2_create_map(AuthOptions(username="demo", api_key="k", tenant_id="t1"))
        >>> body["auth"]["RAX-KSKEY:apiKeyCredentials"], body["auth"]["tenantId"]
        ({'username': 'demo', 'apiKey': 'k'}, 't1')
    """
    method = opts.auth_method
    auth: dict[str, Any]
    if method in ("password", "api_key") and not opts.username:
        raise InvalidInput("Keystone v2.0 needs a user name, not a user id", "username")
    if method == "password":
        auth = {"passwordCredentials": {"username": opts.username, "password": opts.password}}
    elif method == "api_key":
        auth = {"RAX-KSKEY:apiKeyCredentials": {"username": opts.username, "apiKey": opts.api_key}}
    elif method == "token":
        auth = {"token": {"id": opts.token_id}}
    elif method == "application_credential":
        raise InvalidInput(
            "application credentials need Keystone v3", "application_credential_id"
        )
    else:
        raise InvalidInput(
            "no credentials: set a password or API key with a user name, or a token", "password"
        )
    if opts.scope in ("domain", "system", "trust"):
        raise InvalidInput(f"Keystone v2.0 cannot scope a token to a {opts.scope}", "scope")
    if opts.scope_project_id:
        auth["tenantId"] = opts.scope_project_id
    elif opts.scope_project_name:
        auth["tenantName"] = opts.scope_project_name
    return {"auth": auth}


def create(client: ServiceClient, opts: AuthOptions | AuthOptionsBuilder) -> CreateResult:
    """Authenticate: `POST /v2.0/tokens`.

    Args:
        client: A Keystone v2.0 client (`openstack.new_identity_v2`).
        opts: AuthOptions, or any object with `to_token_v2_create_map()`.

    Returns:
        A CreateResult: `extract_token()`, `extract_service_catalog()`, `extract_user()`.
        Wrong credentials surface there as `Unauthorized`.
    """
    try:
        if isinstance(opts, AuthOptions):
            body = to_token_v2_create_map(opts)
        else:
            body = opts.to_token_v2_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(
        client, "POST", urls.create_url(client), json=body, ok_codes=(200, 203),
        authenticated=False,
    )
