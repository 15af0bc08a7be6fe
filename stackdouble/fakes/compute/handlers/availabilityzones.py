"""Availability zones of the fake Nova (`nova/api/openstack/compute/availability_zone.py`;
the client's `compute/v2/extensions/availabilityzones`): the zones host aggregates make
(`models/aggregates.py`), `nova` for the hosts in none, `internal` for the controller's
services (shown in `/detail` only)."""

from __future__ import annotations

from stackdouble.fakes.compute import views
from stackdouble.fakes.compute.errors import policy_forbidden
from stackdouble.fakes.compute.handlers._common import _caller, _model, _ok
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = ["list_availability_zones", "list_availability_zones_detail"]


def list_availability_zones(req: FakeRequest) -> FakeResponse:
    """`GET /os-availability-zone`."""
    _caller(req)
    return _ok(views.availability_zone_info(*_model(req).availability_zones()))


def list_availability_zones_detail(req: FakeRequest) -> FakeResponse:
    """`GET /os-availability-zone/detail` (admins)."""
    caller = _caller(req)
    if not caller.is_admin:
        raise policy_forbidden("os_compute_api:os-availability-zone:detail")
    model = _model(req)
    return _ok(views.availability_zone_info(*model.availability_zones(),
                                            services=model.zone_services(),
                                            now=model.cloud.clock.now()))
