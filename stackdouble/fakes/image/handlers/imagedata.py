"""Image data handlers of the fake Glance (`glance/api/v2/image_data.py`; the client's
`image/v2/imagedata`): upload, download, stage.

A download streams the stored chunks (204 when the image has no data yet), with
`Content-MD5` when the checksum is known; a `Range` (or, as Glance still takes it, a
`Content-Range`) gets a 206 with `Content-Range`.
"""

from __future__ import annotations

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.image.errors import BadRequest
from stackdouble.fakes.image.handlers._common import (
    _caller,
    _image_size,
    _model,
    _require_octet_stream,
    empty,
)
from stackdouble.fakes.image.schema import query

__all__ = ["download_file", "stage_file", "upload_file"]


def upload_file(req: FakeRequest) -> FakeResponse:
    """`PUT /v2/images/{image_id}/file` (`application/octet-stream`): 204."""
    caller = _caller(req)
    _require_octet_stream(req)
    size = _image_size(req)
    _model(req).upload(caller, req.params["image_id"], req.iter_body(), size)
    return empty(204)


def stage_file(req: FakeRequest) -> FakeResponse:
    """`PUT /v2/images/{image_id}/stage` (`application/octet-stream`): 204."""
    caller = _caller(req)
    model = _model(req)
    if "glance-direct" in model.config.import_methods:
        _require_octet_stream(req)
        _image_size(req)
    model.stage(caller, req.params["image_id"], req.iter_body())
    return empty(204)


def download_file(req: FakeRequest) -> FakeResponse:
    """`GET /v2/images/{image_id}/file`: 200, 206 for a range, 204 without data."""
    caller = _caller(req)
    prefer = [s.strip() for s in (query.last_values(query.query_pairs(req.query_string))
                                  .get("prefer", "")).split(",") if s.strip()]
    image, data = _model(req).open_data(caller, req.params["image_id"])
    if prefer:
        raise BadRequest("Store selection for download is not available when multiple "
                         "backends are not enabled.")
    if data is None:
        return FakeResponse(204)
    wanted = query.parse_range(req.header("Range"), req.header("Content-Range"), data.size)
    headers = [("Content-Type", "application/octet-stream")]
    if wanted is None:
        status, body = 200, data.read()
        length = data.size
    else:
        status, body = 206, data.read(wanted.offset, wanted.length)
        length = wanted.length
        headers.append(("Content-Range", f"bytes {wanted.offset}-{wanted.end}/{data.size}"))
    if image.checksum:
        headers.append(("Content-MD5", image.checksum))
    headers.append(("Content-Length", str(length)))
    return FakeResponse(status, body, headers)
