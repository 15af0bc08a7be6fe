"""The dashboard over HTTP: the page, its files, the summary, and the control plane's rule."""

from __future__ import annotations

import io
import threading
import time

import pytest
import requests

from stackdouble import cli
from stackdouble.fakes import FakeCloud


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_the_page_is_served_with_a_policy_allowing_only_its_own_files(
        cloud: FakeCloud, http: requests.Session) -> None:
    resp = http.get(cloud.base_url + "/_stackdouble/")
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "text/html; charset=utf-8"
    policy = resp.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "default-src 'none'" in policy
    assert resp.headers["Referrer-Policy"] == "no-referrer"
    assert '<script src="dashboard/dashboard.js"' in resp.text


@pytest.mark.parametrize(("name", "content_type"), [
    ("dashboard.js", "text/javascript; charset=utf-8"),
    ("dashboard.css", "text/css; charset=utf-8"),
])
def test_the_page_files_are_served_from_the_package(
        cloud: FakeCloud, http: requests.Session, name: str, content_type: str) -> None:
    resp = http.get(cloud.base_url + "/_stackdouble/dashboard/" + name)
    assert (resp.status_code, resp.headers["Content-Type"]) == (200, content_type)
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert resp.content


@pytest.mark.parametrize("name", ["index.html", "..%2Fsummary.py", "nope.js"])
def test_other_files_are_404(cloud: FakeCloud, http: requests.Session, name: str) -> None:
    resp = http.get(cloud.base_url + "/_stackdouble/dashboard/" + name)
    assert (resp.status_code, resp.json()["error"]["code"]) == (404, 404)
    assert "import" not in resp.text


def test_the_page_loads_nothing_from_another_origin(cloud: FakeCloud,
                                                    http: requests.Session) -> None:
    texts = [http.get(cloud.base_url + "/_stackdouble" + path).text
             for path in ("/", "/dashboard/dashboard.js", "/dashboard/dashboard.css")]
    for text in texts:
        assert "http://" not in text
        assert "https://" not in text
        assert "innerHTML" not in text  # the script builds the DOM with textContent only


def test_the_path_without_a_slash_redirects_to_the_page_keeping_the_query(
        cloud: FakeCloud, http: requests.Session) -> None:
    resp = http.get(cloud.base_url + "/_stackdouble?token=abc", allow_redirects=False)
    assert (resp.status_code, resp.headers["Location"]) == (302, "_stackdouble/?token=abc")


def test_the_summary_is_json_that_is_not_cached(cloud: FakeCloud,
                                                http: requests.Session) -> None:
    cloud.compute.create_server(cloud.project_id("demo"), name="web-1")
    resp = http.get(cloud.base_url + "/_stackdouble/summary", params={"rows": 3})
    assert resp.status_code == 200
    assert resp.headers["Cache-Control"] == "no-store"
    body = resp.json()
    assert body["rows"] == 3
    demo = next(p for p in body["projects"] if p["name"] == "demo")
    assert demo["servers"]["rows"][0]["name"] == "web-1"


@pytest.mark.parametrize("query", ["rows=0", "rows=abc", "rows=201", "projects=0",
                                   "projects=-1"])
def test_bad_counts_are_400(cloud: FakeCloud, http: requests.Session, query: str) -> None:
    resp = http.get(cloud.base_url + "/_stackdouble/summary?" + query)
    name = query.split("=")[0]
    assert resp.status_code == 400
    assert resp.json() == {"error": {"code": 400,
                                     "message": f"{name} must be an integer from 1 to 200"}}


def test_dashboard_requests_are_not_in_the_request_log(cloud: FakeCloud,
                                                       http: requests.Session) -> None:
    http.get(cloud.base_url + "/_stackdouble/")
    http.get(cloud.base_url + "/_stackdouble/summary")
    assert len(cloud.requests) == 0


def test_served_off_loopback_the_summary_needs_the_control_token(
        http: requests.Session) -> None:
    cloud = FakeCloud()
    with cloud.serve(host="0.0.0.0") as served:  # reached through 127.0.0.1 only
        assert served.control_token is not None
        denied = http.get(served.url + "/_stackdouble/summary", timeout=10)
        wrong = http.get(served.url + "/_stackdouble/summary", timeout=10,
                         headers=bearer("wrong-token"))
        allowed = http.get(served.url + "/_stackdouble/summary", timeout=10,
                           headers=bearer(served.control_token))
        token = served.control_token
    assert (denied.status_code, denied.json()["error"]["code"]) == (401, 401)
    assert denied.headers["WWW-Authenticate"] == 'Bearer realm="stackdouble-control"'
    assert wrong.status_code == 403
    assert allowed.status_code == 200
    assert token not in allowed.text


def test_served_off_loopback_the_page_loads_without_the_token_and_holds_no_state(
        http: requests.Session) -> None:
    cloud = FakeCloud()
    cloud.compute.create_server(cloud.project_id("demo"), name="secret-project-server")
    with cloud.serve(host="0.0.0.0") as served:
        page = http.get(served.url + "/_stackdouble/", timeout=10)
        script = http.get(served.url + "/_stackdouble/dashboard/dashboard.js", timeout=10)
        bare = http.get(served.url + "/_stackdouble", timeout=10, allow_redirects=False)
    assert (page.status_code, script.status_code) == (200, 200)
    assert "secret-project-server" not in page.text
    assert bare.status_code == 401  # the redirect is the control plane's: no probing


def test_served_on_loopback_without_a_token_the_summary_is_open(
        http: requests.Session) -> None:
    with FakeCloud().serve() as served:
        resp = http.get(served.url + "/_stackdouble/summary", timeout=10)
    assert resp.status_code == 200


def test_the_root_is_left_to_the_web_server(cloud: FakeCloud, http: requests.Session) -> None:
    resp = http.get(cloud.base_url + "/", headers={"Accept": "text/html"},
                    allow_redirects=False)
    assert resp.status_code == 404


def serve_in_background(**options: object) -> tuple[threading.Thread, threading.Event,
                                                    io.StringIO]:
    out, stop = io.StringIO(), threading.Event()
    thread = threading.Thread(target=cli.serve, kwargs={
        "out": out, "err": io.StringIO(), "stop_event": stop, **options}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while "Press Ctrl-C" not in out.getvalue():
        assert time.monotonic() < deadline, "serve did not print its banner in 30 s"
        time.sleep(0.05)
    return thread, stop, out


def banner_line(out: io.StringIO, label: str) -> str:
    line = next(line for line in out.getvalue().splitlines() if line.startswith(label))
    return line[len(label):].split()[0]


def test_serve_prints_the_dashboard_link(http: requests.Session) -> None:
    thread, stop, out = serve_in_background()
    try:
        link = banner_line(out, "dashboard:")
        page = http.get(link, timeout=10)
    finally:
        stop.set()
        thread.join(10)
    assert link.endswith("/_stackdouble/")
    assert page.status_code == 200


def test_off_loopback_the_link_carries_the_token_in_its_fragment(
        http: requests.Session) -> None:
    thread, stop, out = serve_in_background(host="0.0.0.0")
    try:
        link = banner_line(out, "dashboard:")
        token = banner_line(out, "control token:")
        base, _, fragment = link.partition("#")
        summary = http.get(base + "summary", timeout=10, headers=bearer(token))
    finally:
        stop.set()
        thread.join(10)
    assert fragment == "token=" + token
    assert summary.status_code == 200
