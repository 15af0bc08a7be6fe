"""Flavor handlers of the fake Nova (`nova/api/openstack/compute/flavors.py`,
`flavor_manage.py`; the client's `compute/v2/flavors`)."""

from __future__ import annotations

from stackdouble.fakes.compute import schema, views
from stackdouble.fakes.compute.errors import policy_forbidden
from stackdouble.fakes.compute.handlers._common import (
    _body,
    _caller,
    _ctx,
    _model,
    _ok,
    _query_lists,
    _version,
)
from stackdouble.fakes.compute.models import bool_from_string
from stackdouble.fakes.compute.schema import queries
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = ["create_flavor", "delete_flavor", "list_flavors", "list_flavors_detail", "show_flavor"]


def list_flavors(req: FakeRequest) -> FakeResponse:
    """`GET /flavors`."""
    return _list_flavors(req, detail=False)


def list_flavors_detail(req: FakeRequest) -> FakeResponse:
    """`GET /flavors/detail`."""
    return _list_flavors(req, detail=True)


def _list_flavors(req: FakeRequest, *, detail: bool) -> FakeResponse:
    caller = _caller(req)
    model = _model(req)
    q = queries.flavor_list_query(_query_lists(req), version=_version(req),
                                  is_admin=caller.is_admin, max_limit=model.max_limit)
    found = model.list_flavors(caller, is_public=q.is_public, min_ram=q.min_ram,
                               min_disk=q.min_disk, sort_key=q.sort_key, sort_dir=q.sort_dir,
                               limit=q.limit, marker=q.marker)
    return _ok(views.flavor_list(_ctx(req, caller), found, detail=detail, limit=q.limit))


def show_flavor(req: FakeRequest) -> FakeResponse:
    """`GET /flavors/{id}`."""
    caller = _caller(req)
    flavor = _model(req).get_flavor(req.params["flavor_id"])
    return _ok({"flavor": views.flavor(_ctx(req, caller), flavor)})


def create_flavor(req: FakeRequest) -> FakeResponse:
    """`POST /flavors` (admins): 200 with the flavor."""
    caller = _caller(req)
    if not caller.is_admin:
        raise policy_forbidden("os_compute_api:os-flavor-manage:create")
    version = _version(req)
    body = _body(req)
    schema.check_body(schema.flavor_create_schema(version), body)
    given = body["flavor"]
    model = _model(req)
    flavor_id = given.get("id")
    flavor = model.add_flavor(
        str(flavor_id) if flavor_id else model.cloud.ids.uuid(), given["name"].strip(),
        ram=int(given["ram"]), vcpus=int(given["vcpus"]), disk=int(given["disk"]),
        ephemeral=int(given.get("OS-FLV-EXT-DATA:ephemeral", 0)),
        swap=int(given.get("swap", 0)), rxtx_factor=float(given.get("rxtx_factor", 1.0)),
        is_public=bool_from_string(given.get("os-flavor-access:is_public", True)),
        description=given.get("description") if version >= (2, 55) else None)
    return _ok({"flavor": views.flavor(_ctx(req, caller), flavor)})


def delete_flavor(req: FakeRequest) -> FakeResponse:
    """`DELETE /flavors/{id}` (admins): 202."""
    caller = _caller(req)
    if not caller.is_admin:
        raise policy_forbidden("os_compute_api:os-flavor-manage:delete")
    _model(req).delete_flavor(req.params["flavor_id"])
    return FakeResponse(202)
