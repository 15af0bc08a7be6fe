"""Version documents of the fake Nova (`nova/api/openstack/compute/versions.py`, the
client's `compute/v2/versions`)."""

from __future__ import annotations

from stackdouble.fakes.compute import views
from stackdouble.fakes.compute.handlers._common import _ok
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = ["get_version_v20", "get_version_v21", "get_versions"]


def get_versions(req: FakeRequest) -> FakeResponse:
    """`GET /compute/`: every API version (200)."""
    return _ok(views.versions(req.base_url + "/compute"))


def get_version_v21(req: FakeRequest) -> FakeResponse:
    """`GET /compute/v2.1/`: the v2.1 document with the microversion range."""
    return _ok({"version": views.version_v21(req.base_url + "/compute")})


def get_version_v20(req: FakeRequest) -> FakeResponse:
    """`GET /compute/v2/`: the legacy v2.0 document."""
    return _ok({"version": views.version_v20(req.base_url + "/compute")})
