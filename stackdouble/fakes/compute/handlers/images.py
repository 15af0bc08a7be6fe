"""Nova's image proxy, until 2.35 (`nova/api/openstack/compute/images.py`; the client's
`compute/v2/images`): Glance's images, read and deleted through the cloud's `images` link."""

from __future__ import annotations

from stackdouble.fakes.compute import schema, views
from stackdouble.fakes.compute.errors import NotFound
from stackdouble.fakes.compute.handlers._common import (
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

__all__ = ["delete_image", "list_images", "list_images_detail", "show_image"]


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
