"""CORS beyond the contract suite: `*` origins, a missing container, the operator's
exposed headers, `strict_cors_mode` off, the copy middleware's `COPY` and a preflight for a
method the resource lacks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests

from stackdouble.fakes import FakeClock, FakeCloud
from stackdouble.fakes.objectstorage import SwiftConfig
from tests.fakes.objectstorage.conftest import Swift


def _preflight(swift: Swift, path: str, origin: str,
               method: str = "GET") -> requests.Response:
    return swift("OPTIONS", path, token=False,
                 headers={"Origin": origin, "Access-Control-Request-Method": method})


def test_a_container_allowing_any_origin_answers_star(swift: Swift) -> None:
    swift("PUT", "/c", headers={"X-Container-Meta-Access-Control-Allow-Origin": "*"})
    got = _preflight(swift, "/c/o", "http://any.example")
    assert got.status_code == 200
    assert got.headers["Access-Control-Allow-Origin"] == "*"
    assert "Vary" not in got.headers
    assert got.headers["Allow"] == "HEAD, GET, POST, DELETE, PUT, OPTIONS, COPY"


def test_no_cors_without_a_container_setting_or_proxy_origin(swift: Swift) -> None:
    swift("PUT", "/c")
    assert _preflight(swift, "/c/o", "http://app.example").status_code == 401
    assert _preflight(swift, "/missing/o", "http://app.example").status_code == 401
    swift("PUT", "/c/o", data=b"x")
    got = swift("GET", "/c/o", headers={"Origin": "http://app.example"})
    assert got.status_code == 200
    assert "Access-Control-Allow-Origin" not in got.headers


def test_a_method_the_resource_lacks_is_refused(swift: Swift) -> None:
    swift("PUT", "/c", headers={
        "X-Container-Meta-Access-Control-Allow-Origin": "http://a.example"})
    assert _preflight(swift, "/c/o", "http://a.example", "COPY").status_code == 401
    assert _preflight(swift, "/c", "http://a.example", "PUT").status_code == 200


def test_container_listing_carries_cors_headers(swift: Swift) -> None:
    swift("PUT", "/c", headers={
        "X-Container-Meta-Access-Control-Allow-Origin": "http://a.example",
        "X-Container-Meta-Colour": "blue"})
    got = swift("GET", "/c", headers={"Origin": "http://a.example"})
    assert got.headers["Access-Control-Allow-Origin"] == "http://a.example"
    assert "x-container-meta-colour" in got.headers["Access-Control-Expose-Headers"]
    assert got.headers["Vary"].endswith("Origin")


def test_no_account_preflight_verdict(swift: Swift) -> None:
    got = _preflight(swift, "", "http://evil.example")
    assert got.status_code == 200
    assert got.headers["Allow"] == "HEAD, GET, POST, OPTIONS"


@pytest.fixture
def relaxed(clock: FakeClock) -> Iterator[FakeCloud]:
    config = SwiftConfig(cors_allow_origin="http://proxy.example, http://other.example",
                         cors_expose_headers="X-Custom", strict_cors_mode=False)
    with FakeCloud(seed=1, clock=clock, swift=config) as fake:
        yield fake


def test_the_proxy_settings(relaxed: FakeCloud, http: requests.Session) -> None:
    swift = Swift(relaxed, http)
    swift("PUT", "/c")
    swift("PUT", "/c/o", data=b"x")
    assert _preflight(swift, "/c/o", "http://other.example").status_code == 200
    # strict_cors_mode off: any origin gets the headers on an actual request.
    got = swift("GET", "/c/o", headers={"Origin": "http://evil.example"})
    assert got.headers["Access-Control-Allow-Origin"] == "http://evil.example"
    assert "X-Custom" in got.headers["Access-Control-Expose-Headers"].split(", ")
    info = http.get(relaxed.base_url + "/info").json()
    assert info["swift"]["strict_cors_mode"] is False
