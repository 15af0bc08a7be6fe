"""Version discovery: `GET /identity`, `/identity/v3` and `/identity/v2.0`.
"""

from __future__ import annotations

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.identity import views
from stackdouble.fakes.identity.handlers._common import _identity_url

__all__ = [
    "get_version_v2",
    "get_version_v3",
    "get_versions",
]


def get_versions(req: FakeRequest) -> FakeResponse:
    """`GET /identity`: 300 with every enabled version and `Location` of the preferred one."""
    base = _identity_url(req)
    enabled = req.cloud.identity_versions
    body = views.versions(base, v3="v3" in enabled, v2="v2.0" in enabled)
    location = base + ("/v3/" if "v3" in enabled else "/v2.0/")
    return FakeResponse.json(300, body, [("Location", location)])


def get_version_v3(req: FakeRequest) -> FakeResponse:
    """`GET /identity/v3`: the v3 version document."""
    return FakeResponse.json(200, {"version": views.version_v3(_identity_url(req))})


def get_version_v2(req: FakeRequest) -> FakeResponse:
    """`GET /identity/v2.0`: the (deprecated) v2.0 version document."""
    return FakeResponse.json(200, {"version": views.version_v2(_identity_url(req))})
