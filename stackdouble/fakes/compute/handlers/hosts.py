"""Nova's deprecated `os-hosts` (`nova/api/openstack/compute/hosts.py`; the client's
`compute/v2/hosts`): every route is `wsgi.api_version("2.1", "2.42")`, so from 2.43 each
answers webob's bare 404, as the other removed proxies do. In each route Nova validates the
body first, then checks the policy, then the host (see `models/hosts.py`)."""

from __future__ import annotations

from collections.abc import Callable

from stackdouble.fakes.compute import views
from stackdouble.fakes.compute.errors import nova_fault
from stackdouble.fakes.compute.handlers._common import (
    _body,
    _caller,
    _last,
    _model,
    _ok,
    _version,
)
from stackdouble.fakes.compute.schema import check_body
from stackdouble.fakes.compute.schema.hosts import HOST_UPDATE
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = ["host_reboot", "host_shutdown", "host_startup", "list_hosts", "show_host",
           "update_host"]

#: The last microversion serving `os-hosts` (deprecated in 2.43).
MAX_HOSTS_VERSION = (2, 42)

_Handler = Callable[[FakeRequest], FakeResponse]


def _until_242(handler: _Handler) -> _Handler:
    def run(req: FakeRequest) -> FakeResponse:
        if _version(req) > MAX_HOSTS_VERSION:
            return nova_fault(404)
        return handler(req)

    run.__name__ = handler.__name__
    run.__doc__ = handler.__doc__
    return run


@_until_242
def list_hosts(req: FakeRequest) -> FakeResponse:
    """`GET /os-hosts[?zone=]`: a row per enabled service (the last `zone` given)."""
    caller = _caller(req, "os_compute_api:os-hosts:list")
    found = _model(req).os_hosts(caller, _last(req, "zone"))
    return _ok({"hosts": [views.os_host(s) for s in found]})


@_until_242
def show_host(req: FakeRequest) -> FakeResponse:
    """`GET /os-hosts/{host_name}`: the resource rows of a compute host."""
    caller = _caller(req, "os_compute_api:os-hosts:show")
    name = req.params["host_name"]
    rows = _model(req).os_host_resources(caller, name)
    return _ok({"host": [views.os_host_resource(name, r) for r in rows]})


@_until_242
def update_host(req: FakeRequest) -> FakeResponse:
    """`PUT /os-hosts/{host_name}` with `status` and/or `maintenance_mode` (`enable` or
    `disable`): `{"host", "status"}`; maintenance mode is 501 on libvirt."""
    body = _body(req)
    check_body(HOST_UPDATE, body)
    caller = _caller(req, "os_compute_api:os-hosts:update")
    model = _model(req)
    name = req.params["host_name"]
    out: dict[str, str] = {"host": name}
    if "status" in body:
        enabled = body["status"].strip().lower() == "enable"
        out["status"] = model.set_os_host_status(caller, name, enabled)
    if "maintenance_mode" in body:
        mode = body["maintenance_mode"].strip().lower() == "enable"
        out["maintenance_mode"] = model.set_os_host_maintenance(caller, name, mode)
    return _ok(out)


def _power(req: FakeRequest, action: str) -> FakeResponse:
    rule = "start" if action == "startup" else action
    caller = _caller(req, f"os_compute_api:os-hosts:{rule}")
    name = req.params["host_name"]
    result = _model(req).os_host_power_action(caller, name, action)
    return _ok({"host": name, "power_action": result})


@_until_242
def host_startup(req: FakeRequest) -> FakeResponse:
    """`GET /os-hosts/{host_name}/startup`: 501 on libvirt."""
    return _power(req, "startup")


@_until_242
def host_shutdown(req: FakeRequest) -> FakeResponse:
    """`GET /os-hosts/{host_name}/shutdown`: 501 on libvirt."""
    return _power(req, "shutdown")


@_until_242
def host_reboot(req: FakeRequest) -> FakeResponse:
    """`GET /os-hosts/{host_name}/reboot`: 501 on libvirt."""
    return _power(req, "reboot")
