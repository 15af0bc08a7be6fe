"""`os-aggregates` of the fake Nova (`nova/api/openstack/compute/aggregates.py`,
`nova/policies/aggregates.py`; the client's `compute/v2/aggregates`).

Every call is admin-only; the body is checked before the policy (Nova's `validation.schema`
decorators run first). Create, update and the actions answer 200 (Nova keeps the codes of
the v2 API), delete 200 with no body, the 2.81 image cache request 202.
"""

from __future__ import annotations

import json
from typing import Any

from stackdouble.fakes.compute import views
from stackdouble.fakes.compute.errors import BadRequest, nova_fault
from stackdouble.fakes.compute.handlers._common import _body, _caller, _ctx, _model, _ok, _version
from stackdouble.fakes.compute.schema import aggregates as schema
from stackdouble.fakes.compute.schema import check_body
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = ["aggregate_action", "cache_images", "create_aggregate", "delete_aggregate",
           "list_aggregates", "show_aggregate", "update_aggregate"]


def list_aggregates(req: FakeRequest) -> FakeResponse:
    """`GET /os-aggregates`: every aggregate with its hosts and metadata."""
    caller = _caller(req, "os_compute_api:os-aggregates:index")
    ctx = _ctx(req, caller)
    return _ok({"aggregates": [views.aggregate(ctx, a)
                               for a in _model(req).list_aggregates(caller)]})


def create_aggregate(req: FakeRequest) -> FakeResponse:
    """`POST /os-aggregates`: 200 with the aggregate, without hosts and metadata."""
    caller = _caller(req, "os_compute_api:os-aggregates:create")
    body = _body(req)
    check_body(schema.CREATE, body)
    given = body["aggregate"]
    made = _model(req).create_aggregate(caller, given["name"],
                                        given.get("availability_zone"))
    return _ok({"aggregate": views.aggregate(_ctx(req, caller), made, created=True)})


def show_aggregate(req: FakeRequest) -> FakeResponse:
    """`GET /os-aggregates/{id}`."""
    caller = _caller(req, "os_compute_api:os-aggregates:show")
    found = _model(req).get_aggregate(caller, req.params["aggregate_id"])
    return _ok({"aggregate": views.aggregate(_ctx(req, caller), found)})


def update_aggregate(req: FakeRequest) -> FakeResponse:
    """`PUT /os-aggregates/{id}`: a new name and/or zone."""
    caller = _caller(req, "os_compute_api:os-aggregates:update")
    body = _body(req)
    check_body(schema.UPDATE, body)
    given = body["aggregate"]
    if "name" in given:
        schema.check_update_name(given["name"])
    updated = _model(req).update_aggregate(
        caller, req.params["aggregate_id"], name=given.get("name"),
        availability_zone=given.get("availability_zone"),
        zone_given="availability_zone" in given)
    return _ok({"aggregate": views.aggregate(_ctx(req, caller), updated)})


def delete_aggregate(req: FakeRequest) -> FakeResponse:
    """`DELETE /os-aggregates/{id}`: 200, no body."""
    caller = _caller(req, "os_compute_api:os-aggregates:delete")
    _model(req).delete_aggregate(caller, req.params["aggregate_id"])
    return FakeResponse(200)


_SCHEMAS = {"add_host": schema.ADD_HOST, "remove_host": schema.REMOVE_HOST,
            "set_metadata": schema.SET_METADATA}


def aggregate_action(req: FakeRequest) -> FakeResponse:
    """`POST /os-aggregates/{id}/action`: `add_host`, `remove_host` or `set_metadata`
    (the body's one key, as `action_peek` reads it), 200 with the aggregate."""
    raw = req.body
    if not raw:
        raise BadRequest("Malformed request body")
    try:
        decoded: Any = json.loads(raw)
    except (ValueError, RecursionError):
        raise BadRequest("Malformed request body") from None
    if not isinstance(decoded, (dict, list, str)):
        return nova_fault(404)  # `action_peek` fails with a TypeError: Nova answers 404
    if len(decoded) != 1:
        raise BadRequest("Malformed request body")
    if not isinstance(decoded, dict):
        return nova_fault(404)
    name = next(iter(decoded))
    if name not in _SCHEMAS:
        raise BadRequest(f"There is no such action: {name}")
    check_body(_SCHEMAS[name], decoded)
    caller = _caller(req, f"os_compute_api:os-aggregates:{name}")
    model = _model(req)
    aggregate_id = req.params["aggregate_id"]
    if name == "add_host":
        done = model.add_aggregate_host(caller, aggregate_id, decoded[name]["host"])
    elif name == "remove_host":
        done = model.remove_aggregate_host(caller, aggregate_id, decoded[name]["host"])
    else:
        done = model.set_aggregate_metadata(caller, aggregate_id,
                                            decoded[name]["metadata"])
    return _ok({"aggregate": views.aggregate(_ctx(req, caller), done)})


def cache_images(req: FakeRequest) -> FakeResponse:
    """`POST /os-aggregates/{id}/images` (2.81): 202, no body; 404 before 2.81."""
    if _version(req) < (2, 81):
        return nova_fault(404)
    caller = _caller(req, "compute:aggregates:images")
    body = _body(req)
    check_body(schema.IMAGES, body)
    _model(req).cache_aggregate_images(caller, req.params["aggregate_id"],
                                       [item["id"] for item in body["cache"]])
    return FakeResponse(202)
