"""Availability zones (`cinder/api/contrib/availability_zones.py`), limits
(`cinder/api/v3/limits.py` with `cinder/api/contrib/used_limits.py`) and the volume
summary (3.12, `cinder/api/v3/volumes.py` `summary`), for
`client/openstack/blockstorage/v3/availabilityzones` and `limits`."""

from __future__ import annotations

from stackdouble.fakes.blockstorage import schema, views
from stackdouble.fakes.blockstorage.errors import NotFound
from stackdouble.fakes.blockstorage.handlers._common import _caller, _ctx, _model, _ok, _version
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = ["list_availability_zones", "show_limits", "volume_summary"]


def list_availability_zones(req: FakeRequest) -> FakeResponse:
    """`GET /os-availability-zone`."""
    _caller(req, "volume_extension:availability_zone_list")
    return _ok(views.availability_zones(_model(req).availability_zones()))


def show_limits(req: FakeRequest) -> FakeResponse:
    """`GET /limits`: the project's absolute limits and what it uses; from 3.39 an admin
    may name another project with `project_id`."""
    caller = _caller(req, "limits_extension:used_limits")
    project = caller.project_id
    if caller.is_admin and _version(req) >= (3, 39):
        project = req.args.get("project_id") or req.args.get("tenant_id") or project
    model = _model(req)
    return _ok(views.limits(model.quota(project), model.quota_usage(project)))


def volume_summary(req: FakeRequest) -> FakeResponse:
    """`GET /volumes/summary` (3.12): the count and size of the caller's volumes."""
    if _version(req) < (3, 12):
        raise NotFound()
    caller = _caller(req, "volume:get_all")
    raw = req.args.get("all_tenants")
    all_tenants = raw is not None and schema.bool_param("all_tenants", raw)
    summary = _model(req).volume_summary(caller, all_tenants=all_tenants)
    return _ok(views.volume_summary_totals(_ctx(req, caller), summary))
