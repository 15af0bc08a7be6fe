"""Plumbing shared by the fake Glance's handlers: the `api()` wrapper, the caller, bodies
and empty answers (`glance/common/wsgi.py`, `glance/api/middleware/context.py`).

`api()` does what sits between keystonemiddleware and a controller: the context
middleware's check of `X-Openstack-Request-ID` (over 64 characters: 431) and the
resource's `body_reject` (a GET, DELETE or action given a body: 400 "A body is not expected
with this request."). Bodies are read as `JSONRequestDeserializer` reads them: there is one
when a Content-Length above 0 or a chunked transfer came with it, it must be JSON ("Malformed
JSON in request body.") and a list or an object ("Unexpected body type. Expected
list/dict.").
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from stackdouble.fakes.caller import Caller
from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.image import views
from stackdouble.fakes.image.errors import BadRequest, HeaderFieldsTooLarge, UnsupportedMediaType
from stackdouble.fakes.image.models import ImageModel
from stackdouble.fakes.routing import Handler

__all__ = ["MAX_REQUEST_ID", "api", "empty", "image_answer"]

#: `max_request_id_length`: the longest `X-Openstack-Request-ID` Glance takes.
MAX_REQUEST_ID = 64
_CHUNKED = frozenset({"chunked", "compress", "deflate", "gzip", "identity"})


def api(handler: Handler, *, body_reject: bool = False) -> Handler:
    """Wrap a v2 handler: the request id's length, then `body_reject`."""

    def wrapped(req: FakeRequest) -> FakeResponse:
        check_request_id(req)
        if body_reject and _has_body(req):
            raise BadRequest("A body is not expected with this request.")
        return handler(req)

    wrapped.__name__ = getattr(handler, "__name__", "handler")
    wrapped.__doc__ = handler.__doc__
    return wrapped


def check_request_id(req: FakeRequest) -> None:
    """The context middleware refuses a request id over `MAX_REQUEST_ID` characters.

    Raises:
        HeaderFieldsTooLarge: 431, with the reason as an HTML comment.
    """
    given = req.header("X-Openstack-Request-Id")
    if given and len(given) > MAX_REQUEST_ID:
        raise HeaderFieldsTooLarge(comment=f"x-openstack-request-id is too long, max size "
                                           f"{MAX_REQUEST_ID}")


def _model(req: FakeRequest) -> ImageModel:
    model: ImageModel = req.service.model  # type: ignore[attr-defined]
    return model


def _caller(req: FakeRequest) -> Caller:
    """The token's project, user and admin bit (an unscoped token has no project)."""
    token = req.require_token()
    return Caller(project_id=token.project_id or "", user_id=token.user_id,
                  is_admin=token.is_admin)


def _has_body(req: FakeRequest) -> bool:
    """`JSONRequestDeserializer.has_body`."""
    encoding = (req.header("Transfer-Encoding") or "").lower()
    if encoding in _CHUNKED and req.method in ("POST", "PUT", "PATCH"):
        return True
    return _content_length(req) > 0


def _content_length(req: FakeRequest) -> int:
    """webob's `content_length` (0 when missing or not a number)."""
    try:
        return int(req.header("Content-Length") or "0")
    except ValueError:
        return 0


def _body(req: FakeRequest) -> Any:
    """The decoded body, or None when the request has none.

    Raises:
        BadRequest: Not JSON, or neither a list nor an object.
    """
    if not _has_body(req):
        return None
    try:
        value = json.loads(req.body)
    except (ValueError, RecursionError):
        raise BadRequest("Malformed JSON in request body.") from None
    if not isinstance(value, (dict, list)):
        raise BadRequest("Unexpected body type. Expected list/dict.")
    return value


def _required_body(req: FakeRequest) -> Any:
    """The decoded body of an action that takes one.

    Raises:
        BadRequest: "Body expected in request.", or as `_body`.
    """
    body = _body(req)
    if body is None:
        raise BadRequest("Body expected in request.")
    return body


def _content_type(req: FakeRequest) -> str | None:
    """webob's `content_type`: the media type without parameters; None without the
    header."""
    raw = req.environ.get("CONTENT_TYPE")
    if raw is None:
        return None
    return str(raw).split(";", 1)[0].strip()


def _require_octet_stream(req: FakeRequest) -> None:
    """`Request.get_content_type(('application/octet-stream',))`.

    Raises:
        UnsupportedMediaType: "Invalid content type <type>".
    """
    found = _content_type(req)
    if found != "application/octet-stream":
        raise UnsupportedMediaType(detail=f"Invalid content type {found}")


def _image_size(req: FakeRequest) -> int | None:
    """The size an upload announces: `x-openstack-image-size`, else its Content-Length.

    Raises:
        BadRequest: "Invalid or missing image size in request headers."
    """
    given = req.header("X-Openstack-Image-Size")
    if given is not None:
        try:
            return int(given)
        except ValueError:
            raise BadRequest("Invalid or missing image size in request headers.") from None
    return _content_length(req) or None


def empty(status: int) -> FakeResponse:
    """An answer without a body, as a bare `webob.Response` is (`text/html`)."""
    return FakeResponse(status, b"", [("Content-Type", "text/html; charset=UTF-8")])


def image_answer(image: Any, status: int = 200,
                 headers: Sequence[tuple[str, str]] = ()) -> FakeResponse:
    """An image as JSON (UTF-8)."""
    return views.json_response(status, views.image(image), headers=headers)
