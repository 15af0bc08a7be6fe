"""The version documents and schemas of the fake Glance (`glance/api/versions.py`,
`glance/api/v2/schemas.py`)."""

from __future__ import annotations

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.image import views
from stackdouble.fakes.image.handlers._common import _caller

__all__ = ["image_schema", "images_schema", "list_versions", "member_schema",
           "members_schema", "versions"]


def versions(req: FakeRequest, *, explicit: bool = False) -> FakeResponse:
    """The version list: 300 Multiple Choices at the root (and for any path whose version
    Glance does not know), 200 at `/versions`. No token needed."""
    body = views.versions(req.base_url + req.service.prefix)
    return views.json_response(200 if explicit else 300, body, ascii_only=True)


def list_versions(req: FakeRequest) -> FakeResponse:
    """`GET /image/versions`: the version list, 200."""
    return versions(req, explicit=True)


def image_schema(req: FakeRequest) -> FakeResponse:
    """`GET /v2/schemas/image`."""
    _caller(req)
    return views.json_response(200, views.image_schema(), ascii_only=True)


def images_schema(req: FakeRequest) -> FakeResponse:
    """`GET /v2/schemas/images`."""
    _caller(req)
    return views.json_response(200, views.images_schema(), ascii_only=True)


def member_schema(req: FakeRequest) -> FakeResponse:
    """`GET /v2/schemas/member`."""
    _caller(req)
    return views.json_response(200, views.member_schema(), ascii_only=True)


def members_schema(req: FakeRequest) -> FakeResponse:
    """`GET /v2/schemas/members`."""
    _caller(req)
    return views.json_response(200, views.members_schema(), ascii_only=True)
