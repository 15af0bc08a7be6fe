"""Image handlers of the fake Glance (`glance/api/v2/images.py`, `image_actions.py`,
`image_tags.py`; the client's `image/v2/images`)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.image import schema, views
from stackdouble.fakes.image.errors import UnsupportedMediaType
from stackdouble.fakes.image.handlers._common import (
    _caller,
    _content_type,
    _model,
    _required_body,
    empty,
    image_answer,
)
from stackdouble.fakes.image.schema import query

__all__ = [
    "add_tag",
    "create_image",
    "deactivate_image",
    "delete_image",
    "list_images",
    "reactivate_image",
    "remove_tag",
    "show_image",
    "update_image",
]

#: Base attributes and the `create_image` argument each one is.
_CREATE_ARGS = {"id": "image_id", "name": "name", "visibility": "visibility",
                "protected": "protected", "os_hidden": "os_hidden", "min_disk": "min_disk",
                "min_ram": "min_ram", "disk_format": "disk_format",
                "container_format": "container_format", "owner": "owner"}


def list_images(req: FakeRequest) -> FakeResponse:
    """`GET /v2/images`: one page, with `first` and (when full) `next` links."""
    caller = _caller(req)
    pairs = query.query_pairs(req.query_string)
    wanted = query.parse_list_query(pairs)
    page, next_marker = _model(req).list_images(caller, wanted)
    body = views.image_list(page, query.last_values(pairs), next_marker)
    return views.json_response(200, body)


def create_image(req: FakeRequest) -> FakeResponse:
    """`POST /v2/images`: 201 with the image, `Location` and the import methods."""
    caller = _caller(req)
    parsed = schema.parse_create(_required_body(req))
    args: dict[str, Any] = {_CREATE_ARGS[k]: v for k, v in parsed.base.items()
                            if k in _CREATE_ARGS}
    model = _model(req)
    image = model.create_image(caller, properties=parsed.properties, tags=parsed.tags, **args)
    parts = urlsplit(req.base_url)
    headers = [("Location", f"{parts.scheme}://{parts.netloc}/v2/images/{image.id}")]
    if model.config.import_methods:
        headers.append(("OpenStack-image-import-methods",
                        ",".join(model.config.import_methods)))
    return image_answer(image, 201, headers)


def show_image(req: FakeRequest) -> FakeResponse:
    """`GET /v2/images/{image_id}`."""
    return image_answer(_model(req).show_image(_caller(req), req.params["image_id"]))


def update_image(req: FakeRequest) -> FakeResponse:
    """`PATCH /v2/images/{image_id}` with a JSON-patch media type (415 otherwise)."""
    caller = _caller(req)
    found = _content_type(req) or ""
    draft = schema.PATCH_TYPES.get(found)
    if draft is None:
        allowed = ", ".join(sorted(schema.PATCH_TYPES))
        raise UnsupportedMediaType(detail=f"Image PATCH expects Content-Type one of: "
                                          f"{allowed}", headers=[("Accept-Patch", allowed)])
    changes = schema.parse_patch(_required_body(req), draft)
    return image_answer(_model(req).update_image(caller, req.params["image_id"], changes))


def delete_image(req: FakeRequest) -> FakeResponse:
    """`DELETE /v2/images/{image_id}`: 204."""
    _model(req).delete_image(_caller(req), req.params["image_id"])
    return empty(204)


def deactivate_image(req: FakeRequest) -> FakeResponse:
    """`POST /v2/images/{image_id}/actions/deactivate`: 204."""
    _model(req).deactivate_image(_caller(req), req.params["image_id"])
    return empty(204)


def reactivate_image(req: FakeRequest) -> FakeResponse:
    """`POST /v2/images/{image_id}/actions/reactivate`: 204."""
    _model(req).reactivate_image(_caller(req), req.params["image_id"])
    return empty(204)


def add_tag(req: FakeRequest) -> FakeResponse:
    """`PUT /v2/images/{image_id}/tags/{tag_value}`: 204."""
    caller = _caller(req)
    tag = schema.parse_tag(req.params["tag_value"])
    _model(req).add_tag(caller, req.params["image_id"], tag)
    return empty(204)


def remove_tag(req: FakeRequest) -> FakeResponse:
    """`DELETE /v2/images/{image_id}/tags/{tag_value}`: 204."""
    _model(req).remove_tag(_caller(req), req.params["image_id"], req.params["tag_value"])
    return empty(204)
