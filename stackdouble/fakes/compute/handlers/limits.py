"""`GET /limits` of the fake Nova (`nova/api/openstack/compute/limits.py`,
`views/limits.py`, `nova/policies/limits.py`; the client's `compute/v2/limits`)."""

from __future__ import annotations

from stackdouble.fakes.compute import views
from stackdouble.fakes.compute.errors import policy_forbidden
from stackdouble.fakes.compute.handlers._common import _caller, _last, _model, _ok, _version
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = ["show_limits"]


def show_limits(req: FakeRequest) -> FakeResponse:
    """The caller's project's absolute limits and use (`rate` is empty); `tenant_id`
    names another project (admins: `os_compute_api:limits:other_project`)."""
    caller = _caller(req, "os_compute_api:limits")
    project_id = caller.project_id
    if "tenant_id" in req.args:
        if not caller.is_admin:
            raise policy_forbidden("os_compute_api:limits:other_project")
        project_id = _last(req, "tenant_id") or ""
    return _ok(views.limits(_model(req).quota_detail(project_id), _version(req)))
