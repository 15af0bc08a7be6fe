"""The version documents (`cinder/api/versions.py`), for
`client/openstack/blockstorage/v3/versions`."""

from __future__ import annotations

from stackdouble.fakes.blockstorage import views
from stackdouble.fakes.blockstorage.handlers._common import (
    MICROVERSION_KEY,
    _ok,
    parse_microversion,
)
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = ["get_version_v3", "get_versions"]


def get_versions(req: FakeRequest) -> FakeResponse:
    """`GET /volume/`: every API version, 300 Multiple Choices (with the microversion
    header, as Cinder's versions controller reads the request's microversion too)."""
    req.environ[MICROVERSION_KEY] = parse_microversion(req)
    return _ok(views.versions(req.base_url + "/volume"), 300)


def get_version_v3(req: FakeRequest) -> FakeResponse:
    """`GET /volume/v3/`: the same document, 200 (behind the token check)."""
    req.environ[MICROVERSION_KEY] = parse_microversion(req)
    return _ok(views.versions(req.base_url + "/volume"))
