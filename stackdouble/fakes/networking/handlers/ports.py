"""Port handlers (`/v2.0/ports`)."""

from __future__ import annotations

from typing import Any

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.networking import schema, views
from stackdouble.fakes.networking.handlers._common import (
    answer,
    body_of,
    caller_of,
    empty,
    indexed_list_answer,
    model_of,
    show_answer,
)
from stackdouble.fakes.networking.policy import enforce_attributes

__all__ = ["create_port", "delete_port", "list_ports", "show_port", "update_port"]

ATTRIBUTES = ["id", "name", "network_id", "mac_address", "admin_state_up", "status",
              "device_id", "device_owner", "fixed_ips", "allowed_address_pairs", "description",
              "security_groups", "port_security_enabled", "binding:vnic_type",
              "binding:host_id", "binding:profile", "binding:vif_type", "binding:vif_details",
              "tags", "created_at", "updated_at", "revision_number", "project_id", "tenant_id"]


def list_ports(req: FakeRequest) -> FakeResponse:
    """`GET /v2.0/ports`."""
    caller, model = caller_of(req), model_of(req)

    def render(port_id: str) -> dict[str, Any] | None:
        port = model.visible_port(caller, port_id)
        return None if port is None else views.port(port, admin=caller.is_admin)

    return indexed_list_answer(req, "ports", model.port_ids, render, ATTRIBUTES,
                               lambda marker: views.port(model.get_port(caller, marker),
                                                         admin=caller.is_admin))


def show_port(req: FakeRequest) -> FakeResponse:
    """`GET /v2.0/ports/{port_id}`."""
    caller = caller_of(req)
    port = model_of(req).get_port(caller, req.params["port_id"])
    return show_answer(req, "port", views.port(port, admin=caller.is_admin))


def create_port(req: FakeRequest) -> FakeResponse:
    """`POST /v2.0/ports`: 201."""
    caller, model = caller_of(req), model_of(req)
    values = schema.parse_body(body_of(req), "port", create=True)
    enforce_attributes(caller, "create", "port", values)
    project_id = schema.project_of(caller, values)
    port = model.create_port(caller, project_id, values)
    return answer(201, {"port": views.port(port, admin=caller.is_admin)})


def update_port(req: FakeRequest) -> FakeResponse:
    """`PUT /v2.0/ports/{port_id}`."""
    caller, model = caller_of(req), model_of(req)
    values = schema.parse_body(body_of(req), "port", create=False)
    model.get_port(caller, req.params["port_id"])
    enforce_attributes(caller, "update", "port", values)
    port = model.update_port(caller, req.params["port_id"], values)
    return answer(200, {"port": views.port(port, admin=caller.is_admin)})


def delete_port(req: FakeRequest) -> FakeResponse:
    """`DELETE /v2.0/ports/{port_id}`: 204."""
    model_of(req).delete_port(caller_of(req), req.params["port_id"])
    return empty()
