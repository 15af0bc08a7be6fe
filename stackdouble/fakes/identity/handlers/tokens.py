"""Tokens (the fake of `identity/v3/tokens/` and `identity/v2/tokens/`): authenticate,
validate, revoke, and the `/v3/auth/*` discovery of what a token can scope to.

Authentication follows Keystone's `keystone/auth/` (methods, scope, the token chain);
v2.0 takes password, token and Rackspace API key credentials.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.identity import views
from stackdouble.fakes.identity.errors import (
    AUTH_METHODS,
    ApplicationCredentialAuthError,
    AuthMethodNotSupported,
    Forbidden,
    ForbiddenAction,
    KeystoneError,
    NotFound,
    TokenNotFound,
    Unauthorized,
    ValidationError,
)
from stackdouble.fakes.identity.handlers import oauth1 as oauth1_h
from stackdouble.fakes.identity.handlers._common import (
    _json_body,
    _lookup_domain,
    _lookup_project,
    _model,
    _token_response,
    _user_from_info,
    _v3_url,
)
from stackdouble.fakes.identity.models import (
    DEFAULT_DOMAIN_ID,
    IdentityModel,
    Token,
    check_secret,
)
from stackdouble.fakes.identity.models.trusts import TrustNotFound
from stackdouble.fakes.identity.policy import enforce
from stackdouble.fakes.identity.schema import validate_issue_token_auth

__all__ = [
    "auth_catalog",
    "auth_domains",
    "auth_projects",
    "auth_system",
    "authenticate_v3",
    "check_token_v2",
    "issue_token_v2",
    "issue_token_v3",
    "revoke_token_v3",
    "validate_token_v3",
]


#: Keystone's `[token] allow_expired_window`, for `?allow_expired=true`.
ALLOW_EXPIRED_WINDOW = 48 * 3600


def issue_token_v3(req: FakeRequest) -> FakeResponse:
    """`POST /v3/auth/tokens`: authenticate and answer 201 with `X-Subject-Token`."""
    body = _json_body(req)
    auth = body.get("auth")
    try:
        validate_issue_token_auth(auth)
    except RecursionError:
        raise ValidationError("valid JSON", "request body") from None
    if not auth:
        raise ValidationError("auth", "request body")
    model = _model(req)
    token = authenticate_v3(model, auth, req)
    context = model.context(token)
    rendered = views.token_v3(model, token, context, include_catalog="nocatalog" not in req.args)
    return _token_response(201, rendered, token.id)


def authenticate_v3(model: IdentityModel, auth: dict[str, Any],
                    req: FakeRequest | None = None) -> Token:
    """Keystone's `authenticate_for_token`: the token an `auth` object (already validated
    against the schema) earns.

    Raises:
        KeystoneError: Keystone's answer when it earns none.
    """
    try:
        return _authenticate_v3(model, auth, req)
    except TrustNotFound:
        raise Unauthorized() from None  # as `authenticate_for_token` turns it


def _authenticate_v3(model: IdentityModel, auth: dict[str, Any],
                     req: FakeRequest | None = None) -> Token:
    identity = auth["identity"]
    methods = list(dict.fromkeys(identity["methods"]))
    for method in methods:
        if method not in identity:
            raise ValidationError(method, "identity")
    for method in methods:
        if method not in AUTH_METHODS:
            raise AuthMethodNotSupported()
    scope = _resolve_scope(model, auth, methods)

    user_id: str | None = None
    names: list[str] = []
    expires_at = None
    parent_audit_id = None
    app_cred_id = scope.get("app_cred_id")
    access_token_id: str | None = None
    federation: tuple[str, str, tuple[str, ...]] | None = None
    for method in methods:
        if method == "password":
            found = _authenticate_password(model, identity["password"])
            extra: list[str] = []
        elif method == "token" and _is_federated(model, identity["token"]):
            found, extra, expires_at, federation = _rescope_federated(model, identity["token"])
        elif method == "token":
            found, extra, expires_at, parent_audit_id, rescope = _authenticate_token(
                model, identity["token"], auth)
            if rescope.get("app_cred_id"):
                app_cred_id = rescope["app_cred_id"]
                scope = {"project_id": rescope["project_id"], "app_cred_id": app_cred_id}
        elif method == "application_credential":
            found = _authenticate_app_cred(model, identity["application_credential"])
            extra = []
        elif method == "oauth1" and req is not None:
            # The access token sets the scope (`authenticate_for_token`).
            access = model.authenticate_oauth1(oauth1_h.signed_request(req, with_query=False))
            found, extra, access_token_id = access.authorizing_user_id, [], access.id
            scope = {"project_id": access.project_id}
        elif method == "mapped" and req is not None:
            found, extra, expires_at, federation = _authenticate_mapped(
                model, identity["mapped"], req)
        else:  # external: REMOTE_USER trusted as is, not in this fake
            raise Unauthorized()
        if user_id is not None and found != user_id:
            raise Unauthorized()
        user_id = found
        names.insert(0, method)
        names.extend(extra)
    if user_id is None:
        raise Unauthorized()
    if not scope:
        scope = _default_scope(model, user_id)
    elif scope.get("unscoped"):
        scope = {}
    return model.mint(
        user_id, list(dict.fromkeys(names)),
        project_id=scope.get("project_id"), domain_id=scope.get("domain_id"),
        system=bool(scope.get("system")), app_cred_id=app_cred_id,
        expires_at=expires_at, parent_audit_id=parent_audit_id, trust_id=scope.get("trust_id"),
        access_token_id=access_token_id, federation=federation,
    )


def _is_federated(model: IdentityModel, payload: Any) -> bool:
    token_id = payload.get("id") if isinstance(payload, dict) else None
    token = model.tokens.get(token_id) if isinstance(token_id, str) else None
    return token is not None and token.is_federated


def _rescope_federated(model: IdentityModel, payload: dict[str, Any]
                       ) -> tuple[str, list[str], Any, tuple[str, str, tuple[str, ...]]]:
    """`handle_scoped_token`: a federated token (by the `token` or the `mapped` method)
    gives a token of the same user, groups, identity provider and protocol, expiring with
    it (no audit chain, and none of the token method's rescoping rules)."""
    token = model.validate_token(payload["id"])
    if not token.is_federated:
        raise Unauthorized()
    groups = token.federated_group_ids or ()
    model.check_federated_rescope(token.identity_provider_id, token.protocol_id, groups)
    federation = (token.identity_provider_id or "", token.protocol_id or "", groups)
    return token.user_id, list(token.methods), token.expires_at, federation


def _authenticate_mapped(model: IdentityModel, payload: Any, req: FakeRequest
                         ) -> tuple[str, list[str], Any,
                                    tuple[str, str, tuple[str, ...]] | None]:
    """The `mapped` method: a federated token's id, or an identity provider and protocol
    whose mapping reads the request's environ (`models/federatedauth.py`)."""
    if not isinstance(payload, dict):
        raise ValidationError("identity_provider", "mapped")
    if "id" in payload:
        return _rescope_federated(model, payload)
    for attribute in ("identity_provider", "protocol"):
        if attribute not in payload:
            raise ValidationError(attribute, "mapped")
    login = model.authenticate_mapped(str(payload["identity_provider"]),
                                      str(payload["protocol"]), req.environ)
    if login.identity_provider_id is None:  # a local user: an ordinary token
        return login.user_id, [], None, None
    return login.user_id, [], None, (login.identity_provider_id, login.protocol_id or "",
                                     login.group_ids)


def _resolve_scope(
    model: IdentityModel, auth: dict[str, Any], methods: list[str]
) -> dict[str, Any]:
    if "application_credential" in methods:
        if "scope" in auth:
            raise ApplicationCredentialAuthError(
                "Application credentials cannot request a scope.")
        cred = _lookup_app_cred(model, auth["identity"]["application_credential"])
        return {"project_id": cred.project_id, "app_cred_id": cred.id}
    if "scope" not in auth:
        return {}
    scope = auth["scope"]
    kinds = [k for k in ("project", "domain", "unscoped", "system", "OS-TRUST:trust")
             if k in scope]
    if len(kinds) != 1:
        raise ValidationError("system, project, domain, OS-TRUST:trust or unscoped", "scope")
    kind = kinds[0]
    if kind == "system":
        return {"system": True}
    if kind == "unscoped":
        return {"unscoped": True}
    if not isinstance(scope, dict):
        raise ValidationError("system, project, domain, OS-TRUST:trust or unscoped", "scope")
    if kind == "project":
        return {"project_id": _lookup_project(model, scope["project"]).id}
    if kind == "domain":
        return {"domain_id": _lookup_domain(model, scope["domain"]).id}
    info = scope["OS-TRUST:trust"]
    if not isinstance(info, dict) or not info.get("id"):
        raise ValidationError("trust_id", "trust")
    trust = model.get_trust(str(info["id"]))  # TrustNotFound: 401, from issue_token_v3
    if trust.project_id is not None:
        _lookup_project(model, {"id": trust.project_id})
    return {"trust_id": trust.id, "project_id": trust.project_id}


def _default_scope(model: IdentityModel, user_id: str) -> dict[str, Any]:
    """Keystone scopes an unscoped request to the user's default project when it can."""
    project_id = model.users[user_id].default_project_id
    project = model.projects.get(project_id) if project_id else None
    if project is None or not project.enabled:
        return {}
    domain = model.domains.get(project.domain_id)
    if domain is None or not domain.enabled:
        return {}
    if not model.effective_role_ids(user_id, "project", project.id):
        return {}
    return {"project_id": project.id}


def _authenticate_password(model: IdentityModel, payload: dict[str, Any]) -> str:
    if "user" not in payload:
        # Keystone names the target before it knows the method: "...in None."
        raise ValidationError("user", None)
    user = _user_from_info(model, payload["user"], "password")
    if not check_secret(user.password, payload["user"].get("password")):
        raise Unauthorized()
    return str(user.id)


def _authenticate_token(
    model: IdentityModel, payload: dict[str, Any], auth: dict[str, Any]
) -> tuple[str, list[str], Any, str, dict[str, Any]]:
    token = model.validate_token(payload["id"])
    if token.access_token_id:
        raise ForbiddenAction("Using OAuth-scoped token to create another token. Create a new "
                              "OAuth-scoped token instead")
    if token.trust_id:
        raise ForbiddenAction("Using trust-scoped token to create another token. Create a new "
                              "trust-scoped token instead")
    requested = auth.get("scope") or {}
    wants_scope = isinstance(requested, dict) and ("project" in requested
                                                   or "domain" in requested)
    if token.system and wants_scope:
        raise ForbiddenAction(
            "Using a system-scoped token to create a project-scoped or domain-scoped token "
            "is not allowed.")
    rescope: dict[str, Any] = {}
    if token.app_cred_id:
        if requested:
            raise ForbiddenAction(
                "Using an application credential token to create a scoped token is not "
                "allowed.")
        rescope = {"app_cred_id": token.app_cred_id, "project_id": token.project_id}
    chain = token.audit_ids[-1]
    return token.user_id, list(token.methods), token.expires_at, chain, rescope


def _lookup_app_cred(model: IdentityModel, info: Any) -> Any:
    if not isinstance(info, dict):
        raise ValidationError("name or ID", "application credential")
    cred_id = info.get("id")
    if cred_id:
        cred = model.application_credentials.get(str(cred_id))
        if cred is None:
            raise NotFound(f"Could not find Application Credential: {cred_id}.")
        return cred
    name = info.get("name")
    if not name:
        raise ValidationError("name or ID", "application credential")
    user = info.get("user")
    if not user or not isinstance(user, dict):
        raise ValidationError("user", "application credential")
    user_id = user.get("id")
    if not user_id:
        if "domain" not in user:
            raise ValidationError("domain", "user")
        domain = _lookup_domain(model, user["domain"])
        user_name = user.get("name")
        found = model.user_by_name(user_name, domain.id) if isinstance(user_name, str) else None
        if found is None:
            raise NotFound(f"Could not find user: {user_name}.")
        user_id = found.id
    matches = [c for c in model.application_credentials.values()
               if c.user_id == user_id and c.name == name]
    if len(matches) != 1:
        raise Unauthorized()
    return matches[0]


def _authenticate_app_cred(model: IdentityModel, info: dict[str, Any]) -> str:
    cred = _lookup_app_cred(model, info)
    user = _user_from_info(model, {"id": cred.user_id}, "application_credential")
    if not check_secret(cred.secret, info.get("secret")):
        raise Unauthorized()
    now = model._cloud.clock.now()
    if cred.expires_at is not None and now >= cred.expires_at:
        raise Unauthorized()
    effective = model.effective_role_ids(user.id, "project", cred.project_id)
    if any(role_id not in effective for role_id in cred.role_ids):
        raise Unauthorized()
    return str(user.id)


def _subject(req: FakeRequest, action: str) -> Token:
    """The X-Subject-Token, validated (404s as Keystone), then the policy checked."""
    model = _model(req)
    caller = req.require_token()
    subject_id = req.header("X-Subject-Token")
    if not subject_id:
        enforce(action, caller, {})
        raise TokenNotFound("No token in the request")
    window = 0
    if action == "identity:validate_token" and (req.args.get("allow_expired") or "").lower() in (
            "1", "true", "t", "yes", "y", "on"):
        window = ALLOW_EXPIRED_WINDOW
    token = _validate_with_window(model, subject_id, window)
    _check_access_rules_support(model, token, req.header("OpenStack-Identity-Access-Rules"))
    enforce(action, caller, {"user_id": token.user_id})
    return token


def _check_access_rules_support(model: IdentityModel, token: Token, support: str | None) -> None:
    """Keystone's `_validate_token_access_rules`: a token whose application credential has
    access rules validates only for a caller announcing `OpenStack-Identity-Access-Rules`
    1.0 or later (keystonemiddleware does; others would not enforce the rules)."""
    cred = model.application_credentials.get(token.app_cred_id or "")
    if cred is None or not cred.access_rule_ids:
        return
    try:
        version = float(support or 0)
    except ValueError:
        version = 0.0
    if version < 1.0:
        raise TokenNotFound("Failed to validate token")


def _validate_with_window(model: IdentityModel, token_id: str, window: int) -> Token:
    if not window:
        return model.validate_token(token_id)
    token = model.tokens.get(token_id)
    if token is not None and not token.revoked:
        now = model._cloud.clock.now()
        if token.expires_at <= now < token.expires_at + timedelta(seconds=window):
            saved = token.expires_at
            token.expires_at = now + timedelta(seconds=1)
            try:
                return model.validate_token(token_id)
            finally:
                token.expires_at = saved
    return model.validate_token(token_id)


def validate_token_v3(req: FakeRequest) -> FakeResponse:
    """`GET`/`HEAD /v3/auth/tokens`: the subject token's body, 200."""
    action = "identity:check_token" if req.method == "HEAD" else "identity:validate_token"
    token = _subject(req, action)
    model = _model(req)
    context = model.context(token)
    body = views.token_v3(model, token, context, include_catalog="nocatalog" not in req.args)
    return _token_response(200, body, token.id)


def revoke_token_v3(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/auth/tokens`: revoke the subject token, 204."""
    token = _subject(req, "identity:revoke_token")
    token.revoked = True
    return FakeResponse(204)


def auth_catalog(req: FakeRequest) -> FakeResponse:
    """`GET /v3/auth/catalog`: the token's catalog (project-scoped tokens only)."""
    token = req.require_token()
    enforce("identity:get_auth_catalog", token)
    if not token.project_id:
        raise Forbidden()  # Keystone hides its reason behind the generic 403 text
    catalog = views.catalog_v3(_model(req), user_id=token.user_id, project_id=token.project_id)
    return FakeResponse.json(200, {"catalog": catalog,
                                   "links": {"self": _v3_url(req) + "/auth/catalog"}})


def auth_projects(req: FakeRequest) -> FakeResponse:
    """`GET /v3/auth/projects`: projects the token's user can scope to."""
    token = req.require_token()
    enforce("identity:get_auth_projects", token)
    v3 = _v3_url(req)
    members = [views.project(p, v3) for p in _model(req).projects_for_user(token.user_id)]
    return FakeResponse.json(200, views.collection("projects", members,
                                                   self_url=v3 + "/auth/projects"))


def auth_domains(req: FakeRequest) -> FakeResponse:
    """`GET /v3/auth/domains`: domains the token's user can scope to."""
    token = req.require_token()
    enforce("identity:get_auth_domains", token)
    v3 = _v3_url(req)
    members = [views.domain(d, v3) for d in _model(req).domains_for_user(token.user_id)]
    return FakeResponse.json(200, views.collection("domains", members,
                                                   self_url=v3 + "/auth/domains"))


def auth_system(req: FakeRequest) -> FakeResponse:
    """`GET /v3/auth/system`: whether the token's user can scope to the system."""
    token = req.require_token()
    enforce("identity:get_auth_system", token)
    has = bool(_model(req).user_role_ids(token.user_id, "system", "all"))
    return FakeResponse.json(200, {"system": [{"all": True}] if has else [],
                                   "links": {"self": _v3_url(req) + "/auth/system"}})


def issue_token_v2(req: FakeRequest) -> FakeResponse:
    """`POST /v2.0/tokens`: password, token or Rackspace API key credentials; 200."""
    body = _json_body(req)
    auth = body.get("auth")
    if not isinstance(auth, dict) or not auth:
        raise ValidationError("auth", "request body")
    model = _model(req)
    try:
        if "token" in auth:
            user_id, expires_at, parent = _v2_token(model, auth["token"])
            methods = ["token"]
        elif "passwordCredentials" in auth:
            user_id = _v2_password(model, auth["passwordCredentials"])
            expires_at, parent = None, None
            methods = ["password"]
        elif "RAX-KSKEY:apiKeyCredentials" in auth:
            user_id = _v2_api_key(model, auth["RAX-KSKEY:apiKeyCredentials"])
            expires_at, parent, methods = None, None, ["password"]
        else:
            raise ValidationError("auth", "request body")
        project_id = _v2_project(model, auth)
        token = model.mint(user_id, methods, project_id=project_id, expires_at=expires_at,
                           parent_audit_id=parent)
    except Unauthorized as exc:
        exc.versioned = False
        raise
    context = model.context(token)
    return FakeResponse.json(200, views.token_v2(model, token, context))


def _v2_password(model: IdentityModel, creds: Any) -> str:
    if not isinstance(creds, dict):
        raise ValidationError("username or userId", "passwordCredentials")
    if "password" not in creds:
        raise ValidationError("password", "passwordCredentials")
    user_id, username = creds.get("userId"), creds.get("username")
    if not user_id and not username:
        raise ValidationError("username or userId", "passwordCredentials")
    if username:
        user = model.user_by_name(username, DEFAULT_DOMAIN_ID) if isinstance(username, str) \
            else None
    else:
        user = model.users.get(str(user_id))
    if user is None or not user.enabled or not check_secret(user.password, creds["password"]):
        raise Unauthorized()
    return user.id


def _v2_api_key(model: IdentityModel, creds: Any) -> str:
    if not isinstance(creds, dict) or not creds.get("username"):
        raise ValidationError("username", "apiKeyCredentials")
    if "apiKey" not in creds:
        raise ValidationError("apiKey", "apiKeyCredentials")
    username = creds["username"]
    user = model.user_by_name(username, DEFAULT_DOMAIN_ID) if isinstance(username, str) else None
    if user is None or not user.enabled or not check_secret(user.api_key, creds["apiKey"]):
        raise Unauthorized()
    return user.id


def _v2_token(model: IdentityModel, payload: Any) -> tuple[str, Any, str]:
    if not isinstance(payload, dict) or "id" not in payload:
        raise ValidationError("id", "token")
    token_id = payload["id"]
    try:
        token = model.validate_token(token_id if isinstance(token_id, str) else None)
    except KeystoneError:
        raise Unauthorized() from None
    return token.user_id, token.expires_at, token.audit_ids[-1]


def _v2_project(model: IdentityModel, auth: dict[str, Any]) -> str | None:
    tenant_id, tenant_name = auth.get("tenantId"), auth.get("tenantName")
    if tenant_id:
        if not isinstance(tenant_id, str):
            raise ValidationError("tenantId", "auth")
        project = model.projects.get(tenant_id)
    elif tenant_name:
        if not isinstance(tenant_name, str):
            raise ValidationError("tenantName", "auth")
        project = model.project_by_name(tenant_name, DEFAULT_DOMAIN_ID)
    else:
        return None
    if project is None or not project.enabled:
        raise Unauthorized()
    return project.id


def check_token_v2(req: FakeRequest) -> FakeResponse:
    """`GET`/`HEAD /v2.0/tokens/{token_id}`: admin validation, optionally `belongsTo`."""
    caller = req.require_token()
    enforce("identity:v2_validate_token", caller)
    model = _model(req)
    token_id = req.params["token_id"]
    try:
        token = model.validate_token(token_id)
    except TokenNotFound:
        raise TokenNotFound(token_id=token_id) from None
    belongs_to = req.args.get("belongsTo")
    if belongs_to and token.project_id != belongs_to:
        raise Unauthorized(versioned=False)
    return FakeResponse.json(200, views.token_v2(model, token, model.context(token)))
