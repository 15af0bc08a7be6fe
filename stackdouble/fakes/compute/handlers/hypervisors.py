"""`os-hypervisors` and `os-services` of the fake Nova (`nova/api/openstack/compute/
hypervisors.py`, `services.py`, `nova/policies/hypervisors.py`, `services.py`: admins
only; the client's `compute/v2/hypervisors` and `services`)."""

from __future__ import annotations

from stackdouble.fakes.compute import views
from stackdouble.fakes.compute.errors import BadRequest, NotFound, policy_forbidden
from stackdouble.fakes.compute.handlers._common import (
    _body,
    _caller,
    _ctx,
    _last,
    _limit,
    _model,
    _ok,
    _version,
)
from stackdouble.fakes.compute.models import Caller, bool_from_string
from stackdouble.fakes.compute.schema import admin as schema
from stackdouble.fakes.compute.schema import check_body, is_uuid_like
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = ["delete_service", "hypervisor_search", "hypervisor_servers", "list_hypervisors",
           "list_hypervisors_detail", "list_services", "show_hypervisor", "update_service"]


def _admin(req: FakeRequest, rule: str) -> Caller:
    caller = _caller(req, rule)
    if not caller.is_admin:
        raise policy_forbidden(rule)
    return caller


def list_hypervisors(req: FakeRequest) -> FakeResponse:
    """`GET /os-hypervisors`: id, hostname, state, status."""
    return _list(req, detail=False)


def list_hypervisors_detail(req: FakeRequest) -> FakeResponse:
    """`GET /os-hypervisors/detail`."""
    return _list(req, detail=True)


def _list(req: FakeRequest, *, detail: bool) -> FakeResponse:
    caller = _admin(req, "os_compute_api:os-hypervisors:list" + ("-detail" if detail else ""))
    model = _model(req)
    ctx = _ctx(req, caller)
    pattern = with_servers = None
    if ctx.at_least(2, 53):
        pattern = _last(req, "hypervisor_hostname_pattern")
        with_servers = bool_from_string(_last(req, "with_servers") or False)
    paged = ctx.at_least(2, 33)
    if pattern is not None:
        if "limit" in req.args or "marker" in req.args:
            raise BadRequest("Paging over hypervisors with the hypervisor_hostname_pattern "
                             "query parameter is not supported.")
        hosts = model.search_hypervisors(pattern)
        paged = False
    else:
        limit = _limit(req, model) if paged else model.max_limit
        hosts = model.list_hypervisors(limit=limit, marker=_last(req, "marker") if paged
                                       else None, by_uuid=ctx.at_least(2, 53))
    now = model.cloud.clock.now()
    items = [views.hypervisor(ctx, h, detail=detail, now=now,
                              servers=model.servers_on(h) if with_servers else None,
                              with_servers=bool(with_servers)) for h in hosts]
    out: dict[str, object] = {"hypervisors": items}
    if paged and items:
        links = views.collection_links(ctx, "os-hypervisors" + ("/detail" if detail else ""),
                                       items, _limit(req, model), str(items[-1]["id"]))
        if links:
            out["hypervisors_links"] = links
    return _ok(out)


def show_hypervisor(req: FakeRequest) -> FakeResponse:
    """`GET /os-hypervisors/{id}` (a uuid from 2.53; `with_servers` from 2.53)."""
    caller = _admin(req, "os_compute_api:os-hypervisors:show")
    model = _model(req)
    ctx = _ctx(req, caller)
    ident = req.params["hypervisor_id"]
    with_servers = False
    if ctx.at_least(2, 53):
        with_servers = bool_from_string(_last(req, "with_servers") or False)
        if not is_uuid_like(ident):
            raise BadRequest(f"Invalid uuid {ident}")
    elif not ident.lstrip("-").isdigit():
        raise NotFound(f"Hypervisor with ID '{ident}' could not be found.")
    host = model.get_hypervisor(ident, by_uuid=ctx.at_least(2, 53))
    return _ok({"hypervisor": views.hypervisor(
        ctx, host, detail=True, now=model.cloud.clock.now(),
        servers=model.servers_on(host) if with_servers else None, with_servers=with_servers)})


def hypervisor_search(req: FakeRequest) -> FakeResponse:
    """`GET /os-hypervisors/{pattern}/search` (until 2.52)."""
    return _search(req, servers=False)


