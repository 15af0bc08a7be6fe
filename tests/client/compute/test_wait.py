"""Waiting for a server's status with a fake clock: no real sleeps."""

from __future__ import annotations

import time
from typing import Any

import pytest
import responses

from stackdouble.client import InvalidInput, NotFound, ServiceClient, WaitTimeout
from stackdouble.client._wait import StatusError, wait_until
from stackdouble.client.openstack.compute.v2 import servers
from tests.client.compute.support import BASE, nova_error, sample

SERVER_ID = "0e12087a-7c87-476a-8f84-7398e991cecc"
URL = f"{BASE}servers/{SERVER_ID}"


class FakeClock:
    """A monotonic clock that moves only when slept on."""

    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def _server(status: str, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = sample("server-get-2.73")
    body["server"]["status"] = status
    body["server"].update(extra)
    return body


def _statuses(mock: responses.RequestsMock, *statuses: str) -> None:
    for status in statuses:
        mock.get(URL, json=_server(status))


def test_wait_for_status_returns_the_server_once_active(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    _statuses(mock, "BUILD", "BUILD", "ACTIVE")
    clock = FakeClock()
    started = time.monotonic()
    server = servers.wait_for_status(compute, SERVER_ID, "ACTIVE", timeout=60, interval=5,
                                     sleep=clock.sleep, clock=clock.time)
    assert server.status == "ACTIVE"
    assert clock.sleeps == [5, 5]
    assert len(mock.calls) == 3
    assert time.monotonic() - started < 1


def test_wait_for_status_times_out_with_the_last_status(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    _statuses(mock, "BUILD")
    clock = FakeClock()
    with pytest.raises(WaitTimeout) as info:
        servers.wait_for_status(compute, SERVER_ID, "ACTIVE", timeout=10, interval=3,
                                sleep=clock.sleep, clock=clock.time)
    assert info.value.last_status == "BUILD"
    assert isinstance(info.value, TimeoutError)
    assert SERVER_ID in str(info.value)
    assert clock.sleeps == [3, 3, 3, 1]
    assert clock.now == 110.0
    assert len(mock.calls) == 5


def test_wait_for_status_raises_at_once_when_the_server_errors(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    message = "No valid host was found. There are not enough hosts available."
    fault = {"code": 500, "created": "2019-04-23T15:19:10Z", "message": message}
    mock.get(URL, json=_server("BUILD"))
    mock.get(URL, json=_server("ERROR", fault=fault))
    clock = FakeClock()
    with pytest.raises(StatusError) as info:
        servers.wait_for_status(compute, SERVER_ID, "ACTIVE", timeout=600,
                                sleep=clock.sleep, clock=clock.time)
    assert info.value.status == "ERROR"
    assert info.value.fault == message
    assert message in str(info.value)
    assert len(clock.sleeps) == 1


def test_waiting_for_error_itself_succeeds_on_error(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    _statuses(mock, "ERROR")
    clock = FakeClock()
    server = servers.wait_for_status(compute, SERVER_ID, "ERROR", timeout=5,
                                     sleep=clock.sleep, clock=clock.time)
    assert server.status == "ERROR"


def test_wait_for_status_raises_not_found_when_the_server_disappears(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    mock.get(URL, json=_server("BUILD"))
    mock.get(URL, status=404,
             json=nova_error("itemNotFound", 404, f"Instance {SERVER_ID} could not be found."))
    clock = FakeClock()
    with pytest.raises(NotFound):
        servers.wait_for_status(compute, SERVER_ID, "ACTIVE", timeout=60,
                                sleep=clock.sleep, clock=clock.time)


def test_wait_for_delete_returns_once_nova_answers_404(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    mock.get(URL, json=_server("ACTIVE", **{"OS-EXT-STS:task_state": "deleting"}))
    mock.get(URL, status=404, json=nova_error("itemNotFound", 404, "gone"))
    clock = FakeClock()
    servers.wait_for_delete(compute, SERVER_ID, timeout=60, sleep=clock.sleep, clock=clock.time)
    assert len(mock.calls) == 2


def test_wait_until_checks_once_with_a_zero_timeout() -> None:
    calls: list[int] = []

    def check() -> tuple[bool, str | None, None]:
        calls.append(1)
        return False, "BUILD", None

    clock = FakeClock()
    with pytest.raises(WaitTimeout):
        wait_until(check, timeout=0, sleep=clock.sleep, clock=clock.time)
    assert calls == [1]
    assert clock.sleeps == []


@pytest.mark.parametrize(("timeout", "interval"), [(-1, 1), (10, 0)])
def test_wait_until_rejects_bad_timing(timeout: float, interval: float) -> None:
    with pytest.raises(InvalidInput):
        wait_until(lambda: (True, None, None), timeout=timeout, interval=interval)
