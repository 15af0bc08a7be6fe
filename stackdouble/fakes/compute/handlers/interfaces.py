"""`os-interface` of the fake Nova (`nova/api/openstack/compute/attach_interfaces.py`; the
client's `compute/v2/extensions/attachinterfaces`): list, show, attach and detach."""

from __future__ import annotations

from typing import Any

from stackdouble.fakes.compute import schema, views
from stackdouble.fakes.compute.errors import BadRequest
from stackdouble.fakes.compute.handlers._common import _body, _caller, _model, _ok, _version
from stackdouble.fakes.compute.schema import interfaces as interface_schema
from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.links import PortRequest

__all__ = ["attach_interface", "detach_interface", "list_interfaces", "show_interface"]


def list_interfaces(req: FakeRequest) -> FakeResponse:
    """`GET /servers/{id}/os-interface`: the server's ports."""
    found = _model(req).interfaces(_caller(req), req.params["server_id"])
    version = _version(req)
    return _ok({"interfaceAttachments": [views.interface_attachment(v, version)
                                         for v in found]})


def show_interface(req: FakeRequest) -> FakeResponse:
    """`GET /servers/{id}/os-interface/{port_id}`."""
    vif = _model(req).interface(_caller(req), req.params["server_id"], req.params["port_id"])
    return _ok({"interfaceAttachment": views.interface_attachment(vif, _version(req))})


def attach_interface(req: FakeRequest) -> FakeResponse:
    """`POST /servers/{id}/os-interface`: 200 with the new interface."""
    caller = _caller(req)
    version = _version(req)
    body = _body(req)
    schema.check_body(interface_schema.create_schema(version), body)
    model = _model(req)
    model.get_server(caller, req.params["server_id"])
    given: dict[str, Any] = body.get("interfaceAttachment") or {}
    network_id = given.get("net_id")
    port_id = given.get("port_id")
    fixed = given.get("fixed_ips")
    fixed_ip = fixed[0]["ip_address"] if fixed else None
    if network_id and port_id:
        raise BadRequest("Must not input both network_id and port_id")
    if fixed_ip and not network_id:
        raise BadRequest("Must input network_id when request IP address")
    request = PortRequest(network_id=network_id or None, port_id=port_id or None,
                          fixed_ip=fixed_ip, tag=given.get("tag"))
    vif = model.attach_interface(caller, req.params["server_id"], request)
    return _ok({"interfaceAttachment": views.interface_attachment(vif, version)})


def detach_interface(req: FakeRequest) -> FakeResponse:
    """`DELETE /servers/{id}/os-interface/{port_id}`: 202."""
    _model(req).detach_interface(_caller(req), req.params["server_id"], req.params["port_id"])
    return FakeResponse(202)
