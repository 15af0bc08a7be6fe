"""Flavor handlers of the fake Nova (`nova/api/openstack/compute/flavors.py`,
`flavor_manage.py`, `flavors_extraspecs.py`, `flavor_access.py`; the client's
`compute/v2/flavors`)."""

from __future__ import annotations

from stackdouble.fakes.compute import schema, views
from stackdouble.fakes.compute.errors import BadRequest, nova_fault, policy_forbidden
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
from stackdouble.fakes.compute.schema import flavors as flavor_schema
from stackdouble.fakes.compute.schema import queries
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = ["create_extra_specs", "create_flavor", "delete_extra_spec", "delete_flavor",
           "flavor_action", "list_extra_specs", "list_flavor_access", "list_flavors",
           "list_flavors_detail", "show_extra_spec", "show_flavor", "update_extra_spec",
           "update_flavor"]


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
    flavor = _model(req).visible_flavor(caller, req.params["flavor_id"])
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


def update_flavor(req: FakeRequest) -> FakeResponse:
    """`PUT /flavors/{id}` (2.55, admins): only `description` changes; 200 with the
    flavor."""
    version = _version(req)
    if version < (2, 55):
        return nova_fault(404)
    caller = _caller(req)
    body = _body(req)
    schema.check_body(flavor_schema.FLAVOR_UPDATE, body)
    flavor = _model(req).set_flavor_description(caller, req.params["flavor_id"],
                                                body["flavor"]["description"])
    return _ok({"flavor": views.flavor(_ctx(req, caller), flavor)})


# -- extra specs (flavors_extraspecs.py) -----------------------------------------------------

def list_extra_specs(req: FakeRequest) -> FakeResponse:
    """`GET /flavors/{id}/os-extra_specs`."""
    caller = _caller(req, "os_compute_api:os-flavor-extra-specs:index")
    specs = _model(req).flavor_extra_specs(caller, req.params["flavor_id"])
    return _ok({"extra_specs": specs})


def show_extra_spec(req: FakeRequest) -> FakeResponse:
    """`GET /flavors/{id}/os-extra_specs/{key}`: `{key: value}`."""
    caller = _caller(req, "os_compute_api:os-flavor-extra-specs:show")
    key = req.params["key"]
    return _ok({key: _model(req).flavor_extra_spec(caller, req.params["flavor_id"], key)})


def create_extra_specs(req: FakeRequest) -> FakeResponse:
    """`POST /flavors/{id}/os-extra_specs` (admins): merge; 200 with the body as sent
    (numbers stay numbers there, stored as strings)."""
    caller = _caller(req, "os_compute_api:os-flavor-extra-specs:create")
    if not caller.is_admin:
        raise policy_forbidden("os_compute_api:os-flavor-extra-specs:create")
    body = _body(req)
    schema.check_body(flavor_schema.EXTRA_SPECS_CREATE, body)
    specs = body["extra_specs"]
    flavor_schema.check_extra_spec_values(specs, validate=_version(req) >= (2, 86))
    _model(req).set_flavor_extra_specs(caller, req.params["flavor_id"],
                                       {k: str(v) for k, v in specs.items()})
    return _ok(body)


def update_extra_spec(req: FakeRequest) -> FakeResponse:
    """`PUT /flavors/{id}/os-extra_specs/{key}` (admins): `{key: value}`, the key as the
    path's."""
    caller = _caller(req, "os_compute_api:os-flavor-extra-specs:update")
    if not caller.is_admin:
        raise policy_forbidden("os_compute_api:os-flavor-extra-specs:update")
    body = _body(req)
    schema.check_body(flavor_schema.EXTRA_SPECS_UPDATE, body)
    flavor_schema.check_extra_spec_values(body, validate=_version(req) >= (2, 86))
    key = req.params["key"]
    if key not in body:
        raise BadRequest("Request body and URI mismatch")
    _model(req).set_flavor_extra_specs(caller, req.params["flavor_id"], {key: str(body[key])},
                                       rule="update")
    return _ok(body)


def delete_extra_spec(req: FakeRequest) -> FakeResponse:
    """`DELETE /flavors/{id}/os-extra_specs/{key}` (admins): 200, no body."""
    caller = _caller(req, "os_compute_api:os-flavor-extra-specs:delete")
    _model(req).delete_flavor_extra_spec(caller, req.params["flavor_id"], req.params["key"])
    return FakeResponse(200)


# -- flavor access (flavor_access.py) --------------------------------------------------------

def _access(flavor_id: str, projects: list[str]) -> FakeResponse:
    return _ok({"flavor_access": [{"flavor_id": flavor_id, "tenant_id": p} for p in projects]})


def list_flavor_access(req: FakeRequest) -> FakeResponse:
    """`GET /flavors/{id}/os-flavor-access` (admins; private flavors only)."""
    caller = _caller(req, "os_compute_api:os-flavor-access")
    flavor_id = req.params["flavor_id"]
    return _access(flavor_id, _model(req).flavor_access(caller, flavor_id))


def flavor_action(req: FakeRequest) -> FakeResponse:
    """`POST /flavors/{id}/action`: `addTenantAccess` / `removeTenantAccess` (admins),
    200 with the access list."""
    caller = _caller(req)
    body = _body(req)
    if not isinstance(body, dict) or len(body) != 1:
        raise BadRequest("Malformed request body")
    name = next(iter(body))
    if name not in ("addTenantAccess", "removeTenantAccess"):
        raise BadRequest(f"There is no such action: {name}")
    adding = name == "addTenantAccess"
    schema.check_body(flavor_schema.ADD_TENANT_ACCESS if adding
                      else flavor_schema.REMOVE_TENANT_ACCESS, body)
    rule = "add_tenant_access" if adding else "remove_tenant_access"
    if not caller.is_admin:
        raise policy_forbidden(f"os_compute_api:os-flavor-access:{rule}")
    tenant = body[name]["tenant"]
    if adding and tenant not in req.cloud.identity.projects:  # `verify_project_id`
        raise BadRequest(f"Project ID {tenant} is not a valid project.")
    model = _model(req)
    flavor_id = req.params["flavor_id"]
    if adding:
        projects = model.add_flavor_access(caller, flavor_id, tenant,
                                           refuse_public=_version(req) >= (2, 7))
    else:
        projects = model.remove_flavor_access(caller, flavor_id, tenant)
    return _access(flavor_id, projects)
