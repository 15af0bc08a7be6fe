"""Users (the fake of `client/openstack/identity/v3/users/`): CRUD, the self-service
password change, a user's projects and groups.
"""

from __future__ import annotations

from typing import Any

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.identity import schema as sch
from stackdouble.fakes.identity import views
from stackdouble.fakes.identity.errors import ValidationError
from stackdouble.fakes.identity.handlers._common import (
    _body,
    _collection,
    _created,
    _domain_for_create,
    _extra,
    _json_body,
    _list,
    _matching_id,
    _model,
    _no_content,
    _require_domain,
    _user_target,
    _v3_url,
)
from stackdouble.fakes.identity.policy import enforce

__all__ = [
    "change_password",
    "create_user",
    "delete_user",
    "get_user",
    "list_groups_for_user",
    "list_projects_for_user",
    "list_users",
    "update_user",
]


def list_users(req: FakeRequest) -> FakeResponse:
    """`GET /v3/users` with filters and `limit`/`marker` paging."""
    token = req.require_token()
    filters = sch.query_filters(req.args, ("name", "domain_id", "enabled"))
    if token.domain_id and "domain_id" not in filters and not token.is_admin:
        filters["domain_id"] = token.domain_id
    enforce("identity:list_users", token, {"domain_id": filters.get("domain_id")})
    marker, limit = sch.page_args(req.args)
    items = _model(req).list_users(
        marker=marker, limit=sch.MAX_DB_LIMIT if limit is None else limit + 1, filters=filters)
    return _list(req, "users", items, views.user, limit, marker, exact=True)


def get_user(req: FakeRequest) -> FakeResponse:
    """`GET /v3/users/{user_id}`."""
    token = req.require_token()
    model = _model(req)
    found = model.users.get(req.params["user_id"])
    # Keystone builds the policy target tolerating a missing user: 403 before 404.
    enforce("identity:get_user", token,
            {"id": found.id, "domain_id": found.domain_id} if found else {})
    user = model.get_user(req.params["user_id"])
    return FakeResponse.json(200, {"user": views.user(user, _v3_url(req))})


_USER_KNOWN = frozenset({"name", "domain_id", "enabled", "password", "default_project_id",
                         "email", "description"})


def create_user(req: FakeRequest) -> FakeResponse:
    """`POST /v3/users`."""
    ref = _body(req, sch.USER_CREATE, "user")
    token = req.require_token()
    model = _model(req)
    enforce("identity:create_user", token, {"user.domain_id": ref.get("domain_id")})
    domain_id = _domain_for_create(token, ref)
    _require_domain(model, domain_id, missing=404)
    user = model.create_user(
        ref["name"], password=ref.get("password"), domain_id=domain_id,
        default_project_id=ref.get("default_project_id"),
        enabled=sch.parse_bool(ref.get("enabled")),
        email=ref.get("email"), description=ref.get("description"),
        extra=_extra(ref, _USER_KNOWN))
    return _created("user", views.user(user, _v3_url(req)))


def update_user(req: FakeRequest) -> FakeResponse:
    """`PATCH /v3/users/{id}`: a new password or disabling revokes the user's tokens."""
    ref = _body(req, sch.USER_UPDATE, "user")
    token = req.require_token()
    model = _model(req)
    user_id = req.params["user_id"]
    enforce("identity:update_user", token, _user_target(model, user_id))
    user = model.get_user(user_id)
    _matching_id(ref, user_id)
    if "domain_id" in ref and ref["domain_id"] != user.domain_id:
        raise ValidationError(message="Cannot change Domain ID")
    kwargs: dict[str, Any] = {}
    for key in ("default_project_id", "email", "description"):
        if key in ref:
            kwargs[key] = ref[key]
    user = model.update_user(
        user_id, name=ref.get("name"), password=ref.get("password"),
        enabled=sch.parse_bool(ref["enabled"]) if "enabled" in ref else None,
        extra=_extra(ref, _USER_KNOWN), **kwargs)
    # Keystone's PATCH answer also carries the raw `extra` dict (GET does not).
    body = views.user(user, _v3_url(req))
    body["extra"] = dict(user.extra)
    return FakeResponse.json(200, {"user": body})


def delete_user(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/users/{id}`."""
    token = req.require_token()
    model = _model(req)
    user_id = req.params["user_id"]
    enforce("identity:delete_user", token, _user_target(model, user_id))
    model.delete_user(user_id)
    return _no_content()


def change_password(req: FakeRequest) -> FakeResponse:
    """`POST /v3/users/{id}/password`: no token needed; the original password proves who
    asks, and every token of the user is revoked, as in Keystone."""
    body = _json_body(req)
    user = body.get("user", {})
    sch.validate_lazy(sch.PASSWORD_CHANGE, user)
    _model(req).change_password(req.params["user_id"], user["original_password"],
                                user["password"])
    return _no_content()


def list_projects_for_user(req: FakeRequest) -> FakeResponse:
    """`GET /v3/users/{id}/projects`: the projects the user has a role on."""
    token = req.require_token()
    model = _model(req)
    user_id = req.params["user_id"]
    enforce("identity:list_user_projects", token, _user_target(model, user_id))
    model.get_user(user_id)
    filters = sch.query_filters(req.args, ("domain_id", "enabled", "name"))
    items = [p for p in model.projects_for_user(user_id)
             if all(getattr(p, k) == v for k, v in filters.items())]
    return _collection(req, "projects", [views.project(p, _v3_url(req)) for p in items])


def list_groups_for_user(req: FakeRequest) -> FakeResponse:
    """`GET /v3/users/{id}/groups`."""
    token = req.require_token()
    model = _model(req)
    user_id = req.params["user_id"]
    enforce("identity:list_groups_for_user", token, _user_target(model, user_id))
    model.get_user(user_id)
    groups = [model.groups[g] for g in sorted(model.user_groups.get(user_id, ()))]
    name = req.args.get("name")
    if name is not None:
        groups = [g for g in groups if g.name == name]
    return _collection(req, "groups", [views.group(g, _v3_url(req)) for g in groups])
