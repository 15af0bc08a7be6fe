"""Router handlers (`/v2.0/routers` and its `add_router_interface` /
`remove_router_interface` actions)."""

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
from stackdouble.fakes.networking.policy import enforce_gateway

__all__ = ["add_router_interface", "create_router", "delete_router", "list_routers",
           "remove_router_interface", "show_router", "update_router"]

#: What a router can be filtered and sorted on.
ATTRIBUTES = ["id", "name", "status", "admin_state_up", "description", "tags", "created_at",
              "updated_at", "revision_number", "project_id", "tenant_id"]


def list_routers(req: FakeRequest) -> FakeResponse:
    """`GET /v2.0/routers`."""
    caller, model = caller_of(req), model_of(req)
    items = [views.router(r, model) for r in model.list_routers(caller)]
    return list_answer(req, "routers", items, ATTRIBUTES, lambda marker: views.router(
        model.get_router(caller, marker), model))


def show_router(req: FakeRequest) -> FakeResponse:
    """`GET /v2.0/routers/{router_id}`."""
    model = model_of(req)
    router = model.get_router(caller_of(req), req.params["router_id"])
    return show_answer(req, "router", views.router(router, model))


def create_router(req: FakeRequest) -> FakeResponse:
    """`POST /v2.0/routers`: 201."""
    caller, model = caller_of(req), model_of(req)
    values = schema.parse_body(body_of(req), "router", create=True)
    enforce_gateway(caller, "create", values)
    project_id = schema.project_of(caller, values)
    router = model.create_router(caller, project_id, values)
    return answer(201, {"router": views.router(router, model)})


def update_router(req: FakeRequest) -> FakeResponse:
    """`PUT /v2.0/routers/{router_id}`."""
    caller, model = caller_of(req), model_of(req)
    values = schema.parse_body(body_of(req), "router", create=False)
    model.get_router(caller, req.params["router_id"])
    enforce_gateway(caller, "update", values)
    router = model.update_router(caller, req.params["router_id"], values)
    return answer(200, {"router": views.router(router, model)})


def delete_router(req: FakeRequest) -> FakeResponse:
    """`DELETE /v2.0/routers/{router_id}`: 204."""
    model_of(req).delete_router(caller_of(req), req.params["router_id"])
    return empty()


def add_router_interface(req: FakeRequest) -> FakeResponse:
    """`PUT /v2.0/routers/{router_id}/add_router_interface`: `{"subnet_id"}` or
    `{"port_id"}`; the interface's ids."""
    caller = caller_of(req)
    info = model_of(req).add_router_interface(caller, req.params["router_id"], body_of(req))
    return answer(200, info)


def remove_router_interface(req: FakeRequest) -> FakeResponse:
    """`PUT /v2.0/routers/{router_id}/remove_router_interface`."""
    caller = caller_of(req)
    info = model_of(req).remove_router_interface(caller, req.params["router_id"],
                                                 body_of(req))
    return answer(200, info)
