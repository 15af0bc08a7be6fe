"""`/servers/{id}/tags` of the fake Nova, from 2.26 (`nova/api/openstack/compute/
server_tags.py`, `nova/policies/server_tags.py`; the client's `compute/v2/tags`)."""

from __future__ import annotations

from stackdouble.fakes.compute.errors import NotFound
from stackdouble.fakes.compute.handlers._common import _body, _caller, _model, _ok, _version
from stackdouble.fakes.compute.schema import admin as schema
from stackdouble.fakes.compute.schema import check_body
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = ["add_tag", "check_tag", "delete_tag", "delete_tags", "list_tags", "replace_tags"]


def _since_226(req: FakeRequest) -> None:
    if _version(req) < (2, 26):
        raise NotFound()


def list_tags(req: FakeRequest) -> FakeResponse:
    """`GET /servers/{id}/tags`."""
    _since_226(req)
    caller = _caller(req, "os_compute_api:os-server-tags:index")
    return _ok({"tags": _model(req).server_tags(caller, req.params["server_id"])})


def replace_tags(req: FakeRequest) -> FakeResponse:
    """`PUT /servers/{id}/tags`: 200 with the new tags."""
    _since_226(req)
    caller = _caller(req, "os_compute_api:os-server-tags:update_all")
    model = _model(req)
    server_id = req.params["server_id"]
    model.server_tags(caller, server_id)  # the server (404) before the body (400)
    body = _body(req)
    check_body(schema.TAGS_UPDATE, body)
    return _ok({"tags": model.replace_tags(caller, server_id, body["tags"])})


def delete_tags(req: FakeRequest) -> FakeResponse:
    """`DELETE /servers/{id}/tags`: 204."""
    _since_226(req)
    caller = _caller(req, "os_compute_api:os-server-tags:delete_all")
    _model(req).delete_tags(caller, req.params["server_id"])
    return FakeResponse(204)


def check_tag(req: FakeRequest) -> FakeResponse:
    """`GET /servers/{id}/tags/{tag}`: 204, or 404 without it."""
    _since_226(req)
    caller = _caller(req, "os_compute_api:os-server-tags:show")
    _model(req).has_tag(caller, req.params["server_id"], req.params["tag"])
    return FakeResponse(204)


def add_tag(req: FakeRequest) -> FakeResponse:
    """`PUT /servers/{id}/tags/{tag}`: 201 with `Location`, or 204 when it was there."""
    _since_226(req)
    caller = _caller(req, "os_compute_api:os-server-tags:update")
    server_id, tag = req.params["server_id"], req.params["tag"]
    added = _model(req).add_tag(caller, server_id, tag)
    if not added:
        return FakeResponse(204)
    from urllib.parse import quote

    location = f"{req.base_url}/compute/v2.1/servers/{server_id}/tags/{quote(tag, safe='')}"
    return FakeResponse(201, b"", [("Location", location)])


def delete_tag(req: FakeRequest) -> FakeResponse:
    """`DELETE /servers/{id}/tags/{tag}`: 204."""
    _since_226(req)
    caller = _caller(req, "os_compute_api:os-server-tags:delete")
    _model(req).delete_tag(caller, req.params["server_id"], req.params["tag"])
    return FakeResponse(204)
