"""Helpers for the Networking client tests: answer a request with a Neutron sample, and
read what the client sent."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import responses

from tests.client.networking.samples import ENDPOINT, load


def url_of(path: str) -> str:
    """The absolute URL of a path under Neutron's root (`v2.0/networks`)."""
    return ENDPOINT + path.lstrip("/")


def answer(mock: responses.RequestsMock, method: str, path: str, sample: str | None = None,
           *, status: int = 200, body: Any = None, match_query: bool = False) -> Any:
    """Answer `method path` with a sample's body (or `body`), as JSON with Neutron's
    request id; returns the body sent."""
    sent = load(sample) if sample is not None else body
    headers = {"X-Openstack-Request-Id": "req-5e0b4c3a-1f2d-4b6e-9a8c-7d6e5f4a3b2c"}
    url = url_of(path)
    if not match_query:
        url = url.split("?", 1)[0]
    kwargs: dict[str, Any] = {"status": status, "headers": headers}
    if sent is None:
        kwargs["body"] = ""
    else:
        kwargs["json"] = sent
    if match_query and "?" in path:
        kwargs["match"] = [responses.matchers.query_string_matcher(path.split("?", 1)[1])]
    mock.add(method, url, **kwargs)
    return sent


def sent_json(call: Any) -> Any:
    """The JSON body of a recorded request."""
    body = call.request.body
    return json.loads(body.decode() if isinstance(body, bytes) else body)


def query_of(call: Any) -> list[tuple[str, str]]:
    """The query of a recorded request, as ordered pairs."""
    return parse_qsl(urlsplit(call.request.url).query, keep_blank_values=True)
