"""Tag handlers (`/v2.0/{collection}/{resource_id}/tags`)."""

from __future__ import annotations

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.networking import schema
from stackdouble.fakes.networking.handlers._common import (
    answer,
    body_of,
    caller_of,
    empty,
    model_of,
)

__all__ = ["add_tag", "list_tags", "remove_tag", "remove_tags", "replace_tags", "show_tag"]


def _where(req: FakeRequest) -> tuple[str, str]:
    """The collection and resource id of `/v2.0/{collection}/{id}/tags...`."""
    parts = req.subpath.strip("/").split("/")
    return parts[1], parts[2]


def list_tags(req: FakeRequest) -> FakeResponse:
    """`GET .../tags`."""
    return answer(200, {"tags": model_of(req).get_tags(caller_of(req), *_where(req))})


def show_tag(req: FakeRequest) -> FakeResponse:
    """`GET .../tags/{tag}`: 204 when the resource has it."""
    schema.check_tag(req.params["tag"])
    model_of(req).has_tag(caller_of(req), *_where(req), req.params["tag"])
    return empty()


def replace_tags(req: FakeRequest) -> FakeResponse:
    """`PUT .../tags`: all the tags."""
    caller = caller_of(req)
    tags = schema.parse_tags(body_of(req))
    return answer(200, {"tags": model_of(req).replace_tags(caller, *_where(req), tags)})


def add_tag(req: FakeRequest) -> FakeResponse:
    """`PUT .../tags/{tag}`: 201."""
    schema.check_tag(req.params["tag"])
    model_of(req).add_tag(caller_of(req), *_where(req), req.params["tag"])
    return empty(201)


def remove_tags(req: FakeRequest) -> FakeResponse:
    """`DELETE .../tags`: 204."""
    model_of(req).remove_tags(caller_of(req), *_where(req))
    return empty()


def remove_tag(req: FakeRequest) -> FakeResponse:
    """`DELETE .../tags/{tag}`: 204."""
    model_of(req).remove_tag(caller_of(req), *_where(req), req.params["tag"])
    return empty()
