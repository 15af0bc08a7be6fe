"""Unified limits (the fake of `identity/v3/registeredlimits/` and `identity/v3/limits/`):
`/v3/registered_limits`, `/v3/limits` and `/v3/limits/model`.

In Keystone's order (`keystone/api/registered_limits.py`, `keystone/api/limits.py`): the
body's schema, then the policy, then the model's checks. Creates take a list and answer
201 with the list (no collection `links`); a limit lists its registered limit's service,
region and resource. Who sees which limits: system-scoped tokens and holders of `admin` or
`service` see all; a domain-scoped token its domain's and its projects'; a project-scoped
token its project's; an unscoped one none.
"""

from __future__ import annotations

from typing import Any

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.identity import schema as sch
from stackdouble.fakes.identity import views
from stackdouble.fakes.identity.errors import SchemaValidationError, ValidationError
from stackdouble.fakes.identity.handlers._common import (
    _body,
    _model,
    _no_content,
    _self_url,
    _v3_url,
)
from stackdouble.fakes.identity.models import IdentityModel, Limit, TokenContext
from stackdouble.fakes.identity.models.limits import LIMIT_MODEL
from stackdouble.fakes.identity.policy import enforce
from stackdouble.fakes.osloutils import is_uuid_like

__all__ = [
    "create_limits",
    "create_registered_limits",
    "delete_limit",
    "delete_registered_limit",
    "get_limit",
    "get_limit_model",
    "get_registered_limit",
    "list_limits",
    "list_registered_limits",
    "update_limit",
    "update_registered_limit",
]

_REGISTERED_FILTERS = ("service_id", "region_id", "resource_name")
_LIMIT_FILTERS = (*_REGISTERED_FILTERS, "project_id", "domain_id")


def _filters(req: FakeRequest, names: tuple[str, ...]) -> dict[str, Any]:
    """The query's exact-match filters, `service_id` checked as Keystone's query schema."""
    found = {name: req.args.get(name) for name in names if name in req.args}
    service_id = found.get("service_id")
    if service_id is not None and not is_uuid_like(service_id):
        raise SchemaValidationError(
            f"Invalid input for query parameters service_id. Value: {service_id}. "
            f"{service_id!r} is not a 'uuid'")
    return found


def _no_id_change(ref: dict[str, Any], item_id: str) -> None:
    if ref.get("id") is not None and ref["id"] != item_id:
        raise ValidationError(message="Cannot change ID")


# -- registered limits -------------------------------------------------------------------


def list_registered_limits(req: FakeRequest) -> FakeResponse:
    """`GET /v3/registered_limits` (any token), filtered by service, region, resource."""
    token = req.require_token()
    enforce("identity:list_registered_limits", token)
    found = _model(req).list_registered_limits(**_filters(req, _REGISTERED_FILTERS))
    v3 = _v3_url(req)
    return FakeResponse.json(200, views.collection(
        "registered_limits", [views.registered_limit(r, v3) for r in found],
        self_url=_self_url(req)))


def create_registered_limits(req: FakeRequest) -> FakeResponse:
    """`POST /v3/registered_limits`: 201 with the list made."""
    refs = _body(req, sch.REGISTERED_LIMITS_CREATE)["registered_limits"]
    token = req.require_token()
    enforce("identity:create_registered_limits", token)
    made = _model(req).create_registered_limits(refs)
    v3 = _v3_url(req)
    return FakeResponse.json(201, {"registered_limits": [
        views.registered_limit(r, v3) for r in made]})


def get_registered_limit(req: FakeRequest) -> FakeResponse:
    """`GET /v3/registered_limits/{id}`."""
    token = req.require_token()
    enforce("identity:get_registered_limit", token)
    reg = _model(req).get_registered_limit(req.params["registered_limit_id"])
    return FakeResponse.json(200, {"registered_limit": views.registered_limit(
        reg, _v3_url(req))})


