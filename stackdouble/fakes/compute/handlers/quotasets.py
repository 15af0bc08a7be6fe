"""`os-quota-sets` and `os-quota-class-sets` of the fake Nova
(`nova/api/openstack/compute/quota_sets.py`, `quota_classes.py`, `nova/policies/
quota_sets.py`, `quota_class_sets.py`; the client's `compute/v2/quotasets` and
`quotaclasses`).

A member reads its own project's quotas (`PROJECT_READER_OR_ADMIN`), anyone the defaults;
updates, deletes and the quota classes are for admins. `detail` shows what is in use, as
the quota accounting counts it.
"""

from __future__ import annotations

from stackdouble.fakes.compute import views
from stackdouble.fakes.compute.errors import BadRequest, policy_forbidden
from stackdouble.fakes.compute.handlers._common import _body, _caller, _model, _ok, _version
from stackdouble.fakes.compute.models import Caller, bool_from_string
from stackdouble.fakes.compute.schema import admin as schema
from stackdouble.fakes.compute.schema import check_body
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = ["delete_quota_set", "quota_set_defaults", "quota_set_detail", "show_quota_class",
           "show_quota_set", "update_quota_class", "update_quota_set"]


def _project(req: FakeRequest, caller: Caller, rule: str) -> str:
    """The path's project: policy first (a member only its own), then
    `identity.verify_project_id` ("Project ID <id> is not a valid project.")."""
    project_id: str = req.params["project_id"]
    if not caller.is_admin and (rule in ("update", "delete") or project_id != caller.project_id):
        raise policy_forbidden(f"os_compute_api:os-quota-sets:{rule}")
    if rule != "delete" and project_id not in req.cloud.identity.projects:
        raise BadRequest(f"Project ID {project_id} is not a valid project.")
    return project_id


def show_quota_set(req: FakeRequest) -> FakeResponse:
    """`GET /os-quota-sets/{project}`."""
    caller = _caller(req, "os_compute_api:os-quota-sets:show")
    project_id = _project(req, caller, "show")
    return _ok(views.quota_set(_model(req).quota(project_id), _version(req), ident=project_id))


def quota_set_detail(req: FakeRequest) -> FakeResponse:
    """`GET /os-quota-sets/{project}/detail`: limit, in_use, reserved per resource."""
    caller = _caller(req, "os_compute_api:os-quota-sets:detail")
    project_id = _project(req, caller, "detail")
    return _ok(views.quota_set(_model(req).quota_detail(project_id), _version(req),
                               ident=project_id))


def quota_set_defaults(req: FakeRequest) -> FakeResponse:
    """`GET /os-quota-sets/{project}/defaults` (anyone)."""
    _caller(req, "os_compute_api:os-quota-sets:defaults")
    project_id = req.params["project_id"]
    if project_id not in req.cloud.identity.projects:
        raise BadRequest(f"Project ID {project_id} is not a valid project.")
    return _ok(views.quota_set(_model(req).quota_defaults(), _version(req), ident=project_id))


def update_quota_set(req: FakeRequest) -> FakeResponse:
    """`PUT /os-quota-sets/{project}` (admins): 200 with the limits, without `id`."""
    caller = _caller(req, "os_compute_api:os-quota-sets:update")
    version = _version(req)
    body = _body(req)
    check_body(schema.quota_update(version), body)
    project_id = _project(req, caller, "update")
    given = dict(body["quota_set"])
    force = bool_from_string(given.pop("force", "False"))
    values = {k: int(v) for k, v in given.items() if v or v == 0}
    limits = _model(req).update_quota(caller, project_id, values, force=force)
    return _ok(views.quota_set(limits, version))


def delete_quota_set(req: FakeRequest) -> FakeResponse:
    """`DELETE /os-quota-sets/{project}` (admins): 202, back to the defaults."""
    caller = _caller(req, "os_compute_api:os-quota-sets:delete")
    project_id = _project(req, caller, "delete")
    _model(req).delete_quota(caller, project_id)
    return FakeResponse(202)


def show_quota_class(req: FakeRequest) -> FakeResponse:
    """`GET /os-quota-class-sets/{class}` (admins)."""
    caller = _caller(req, "os_compute_api:os-quota-class-sets:show")
    if not caller.is_admin:
        raise policy_forbidden("os_compute_api:os-quota-class-sets:show")
    name = req.params["class_name"]
    return _ok(views.quota_set(_model(req).quota_class(name), _version(req), ident=name,
                               key="quota_class_set", since=(2, 50)))


def update_quota_class(req: FakeRequest) -> FakeResponse:
    """`PUT /os-quota-class-sets/{class}` (admins): 200 with the class, without `id`."""
    caller = _caller(req, "os_compute_api:os-quota-class-sets:update")
    version = _version(req)
    body = _body(req)
    check_body(schema.quota_class_update(version), body)
    values = {k: int(v) for k, v in body["quota_class_set"].items()}
    name = req.params["class_name"]
    limits = _model(req).update_quota_class(caller, name, values)
    return _ok(views.quota_set(limits, version, key="quota_class_set", since=(2, 50)))
