"""Import and discovery handlers of the fake Glance (`images.py`'s `import_image`,
`glance/api/v2/discovery.py`; the client's `image/v2/imageimport`)."""

from __future__ import annotations

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.image import schema, views
from stackdouble.fakes.image.errors import NotFound
from stackdouble.fakes.image.handlers._common import _caller, _model, _required_body, empty

__all__ = ["import_image", "import_info", "stores_info", "usage_info"]


def import_info(req: FakeRequest) -> FakeResponse:
    """`GET /v2/info/import`: the enabled import methods."""
    _caller(req)
    return views.json_response(200, views.import_info(_model(req).config.import_methods),
                               ascii_only=True)


def stores_info(req: FakeRequest) -> FakeResponse:
    """`GET /v2/info/stores` (and `/detail`): a single-store Glance has no store list."""
    _caller(req)
    raise NotFound("Multi backend is not supported at this site.")


def usage_info(req: FakeRequest) -> FakeResponse:
    """`GET /v2/info/usage`: empty without Keystone unified limits."""
    _caller(req)
    return views.json_response(200, {"usage": {}})


def import_image(req: FakeRequest) -> FakeResponse:
    """`POST /v2/images/{image_id}/import`: 202; the image is `importing`, with its
    `api_image_import` task."""
    caller = _caller(req)
    model = _model(req)
    body = _required_body(req)
    wanted = schema.parse_import(body, model.config.import_methods)
    model.import_image(caller, req.params["image_id"], wanted.method, uri=wanted.uri,
                       all_stores_must_succeed=wanted.all_stores_must_succeed,
                       import_req=body, request_id=req.request_id)
    return empty(202)
