"""Network handlers (`/v2.0/networks`)."""

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

__all__ = ["create_network", "delete_network", "list_networks", "show_network",
           "update_network"]

#: What a network can be filtered and sorted on.
ATTRIBUTES = ["id", "name", "subnets", "shared", "status", "admin_state_up",
              "availability_zone_hints", "availability_zones", "description",
              "port_security_enabled", "router:external", "mtu", "provider:network_type",
              "provider:physical_network", "provider:segmentation_id", "tags", "created_at",
              "updated_at", "revision_number", "project_id", "tenant_id", "is_default",
              "ipv4_address_scope", "ipv6_address_scope"]


def list_networks(req: FakeRequest) -> FakeResponse:
    """`GET /v2.0/networks`."""
    caller, model = caller_of(req), model_of(req)
    items = [views.network(n, model, admin=caller.is_admin)
             for n in model.list_networks(caller)]
    return list_answer(req, "networks", items, ATTRIBUTES, lambda marker: views.network(
        model.get_network(caller, marker), model, admin=caller.is_admin))


def show_network(req: FakeRequest) -> FakeResponse:
    """`GET /v2.0/networks/{network_id}`."""
    caller, model = caller_of(req), model_of(req)
    network = model.get_network(caller, req.params["network_id"])
    return show_answer(req, "network", views.network(network, model, admin=caller.is_admin))


def create_network(req: FakeRequest) -> FakeResponse:
    """`POST /v2.0/networks`: 201."""
    caller, model = caller_of(req), model_of(req)
    values = schema.parse_body(body_of(req), "network", create=True)
    enforce_attributes(caller, "create", "network", values)
    project_id = schema.project_of(caller, values)
    network = model.create_network(caller, project_id, values)
    return answer(201, {"network": views.network(network, model, admin=caller.is_admin)})


def update_network(req: FakeRequest) -> FakeResponse:
    """`PUT /v2.0/networks/{network_id}`."""
    caller, model = caller_of(req), model_of(req)
    values = schema.parse_body(body_of(req), "network", create=False)
    model.get_network(caller, req.params["network_id"])
    enforce_attributes(caller, "update", "network", values)
    network = model.update_network(caller, req.params["network_id"], values)
    return answer(200, {"network": views.network(network, model, admin=caller.is_admin)})


def delete_network(req: FakeRequest) -> FakeResponse:
    """`DELETE /v2.0/networks/{network_id}`: 204."""
    model_of(req).delete_network(caller_of(req), req.params["network_id"])
    return empty()
