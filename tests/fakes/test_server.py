"""The served transport: waitress, keep-alive, the real port in the catalog, threads."""

from __future__ import annotations

import statistics
import threading
import time

import requests

from stackdouble.fakes import FakeCloud
from tests.fakes.helpers import password_body


def test_served_cloud_authenticates_and_lists_the_real_port() -> None:
    cloud = FakeCloud()
    with cloud.serve() as served, requests.Session() as http:
        resp = http.post(served.url + "/identity/v3/auth/tokens", json=password_body())
        catalog = resp.json()["token"]["catalog"]
    assert resp.status_code == 201
    assert served.port > 0
    assert catalog[0]["endpoints"][0]["url"] == f"http://127.0.0.1:{served.port}/identity"


def test_served_reason_phrase_is_werkzeugs_upper_case() -> None:
    with FakeCloud().serve() as served:
        resp = requests.post(served.url + "/identity/v3/auth/tokens", json=password_body())
    assert resp.reason == "CREATED"


def test_keep_alive_requests_take_milliseconds_not_40(http: requests.Session) -> None:
    with FakeCloud().serve() as served:
        url = served.url + "/identity/v3"
        http.get(url)
        timings = []
        for _ in range(20):
            start = time.perf_counter()
            http.get(url)
            timings.append(time.perf_counter() - start)
    assert statistics.median(timings) < 0.02


def test_stop_restores_the_base_url_and_frees_the_port() -> None:
    cloud = FakeCloud()
    served = cloud.serve()
    url = served.url
    served.stop()
    assert cloud.base_url == "http://cloud.stackdouble.test"
    assert not served.running
    try:
        requests.get(url, timeout=1)
    except requests.ConnectionError:
        pass
    else:  # pragma: no cover
        raise AssertionError("the server still answers")


def test_threads_issuing_tokens_all_succeed() -> None:
    cloud = FakeCloud(seed=3)
    results: list[str] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            with requests.Session() as http:
                for _ in range(10):
                    resp = http.post(served.url + "/identity/v3/auth/tokens",
                                     json=password_body())
                    assert resp.status_code == 201, resp.text
                    results.append(resp.headers["X-Subject-Token"])
        except BaseException as exc:
            errors.append(exc)

    with cloud.serve() as served:
        threads = [threading.Thread(target=worker) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert errors == []
    assert len(set(results)) == 60
    assert cloud.identity.tokens_issued == 60


def test_a_204_keeps_the_connection_open_for_the_next_request() -> None:
    import http.client

    from stackdouble.fakes import FakeCloud

    cloud = FakeCloud(seed=1)
    with cloud.serve() as served:
        token = cloud.identity.issue_token("demo", project="demo")
        conn = http.client.HTTPConnection(served.host, served.port)
        account = f"/object-store/v1/AUTH_{cloud.project_id('demo')}"
        conn.request("HEAD", account, headers={"X-Auth-Token": token})
        first = conn.getresponse()
        first.read()
        sock = conn.sock
        conn.request("GET", "/identity/v3")
        second = conn.getresponse()
        second.read()
        assert (first.status, first.getheader("Connection")) == (204, None)
        assert second.status == 200
        assert conn.sock is sock  # the same connection served both
        conn.close()