def hypervisor_servers(req: FakeRequest) -> FakeResponse:
    """`GET /os-hypervisors/{pattern}/servers` (until 2.52)."""
    return _search(req, servers=True)


def _search(req: FakeRequest, *, servers: bool) -> FakeResponse:
    if _version(req) >= (2, 53):
        raise NotFound()
    caller = _admin(req, "os_compute_api:os-hypervisors:" + ("servers" if servers
                                                             else "search"))
    model = _model(req)
    ctx = _ctx(req, caller)
    hosts = model.search_hypervisors(req.params["hypervisor_id"])
    now = model.cloud.clock.now()
    return _ok({"hypervisors": [
        views.hypervisor(ctx, h, detail=False, now=now,
                         servers=model.servers_on(h) if servers else None) for h in hosts]})


# -- os-services ------------------------------------------------------------------------------


def list_services(req: FakeRequest) -> FakeResponse:
    """`GET /os-services` (`host`, `binary` filters)."""
    caller = _caller(req, "os_compute_api:os-services:list")
    model = _model(req)
    found = model.list_services(caller, host=_last(req, "host"), binary=_last(req, "binary"))
    ctx = _ctx(req, caller)
    now = model.cloud.clock.now()
    return _ok({"services": [views.service(ctx, s, now) for s in found]})


def update_service(req: FakeRequest) -> FakeResponse:
    """`PUT /os-services/{id}` from 2.53 (status, disabled_reason, forced_down), and
    before it `PUT /os-services/{enable|disable|disable-log-reason|force-down}` with the
    host and binary in the body."""
    caller = _caller(req, "os_compute_api:os-services:update")
    version = _version(req)
    model = _model(req)
    body = _body(req)
    ident = req.params["service_id"]
    ctx = _ctx(req, caller)
    if version >= (2, 53):
        if not is_uuid_like(ident):
            raise BadRequest(f"Invalid uuid {ident}")
        check_body(schema.service_update_v253(), body)
        service = model.service_by_uuid(caller, ident, "update")
        disabled = None
        if "status" in body:
            if body["status"] == "enabled" and body.get("disabled_reason"):
                raise BadRequest("Specifying 'disabled_reason' with status 'enabled' is "
                                 "invalid.")
            disabled = body["status"] == "disabled"
        elif "disabled_reason" in body:
            pass
        forced = bool_from_string(body["forced_down"]) if "forced_down" in body else None
        if disabled is None and forced is None:
            raise BadRequest("No updates were requested. Fields 'status' or 'forced_down' "
                             "should be specified.")
        model.update_service(service, disabled=disabled, reason=body.get("disabled_reason"),
                             forced_down=forced)
        return _ok({"service": views.service(ctx, service, model.cloud.clock.now())})
    actions = ("enable", "disable", "disable-log-reason") + (
        ("force-down",) if version >= (2, 11) else ())
    if ident not in actions:
        if not caller.is_admin:
            raise policy_forbidden("os_compute_api:os-services:update")
        raise NotFound("Unknown action")
    check_body(schema.service_update_v21(version), body)
    service = model.service_by_host_binary(caller, body["host"], body["binary"])
    out: dict[str, object] = {"host": body["host"], "binary": body["binary"]}
    if ident == "force-down":
        if "forced_down" not in body:
            raise BadRequest("Missing forced_down field")
        forced = bool_from_string(body["forced_down"])
        model.update_service(service, forced_down=forced)
        out["forced_down"] = forced
        return _ok({"service": out})
    reason = None
    if ident == "disable-log-reason":
        if "disabled_reason" not in body:
            raise BadRequest("Missing disabled reason field")
        reason = body["disabled_reason"]
    model.update_service(service, disabled=ident != "enable", reason=reason)
    out["status"] = "enabled" if ident == "enable" else "disabled"
    if reason:
        out["disabled_reason"] = reason
    return _ok({"service": out})


def delete_service(req: FakeRequest) -> FakeResponse:
    """`DELETE /os-services/{id}`: 204."""
    caller = _caller(req, "os_compute_api:os-services:delete")
    ident = req.params["service_id"]
    if _version(req) >= (2, 53):
        if caller.is_admin and not is_uuid_like(ident):
            raise BadRequest(f"Invalid uuid {ident}")
    elif caller.is_admin and not ident.isdigit():
        raise BadRequest("Invalid input received: id must be an integer")
    _model(req).delete_service(caller, ident)
    return FakeResponse(204)
