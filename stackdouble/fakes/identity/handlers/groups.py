"""Groups and their members (the fake of `client/openstack/identity/v3/groups/`).
"""

from __future__ import annotations

from typing import Any

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.identity import schema as sch
from stackdouble.fakes.identity import views
from stackdouble.fakes.identity.errors import NotFound
from stackdouble.fakes.identity.handlers._common import (
    _body,
    _collection,
    _created,
    _domain_for_create,
    _group_target,
    _matching_id,
    _model,
    _no_content,
    _paged,
    _require_domain,
    _user_target,
    _v3_url,
)
from stackdouble.fakes.identity.models import IdentityModel
from stackdouble.fakes.identity.policy import enforce

__all__ = [
    "add_user_to_group",
    "check_user_in_group",
    "create_group",
    "delete_group",
    "get_group",
    "list_groups",
    "list_users_in_group",
    "remove_user_from_group",
    "update_group",
]


def list_groups(req: FakeRequest) -> FakeResponse:
    """`GET /v3/groups` with `name`/`domain_id` filters and Keystone 27+ paging."""
    token = req.require_token()
    filters = sch.query_filters(req.args, ("name", "domain_id"))
    if token.domain_id and "domain_id" not in filters:
        filters["domain_id"] = token.domain_id
    enforce("identity:list_groups", token, {"domain_id": token.domain_id})
    marker, limit = sch.page_args(req.args)
    items = _model(req).list_groups(
        marker=marker, limit=sch.MAX_DB_LIMIT if limit is None else limit + 1, filters=filters)
    return _paged(req, "groups", items, views.group, limit, exact=True)


def create_group(req: FakeRequest) -> FakeResponse:
    """`POST /v3/groups`."""
    ref = _body(req, sch.GROUP_CREATE, "group")
    token = req.require_token()
    model = _model(req)
    enforce("identity:create_group", token, {"group.domain_id": ref.get("domain_id")})
    domain_id = _domain_for_create(token, ref)
    _require_domain(model, domain_id, missing=404)
    group = model.create_group(ref["name"], domain_id=domain_id,
                               description=ref.get("description", ""))
    return _created("group", views.group(group, _v3_url(req)))


def get_group(req: FakeRequest) -> FakeResponse:
    """`GET /v3/groups/{id}`."""
    token = req.require_token()
    model = _model(req)
    group_id = req.params["group_id"]
    enforce("identity:get_group", token, _group_target(model, group_id))
    return FakeResponse.json(200, {"group": views.group(model.get_group(group_id),
                                                        _v3_url(req))})


def update_group(req: FakeRequest) -> FakeResponse:
    """`PATCH /v3/groups/{id}`."""
    ref = _body(req, sch.GROUP_UPDATE, "group")
    token = req.require_token()
    model = _model(req)
    group_id = req.params["group_id"]
    enforce("identity:update_group", token, _group_target(model, group_id))
    _matching_id(ref, group_id)
    kwargs: dict[str, Any] = {"description": ref["description"]} if "description" in ref else {}
    group = model.update_group(group_id, name=ref.get("name"), **kwargs)
    return FakeResponse.json(200, {"group": views.group(group, _v3_url(req))})


def delete_group(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/groups/{id}`."""
    token = req.require_token()
    model = _model(req)
    group_id = req.params["group_id"]
    model.get_group(group_id)
    enforce("identity:delete_group", token, _group_target(model, group_id))
    model.delete_group(group_id)
    return _no_content()


def list_users_in_group(req: FakeRequest) -> FakeResponse:
    """`GET /v3/groups/{id}/users`."""
    token = req.require_token()
    model = _model(req)
    group_id = req.params["group_id"]
    group = model.get_group(group_id)
    enforce("identity:list_users_in_group", token, _group_target(model, group.id))
    users = [model.users[u] for u in sorted(model.group_members.get(group_id, ()))
             if u in model.users]
    filters = sch.query_filters(req.args, ("name", "domain_id", "enabled"))
    users = [u for u in users if all(getattr(u, k) == v for k, v in filters.items())]
    return _collection(req, "users", [views.user(u, _v3_url(req)) for u in users])


def _membership(req: FakeRequest, action: str) -> tuple[IdentityModel, str, str]:
    token = req.require_token()
    model = _model(req)
    group_id, user_id = req.params["group_id"], req.params["user_id"]
    target = {**_group_target(model, group_id), **_user_target(model, user_id)}
    model.get_user(user_id)
    model.get_group(group_id)
    enforce(action, token, target)
    return model, user_id, group_id


def check_user_in_group(req: FakeRequest) -> FakeResponse:
    """`HEAD`/`GET /v3/groups/{g}/users/{u}`: 204, or 404 when not a member."""
    model, user_id, group_id = _membership(req, "identity:check_user_in_group")
    if not model.is_member(user_id, group_id):
        raise NotFound(f"User '{user_id}' not found in group '{group_id}'")
    return _no_content()


def add_user_to_group(req: FakeRequest) -> FakeResponse:
    """`PUT /v3/groups/{g}/users/{u}`."""
    model, user_id, group_id = _membership(req, "identity:add_user_to_group")
    model.add_user_to_group(user_id, group_id)
    return _no_content()


def remove_user_from_group(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/groups/{g}/users/{u}`."""
    model, user_id, group_id = _membership(req, "identity:remove_user_from_group")
    model.remove_user_from_group(user_id, group_id)
    return _no_content()
