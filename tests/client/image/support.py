"""Helpers for the Image client tests: register a real Glance sample with `responses`, and
read what the client sent."""

from __future__ import annotations

import json
from typing import Any

import responses

from tests.client.image.samples import ENDPOINT, load


def url_of(path: str) -> str:
    """The absolute URL of a path under Glance's root (`v2/images` or `/v2/images`)."""
    return ENDPOINT + path.lstrip("/")


def register(mock: responses.RequestsMock, name: str, *, method: str | None = None,
             path: str | None = None, body: Any = None) -> dict[str, Any]:
    """Answer the sample's request (or `method` `path`) with its recorded status, headers
    and body (or `body`); returns the sample."""
    sample = load(name)
    # `responses` sets no Content-Length of its own: keep Glance's, unless the body changes.
    headers = {k: v for k, v in sample["headers"].items()
               if k != "Content-Length" or body is None}
    content_type = headers.pop("Content-Type", None)
    answer = sample["body"] if body is None else body
    kwargs: dict[str, Any] = {"status": sample["status"], "headers": headers,
                              "content_type": content_type}
    if isinstance(answer, (dict, list)):
        kwargs["body"] = json.dumps(answer)
    elif isinstance(answer, bytes):
        kwargs["body"] = answer
    else:
        kwargs["body"] = answer or ""
    mock.add(method or sample["request"]["method"], url_of(path or sample["request"]["path"]),
             **kwargs)
    return sample


def sent_json(call: Any) -> Any:
    """The JSON body of a recorded request."""
    body = call.request.body
    return json.loads(body.decode() if isinstance(body, bytes) else body)
