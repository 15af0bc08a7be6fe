"""The in-process transport: one catch-all per cloud, clear failures elsewhere."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import requests

from stackdouble.fakes import FakeCloud, FakeRequest, FakeResponse, Router, Service
from tests.fakes.helpers import password_body


class _Boom(Service):
    name = "boom"
    prefix = "/boom"

    def build_router(self) -> Router:
        router = Router(default_auth=False)
        router.add("GET", "/", self.explode)
        router.add("GET", "/stream", self.stream)
        return router

    def explode(self, req: FakeRequest) -> FakeResponse:
        raise RuntimeError("bug in the fake")

    def stream(self, req: FakeRequest) -> FakeResponse:
        def chunks() -> Iterator[bytes]:
            yield b"hello "
            yield b"world"
        return FakeResponse(200, chunks(), [("Content-Type", "text/plain"),
                                            ("Content-Length", "11")])


def test_unknown_host_fails_with_a_clear_connection_error(cloud: FakeCloud,
                                                          http: requests.Session) -> None:
    with pytest.raises(requests.ConnectionError, match=r"no fake cloud answers host 'example\.org'"
                       ) as info:
        http.get("http://example.org/x")
    assert "FakeCloud(passthrough=True)" in str(info.value)


def test_passthrough_lets_other_hosts_through(http: requests.Session) -> None:
    real = FakeCloud()
    with real.serve() as served, FakeCloud(passthrough=True):
        assert http.get(served.url + "/identity/v3").status_code == 200


def test_stop_unpatches_requests(http: requests.Session) -> None:
    cloud = FakeCloud(base_url="http://127.0.0.1:9")  # the discard port: refused at once
    with cloud:
        assert http.get(cloud.identity_v3_url).status_code == 200
    with pytest.raises(requests.ConnectionError):
        http.get(cloud.identity_v3_url, timeout=2)


def test_a_streamed_request_body_reaches_the_app(cloud: FakeCloud,
                                                 http: requests.Session) -> None:
    payload = json.dumps(password_body()).encode()

    def chunks() -> Iterator[bytes]:
        for i in range(0, len(payload), 16):
            yield payload[i:i + 16]

    resp = http.post(cloud.identity_v3_url + "/auth/tokens", data=chunks(),
                     headers={"Content-Type": "application/json"})
    assert resp.status_code == 201


def test_a_streamed_response_body_can_be_read_in_pieces(cloud: FakeCloud,
                                                        http: requests.Session) -> None:
    cloud.register_service(_Boom)
    resp = http.get(cloud.base_url + "/boom/stream", stream=True)
    assert b"".join(resp.iter_content(4)) == b"hello world"


def test_head_keeps_the_content_length(cloud: FakeCloud, http: requests.Session) -> None:
    get = http.get(cloud.identity_v3_url)
    head = http.head(cloud.identity_v3_url)
    assert head.headers["Content-Length"] == get.headers["Content-Length"]
    assert head.content == b""


def test_a_bug_in_a_handler_propagates_in_process(cloud: FakeCloud,
                                                  http: requests.Session) -> None:
    cloud.register_service(_Boom)
    with pytest.raises(RuntimeError, match="bug in the fake"):
        http.get(cloud.base_url + "/boom")


def test_a_bug_in_a_handler_is_a_500_when_served(http: requests.Session) -> None:
    cloud = FakeCloud()
    cloud.register_service(_Boom)
    with cloud.serve() as served:
        resp = http.get(served.url + "/boom")
    assert resp.status_code == 500
    assert resp.json()["error"]["code"] == 500


def test_an_identity_bug_served_is_keystones_500() -> None:
    cloud = FakeCloud()
    cloud.identity.validate_token = None  # type: ignore[assignment,method-assign]
    with cloud.serve() as served:
        resp = requests.get(served.url + "/identity/v3/auth/projects",
                            headers={"X-Auth-Token": "x"})
    assert resp.status_code == 500
    assert resp.json() == {"error": {
        "code": 500, "title": "Internal Server Error",
        "message": "An unexpected error prevented the server from fulfilling your request."}}


def test_quoted_paths_are_decoded(cloud: FakeCloud, http: requests.Session) -> None:
    http.get(cloud.base_url + "/v1/AUTH_x/c/%E2%9C%93%20x")
    assert cloud.requests.last is not None
    assert cloud.requests.last.path == "/v1/AUTH_x/c/\u2713 x"


class _Guarded(Service):
    name = "guarded"
    prefix = "/guarded"

    def build_router(self) -> Router:
        router = Router()
        router.add("GET", "/me", lambda req: FakeResponse.json(200, {"project": (
            req.require_token().project_name)}))
        return router


def test_a_service_route_sees_the_token_context(cloud: FakeCloud,
                                                http: requests.Session) -> None:
    cloud.register_service(_Guarded)
    token = cloud.identity.issue_token("demo", project="demo")
    resp = http.get(cloud.base_url + "/guarded/me", headers={"X-Auth-Token": token})
    assert resp.json() == {"project": "demo"}


def test_a_service_route_without_a_token_gets_keystonemiddlewares_401(
        cloud: FakeCloud, http: requests.Session) -> None:
    cloud.register_service(_Guarded)
    resp = http.get(cloud.base_url + "/guarded/me", headers={"X-Auth-Token": "expired"})
    assert resp.status_code == 401
    assert resp.json() == {"error": {"code": 401, "title": "Unauthorized", "message":
                                     "The request you have made requires authentication."}}
    assert resp.headers["WWW-Authenticate"] == f'Keystone uri="{cloud.base_url}/identity"'


def test_two_clouds_can_be_active_together(http: requests.Session) -> None:
    with FakeCloud() as first, FakeCloud(base_url="http://other.stackdouble.test") as second:
        assert http.get(first.identity_v3_url).status_code == 200
        assert http.get(second.identity_v3_url).status_code == 200
    assert len(first.requests) == len(second.requests) == 1


def test_two_active_clouds_on_one_host_are_refused() -> None:
    with FakeCloud(), pytest.raises(RuntimeError, match="already answers"):
        FakeCloud().start()
