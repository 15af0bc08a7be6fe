"""CORS (Swift's proxy): preflight `OPTIONS` answered for origins the container allows
(`X-Container-Meta-Access-Control-Allow-Origin`) or the proxy allows everywhere
(`cors_allow_origin`: realcloud's is `http://cors.stackdouble.test`), 401 for the others,
and the `Access-Control-*` headers on the actual request."""

from __future__ import annotations

from stackdouble.client import ServiceClient
from tests.contract.conftest import account, call

PROXY_ORIGIN = "http://cors.stackdouble.test"
UNAUTHORIZED = ("<html><h1>Unauthorized</h1><p>This server could not verify that you are "
                "authorized to access the document you requested.</p></html>")
# Swift lists the methods from a set, in an order that differs between proxy processes.
METHODS = {"HEAD", "GET", "POST", "DELETE", "PUT", "OPTIONS", "COPY"}


def methods(header: str) -> set[str]:
    """The names a comma-separated header lists (methods, headers), each once."""
    listed = header.split(", ")
    assert len(listed) == len(set(listed)), header
    return set(listed)


def _allow_app(storage: ServiceClient, container: str) -> None:
    assert call(storage, "POST", f"{account(storage)}/{container}", headers={
        "X-Container-Meta-Access-Control-Allow-Origin": "http://app.example",
        "X-Container-Meta-Access-Control-Max-Age": "60",
        "X-Container-Meta-Access-Control-Expose-Headers": "X-Object-Meta-Colour",
    }).status_code == 204


def test_preflight_for_the_proxys_origin(storage: ServiceClient, container: str) -> None:
    resp = call(storage, "OPTIONS", f"{account(storage)}/{container}/obj", authenticated=False,
                headers={"Origin": PROXY_ORIGIN, "Access-Control-Request-Method": "GET"})
    assert resp.status_code == 200
    assert resp.headers["Access-Control-Allow-Origin"] == PROXY_ORIGIN
    assert methods(resp.headers["Access-Control-Allow-Methods"]) == METHODS
    assert methods(resp.headers["Allow"]) == METHODS
    assert resp.headers["Vary"] == "Origin"
    assert resp.content == b""


def test_preflight_for_the_containers_origin(storage: ServiceClient, container: str) -> None:
    _allow_app(storage, container)
    resp = call(storage, "OPTIONS", f"{account(storage)}/{container}/obj", authenticated=False,
                headers={"Origin": "http://app.example",
                         "Access-Control-Request-Method": "PUT",
                         "Access-Control-Request-Headers": "x-auth-token, content-type"})
    assert resp.status_code == 200
    assert resp.headers["Access-Control-Allow-Origin"] == "http://app.example"
    assert resp.headers["Access-Control-Max-Age"] == "60"
    assert methods(resp.headers["Access-Control-Allow-Headers"]) == {"content-type",
                                                                     "x-auth-token"}
    assert resp.headers["Vary"] == "Origin, Access-Control-Request-Headers"


def test_preflight_refused_is_401(storage: ServiceClient, container: str) -> None:
    url = f"{account(storage)}/{container}/obj"
    other = call(storage, "OPTIONS", url, authenticated=False,
                 headers={"Origin": "http://evil.example",
                          "Access-Control-Request-Method": "GET"})
    assert other.status_code == 401
    assert other.text == UNAUTHORIZED
    assert "Access-Control-Allow-Origin" not in other.headers
    no_method = call(storage, "OPTIONS", url, authenticated=False,
                     headers={"Origin": PROXY_ORIGIN})
    assert no_method.status_code == 401


def test_options_without_origin_lists_the_methods(storage: ServiceClient) -> None:
    resp = call(storage, "OPTIONS", account(storage), authenticated=False)
    assert resp.status_code == 200
    assert methods(resp.headers["Allow"]) == {"HEAD", "GET", "POST", "OPTIONS"}
    assert "Access-Control-Allow-Origin" not in resp.headers


def test_actual_request_carries_the_cors_headers(storage: ServiceClient,
                                                 container: str) -> None:
    _allow_app(storage, container)
    url = f"{account(storage)}/{container}/obj"
    call(storage, "PUT", url, data=b"hi", headers={"X-Object-Meta-Colour": "red"})
    got = call(storage, "GET", url, headers={"Origin": "http://app.example"})
    assert got.status_code == 200
    assert got.headers["Access-Control-Allow-Origin"] == "http://app.example"
    exposed = {h.strip() for h in got.headers["Access-Control-Expose-Headers"].split(",")}
    assert {"x-object-meta-colour", "etag", "x-timestamp", "x-trans-id",
            "x-openstack-request-id", "content-type", "last-modified"} <= exposed
    other = call(storage, "GET", url, headers={"Origin": "http://evil.example"})
    assert other.status_code == 200
    assert "Access-Control-Allow-Origin" not in other.headers
