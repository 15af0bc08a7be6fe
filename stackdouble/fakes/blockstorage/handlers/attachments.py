"""The attachments API of microversion 3.27 (`cinder/api/v3/attachments.py`), for
`client/openstack/blockstorage/v3/attachments`.

Below 3.27 every route answers Cinder's 404 (`VersionNotFoundForAPIMethod` reaches the
fault wrapper as a bare `HTTPNotFound`); `os-complete` needs 3.44.
"""

from __future__ import annotations

from dataclasses import replace

from stackdouble.fakes.blockstorage import schema, views
from stackdouble.fakes.blockstorage.errors import BadRequest, NotFound
from stackdouble.fakes.blockstorage.handlers._common import (
    _caller,
    _empty,
    _model,
    _ok,
    _required_body,
    _version,
)
from stackdouble.fakes.blockstorage.handlers.volumetypes import action_body
from stackdouble.fakes.caller import Caller
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = [
    "attachment_action",
    "create_attachment",
    "delete_attachment",
    "list_attachments",
    "list_attachments_detail",
    "show_attachment",
    "update_attachment",
]


def _gated(req: FakeRequest, rule: str, minimum: tuple[int, int] = (3, 27)) -> Caller:
    if _version(req) < minimum:
        raise NotFound()
    return _caller(req, rule)


def list_attachments(req: FakeRequest) -> FakeResponse:
    """`GET /attachments`: id, status, instance and volume of each."""
    return _list(req, detail=False)


def list_attachments_detail(req: FakeRequest) -> FakeResponse:
    """`GET /attachments/detail`: with times, mode and connection info."""
    return _list(req, detail=True)


def _list(req: FakeRequest, *, detail: bool) -> FakeResponse:
    caller = _gated(req, "volume:attachment_get_all")
    version = _version(req)
    model = _model(req)
    params = schema.list_params(req, version, model.max_limit, rename_name=False)
    filters, all_tenants = schema.attachment_filters(req, caller, version)
    found = model.list_attachments(caller, filters, limit=params.limit, marker=params.marker,
                                   offset=params.offset, sort=params.sort,
                                   all_tenants=all_tenants)
    return _ok(views.attachment_list(found, detail=detail))


def show_attachment(req: FakeRequest) -> FakeResponse:
    """`GET /attachments/{id}`."""
    caller = _gated(req, "volume:attachment_get")
    attachment = _model(req).get_attachment(caller, req.params["attachment_id"])
    return _ok({"attachment": views.attachment_detail(attachment)})


def create_attachment(req: FakeRequest) -> FakeResponse:
    """`POST /attachments`: 200 with the new attachment, `reserved` (with a connector it
    is connected, `attaching`, but the answer still shows it reserved, with its
    connection info)."""
    caller = _gated(req, "volume:attachment_create")
    version = _version(req)
    body = _required_body(req)
    schema.check_body(schema.ATTACHMENT_CREATE_V354 if version >= (3, 54) else
                      schema.ATTACHMENT_CREATE, body)
    given = body["attachment"]
    mode = given.get("mode", "null") if version >= (3, 54) else "null"
    model = _model(req)
    attachment = model.create_attachment(caller, given["volume_uuid"],
                                         instance_uuid=given.get("instance_uuid"), mode=mode)
    before = None
    if given.get("connector"):
        before = replace(attachment)
        model.connect_attachment(attachment, given["connector"])
    return _ok({"attachment": views.attachment_detail(attachment, before)})


def update_attachment(req: FakeRequest) -> FakeResponse:
    """`PUT /attachments/{id}` with a connector: 200; the attachment is `attaching`, the
    answer shows it as it was, with the connection info."""
    caller = _gated(req, "volume:attachment_update")
    body = _required_body(req)
    schema.check_body(schema.ATTACHMENT_UPDATE, body)
    model = _model(req)
    before = replace(model.get_attachment(caller, req.params["attachment_id"]))
    attachment = model.update_attachment(caller, req.params["attachment_id"],
                                         body["attachment"]["connector"])
    return _ok({"attachment": views.attachment_detail(attachment, before)})


def delete_attachment(req: FakeRequest) -> FakeResponse:
    """`DELETE /attachments/{id}`: 200 with the volume's remaining attachments."""
    caller = _gated(req, "volume:attachment_delete")
    remaining = _model(req).delete_attachment(caller, req.params["attachment_id"])
    return _ok(views.attachment_list(remaining, detail=False))


def attachment_action(req: FakeRequest) -> FakeResponse:
    """`POST /attachments/{id}/action`: `os-complete` (3.44), 204."""
    if _version(req) < (3, 27):
        raise NotFound()
    name, body = action_body(req)
    if name != "os-complete":
        raise BadRequest(f"There is no such action: {name}. Verify the request body and "
                         "Content-Type header and try again.")
    caller = _gated(req, "volume:attachment_complete", (3, 44))
    schema.check_body(schema.ATTACHMENT_COMPLETE, body)
    _model(req).complete_attachment(caller, req.params["attachment_id"])
    return _empty(204)
