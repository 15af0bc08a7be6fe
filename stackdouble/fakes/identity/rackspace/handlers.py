"""Rackspace Cloud Identity's routes: `POST /v2.0/tokens` and `GET /v2.0/tenants`.

Authentication takes `RAX-KSKEY:apiKeyCredentials`, `passwordCredentials` or a `token`
(which needs a tenant). Unlike Keystone's v2.0, credentials without a tenant scope the token
to the user's default tenant, with the full catalog. A tenant may be named by `tenantId` or
`tenantName` (not both: 400), in `auth` or inside the credentials. Failures answer with
Rackspace's faults and messages (`errors`); a disabled user gets `userDisabled` (403) once
its credentials check out.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.identity.errors import KeystoneError
from stackdouble.fakes.identity.handlers._common import _json_body
from stackdouble.fakes.identity.handlers.tenants import list_tenants_v2
from stackdouble.fakes.identity.models import DEFAULT_DOMAIN_ID, IdentityModel, User, check_secret
from stackdouble.fakes.identity.rackspace import views
from stackdouble.fakes.identity.rackspace.errors import (
    BAD_AUTH_BODY,
    INVALID_API_KEY,
    INVALID_CREDENTIALS,
    INVALID_TOKEN,
    NOT_AUTHORIZED_FOR_TENANT,
    RackspaceFault,
)

__all__ = ["issue_token", "list_tenants", "rackspace_faults"]

_Handler = Callable[[FakeRequest], FakeResponse]


def rackspace_faults(handler: _Handler) -> _Handler:
    """Wrap a handler so the Keystone errors of the shared pieces it calls answer in
    Rackspace's envelope (same status and message)."""
    def wrapped(req: FakeRequest) -> FakeResponse:
        try:
            return handler(req)
        except KeystoneError as exc:
            raise RackspaceFault(exc.status, exc.message or "") from None

    wrapped.__doc__ = handler.__doc__
    wrapped.__name__ = getattr(handler, "__name__", "handler")
    return wrapped


def issue_token(req: FakeRequest) -> FakeResponse:
    """`POST /v2.0/tokens`: 200 with the access (token, catalog, user) in Rackspace's shape."""
    try:
        body = _json_body(req)
    except KeystoneError:
        raise RackspaceFault(400, BAD_AUTH_BODY) from None
    auth = body.get("auth")
    if not isinstance(auth, dict):
        raise RackspaceFault(400, BAD_AUTH_BODY)
    model: IdentityModel = req.cloud.identity
    expires_at: datetime | None = None
    parent: str | None = None
    if "RAX-KSKEY:apiKeyCredentials" in auth:
        creds = _object(auth["RAX-KSKEY:apiKeyCredentials"])
        user = _check_user(model, creds, "apiKey", INVALID_API_KEY, lambda u: u.api_key)
        methods: tuple[str, ...] = ("apikey",)
    elif "passwordCredentials" in auth:
        creds = _object(auth["passwordCredentials"])
        user = _check_user(model, creds, "password", INVALID_CREDENTIALS, lambda u: u.password)
        methods = ("password",)
    elif "token" in auth:
        creds = {}
        token_id = _object(auth["token"]).get("id")
        try:
            parent_token = model.validate_token(token_id if isinstance(token_id, str) else None)
        except KeystoneError:
            raise RackspaceFault(401, INVALID_TOKEN) from None
        user = model.users[parent_token.user_id]
        methods, expires_at = parent_token.methods, parent_token.expires_at
        parent = parent_token.audit_ids[-1]
    else:
        raise RackspaceFault(400, BAD_AUTH_BODY)
    project_id = _tenant(model, auth, creds, user, required="token" in auth)
    try:
        token = model.mint(user.id, methods, project_id=project_id, expires_at=expires_at,
                           parent_audit_id=parent)
    except KeystoneError:
        raise RackspaceFault(401, NOT_AUTHORIZED_FOR_TENANT) from None
    return FakeResponse.json(200, views.access(model, token, model.context(token)))


#: `GET /v2.0/tenants`: the token user's tenants (Keystone's listing, Rackspace's faults).
list_tenants = rackspace_faults(list_tenants_v2)


def _object(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise RackspaceFault(400, BAD_AUTH_BODY)
    return value


def _check_user(model: IdentityModel, creds: dict[str, Any], secret_key: str, message: str,
                secret_of: Callable[[User], str | None]) -> User:
    username, secret = creds.get("username"), creds.get(secret_key)
    if not isinstance(username, str) or not username or not isinstance(secret, str):
        raise RackspaceFault(400, BAD_AUTH_BODY)
    user = model.user_by_name(username, DEFAULT_DOMAIN_ID)
    if user is None or not check_secret(secret_of(user), secret):
        raise RackspaceFault(401, message)
    if not user.enabled:
        raise RackspaceFault(403, f"User '{username}' is disabled.", fault="userDisabled")
    return user


def _tenant(model: IdentityModel, auth: dict[str, Any], creds: dict[str, Any], user: User,
            *, required: bool) -> str | None:
    """The project to scope to: the one named in the request, else the user's default."""
    tenant_id = auth.get("tenantId", creds.get("tenantId"))
    tenant_name = auth.get("tenantName", creds.get("tenantName"))
    if tenant_id and tenant_name:
        raise RackspaceFault(400, "Invalid request. Specify tenantId or tenantName, not both.")
    if tenant_id or tenant_name:
        ref = tenant_id or tenant_name
        project = model.projects.get(ref) if isinstance(ref, str) and tenant_id else (
            model.project_by_name(ref, DEFAULT_DOMAIN_ID) if isinstance(ref, str) else None)
        if project is None or not project.enabled:
            raise RackspaceFault(401, NOT_AUTHORIZED_FOR_TENANT)
        return project.id
    if required:
        raise RackspaceFault(400, "Invalid request. Specify tenantId or tenantName.")
    default = model.projects.get(user.default_project_id or "")
    if default is None or not default.enabled:
        return None
    return default.id
