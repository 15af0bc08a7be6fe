"""Application credentials and their access rules (the fake of
`identity/v3/applicationcredentials/`): `/v3/users/{user_id}/application_credentials` and
`/v3/users/{user_id}/access_rules`.

Access rules (`keystone/api/users.py`) are the user's: the owner or a system reader lists
and reads them, the owner or a system admin deletes one (403 while a credential uses it);
a project admin is neither, and a missing user fails the policy (403).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.identity import schema as sch
from stackdouble.fakes.identity import views
from stackdouble.fakes.identity.errors import (
    ForbiddenAction,
    NotFound,
    ValidationError,
)
from stackdouble.fakes.identity.handlers._common import (
    _body,
    _collection,
    _created,
    _model,
    _no_content,
    _user_target,
    _v3_url,
)
from stackdouble.fakes.identity.models import (
    IdentityModel,
    TokenContext,
)
from stackdouble.fakes.identity.policy import enforce
from stackdouble.fakes.timestamps import parse_isotime

__all__ = [
    "create_application_credential",
    "delete_access_rule",
    "delete_application_credential",
    "get_access_rule",
    "get_application_credential",
    "list_access_rules",
    "list_application_credentials",
]


def list_application_credentials(req: FakeRequest) -> FakeResponse:
    """`GET /v3/users/{id}/application_credentials` (`name` filter)."""
    token = req.require_token()
    user_id = req.params["user_id"]
    enforce("identity:list_application_credentials", token, {"user_id": user_id})
    model = _model(req)
    name = req.args.get("name")
    creds = [c for c in model.application_credentials.values()
             if c.user_id == user_id and (name is None or c.name == name)]
    v3 = _v3_url(req)
    return _collection(req, "application_credentials",
                       [views.application_credential(c, model, v3) for c in creds])


def create_application_credential(req: FakeRequest) -> FakeResponse:
    """`POST /v3/users/{id}/application_credentials`: the secret is shown once; the roles
    are the token's (or a subset of them, implied roles added), on the token's project."""
    ref = _body(req, sch.APP_CRED_CREATE, "application_credential")
    token = req.require_token()
    user_id = req.params["user_id"]
    enforce("identity:create_application_credential", token, {"user_id": user_id})
    model = _model(req)
    _check_unrestricted(model, token)
    if token.user_id != user_id:
        raise ForbiddenAction("Cannot create an application credential for another user.")
    role_ids = _app_cred_roles(model, token, ref.get("roles"))
    project_id = token.project_id
    if project_id is None or any(
            r not in model.effective_role_ids(user_id, "project", project_id) for r in role_ids):
        missing = role_ids[0] if role_ids else ""
        raise ValidationError(message=(
            "Invalid application credential: Could not find role assignment with role: "
            f"{missing}, user or group: {user_id}, project, domain, or system: {project_id}."))
    expires_at = _expiry(ref.get("expires_at"))
    if expires_at is not None and expires_at <= model._cloud.clock.now():
        raise ValidationError(message=(
            "The 'expires_at' must not be before now. The server could not comply with the "
            "request since it is either malformed or otherwise incorrect. The client is "
            "assumed to be in error."))
    cred_id, _ = model.create_application_credential(
        user_id, ref["name"], secret=ref.get("secret") or model._ids.secret(64),
        roles=role_ids, expires_at=expires_at, project=project_id,
        unrestricted=ref.get("unrestricted"), access_rules=ref.get("access_rules") or None)
    cred = model.application_credentials[cred_id]
    cred.description = ref.get("description")
    return _created("application_credential", views.application_credential(
        cred, model, _v3_url(req), with_secret=True))


def _check_unrestricted(model: IdentityModel, token: TokenContext) -> None:
    if token.app_cred_id:
        cred = model.application_credentials.get(token.app_cred_id)
        if cred is None or not cred.unrestricted:
            raise ForbiddenAction("Using method 'application_credential' is not allowed for "
                                  "managing additional application credentials.")


def _app_cred_roles(model: IdentityModel, token: TokenContext, requested: Any) -> list[str]:
    if not requested:
        return list(token.role_ids)
    ids: list[str] = []
    for item in requested:
        if item.get("id"):
            ids.append(model.get_role(str(item["id"])).id)
        else:
            matches = [r for r in model.roles.values() if r.name == item.get("name")
                       and r.domain_id is None]
            if not matches:
                raise NotFound(f"Could not find role: {item.get('name')}.")
            ids.append(matches[0].id)
    for role_id in model.expand_implied(ids):
        if role_id not in ids:
            ids.append(role_id)
    for role_id in ids:
        if role_id not in token.role_ids:
            raise ValidationError(message="Invalid application credential: Cannot create an "
                                          "application credential with unassigned role")
    return ids


def _expiry(value: Any) -> datetime | None:
    if not value:
        return None
    when = parse_isotime(str(value))
    if when is None:
        raise ValidationError(message=(
            "Timestamp not in expected format. The server could not comply with the request "
            "since it is either malformed or otherwise incorrect. The client is assumed to be "
            "in error."))
    return when


def _cred_of(req: FakeRequest, action: str) -> tuple[IdentityModel, Any, TokenContext]:
    token = req.require_token()
    model = _model(req)
    cred_id = req.params["application_credential_id"]
    found = model.application_credentials.get(cred_id)
    owner = found.user_id if found is not None else req.params["user_id"]
    enforce(action, token, {"user_id": owner})
    cred = model.get_application_credential(cred_id)
    return model, cred, token


def get_application_credential(req: FakeRequest) -> FakeResponse:
    """`GET /v3/users/{id}/application_credentials/{id}` (no secret)."""
    model, cred, _ = _cred_of(req, "identity:get_application_credential")
    return FakeResponse.json(200, {"application_credential": views.application_credential(
        cred, model, _v3_url(req))})


def delete_application_credential(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/users/{id}/application_credentials/{id}`: its tokens stop working."""
    model, cred, token = _cred_of(req, "identity:delete_application_credential")
    _check_unrestricted(model, token)
    model.delete_application_credential(cred.id)
    return _no_content()


def _rules_owner(req: FakeRequest, action: str) -> str:
    """The policy on the URL's user (`target.user`), then that user's id."""
    user_id = req.params["user_id"]
    enforce(action, req.require_token(), _user_target(_model(req), user_id))
    return user_id


def list_access_rules(req: FakeRequest) -> FakeResponse:
    """`GET /v3/users/{user_id}/access_rules` (exact `service`, `path`, `method` filters)."""
    user_id = _rules_owner(req, "identity:list_access_rules")
    model = _model(req)
    v3 = _v3_url(req)
    rules = model.list_access_rules(user_id, service=req.args.get("service"),
                                    path=req.args.get("path"), method=req.args.get("method"))
    return _collection(req, "access_rules", [views.access_rule(r, v3) for r in rules])


def get_access_rule(req: FakeRequest) -> FakeResponse:
    """`GET /v3/users/{user_id}/access_rules/{access_rule_id}`."""
    user_id = _rules_owner(req, "identity:get_access_rule")
    rule = _model(req).get_access_rule(user_id, req.params["access_rule_id"])
    return FakeResponse.json(200, {"access_rule": views.access_rule(rule, _v3_url(req))})


def delete_access_rule(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/users/{user_id}/access_rules/{access_rule_id}`: 204, or 403 while an
    application credential uses it."""
    user_id = _rules_owner(req, "identity:delete_access_rule")
    _model(req).delete_access_rule(user_id, req.params["access_rule_id"])
    return _no_content()
