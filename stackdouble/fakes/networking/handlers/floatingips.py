"""Floating IP handlers (`/v2.0/floatingips`)."""

from __future__ import annotations

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.networking import schema, views
from stackdouble.fakes.networking.handlers._common import (
    answer,
    body_of,
    caller_of,
    empty,
    list_answer,
    model_of,
    show_answer,
)
from stackdouble.fakes.networking.policy import enforce_attributes

__all__ = ["create_floatingip", "delete_floatingip", "list_floatingips", "show_floatingip",
           "update_floatingip"]

#: What a floating IP can be filtered and sorted on.
ATTRIBUTES = ["id", "floating_ip_address", "floating_network_id", "router_id", "port_id",
              "fixed_ip_address", "status", "description", "tags", "created_at",
              "updated_at", "revision_number", "project_id", "tenant_id"]


def list_floatingips(req: FakeRequest) -> FakeResponse:
    """`GET /v2.0/floatingips`."""
    caller, model = caller_of(req), model_of(req)
    items = [views.floatingip(f, model) for f in model.list_floatingips(caller)]
    return list_answer(req, "floatingips", items, ATTRIBUTES, lambda marker: views.floatingip(
        model.get_floatingip(caller, marker), model))


def show_floatingip(req: FakeRequest) -> FakeResponse:
    """`GET /v2.0/floatingips/{floatingip_id}`."""
    model = model_of(req)
    fip = model.get_floatingip(caller_of(req), req.params["floatingip_id"])
    return show_answer(req, "floatingip", views.floatingip(fip, model))


def create_floatingip(req: FakeRequest) -> FakeResponse:
    """`POST /v2.0/floatingips`: 201."""
    caller, model = caller_of(req), model_of(req)
    values = schema.parse_body(body_of(req), "floatingip", create=True)
    enforce_attributes(caller, "create", "floatingip", values)
    project_id = schema.project_of(caller, values)
    fip = model.create_floatingip(caller, project_id, values)
    return answer(201, {"floatingip": views.floatingip(fip, model)})


def update_floatingip(req: FakeRequest) -> FakeResponse:
    """`PUT /v2.0/floatingips/{floatingip_id}`: associate (`port_id`), disassociate
    (`port_id` null) or describe."""
    caller, model = caller_of(req), model_of(req)
    values = schema.parse_body(body_of(req), "floatingip", create=False)
    fip = model.update_floatingip(caller, req.params["floatingip_id"], values)
    return answer(200, {"floatingip": views.floatingip(fip, model)})


def delete_floatingip(req: FakeRequest) -> FakeResponse:
    """`DELETE /v2.0/floatingips/{floatingip_id}`: 204."""
    model_of(req).delete_floatingip(caller_of(req), req.params["floatingip_id"])
    return empty()
