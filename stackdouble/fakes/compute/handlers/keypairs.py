"""Keypair handlers of the fake Nova (`nova/api/openstack/compute/keypairs.py`; the
client's `compute/v2/keypairs`)."""

from __future__ import annotations

from stackdouble.fakes.caller import Caller
from stackdouble.fakes.compute import schema, views
from stackdouble.fakes.compute.errors import policy_forbidden
from stackdouble.fakes.compute.handlers._common import (
    _body,
    _caller,
    _ctx,
    _last,
    _limit,
    _model,
    _ok,
    _query_lists,
    _version,
)
from stackdouble.fakes.compute.schema import queries
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = ["create_keypair", "delete_keypair", "list_keypairs", "show_keypair"]


def _keypair_user(req: FakeRequest, caller: Caller, action: str) -> str:
    user_id = _last(req, "user_id") if _version(req) >= (2, 10) else None
    if user_id and user_id != caller.user_id and not caller.is_admin:
        raise policy_forbidden(f"os_compute_api:os-keypairs:{action}")
    return user_id or caller.user_id


def list_keypairs(req: FakeRequest) -> FakeResponse:
    """`GET /os-keypairs`: one page before 2.35, paged from 2.35."""
    caller = _caller(req)
    version = _version(req)
    model = _model(req)
    if version >= (2, 35):
        schema.check_query(queries.KEYPAIRS_QUERY_275 if version >= (2, 75)
                           else queries.KEYPAIRS_QUERY_235, _query_lists(req))
    user_id = _keypair_user(req, caller, "index")
    limit = _limit(req, model) if version >= (2, 35) else None
    marker = _last(req, "marker") if version >= (2, 35) else None
    found = model.list_keypairs(user_id, limit=limit, marker=marker)
    return _ok(views.keypair_list(_ctx(req, caller), found, limit=limit))


def create_keypair(req: FakeRequest) -> FakeResponse:
    """`POST /os-keypairs`: generate or import; 200 before 2.2, 201 from 2.2."""
    caller = _caller(req)
    version = _version(req)
    body = _body(req)
    schema.check_body(schema.keypair_create_schema(version), body)
    given = body["keypair"]
    user_id = caller.user_id
    if version >= (2, 10) and given.get("user_id"):
        user_id = given["user_id"]
        if user_id != caller.user_id and not caller.is_admin:
            raise policy_forbidden("os_compute_api:os-keypairs:create")
    keypair, private = _model(req).create_keypair(
        user_id, given["name"].strip(), public_key=given.get("public_key"),
        key_type=given.get("type", "ssh"))
    view = views.keypair(_ctx(req, caller), keypair, kind="create", private_key=private)
    return _ok({"keypair": view}, 201 if version >= (2, 2) else 200)


def show_keypair(req: FakeRequest) -> FakeResponse:
    """`GET /os-keypairs/{name}`."""
    caller = _caller(req)
    user_id = _keypair_user(req, caller, "show")
    keypair = _model(req).get_keypair(user_id, req.params["name"])
    return _ok({"keypair": views.keypair(_ctx(req, caller), keypair, kind="show")})


def delete_keypair(req: FakeRequest) -> FakeResponse:
    """`DELETE /os-keypairs/{name}`: 202 before 2.2, 204 from 2.2."""
    caller = _caller(req)
    user_id = _keypair_user(req, caller, "delete")
    _model(req).delete_keypair(user_id, req.params["name"])
    return FakeResponse(204 if _version(req) >= (2, 2) else 202)
