"""`/servers/{id}/os-instance-actions` of the fake Nova (`nova/api/openstack/compute/
instance_actions.py`, `schemas/instance_actions.py`, `nova/policies/instance_actions.py`;
the client's `compute/v2/instanceactions`)."""

from __future__ import annotations

from datetime import datetime

from stackdouble.fakes.compute import views
from stackdouble.fakes.compute.errors import BadRequest
from stackdouble.fakes.compute.handlers._common import (
    _caller,
    _ctx,
    _last,
    _model,
    _ok,
    _query_lists,
    _version,
)
from stackdouble.fakes.compute.schema import queries
from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.timestamps import parse_isotime

__all__ = ["list_instance_actions", "show_instance_action"]

_V258 = frozenset({"limit", "marker", "changes-since"})


def _time(req: FakeRequest, key: str) -> datetime | None:
    value = _last(req, key)
    if value is None:
        return None
    when = parse_isotime(value)
    if when is None:
        raise BadRequest(f"Invalid input for query parameters {key}. Value: {value}. "
                         f"'{value}' is not a 'date-time'")
    return when


def list_instance_actions(req: FakeRequest) -> FakeResponse:
    """Newest first; from 2.58 `limit`, `marker` (a request id), `changes-since`, and
    from 2.66 `changes-before`; other parameters are refused from 2.58."""
    caller = _caller(req, "os_compute_api:os-instance-actions:list")
    version = _version(req)
    model = _model(req)
    since = before = None
    limit = marker = None
    if version >= (2, 58):
        allowed = _V258 | ({"changes-before"} if version >= (2, 66) else set())
        for key in _query_lists(req):
            if key not in allowed:
                raise BadRequest("Additional properties are not allowed "
                                 f"('{key}' was unexpected)")
        since, before = _time(req, "changes-since"), _time(req, "changes-before")
        if since is not None and before is not None and before < since:
            raise BadRequest("The value of changes-since must be less than or equal to "
                             "changes-before.")
        limit = queries.page_limit(_query_lists(req), model.max_limit)
        marker = _last(req, "marker")
    server, found = model.instance_actions(
        caller, req.params["server_id"], include_deleted=version >= (2, 21), since=since,
        before=before, limit=limit, marker=marker)
    ctx = _ctx(req, caller)
    now = model.cloud.clock.time()
    items = [views.instance_action(ctx, a, now) for a in found]
    out: dict[str, object] = {"instanceActions": items}
    if version >= (2, 58) and items and limit is not None:
        links = views.collection_links(ctx, f"servers/{server.uuid}/os-instance-actions",
                                       items, limit, str(items[-1]["request_id"]))
        if links:
            out["links"] = links
    return _ok(out)


def show_instance_action(req: FakeRequest) -> FakeResponse:
    """One action; its events for admins (with tracebacks), and for everyone from 2.51."""
    caller = _caller(req, "os_compute_api:os-instance-actions:show")
    version = _version(req)
    model = _model(req)
    _, action = model.instance_action(caller, req.params["server_id"],
                                      req.params["request_id"],
                                      include_deleted=version >= (2, 21))
    ctx = _ctx(req, caller)
    events = caller.is_admin or version >= (2, 51)
    return _ok({"instanceAction": views.instance_action(
        ctx, action, model.cloud.clock.time(), events=events, admin=caller.is_admin)})
