"""Nova's image proxy, until 2.35 (`nova/api/openstack/compute/images.py`; the client's
`compute/v2/images`): Glance's images, read and deleted through the cloud's `images` link;
and their metadata, until 2.38 (`image_metadata.py`): Glance's extra properties, read and
written through the same link."""

from __future__ import annotations

import json
from collections.abc import Mapping
from contextlib import suppress
from typing import Any

from stackdouble.fakes.compute import schema, views
from stackdouble.fakes.compute.errors import BadRequest, NotFound
from stackdouble.fakes.compute.handlers._common import (
    _body,
    _caller,
    _ctx,
    _glance,
    _last,
    _limit,
    _model,
    _ok,
    _query_lists,
    _version,
)
from stackdouble.fakes.compute.schema import queries
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = [
    "delete_image",
    "delete_image_metadatum",
    "get_image_metadata",
    "get_image_metadatum",
    "list_images",
    "list_images_detail",
    "reset_image_metadata",
    "set_image_metadatum",
    "show_image",
    "update_image_metadata",
]


def _image_proxy(req: FakeRequest) -> None:
    if _version(req) >= (2, 36):
        raise NotFound()


def list_images(req: FakeRequest) -> FakeResponse:
    """`GET /images`."""
    return _list_images(req, detail=False)


def list_images_detail(req: FakeRequest) -> FakeResponse:
    """`GET /images/detail`."""
    return _list_images(req, detail=True)


def _list_images(req: FakeRequest, *, detail: bool) -> FakeResponse:
    _image_proxy(req)
    caller = _caller(req)
    model = _model(req)
    schema.check_query(queries.IMAGES_QUERY, _query_lists(req))
    limit = _limit(req, model)
    found = model.list_images(caller, limit=limit, marker=_last(req, "marker"),
                              filters=queries.image_filters(req.args.to_dict()))
    return _ok(views.image_list(_ctx(req, caller), found, detail=detail, limit=limit,
                                glance=_glance(req)))


def show_image(req: FakeRequest) -> FakeResponse:
    """`GET /images/{id}`."""
    _image_proxy(req)
    caller = _caller(req)
    image = _model(req).visible_image(caller, req.params["image_id"])
    if image is None:
        raise NotFound("Image not found.")
    return _ok({"image": views.image(_ctx(req, caller), image, glance=_glance(req))})


def delete_image(req: FakeRequest) -> FakeResponse:
    """`DELETE /images/{id}`: 204."""
    _image_proxy(req)
    _model(req).delete_image(_caller(req), req.params["image_id"])
    return FakeResponse(204)


# -- /images/{image_id}/metadata (`image_metadata.py`, 2.1 to 2.38) ----------------------------

#: Properties Nova keeps as JSON text in Glance and reads back decoded (`glance.py`
#: `_CONVERT_PROPS`).
_JSON_PROPERTIES = ("block_device_mapping", "mappings")


def _metadata_api(req: FakeRequest) -> None:
    """The image metadata API was removed in 2.39: 404 from then on."""
    if _version(req) >= (2, 39):
        raise NotFound()


def _as_nova_reads(properties: Mapping[str, str]) -> dict[str, Any]:
    """`_convert_from_string`: `block_device_mapping` and `mappings` decoded from JSON."""
    out: dict[str, Any] = dict(properties)
    for key in _JSON_PROPERTIES:
        value = out.get(key)
        if isinstance(value, str):
            with suppress(ValueError):
                out[key] = json.loads(value)
    return out


def get_image_metadata(req: FakeRequest) -> FakeResponse:
    """`GET /images/{id}/metadata`: 200 `{"metadata": {...}}`."""
    _metadata_api(req)
    found = _model(req).image_metadata(_caller(req), req.params["image_id"])
    return _ok({"metadata": _as_nova_reads(found)})


def _set_image_metadata(req: FakeRequest, *, replace: bool) -> FakeResponse:
    _metadata_api(req)
    body = _body(req)
    schema.check_body(schema.METADATA_SET, body)
    given = body["metadata"]
    found = _model(req).set_image_metadata(_caller(req), req.params["image_id"], given,
                                           replace=replace)
    return _ok({"metadata": given if replace else _as_nova_reads(found)})


def update_image_metadata(req: FakeRequest) -> FakeResponse:
    """`POST /images/{id}/metadata`: merge; 200 with every property, as Glance answers."""
    return _set_image_metadata(req, replace=False)


def reset_image_metadata(req: FakeRequest) -> FakeResponse:
    """`PUT /images/{id}/metadata`: replace; 200 with the metadata sent."""
    return _set_image_metadata(req, replace=True)


def get_image_metadatum(req: FakeRequest) -> FakeResponse:
    """`GET /images/{id}/metadata/{key}`: 200 `{"meta": {key: value}}`; an unknown key is
    webob's bare 404."""
    _metadata_api(req)
    found = _as_nova_reads(_model(req).image_metadata(_caller(req), req.params["image_id"]))
    key = req.params["key"]
    if key not in found:
        raise NotFound()
    return _ok({"meta": {key: found[key]}})


def set_image_metadatum(req: FakeRequest) -> FakeResponse:
    """`PUT /images/{id}/metadata/{key}`: 200 with the `meta` sent."""
    _metadata_api(req)
    body = _body(req)
    schema.check_body(schema.METADATUM_SET, body)
    key = req.params["key"]
    if key not in body["meta"]:
        raise BadRequest("Request body and URI mismatch")
    _model(req).set_image_metadatum(_caller(req), req.params["image_id"], key,
                                    body["meta"][key])
    return _ok({"meta": body["meta"]})


def delete_image_metadatum(req: FakeRequest) -> FakeResponse:
    """`DELETE /images/{id}/metadata/{key}`: 204."""
    _metadata_api(req)
    _model(req).delete_image_metadatum(_caller(req), req.params["image_id"], req.params["key"])
    return FakeResponse(204)
