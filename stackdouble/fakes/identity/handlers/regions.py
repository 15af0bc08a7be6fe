"""Regions (the fake of `client/openstack/identity/v3/regions/`): create, update, delete;
the GETs are `_entities`'.
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
    _extra,
    _model,
    _no_content,
    _v3_url,
)
from stackdouble.fakes.identity.policy import enforce

__all__ = [
    "create_region",
    "delete_region",
    "put_region",
    "update_region",
]


def create_region(req: FakeRequest) -> FakeResponse:
    """`POST /v3/regions` (an id is generated when none is given)."""
    ref = _body(req, sch.REGION_CREATE, "region")
    token = req.require_token()
    enforce("identity:create_region", token)
    region = _model(req).create_region(
        ref.get("id"), description=ref.get("description") or "",
        parent_region_id=ref.get("parent_region_id"),
        extra=_extra(ref, frozenset({"description", "parent_region_id"})))
    return _created("region", views.region(region, _v3_url(req)))


def put_region(req: FakeRequest) -> FakeResponse:
    """`PUT /v3/regions/{id}`: create a region with the URL's id (201); a body naming
    another id is 400, an existing region 409."""
    ref = _body(req, sch.REGION_CREATE, "region")
    token = req.require_token()
    enforce("identity:create_region", token)
    region_id = req.params["item_id"]
    if "id" in ref and ref["id"] != region_id:
        raise ValidationError(
            message=f'Conflicting region IDs specified: "{region_id}" != "{ref["id"]}"')
    region = _model(req).create_region(
        region_id, description=ref.get("description") or "",
        parent_region_id=ref.get("parent_region_id"),
        extra=_extra(ref, frozenset({"id", "description", "parent_region_id"})))
    return _created("region", views.region(region, _v3_url(req)))


def update_region(req: FakeRequest) -> FakeResponse:
    """`PATCH /v3/regions/{id}`."""
    ref = _body(req, sch.REGION_UPDATE, "region")
    token = req.require_token()
    model = _model(req)
    model.get_region(req.params["item_id"])
    enforce("identity:update_region", token)
    kwargs: dict[str, Any] = ({"parent_region_id": ref["parent_region_id"]}
                              if "parent_region_id" in ref else {})
    region = model.update_region(req.params["item_id"], description=ref.get("description"),
                                 **kwargs)
    return FakeResponse.json(200, {"region": views.region(region, _v3_url(req))})


def delete_region(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/regions/{id}` (403 while it has endpoints)."""
    token = req.require_token()
    model = _model(req)
    model.get_region(req.params["item_id"])
    enforce("identity:delete_region", token)
    model.delete_region(req.params["item_id"])
    return _no_content()
