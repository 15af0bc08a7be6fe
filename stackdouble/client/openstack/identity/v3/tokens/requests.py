"""Keystone v3 tokens: create (authenticate), get, validate and revoke."""

from __future__ import annotations

from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, NotFound, StackdoubleError
from stackdouble.client._options import AuthOptions
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.identity.v3.tokens import urls
from stackdouble.client.openstack.identity.v3.tokens.results import (
    CreateResult,
    GetResult,
    RevokeResult,
)

__all__ = ["AuthOptionsBuilder", "create", "get", "revoke", "to_token_v3_create_map", "validate"]


class AuthOptionsBuilder(Protocol):
    """Anything that can render a v3 token request body."""

    def to_token_v3_create_map(self) -> dict[str, Any]: ...


def to_token_v3_create_map(opts: AuthOptions) -> dict[str, Any]:
    """The body of `POST /v3/auth/tokens` for these options.

    Raises:
        InvalidInput: No usable credentials, a user name without a domain, a project name
            without a domain, or a scope given with an application credential.

    Example:
        >>> body = to_token_v3_create_map(AuthOptions(username="demo", password="p",
        ...     domain_name="Default", project_name="demo"))
        >>> body["auth"]["identity"]["methods"], body["auth"]["scope"]["project"]["name"]
        (['password'], 'demo')
    """
    method = opts.auth_method
    identity: dict[str, Any]
    if method == "password":
        identity = {
            "methods": ["password"],
            "password": {"user": {**_user_ref(opts), "password": opts.password}},
        }
    elif method == "application_credential":
        cred: dict[str, Any] = {"secret": opts.application_credential_secret}
        if opts.application_credential_id:
            cred["id"] = opts.application_credential_id
        else:
            cred["name"] = opts.application_credential_name
            cred["user"] = _user_ref(opts)
        if opts.scope != "unscoped":
            raise InvalidInput(
                "an application credential carries its own scope; do not set a project, "
                "domain, system or trust scope with it",
                "application_credential_id",
            )
        return {"auth": {"identity": {"methods": ["application_credential"],
                                      "application_credential": cred}}}
    elif method == "token":
        identity = {"methods": ["token"], "token": {"id": opts.token_id}}
    elif method == "api_key":
        raise InvalidInput(
            "Keystone v3 has no API-key authentication; use a password or an application "
            "credential, or Rackspace's v2.0 identity (stackdouble.client.rackspace)",
            "api_key",
        )
    else:
        raise InvalidInput(
            "no credentials: set a password with a user, an application credential, or a token",
            "password",
        )
    body: dict[str, Any] = {"auth": {"identity": identity}}
    scope = _scope(opts)
    if scope is not None:
        body["auth"]["scope"] = scope
    return body


def _user_ref(opts: AuthOptions) -> dict[str, Any]:
    if opts.user_id:
        return {"id": opts.user_id}
    if not opts.username:
        raise InvalidInput("a user name or user id is required", "username")
    if opts.effective_user_domain_id:
        return {"name": opts.username, "domain": {"id": opts.effective_user_domain_id}}
    if opts.effective_user_domain_name:
        return {"name": opts.username, "domain": {"name": opts.effective_user_domain_name}}
    raise InvalidInput(
        f"user {opts.username!r} needs a domain: set user_domain_name or user_domain_id "
        "(or domain_name/domain_id)",
        "user_domain_name",
    )


def _scope(opts: AuthOptions) -> dict[str, Any] | None:
    kind = opts.scope
    if kind == "project":
        if opts.scope_project_id:
            return {"project": {"id": opts.scope_project_id}}
        if opts.effective_project_domain_id:
            domain = {"id": opts.effective_project_domain_id}
        elif opts.effective_project_domain_name:
            domain = {"name": opts.effective_project_domain_name}
        else:
            raise InvalidInput(
                f"project {opts.scope_project_name!r} needs a domain: set project_domain_name "
                "or project_domain_id (or domain_name/domain_id)",
                "project_domain_name",
            )
        return {"project": {"name": opts.scope_project_name, "domain": domain}}
    if kind == "domain":
        if opts.scope_domain_id:
            return {"domain": {"id": opts.scope_domain_id}}
        return {"domain": {"name": opts.scope_domain_name}}
    if kind == "system":
        return {"system": {opts.system_scope or "all": True}}
    if kind == "trust":
        return {"OS-TRUST:trust": {"id": opts.trust_id}}
    return None


def create(
    client: ServiceClient,
    opts: AuthOptions | AuthOptionsBuilder,
    *,
    nocatalog: bool = False,
) -> CreateResult:
    """Authenticate: `POST /v3/auth/tokens`.

    The request carries no `X-Auth-Token` and never triggers reauthentication.

    Args:
        client: A Keystone v3 client (`openstack.new_identity_v3`).
        opts: AuthOptions, or any object with `to_token_v3_create_map()`.
        nocatalog: Ask Keystone to leave the catalog out of the token.

    Returns:
        A CreateResult: `extract_token()`, `extract_catalog()`, `extract_user()`...
        Wrong credentials surface there as `Unauthorized`; bad options as `InvalidInput`.
    """
    try:
        if isinstance(opts, AuthOptions):
            body = to_token_v3_create_map(opts)
        else:
            body = opts.to_token_v3_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    url = urls.tokens_url(client) + ("?nocatalog" if nocatalog else "")
    return CreateResult.request(
        client, "POST", url, json=body, ok_codes=(201,), authenticated=False
    )


def get(client: ServiceClient, token_id: str) -> GetResult:
    """Look up a token (`GET /v3/auth/tokens` with `X-Subject-Token`).

    Returns:
        A GetResult; an unknown, expired or revoked token surfaces as `NotFound`.
    """
    return GetResult.request(
        client, "GET", urls.tokens_url(client), headers={"X-Subject-Token": token_id},
        ok_codes=(200, 203),
    )


def validate(client: ServiceClient, token_id: str) -> bool:
    """Whether a token is valid (`HEAD /v3/auth/tokens`).

    Returns:
        True for a valid token, False when Keystone answers 404.

    Raises:
        StackdoubleError: Any other failure (the caller's own token refused, a transport error).
    """
    try:
        client.request("HEAD", urls.tokens_url(client), headers={"X-Subject-Token": token_id},
                       ok_codes=(200, 204))
    except NotFound:
        return False
    return True


def revoke(client: ServiceClient, token_id: str) -> RevokeResult:
    """Revoke a token (`DELETE /v3/auth/tokens`); `extract_err()` raises on failure."""
    return RevokeResult.request(
        client, "DELETE", urls.tokens_url(client), headers={"X-Subject-Token": token_id},
        ok_codes=(204,),
    )
