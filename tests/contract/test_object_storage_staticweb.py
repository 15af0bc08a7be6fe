"""Static websites (Swift's `staticweb` middleware): for anonymous readers of a public
container (`X-Container-Read: .r:*`), `X-Container-Meta-Web-Index` serves index pages,
`Web-Error` the error pages (`<status><name>`), `Web-Listings` HTML listings; a token
holder gets them only with `X-Web-Mode: true`."""

from __future__ import annotations

from stackdouble.client import ServiceClient
from tests.contract.conftest import account, call


def _site(storage: ServiceClient, container: str) -> str:
    url = f"{account(storage)}/{container}"
    assert call(storage, "POST", url, headers={
        "X-Container-Read": ".r:*,.rlistings",
        "X-Container-Meta-Web-Index": "index.html",
        "X-Container-Meta-Web-Error": "error.html"}).status_code == 204
    for name, body in (("index.html", b"<p>home</p>"), ("404error.html", b"<p>gone</p>"),
                       ("sub/index.html", b"<p>sub</p>")):
        put = call(storage, "PUT", f"{url}/{name}", data=body,
                   headers={"Content-Type": "text/html"})
        assert put.status_code == 201
    return url


def test_index_pages(storage: ServiceClient, container: str) -> None:
    url = _site(storage, container)
    home = call(storage, "GET", url + "/", authenticated=False)
    assert (home.status_code, home.content) == (200, b"<p>home</p>")
    assert home.headers["Content-Type"] == "text/html"
    sub = call(storage, "GET", url + "/sub/", authenticated=False)
    assert (sub.status_code, sub.content) == (200, b"<p>sub</p>")


def test_directory_without_slash_redirects(storage: ServiceClient, container: str) -> None:
    url = _site(storage, container)
    resp = call(storage, "GET", url + "/sub", authenticated=False)
    assert [r.status_code for r in resp.history] == [301]
    assert resp.history[0].headers["Location"].endswith(f"/{container}/sub/")
    assert (resp.status_code, resp.content) == (200, b"<p>sub</p>")


def test_error_page(storage: ServiceClient, container: str) -> None:
    url = _site(storage, container)
    resp = call(storage, "GET", url + "/missing", authenticated=False)
    assert resp.status_code == 404
    assert resp.content == b"<p>gone</p>"
    assert resp.headers["Content-Type"] == "text/html"


def test_token_holders_need_web_mode(storage: ServiceClient, container: str) -> None:
    url = _site(storage, container)
    listing = call(storage, "GET", url + "/", headers={"Accept": "text/plain"})
    assert listing.status_code == 200
    assert listing.text == "404error.html\nindex.html\nsub/index.html\n"
    web = call(storage, "GET", url + "/", headers={"X-Web-Mode": "true"})
    assert (web.status_code, web.content) == (200, b"<p>home</p>")


def test_html_listing(storage: ServiceClient, container: str) -> None:
    url = _site(storage, container)
    call(storage, "POST", url, headers={"X-Container-Meta-Web-Index": "",
                                        "X-Container-Meta-Web-Listings": "true"})
    resp = call(storage, "GET", url + "/sub/", authenticated=False)
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert resp.text.startswith("<!DOCTYPE html>")
    assert f"/{container}/sub/</title>" in resp.text
    assert '<td class="colname"><a href="../">../</a></td>' in resp.text
    assert '<td class="colname"><a href="./index%2Ehtml">index.html</a></td>' in resp.text
