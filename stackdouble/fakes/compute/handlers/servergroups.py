"""`os-server-groups` of the fake Nova (`nova/api/openstack/compute/server_groups.py`,
`nova/policies/server_groups.py`; the client's `compute/v2/servergroups`)."""

from __future__ import annotations

from stackdouble.fakes.compute import views
from stackdouble.fakes.compute.handlers._common import (
    _body,
    _caller,
    _ctx,
    _last,
    _model,
    _ok,
    _query_lists,
    _version,
)
from stackdouble.fakes.compute.schema import admin as schema
from stackdouble.fakes.compute.schema import check_body, queries
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = ["create_server_group", "delete_server_group", "list_server_groups",
           "show_server_group"]


def create_server_group(req: FakeRequest) -> FakeResponse:
    """`POST /os-server-groups`: 200 with the group."""
    caller = _caller(req, "os_compute_api:os-server-groups:create")
    version = _version(req)
    body = _body(req)
    check_body(schema.server_group_create(version), body)
    given = body["server_group"]
    policy = given["policy"] if version >= (2, 64) else given["policies"][0]
    rules = {k: int(v) for k, v in (given.get("rules") or {}).items()}
    model = _model(req)
    group = model.create_server_group(caller, given["name"], policy, rules)
    return _ok({"server_group": views.server_group(_ctx(req, caller), group, [])})


def list_server_groups(req: FakeRequest) -> FakeResponse:
    """`GET /os-server-groups` (`all_projects` for admins; `limit`, `offset`)."""
    caller = _caller(req, "os_compute_api:os-server-groups:index")
    model = _model(req)
    groups = model.list_server_groups(caller, all_projects="all_projects" in req.args)
    offset = int(_last(req, "offset") or 0) if (_last(req, "offset") or "0").isdigit() else 0
    limit = queries.page_limit(_query_lists(req), model.max_limit)
    page = groups[offset:offset + limit]
    ctx = _ctx(req, caller)
    return _ok({"server_groups": [views.server_group(ctx, g, model.group_members(g))
                                  for g in page]})


def show_server_group(req: FakeRequest) -> FakeResponse:
    """`GET /os-server-groups/{id}`."""
    caller = _caller(req, "os_compute_api:os-server-groups:show")
    model = _model(req)
    group = model.get_server_group(caller, req.params["group_id"])
    return _ok({"server_group": views.server_group(_ctx(req, caller), group,
                                                   model.group_members(group))})


def delete_server_group(req: FakeRequest) -> FakeResponse:
    """`DELETE /os-server-groups/{id}`: 204."""
    caller = _caller(req, "os_compute_api:os-server-groups:delete")
    _model(req).delete_server_group(caller, req.params["group_id"])
    return FakeResponse(204)
