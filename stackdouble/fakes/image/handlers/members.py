"""Image member handlers of the fake Glance (`glance/api/v2/image_members.py`; the client's
`image/v2/members`)."""

from __future__ import annotations

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.image import schema, views
from stackdouble.fakes.image.handlers._common import _caller, _model, _required_body

__all__ = ["add_member", "list_members", "remove_member", "show_member", "update_member"]


def list_members(req: FakeRequest) -> FakeResponse:
    """`GET /v2/images/{image_id}/members`."""
    found = _model(req).list_members(_caller(req), req.params["image_id"])
    return views.json_response(200, views.member_list(found))


def add_member(req: FakeRequest) -> FakeResponse:
    """`POST /v2/images/{image_id}/members` (`{"member": "<project>"}`): 200."""
    caller = _caller(req)
    member_id = schema.parse_member(_required_body(req))
    made = _model(req).add_member(caller, req.params["image_id"], member_id)
    return views.json_response(200, views.member(made))


def show_member(req: FakeRequest) -> FakeResponse:
    """`GET /v2/images/{image_id}/members/{member_id}`."""
    found = _model(req).show_member(_caller(req), req.params["image_id"],
                                    req.params["member_id"])
    return views.json_response(200, views.member(found))


def update_member(req: FakeRequest) -> FakeResponse:
    """`PUT /v2/images/{image_id}/members/{member_id}` (`{"status": "accepted"}`)."""
    caller = _caller(req)
    status = schema.parse_member_status(_required_body(req))
    changed = _model(req).update_member(caller, req.params["image_id"],
                                        req.params["member_id"], status)
    return views.json_response(200, views.member(changed))


def remove_member(req: FakeRequest) -> FakeResponse:
    """`DELETE /v2/images/{image_id}/members/{member_id}`: 204, without a Content-Type
    (Glance returns its own `webob.Response(body='', status=204)`)."""
    _model(req).remove_member(_caller(req), req.params["image_id"], req.params["member_id"])
    return FakeResponse(204)
