"""Catalog services (the fake of `client/openstack/identity/v3/services/`): create,
update, delete; the GETs are `_entities`'.
"""

from __future__ import annotations

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.identity import schema as sch
from stackdouble.fakes.identity import views
from stackdouble.fakes.identity.handlers._common import (
    _body,
    _created,
    _model,
    _no_content,
    _v3_url,
)
from stackdouble.fakes.identity.policy import enforce

__all__ = [
    "create_service",
    "delete_service",
    "update_service",
]


def create_service(req: FakeRequest) -> FakeResponse:
    """`POST /v3/services`."""
    ref = _body(req, sch.SERVICE_CREATE, "service")
    token = req.require_token()
    enforce("identity:create_service", token)
    service = _model(req).add_service(ref["type"], ref.get("name") or "",
                                      enabled=sch.parse_bool(ref.get("enabled")),
                                      description=ref.get("description"))
    return _created("service", views.service(service, _v3_url(req)))


def update_service(req: FakeRequest) -> FakeResponse:
    """`PATCH /v3/services/{id}`."""
    ref = _body(req, sch.SERVICE_UPDATE, "service")
    token = req.require_token()
    model = _model(req)
    model.get_service(req.params["item_id"])
    enforce("identity:update_service", token)
    service = model.update_service(
        req.params["item_id"], type=ref.get("type"), name=ref.get("name"),
        enabled=sch.parse_bool(ref["enabled"]) if "enabled" in ref else None,
        description=ref.get("description"))
    return FakeResponse.json(200, {"service": views.service(service, _v3_url(req))})


def delete_service(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/services/{id}` (its endpoints go too)."""
    token = req.require_token()
    model = _model(req)
    model.get_service(req.params["item_id"])
    enforce("identity:delete_service", token)
    model.delete_service(req.params["item_id"])
    return _no_content()
