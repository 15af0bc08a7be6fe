"""Compute instance actions against the fake Nova: the history newest first, events for
admins and from 2.51, paging and time filters from 2.58, and refused parameters."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackdouble.client import BadRequest, InvalidInput, NotFound, ServiceClient
from stackdouble.client.openstack.compute.v2 import instanceactions, servers
from stackdouble.client.openstack.compute.v2.extensions import startstop
from stackdouble.fakes import FakeClock, FakeCloud
from tests.client.compute.novaadmin import admin_compute, member_compute
from tests.client.compute.support import new_server

START = datetime(2026, 3, 1, tzinfo=timezone.utc)


@pytest.fixture
def cloud() -> Iterator[FakeCloud]:
    """A seeded fake cloud with a frozen clock, answering in-process."""
    with FakeCloud(seed=47, clock=FakeClock(start=START)) as fake:
        yield fake


@pytest.fixture
def nova(cloud: FakeCloud) -> ServiceClient:
    """demo at 2.79."""
    return member_compute(cloud)


def _wait(cloud: FakeCloud, nova: ServiceClient, server_id: str, status: str) -> None:
    servers.wait_for_status(nova, server_id, status, timeout=120, interval=5,
                            sleep=cloud.clock.advance, clock=cloud.clock.time)


@pytest.fixture
def server_id(cloud: FakeCloud, nova: ServiceClient) -> str:
    """A server created, then stopped and started a minute apart each."""
    ident = new_server(nova)
    _wait(cloud, nova, ident, "ACTIVE")
    cloud.clock.advance(60)
    startstop.stop(nova, ident).extract_err()
    _wait(cloud, nova, ident, "SHUTOFF")
    cloud.clock.advance(60)
    startstop.start(nova, ident).extract_err()
    _wait(cloud, nova, ident, "ACTIVE")
    return ident


def test_list_is_newest_first(nova: ServiceClient, server_id: str) -> None:
    actions = list(instanceactions.list(nova, server_id).items())
    assert [a.action for a in actions] == ["start", "stop", "create"]
    assert all(a.instance_uuid == server_id for a in actions)
    assert all(a.request_id.startswith("req-") for a in actions)
    assert actions[0].message is None
    assert actions[0].updated_at is not None


def test_paging_follows_links_from_2_58(cloud: FakeCloud, nova: ServiceClient,
                                        server_id: str) -> None:
    pager = instanceactions.list(nova, server_id, instanceactions.ListOpts(limit=1))
    assert [a.action for a in pager.items()] == ["start", "stop", "create"]
    listed = [r for r in cloud.requests if r.path.endswith("os-instance-actions")]
    assert len(listed) >= 3


def test_changes_since_and_before_filter_by_update_time(nova: ServiceClient,
                                                        server_id: str) -> None:
    since = instanceactions.ListOpts(changes_since=START + timedelta(seconds=100))
    assert [a.action for a in instanceactions.list(nova, server_id, since).items()] == [
        "start"]
    before = instanceactions.ListOpts(changes_before=START + timedelta(seconds=30))
    assert [a.action for a in instanceactions.list(nova, server_id, before).items()] == [
        "create"]


def test_changes_before_is_refused_before_2_66(nova: ServiceClient, server_id: str) -> None:
    opts = instanceactions.ListOpts(changes_before=START)
    with pytest.raises(BadRequest):
        list(instanceactions.list(nova.with_microversion("2.65"), server_id, opts).items())


def test_reversed_times_are_refused_before_sending(nova: ServiceClient, server_id: str
                                                   ) -> None:
    opts = instanceactions.ListOpts(changes_since=START, changes_before=START - timedelta(1))
    with pytest.raises(InvalidInput):
        list(instanceactions.list(nova, server_id, opts).items())


def test_get_shows_events_from_2_51_without_tracebacks(nova: ServiceClient, server_id: str
                                                       ) -> None:
    first = next(iter(instanceactions.list(nova, server_id).items()))
    detail = instanceactions.get(nova, server_id, first.request_id).extract()
    assert detail.action == "start"
    assert detail.events
    event = detail.events[0]
    assert event.result == "Success"
    assert event.finish_time is not None
    assert event.traceback is None
    assert event.host is None


def test_before_2_51_a_member_sees_no_events(nova: ServiceClient, server_id: str) -> None:
    old = nova.with_microversion("2.50")
    first = next(iter(instanceactions.list(old, server_id).items()))
    assert instanceactions.get(old, server_id, first.request_id).extract().events == []


def test_an_admin_sees_the_host_of_each_event(cloud: FakeCloud, server_id: str) -> None:
    admin = admin_compute(cloud)
    first = next(iter(instanceactions.list(admin, server_id).items()))
    event = instanceactions.get(admin, server_id, first.request_id).extract().events[0]
    assert event.host
    assert event.host_id


def test_an_unknown_request_id_is_not_found(nova: ServiceClient, server_id: str) -> None:
    with pytest.raises(NotFound):
        instanceactions.get(nova, server_id, "req-00000000-0000-0000-0000-000000000000"
                            ).extract()


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(limit=st.integers(min_value=1, max_value=4))
def test_any_page_size_lists_every_action_once(nova: ServiceClient, server_id: str,
                                               limit: int) -> None:
    pager = instanceactions.list(nova, server_id, instanceactions.ListOpts(limit=limit))
    assert [a.action for a in pager.items()] == ["start", "stop", "create"]
