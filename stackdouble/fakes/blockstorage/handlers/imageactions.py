"""A volume's image actions (`cinder/api/contrib/volume_actions.py` `_volume_upload_image`
and `_reimage`, `cinder/api/contrib/volume_image_metadata.py`), dispatched by
`volumes.volume_action`, for the actions of `client/openstack/blockstorage/v3/volumes`."""

from __future__ import annotations

from typing import Any

from stackdouble.fakes.blockstorage import schema, views
from stackdouble.fakes.blockstorage.errors import Forbidden, cinder_fault
from stackdouble.fakes.blockstorage.handlers._common import _empty, _ok, _version
from stackdouble.fakes.blockstorage.models import BlockStorageModel, Caller
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = [
    "reimage",
    "set_image_metadata",
    "show_image_metadata",
    "unset_image_metadata",
    "upload_image",
]

#: `mv.UPLOAD_IMAGE_PARAMS`: `visibility` and `protected` are taken from here.
UPLOAD_IMAGE_PARAMS = (3, 1)
#: `mv.SUPPORT_REIMAGE_VOLUME`.
SUPPORT_REIMAGE_VOLUME = (3, 68)


def upload_image(req: FakeRequest, model: BlockStorageModel, caller: Caller, volume_id: str,
                 body: dict[str, Any]) -> FakeResponse:
    """`os-volume_upload_image`: 202 with the volume (`uploading`) and the new image."""
    v31 = _version(req) >= UPLOAD_IMAGE_PARAMS
    schema.check_body(schema.UPLOAD_IMAGE_V31 if v31 else schema.UPLOAD_IMAGE, body)
    given = body["os-volume_upload_image"]
    force = schema.bool_from_string(given.get("force", "False"))
    model.get_volume(caller, volume_id)
    visibility, protected = None, False
    if v31:
        visibility = given.get("visibility", "private")
        protected = schema.bool_from_string(given.get("protected", "False"))
        if visibility == "public" and not caller.is_admin:
            raise Forbidden("Policy doesn't allow volume_extension:volume_actions:"
                            "upload_public to be performed.")
    upload = model.upload_to_image(
        caller, volume_id, image_name=given["image_name"], force=force,
        disk_format=given.get("disk_format", "raw"),
        container_format=given.get("container_format", "bare"), visibility=visibility,
        protected=protected)
    return _ok(views.upload_image(upload), 202)


def reimage(req: FakeRequest, model: BlockStorageModel, caller: Caller, volume_id: str,
            body: dict[str, Any]) -> FakeResponse:
    """`os-reimage` (3.68): 202; before 3.68 Cinder's bare 404, as for no such method."""
    if _version(req) < SUPPORT_REIMAGE_VOLUME:
        return cinder_fault(404)
    schema.check_body(schema.REIMAGE, body)
    given = body["os-reimage"]
    model.reimage(caller, volume_id, given["image_id"],
                  reimage_reserved=schema.bool_from_string(
                      given.get("reimage_reserved", "False")))
    return _empty(202)


def set_image_metadata(req: FakeRequest, model: BlockStorageModel, caller: Caller,
                       volume_id: str, body: dict[str, Any]) -> FakeResponse:
    """`os-set_image_metadata`: 200 with all of the volume's image metadata."""
    schema.check_body(schema.SET_IMAGE_METADATA, body)
    merged = model.set_image_metadata(caller, volume_id,
                                      body["os-set_image_metadata"]["metadata"])
    return _ok({"metadata": merged})


def unset_image_metadata(req: FakeRequest, model: BlockStorageModel, caller: Caller,
                         volume_id: str, body: dict[str, Any]) -> FakeResponse:
    """`os-unset_image_metadata`: 200 with no body (a bare `webob.Response`)."""
    schema.check_body(schema.UNSET_IMAGE_METADATA, body)
    model.unset_image_metadata(caller, volume_id, body["os-unset_image_metadata"]["key"])
    return _empty(200, html=True)


def show_image_metadata(req: FakeRequest, model: BlockStorageModel, caller: Caller,
                        volume_id: str, body: dict[str, Any]) -> FakeResponse:
    """`os-show_image_metadata`: 200 with the volume's image metadata."""
    schema.check_body(schema.SHOW_IMAGE_METADATA, body)
    return _ok({"metadata": model.image_metadata(caller, volume_id)})
