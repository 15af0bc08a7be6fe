"""Injected faults: status, times, order, Retry-After, latency, bodies."""

from __future__ import annotations

import re
import time

import pytest
import requests

from stackdouble.fakes import FakeCloud


def test_a_fault_answers_with_the_services_envelope(cloud: FakeCloud,
                                                    http: requests.Session) -> None:
    cloud.inject_fault("GET", "/identity/v3", status=503)
    resp = http.get(cloud.identity_v3_url)
    assert resp.status_code == 503
    assert resp.json() == {"error": {
        "code": 503, "title": "Service Unavailable",
        "message": "The server is currently unavailable. Please try again at a later time."}}
    assert resp.headers["x-openstack-request-id"].startswith("req-")


def test_a_compute_fault_uses_novas_envelope(cloud: FakeCloud, http: requests.Session) -> None:
    cloud.inject_fault("GET", "/compute/*", status=500)
    resp = http.get(cloud.base_url + "/compute/v2.1/servers")
    assert resp.json() == {"computeFault": {
        "code": 500,
        "message": "The server has either erred or is incapable of performing the requested "
                   "operation."}}


def test_times_limits_the_fault_then_requests_succeed(cloud: FakeCloud,
                                                      http: requests.Session) -> None:
    fault = cloud.inject_fault("GET", "/identity/v3", status=503, times=2)
    codes = [http.get(cloud.identity_v3_url).status_code for _ in range(3)]
    assert codes == [503, 503, 200]
    assert (fault.hits, fault.active) == (2, False)


def test_faults_queue_in_the_order_added(cloud: FakeCloud, http: requests.Session) -> None:
    cloud.inject_fault("GET", "/identity/v3", status=503)
    cloud.inject_fault("GET", "/identity/v3", status=429)
    codes = [http.get(cloud.identity_v3_url).status_code for _ in range(3)]
    assert codes == [503, 429, 200]


def test_times_none_fails_for_ever(cloud: FakeCloud, http: requests.Session) -> None:
    cloud.inject_fault("GET", "/identity/v3", status=503, times=None)
    assert {http.get(cloud.identity_v3_url).status_code for _ in range(5)} == {503}


def test_retry_after_sets_the_header(cloud: FakeCloud, http: requests.Session) -> None:
    cloud.inject_fault("GET", "/identity/v3", status=429, retry_after=7)
    assert http.get(cloud.identity_v3_url).headers["Retry-After"] == "7"


def test_nova_429_carries_retry_after_in_the_body(cloud: FakeCloud,
                                                  http: requests.Session) -> None:
    cloud.inject_fault("GET", "/compute/*", status=429, retry_after=3)
    body = http.get(cloud.base_url + "/compute/v2.1/servers").json()
    assert body["overLimit"]["retryAfter"] == "3"


def test_latency_delays_the_fault(cloud: FakeCloud, http: requests.Session) -> None:
    cloud.inject_fault("GET", "/identity/v3", status=503, latency=0.2)
    start = time.perf_counter()
    http.get(cloud.identity_v3_url)
    assert time.perf_counter() - start >= 0.2


def test_latency_without_status_delays_then_answers_normally(cloud: FakeCloud,
                                                             http: requests.Session) -> None:
    cloud.inject_fault("GET", "/identity/v3", status=None, latency=0.1)
    start = time.perf_counter()
    resp = http.get(cloud.identity_v3_url)
    assert resp.status_code == 200
    assert time.perf_counter() - start >= 0.1


def test_method_star_matches_every_method(cloud: FakeCloud, http: requests.Session) -> None:
    cloud.inject_fault("*", "/identity/*", status=502, times=None)
    assert http.post(cloud.identity_v3_url + "/auth/tokens", json={}).status_code == 502
    assert http.delete(cloud.identity_v3_url + "/auth/tokens").status_code == 502


def test_other_methods_are_not_affected(cloud: FakeCloud, http: requests.Session) -> None:
    cloud.inject_fault("POST", "/identity/*", status=502)
    assert http.get(cloud.identity_v3_url).status_code == 200


def test_a_regex_path_is_searched(cloud: FakeCloud, http: requests.Session) -> None:
    cloud.inject_fault("GET", re.compile(r"/servers$"), status=503)
    assert http.get(cloud.base_url + "/compute/v2.1/servers").status_code == 503


def test_custom_body_and_headers(cloud: FakeCloud, http: requests.Session) -> None:
    cloud.inject_fault("GET", "/identity/v3", status=418, body={"teapot": True},
                       headers={"X-Why": "test"})
    resp = http.get(cloud.identity_v3_url)
    assert (resp.status_code, resp.json(), resp.headers["X-Why"]) == (418, {"teapot": True},
                                                                      "test")


def test_remove_takes_a_fault_away(cloud: FakeCloud, http: requests.Session) -> None:
    fault = cloud.inject_fault("GET", "/identity/v3", status=503, times=None)
    fault.remove()
    assert http.get(cloud.identity_v3_url).status_code == 200


def test_clear_faults_removes_every_fault(cloud: FakeCloud, http: requests.Session) -> None:
    cloud.inject_fault("GET", "/identity/v3", status=503, times=None)
    cloud.clear_faults()
    assert http.get(cloud.identity_v3_url).status_code == 200


def test_faulted_requests_are_logged(cloud: FakeCloud, http: requests.Session) -> None:
    cloud.inject_fault("GET", "/identity/v3", status=503)
    http.get(cloud.identity_v3_url)
    assert cloud.requests.last is not None
    assert cloud.requests.last.status == 503


@pytest.mark.parametrize(("kwargs", "words"), [
    ({"status": 99}, "status"), ({"times": 0}, "times"), ({"latency": -1}, "latency"),
    ({"status": None}, "needs a status"), ({"retry_after": "soon"}, "retry_after"),
    ({"path": ""}, "path")])
def test_bad_arguments_are_value_errors(cloud: FakeCloud, kwargs: dict[str, object],
                                        words: str) -> None:
    with pytest.raises(ValueError, match=words):
        cloud.inject_fault(**kwargs)  # type: ignore[arg-type]
