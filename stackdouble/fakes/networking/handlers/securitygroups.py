"""Security group and rule handlers (`/v2.0/security-groups`, `/v2.0/security-group-rules`)."""

from __future__ import annotations

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.networking import schema, views
from stackdouble.fakes.networking.errors import SecurityGroupDefaultAlreadyExists
from stackdouble.fakes.networking.handlers._common import (
    answer,
    body_of,
    caller_of,
    empty,
    list_answer,
    model_of,
    show_answer,
)

__all__ = ["create_rule", "create_security_group", "delete_rule", "delete_security_group",
           "list_rules", "list_security_groups", "show_rule", "show_security_group",
           "update_security_group"]

GROUP_ATTRIBUTES = ["id", "name", "description", "stateful", "shared", "tags", "created_at",
                    "updated_at", "revision_number", "project_id", "tenant_id"]
RULE_ATTRIBUTES = ["id", "security_group_id", "direction", "ethertype", "protocol",
                   "port_range_min", "port_range_max", "remote_ip_prefix", "remote_group_id",
                   "description", "created_at", "updated_at", "revision_number",
                   "project_id", "tenant_id"]


def list_security_groups(req: FakeRequest) -> FakeResponse:
    """`GET /v2.0/security-groups` (makes the caller's default group first)."""
    caller, model = caller_of(req), model_of(req)
    items = [views.security_group(g, model) for g in model.list_security_groups(caller)]
    return list_answer(req, "security_groups", items, GROUP_ATTRIBUTES,
                       lambda marker: views.security_group(
                           model.get_security_group(caller, marker), model))


def show_security_group(req: FakeRequest) -> FakeResponse:
    """`GET /v2.0/security-groups/{security_group_id}`."""
    model = model_of(req)
    group = model.get_security_group(caller_of(req), req.params["security_group_id"])
    return show_answer(req, "security_group", views.security_group(group, model))


def create_security_group(req: FakeRequest) -> FakeResponse:
    """`POST /v2.0/security-groups`: 201 (a group named `default` is refused)."""
    caller, model = caller_of(req), model_of(req)
    values = schema.parse_body(body_of(req), "security_group", create=True)
    if str(values.get("name", "")).lower() == "default":
        raise SecurityGroupDefaultAlreadyExists()
    project_id = schema.project_of(caller, values)
    group = model.create_security_group(caller, project_id, values)
    return answer(201, {"security_group": views.security_group(group, model)})


def update_security_group(req: FakeRequest) -> FakeResponse:
    """`PUT /v2.0/security-groups/{security_group_id}`."""
    caller, model = caller_of(req), model_of(req)
    values = schema.parse_body(body_of(req), "security_group", create=False)
    if str(values.get("name", "")).lower() == "default":
        raise SecurityGroupDefaultAlreadyExists()
    group = model.update_security_group(caller, req.params["security_group_id"], values)
    return answer(200, {"security_group": views.security_group(group, model)})


def delete_security_group(req: FakeRequest) -> FakeResponse:
    """`DELETE /v2.0/security-groups/{security_group_id}`: 204."""
    model_of(req).delete_security_group(caller_of(req), req.params["security_group_id"])
    return empty()


def list_rules(req: FakeRequest) -> FakeResponse:
    """`GET /v2.0/security-group-rules`."""
    caller, model = caller_of(req), model_of(req)
    items = [views.security_group_rule(r) for r in model.list_security_group_rules(caller)]
    return list_answer(req, "security_group_rules", items, RULE_ATTRIBUTES,
                       lambda marker: views.security_group_rule(
                           model.get_security_group_rule(caller, marker)))


def show_rule(req: FakeRequest) -> FakeResponse:
    """`GET /v2.0/security-group-rules/{rule_id}`."""
    rule = model_of(req).get_security_group_rule(caller_of(req), req.params["rule_id"])
    return show_answer(req, "security_group_rule", views.security_group_rule(rule))


def create_rule(req: FakeRequest) -> FakeResponse:
    """`POST /v2.0/security-group-rules`: 201."""
    caller = caller_of(req)
    values = schema.parse_rule(schema.parse_body(body_of(req), "security_group_rule",
                                                 create=True))
    values.pop("project_id", None)
    rule = model_of(req).create_security_group_rule(caller, values)
    return answer(201, {"security_group_rule": views.security_group_rule(rule)})


def delete_rule(req: FakeRequest) -> FakeResponse:
    """`DELETE /v2.0/security-group-rules/{rule_id}`: 204."""
    model_of(req).delete_security_group_rule(caller_of(req), req.params["rule_id"])
    return empty()
