"""Endpoints (the fake of `client/openstack/identity/v3/endpoints/`): create, update,
delete; the GETs are `_entities`'.
"""

from __future__ import annotations

from typing import Any

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.identity import schema as sch
from stackdouble.fakes.identity import views
from stackdouble.fakes.identity.errors import ValidationError
from stackdouble.fakes.identity.handlers._common import (
    _body,
    _created,
    _model,
    _no_content,
    _v3_url,
)
from stackdouble.fakes.identity.models import IdentityModel
from stackdouble.fakes.identity.policy import enforce

__all__ = [
    "create_endpoint",
    "delete_endpoint",
    "update_endpoint",
]


def _endpoint_region(model: IdentityModel, ref: dict[str, Any]) -> str | None:
    """The endpoint's region. A missing `region_id` is a 400; a missing region named by
    the legacy `region` field alone is created, as Keystone's `_validate_endpoint_region`
    does for v2-style clients (here only once the rest of the request has been checked)."""
    if ref.get("region_id") is None and ref.get("region") is not None:
        legacy = str(ref["region"])
        if legacy not in model.regions:
            model.create_region(legacy)
        return legacy
    region_id = ref.get("region_id")
    if region_id and region_id not in model.regions:
        raise ValidationError("endpoint region_id", "region table")
    return str(region_id) if region_id else None


def create_endpoint(req: FakeRequest) -> FakeResponse:
    """`POST /v3/endpoints`: shows in the catalog of tokens issued from now on."""
    ref = _body(req, sch.ENDPOINT_CREATE, "endpoint")
    token = req.require_token()
    enforce("identity:create_endpoint", token)
    model = _model(req)
    if ref["service_id"] not in model.services:
        raise ValidationError("endpoint service_id", "service table")
    region = _endpoint_region(model, ref)
    endpoint = model.add_endpoint(ref["service_id"], ref["interface"], ref["url"],
                                  region or "RegionOne", enabled=sch.parse_bool(ref.get("enabled")))
    if region is None:
        endpoint.region_id = None  # type: ignore[assignment]
    return _created("endpoint", views.endpoint(endpoint, _v3_url(req)))


def update_endpoint(req: FakeRequest) -> FakeResponse:
    """`PATCH /v3/endpoints/{id}`."""
    ref = _body(req, sch.ENDPOINT_UPDATE, "endpoint")
    token = req.require_token()
    model = _model(req)
    model.get_endpoint(req.params["item_id"])
    enforce("identity:update_endpoint", token)
    if "service_id" in ref and ref["service_id"] not in model.services:
        raise ValidationError("endpoint service_id", "service table")
    endpoint = model.update_endpoint(
        req.params["item_id"], interface=ref.get("interface"), url=ref.get("url"),
        region_id=_endpoint_region(model, ref), service_id=ref.get("service_id"),
        enabled=sch.parse_bool(ref["enabled"]) if "enabled" in ref else None)
    return FakeResponse.json(200, {"endpoint": views.endpoint(endpoint, _v3_url(req))})


def delete_endpoint(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/endpoints/{id}`."""
    token = req.require_token()
    model = _model(req)
    model.get_endpoint(req.params["item_id"])
    enforce("identity:delete_endpoint", token)
    model.delete_endpoint(req.params["item_id"])
    return _no_content()