def update_registered_limit(req: FakeRequest) -> FakeResponse:
    """`PATCH /v3/registered_limits/{id}` (403 while a limit refers to it)."""
    ref = _body(req, sch.REGISTERED_LIMIT_UPDATE, "registered_limit")
    token = req.require_token()
    enforce("identity:update_registered_limit", token)
    item_id = req.params["registered_limit_id"]
    _no_id_change(ref, item_id)
    reg = _model(req).update_registered_limit(item_id, ref)
    return FakeResponse.json(200, {"registered_limit": views.registered_limit(
        reg, _v3_url(req))})


def delete_registered_limit(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/registered_limits/{id}` (403 while a limit refers to it)."""
    token = req.require_token()
    enforce("identity:delete_registered_limit", token)
    _model(req).delete_registered_limit(req.params["registered_limit_id"])
    return _no_content()


# -- limits --------------------------------------------------------------------------------


def _visible(model: IdentityModel, token: TokenContext, limits: list[Limit]) -> list[Limit]:
    """`LimitsResource.get`'s filtering by the token's scope."""
    if token.system or "admin" in token.roles or "service" in token.roles:
        return limits
    if token.domain_id is not None:
        in_domain = {p.id for p in model.projects.values() if p.domain_id == token.domain_id}
        return [lim for lim in limits
                if (lim.project_id in in_domain if lim.project_id
                    else lim.domain_id == token.domain_id)]
    if token.project_id is not None:
        return [lim for lim in limits if lim.project_id == token.project_id]
    return []


def _render(model: IdentityModel, lim: Limit, v3: str) -> dict[str, Any]:
    return views.limit(lim, model.limit_registration(lim), v3)


def list_limits(req: FakeRequest) -> FakeResponse:
    """`GET /v3/limits`: the limits the token's scope may see, filtered."""
    token = req.require_token()
    enforce("identity:list_limits", token)
    model = _model(req)
    found = _visible(model, token, model.list_limits(**_filters(req, _LIMIT_FILTERS)))
    v3 = _v3_url(req)
    return FakeResponse.json(200, views.collection(
        "limits", [_render(model, lim, v3) for lim in found], self_url=_self_url(req)))


def create_limits(req: FakeRequest) -> FakeResponse:
    """`POST /v3/limits`: 201 with the list made."""
    refs = _body(req, sch.LIMITS_CREATE)["limits"]
    token = req.require_token()
    enforce("identity:create_limits", token)
    model = _model(req)
    made = model.create_limits(refs)
    v3 = _v3_url(req)
    return FakeResponse.json(201, {"limits": [_render(model, lim, v3) for lim in made]})


def get_limit_model(req: FakeRequest) -> FakeResponse:
    """`GET /v3/limits/model`: the enforcement model (`flat`)."""
    token = req.require_token()
    enforce("identity:get_limit_model", token)
    return FakeResponse.json(200, {"model": dict(LIMIT_MODEL)})


def get_limit(req: FakeRequest) -> FakeResponse:
    """`GET /v3/limits/{id}`: admins, system readers, the limit's domain or project."""
    token = req.require_token()
    model = _model(req)
    limit_id = req.params["limit_id"]
    target: dict[str, Any] = {}
    found = model.limits.get(limit_id)
    if found is not None:  # a missing limit is checked after the policy, as Keystone does
        target["limit.project_id"] = found.project_id
        if found.project_id and found.project_id in model.projects:
            target["limit.project.domain_id"] = model.projects[found.project_id].domain_id
        elif found.domain_id:
            target["limit.domain.id"] = found.domain_id
    enforce("identity:get_limit", token, target)
    return FakeResponse.json(200, {"limit": _render(model, model.get_limit(limit_id),
                                                    _v3_url(req))})


def update_limit(req: FakeRequest) -> FakeResponse:
    """`PATCH /v3/limits/{id}`: a new `resource_limit` or `description`."""
    ref = _body(req, sch.LIMIT_UPDATE, "limit")
    token = req.require_token()
    enforce("identity:update_limit", token)
    limit_id = req.params["limit_id"]
    _no_id_change(ref, limit_id)
    model = _model(req)
    return FakeResponse.json(200, {"limit": _render(model, model.update_limit(limit_id, ref),
                                                    _v3_url(req))})


def delete_limit(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/limits/{id}`."""
    token = req.require_token()
    enforce("identity:delete_limit", token)
    _model(req).delete_limit(req.params["limit_id"])
    return _no_content()
