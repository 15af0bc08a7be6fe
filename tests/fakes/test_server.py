"""The served transport: our HTTP server, keep-alive, the real port in the catalog, threads, and
connection limits that keep it serving clients that never close their sessions."""

from __future__ import annotations

import http.client
import socket
import statistics
import threading
import time
from typing import Any

import pytest
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
        account = f"/v1/AUTH_{cloud.project_id('demo')}"
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


# -- connection limits: clients that never close their sessions -----------------------------


def get_identity(conn: http.client.HTTPConnection) -> int:
    """GET /identity/v3 on `conn`, reading the whole response; the status."""
    conn.request("GET", "/identity/v3")
    resp = conn.getresponse()
    resp.read()
    return resp.status


def wait_until_closed(sock: socket.socket, timeout: float = 10.0) -> float:
    """Seconds until the server closes `sock` (EOF or reset); fails after `timeout`."""
    sock.settimeout(timeout)
    start = time.monotonic()
    try:
        while sock.recv(4096):
            pass
    except ConnectionResetError:
        pass
    except TimeoutError:  # pragma: no cover - the failure being tested for
        raise AssertionError(f"the server kept the connection open for {timeout} s") from None
    return time.monotonic() - start


def test_hundreds_of_abandoned_sessions_do_not_stop_new_ones_being_answered() -> None:
    sessions: list[requests.Session] = []
    statuses = []
    with FakeCloud().serve() as served:
        try:
            for _ in range(300):  # openstacksdk's functional tests leave 4 per test
                session = requests.Session()
                session.trust_env = False
                sessions.append(session)
                statuses.append(session.get(served.url + "/identity/v3", timeout=10).status_code)
        finally:
            for session in sessions:
                session.close()
    assert statuses == [200] * 300


def test_at_the_connection_limit_the_longest_idle_connection_makes_room() -> None:
    # A long idle timeout, so only making room at the limit can let the newcomer in.
    with FakeCloud().serve(connection_limit=5, idle_timeout=60) as served:
        idle = [http.client.HTTPConnection(served.host, served.port, timeout=10)
                for _ in range(5)]
        try:
            assert [get_identity(conn) for conn in idle] == [200] * 5
            newcomer = http.client.HTTPConnection(served.host, served.port, timeout=10)
            assert get_identity(newcomer) == 200
            assert idle[0].sock is not None
            wait_until_closed(idle[0].sock)  # the oldest made room
            newcomer.close()
        finally:
            for conn in idle:
                conn.close()


def test_an_idle_connection_is_closed_after_the_idle_timeout() -> None:
    with FakeCloud().serve(idle_timeout=1) as served:
        conn = http.client.HTTPConnection(served.host, served.port, timeout=10)
        try:
            assert get_identity(conn) == 200
            assert conn.sock is not None
            waited = wait_until_closed(conn.sock)
        finally:
            conn.close()
    assert waited > 0.5  # not at once: after about a second (checked every second)


def test_a_connection_in_use_is_not_closed_as_idle() -> None:
    with FakeCloud().serve(idle_timeout=2) as served:
        conn = http.client.HTTPConnection(served.host, served.port, timeout=10)
        try:
            assert get_identity(conn) == 200
            sock = conn.sock
            deadline = time.monotonic() + 3.5  # well past the idle timeout in all
            statuses = []
            while time.monotonic() < deadline:
                time.sleep(0.25)
                statuses.append(get_identity(conn))
            assert conn.sock is sock  # one connection served every request
        finally:
            conn.close()
    assert set(statuses) == {200}


def test_a_request_slower_than_the_idle_timeout_still_gets_its_answer() -> None:
    cloud = FakeCloud()
    cloud.inject_fault("GET", "/identity/v3", status=None, latency=2.5)
    with cloud.serve(idle_timeout=1) as served:
        conn = http.client.HTTPConnection(served.host, served.port, timeout=10)
        try:
            assert get_identity(conn) == 200
        finally:
            conn.close()


@pytest.mark.parametrize("limits", [
    {"idle_timeout": 0}, {"idle_timeout": float("nan")}, {"connection_limit": 0},
    {"threads": 0},
])
def test_limits_must_be_positive(limits: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="must be a positive"):
        FakeCloud().serve(**limits)
