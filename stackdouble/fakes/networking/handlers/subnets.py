"""Subnet handlers (`/v2.0/subnets`)."""

from __future__ import annotations

import ipaddress

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.networking import schema, views
from stackdouble.fakes.networking.errors import HTTPBadRequest, InvalidInput
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

__all__ = ["create_subnet", "delete_subnet", "list_subnets", "show_subnet", "update_subnet"]

ATTRIBUTES = ["id", "name", "network_id", "ip_version", "subnetpool_id", "enable_dhcp",
              "ipv6_ra_mode", "ipv6_address_mode", "gateway_ip", "cidr", "allocation_pools",
              "host_routes", "dns_nameservers", "description", "service_types", "tags",
              "created_at", "updated_at", "revision_number", "project_id", "tenant_id"]


def list_subnets(req: FakeRequest) -> FakeResponse:
    """`GET /v2.0/subnets`."""
    caller, model = caller_of(req), model_of(req)
    items = [views.subnet(s) for s in model.list_subnets(caller)]
    return list_answer(req, "subnets", items, ATTRIBUTES,
                       lambda marker: views.subnet(model.get_subnet(caller, marker)))


def show_subnet(req: FakeRequest) -> FakeResponse:
    """`GET /v2.0/subnets/{subnet_id}`."""
    subnet = model_of(req).get_subnet(caller_of(req), req.params["subnet_id"])
    return show_answer(req, "subnet", views.subnet(subnet))


def create_subnet(req: FakeRequest) -> FakeResponse:
    """`POST /v2.0/subnets`: 201. The CIDR is required (no subnet pools here) and must
    match `ip_version`."""
    caller, model = caller_of(req), model_of(req)
    values = schema.parse_body(body_of(req), "subnet", create=True)
    enforce_attributes(caller, "create", "subnet", values)
    if "cidr" not in values:
        raise HTTPBadRequest("Bad subnet request: a subnetpool must be specified in the "
                             "absence of a cidr.")
    net = ipaddress.ip_network(values["cidr"], strict=False)
    if net.version != values["ip_version"]:
        raise InvalidInput(error_message=f"Cidr {values['cidr']} does not match ip_version "
                                         f"{values['ip_version']}")
    if net.version == 4 and (values.get("ipv6_ra_mode") or values.get("ipv6_address_mode")):
        raise InvalidInput(error_message="ipv6_ra_mode or ipv6_address_mode cannot be set "
                                         "when enable_dhcp is set to False")
    values["cidr"] = str(net)
    project_id = schema.project_of(caller, values)
    subnet = model.create_subnet(caller, project_id, values)
    return answer(201, {"subnet": views.subnet(subnet)})


def update_subnet(req: FakeRequest) -> FakeResponse:
    """`PUT /v2.0/subnets/{subnet_id}`."""
    caller = caller_of(req)
    values = schema.parse_body(body_of(req), "subnet", create=False)
    subnet = model_of(req).update_subnet(caller, req.params["subnet_id"], values)
    return answer(200, {"subnet": views.subnet(subnet)})


def delete_subnet(req: FakeRequest) -> FakeResponse:
    """`DELETE /v2.0/subnets/{subnet_id}`: 204."""
    model_of(req).delete_subnet(caller_of(req), req.params["subnet_id"])
    return empty()
