"""Waiting for a server's status against the fake Nova: the fake clock moves, nothing sleeps."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime, timezone

import pytest

from stackdouble.client import InvalidInput, NotFound, ServiceClient, WaitTimeout
from stackdouble.client._wait import StatusError, wait_until
from stackdouble.client.openstack.compute.v2 import servers
from stackdouble.fakes import FakeClock, FakeCloud
from stackdouble.fakes.compute import Caller
from tests.client.compute.support import fake_compute, new_server


@pytest.fixture
def cloud() -> Iterator[FakeCloud]:
    """A seeded fake cloud with a frozen clock, answering in-process."""
    with FakeCloud(seed=21, clock=_frozen()) as fake:
        yield fake


def _frozen() -> FakeClock:
    return FakeClock(start=datetime(2026, 3, 1, tzinfo=timezone.utc))


@pytest.fixture
def nova(cloud: FakeCloud) -> ServiceClient:
    """The client at 2.79 on the fake."""
    return fake_compute(cloud)


def _wait(cloud: FakeCloud, nova: ServiceClient, server_id: str, status: str,
          timeout: float, interval: float = 5) -> servers.Server:
    return servers.wait_for_status(nova, server_id, status, timeout=timeout, interval=interval,
                                   sleep=cloud.clock.advance, clock=cloud.clock.time)


def test_wait_for_status_returns_the_server_once_active(cloud: FakeCloud,
                                                        nova: ServiceClient) -> None:
    cloud.compute.set_build_time(12)
    server_id = new_server(nova)
    started, fake_started = time.monotonic(), cloud.clock.time()
    server = _wait(cloud, nova, server_id, "ACTIVE", timeout=60)
    assert server.status == "ACTIVE"
    assert cloud.clock.time() - fake_started == 15  # three 5 s polls
    assert time.monotonic() - started < 1


def test_wait_for_status_times_out_with_the_last_status(cloud: FakeCloud,
                                                        nova: ServiceClient) -> None:
    cloud.compute.set_build_time(600)
    server_id = new_server(nova)
    with pytest.raises(WaitTimeout) as info:
        _wait(cloud, nova, server_id, "ACTIVE", timeout=10, interval=3)
    assert info.value.last_status == "BUILD"
    assert isinstance(info.value, TimeoutError)
    assert server_id in str(info.value)


def test_wait_for_status_raises_at_once_when_the_server_errors(cloud: FakeCloud,
                                                               nova: ServiceClient) -> None:
    cloud.compute.set_build_time(10)
    cloud.compute.error_on_build()
    server_id = new_server(nova)
    with pytest.raises(StatusError) as info:
        _wait(cloud, nova, server_id, "ACTIVE", timeout=600)
    assert info.value.status == "ERROR"
    assert info.value.fault == "No valid host was found. There are not enough hosts available."
    assert info.value.fault in str(info.value)


def test_waiting_for_error_itself_succeeds_on_error(cloud: FakeCloud,
                                                    nova: ServiceClient) -> None:
    server_id = new_server(nova)
    cloud.compute.force_error(server_id, "boom")
    assert _wait(cloud, nova, server_id, "ERROR", timeout=5).status == "ERROR"


def test_wait_for_status_raises_not_found_when_the_server_disappears(
        cloud: FakeCloud, nova: ServiceClient) -> None:
    cloud.compute.set_build_time(60)
    server_id = new_server(nova)
    cloud.compute.delete_server(_owner(cloud), server_id)
    with pytest.raises(NotFound):
        _wait(cloud, nova, server_id, "ACTIVE", timeout=60)


def _owner(cloud: FakeCloud) -> Caller:
    return Caller(project_id=cloud.project_id("demo"), user_id=cloud.user_id("demo"))


def test_wait_for_delete_returns_once_nova_answers_404(cloud: FakeCloud,
                                                       nova: ServiceClient) -> None:
    server_id = new_server(nova)
    servers.delete(nova, server_id).extract_err()
    servers.wait_for_delete(nova, server_id, timeout=60, sleep=cloud.clock.advance,
                            clock=cloud.clock.time)


class _Clock:
    """A monotonic clock that moves only when slept on."""

    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def test_wait_until_checks_once_with_a_zero_timeout() -> None:
    calls: list[int] = []

    def check() -> tuple[bool, str | None, None]:
        calls.append(1)
        return False, "BUILD", None

    clock = _Clock()
    with pytest.raises(WaitTimeout):
        wait_until(check, timeout=0, sleep=clock.sleep, clock=clock.time)
    assert calls == [1]
    assert clock.sleeps == []


@pytest.mark.parametrize(("timeout", "interval"), [(-1, 1), (10, 0)])
def test_wait_until_rejects_bad_timing(timeout: float, interval: float) -> None:
    with pytest.raises(InvalidInput):
        wait_until(lambda: (True, None, None), timeout=timeout, interval=interval)
