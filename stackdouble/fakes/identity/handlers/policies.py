"""Policy blobs (the fake of `identity/v3/policies/`): `/v3/policies`.

In Keystone 30's order (`keystone/api/policy.py`): the policy rule first (a member gets
403 whatever the body), then the body's schema (`validate_lazy`: jsonschema's own
messages), then the model.
"""

from __future__ import annotations

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.identity import schema as sch
from stackdouble.fakes.identity import views
from stackdouble.fakes.identity.handlers._common import (
    _collection,
    _created,
    _json_body,
    _model,
    _no_content,
    _v3_url,
)
from stackdouble.fakes.identity.policy import enforce

__all__ = ["create_policy", "delete_policy", "get_policy", "list_policies", "update_policy"]


def list_policies(req: FakeRequest) -> FakeResponse:
    """`GET /v3/policies` (exact `type` filter)."""
    enforce("identity:list_policies", req.require_token())
    model = _model(req)
    v3 = _v3_url(req)
    return _collection(req, "policies", [
        views.policy_blob(p, v3) for p in model.list_policies(type=req.args.get("type"))])


def create_policy(req: FakeRequest) -> FakeResponse:
    """`POST /v3/policies`: 201; `blob` and `type` required, other attributes kept."""
    body = _json_body(req)
    enforce("identity:create_policy", req.require_token())
    ref = body.get("policy", {})
    sch.validate_lazy(sch.POLICY_CREATE, ref)
    policy = _model(req).create_policy(ref["type"], ref["blob"], extra=ref)
    return _created("policy", views.policy_blob(policy, _v3_url(req)))


def get_policy(req: FakeRequest) -> FakeResponse:
    """`GET /v3/policies/{policy_id}`."""
    enforce("identity:get_policy", req.require_token())
    policy = _model(req).get_policy(req.params["policy_id"])
    return FakeResponse.json(200, {"policy": views.policy_blob(policy, _v3_url(req))})


def update_policy(req: FakeRequest) -> FakeResponse:
    """`PATCH /v3/policies/{policy_id}`: merge the given attributes."""
    body = _json_body(req)
    enforce("identity:update_policy", req.require_token())
    ref = body.get("policy", {})
    sch.validate_lazy(sch.POLICY_UPDATE, ref)
    policy = _model(req).update_policy(req.params["policy_id"], ref)
    return FakeResponse.json(200, {"policy": views.policy_blob(policy, _v3_url(req))})


def delete_policy(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/policies/{policy_id}`: 204."""
    enforce("identity:delete_policy", req.require_token())
    _model(req).delete_policy(req.params["policy_id"])
    return _no_content()
