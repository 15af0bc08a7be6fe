"""`os-simple-tenant-usage` of the fake Nova, against
`nova/api/openstack/compute/simple_tenant_usage.py`, `views/usages.py`,
`instance_get_active_by_window_joined` and
`doc/api_samples/os-simple-tenant-usage/v2.40/`."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import requests
from hypothesis import given, settings
from hypothesis import strategies as st

from stackdouble.fakes import FakeClock, FakeCloud

from .conftest import Nova

T0 = datetime(2026, 3, 1, tzinfo=timezone.utc)


def _at(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S")


def _period(start: datetime, end: datetime) -> str:
    return f"start={_at(start)}&end={_at(end)}"


def _later(cloud: FakeCloud, seconds: float, demo: Nova) -> None:
    """Advance the clock, with a fresh token for demo (they last an hour)."""
    cloud.clock.advance(seconds)
    demo.token = cloud.identity.issue_token("demo", project="demo")


def test_usage_counts_the_hours_within_the_period(nova: Nova, admin_nova: Nova,
                                                  cloud: FakeCloud) -> None:
    start = cloud.clock.now()
    kept = nova.create("kept")
    _later(cloud, 3600, nova)
    gone = nova.create("gone")
    _later(cloud, 1800, nova)
    assert nova.call("DELETE", f"/servers/{gone}").status_code == 204
    _later(cloud, 1800, nova)
    end = cloud.clock.now()
    usage = nova.get(f"/os-simple-tenant-usage/{cloud.project_id('demo')}?"
                     + _period(start, end)).json()["tenant_usage"]
    assert usage["total_hours"] == 2.5
    assert usage["total_memory_mb_usage"] == 512 * 2.5
    by_name = {s["name"]: s for s in usage["server_usages"]}
    assert by_name["kept"]["hours"] == 2.0
    assert by_name["kept"]["state"] == "active"
    assert by_name["kept"]["ended_at"] is None
    assert by_name["gone"]["state"] == "terminated"
    assert by_name["gone"]["uptime"] == 1800
    assert by_name["kept"]["instance_id"] == kept
    assert usage["stop"] == end.strftime("%Y-%m-%dT%H:%M:%S.%f")


def test_the_period_end_is_clamped_to_now(nova: Nova, cloud: FakeCloud) -> None:
    start = cloud.clock.now()
    nova.create()
    _later(cloud, 3600, nova)
    usage = nova.get(f"/os-simple-tenant-usage/{cloud.project_id('demo')}?"
                     + _period(start, start + timedelta(days=1))).json()["tenant_usage"]
    assert usage["total_hours"] == 1.0


def test_a_project_without_servers_is_an_empty_usage(nova: Nova, cloud: FakeCloud) -> None:
    now = cloud.clock.now()
    answer = nova.get(f"/os-simple-tenant-usage/{cloud.project_id('demo')}?"
                      + _period(now - timedelta(hours=1), now))
    assert answer.json() == {"tenant_usage": {}}


def test_usage_policies(nova: Nova, cloud: FakeCloud) -> None:
    listing = nova.get("/os-simple-tenant-usage?start=bad")
    assert listing.json()["forbidden"]["message"] == (
        "Policy doesn't allow os_compute_api:os-simple-tenant-usage:list to be performed.")
    other = nova.get(f"/os-simple-tenant-usage/{cloud.project_id('admin')}")
    assert other.json()["forbidden"]["message"] == (
        "Policy doesn't allow os_compute_api:os-simple-tenant-usage:show to be performed.")


def test_bad_periods(admin_nova: Nova) -> None:
    bad = admin_nova.get("/os-simple-tenant-usage?start=yesterday")
    assert bad.json()["badRequest"]["message"] == (
        "Invalid datetime string: Datetime is in invalid format")
    zoned = admin_nova.get("/os-simple-tenant-usage?start=2026-03-01T00:00:00Z")
    assert zoned.status_code == 400  # none of Nova's three formats takes a zone
    backwards = admin_nova.get("/os-simple-tenant-usage?start=2026-03-02T00:00:00"
                               "&end=2026-03-01T00:00:00")
    assert backwards.json()["badRequest"]["message"] == (
        "Invalid start time. The start time cannot occur after the end time.")
    assert admin_nova.get("/os-simple-tenant-usage").status_code == 200  # an empty period
    unknown = admin_nova.get("/os-simple-tenant-usage?foo=1", version="2.75")
    assert unknown.status_code == 400
    assert admin_nova.get("/os-simple-tenant-usage?foo=1", version="2.74").status_code == 200


def test_detailed_and_paging_from_2_40(nova: Nova, admin_nova: Nova, cloud: FakeCloud) -> None:
    start = cloud.clock.now()
    made = sorted(nova.create(f"s{i}") for i in range(3))
    cloud.clock.advance(60)
    period = _period(start, cloud.clock.now())
    plain = admin_nova.get(f"/os-simple-tenant-usage?{period}").json()
    assert "server_usages" not in plain["tenant_usages"][0]
    page = admin_nova.get(f"/os-simple-tenant-usage?{period}&detailed=1&limit=2",
                          version="2.40").json()
    [usage] = page["tenant_usages"]
    assert [s["instance_id"] for s in usage["server_usages"]] == made[:2]
    href = page["tenant_usages_links"][0]["href"]
    assert f"marker={made[1]}" in href
    rest = admin_nova.http.get(href, headers=admin_nova.headers("2.40")).json()
    assert [s["instance_id"] for s in rest["tenant_usages"][0]["server_usages"]] == made[2:]
    ignored = admin_nova.get(f"/os-simple-tenant-usage?{period}&detailed=1&limit=2").json()
    assert len(ignored["tenant_usages"][0]["server_usages"]) == 3  # paging is 2.40's
    bad = admin_nova.get(f"/os-simple-tenant-usage?{period}&marker=nope", version="2.40")
    assert bad.json()["badRequest"]["message"] == "Marker nope could not be found."


@settings(max_examples=25, deadline=None)
@given(lives=st.lists(st.tuples(st.integers(0, 20), st.integers(1, 20) | st.none()),
                      min_size=1, max_size=5),
       window=st.tuples(st.integers(0, 30), st.integers(1, 30)))
def test_total_hours_is_the_sum_of_overlaps(lives: list[tuple[int, int | None]],
                                            window: tuple[int, int]) -> None:
    """Servers created at hour `a`, deleted `b` hours later (or never): the period's total
    is the sum of each life's overlap with it."""
    clock = FakeClock(start=T0, ticking=False)
    with FakeCloud(seed=7, clock=clock) as cloud, requests.Session() as http:
        nova = Nova(cloud, http)
        events: list[tuple[int, str, int]] = []
        for index, (born, span) in enumerate(lives):
            events.append((born, "create", index))
            if span is not None:
                events.append((born + span, "delete", index))
        ids: dict[int, str] = {}
        for hour, kind, index in sorted(events, key=lambda e: (e[0], e[1] == "delete")):
            clock.set(T0 + timedelta(hours=hour))
            nova = Nova(cloud, http)
            if kind == "create":
                ids[index] = nova.create(f"s{index}")
            else:
                nova.call("DELETE", f"/servers/{ids[index]}")
        clock.set(T0 + timedelta(hours=60))
        nova = Nova(cloud, http)
        lo, length = window
        start, end = T0 + timedelta(hours=lo), T0 + timedelta(hours=lo + length)
        answer = nova.get(f"/os-simple-tenant-usage/{cloud.project_id('demo')}?"
                          + _period(start, end)).json()["tenant_usage"]
        expected = 0
        for born, span in lives:
            died = born + span if span is not None else 60
            expected += max(0, min(died, lo + length) - max(born, lo))
        assert (answer.get("total_hours", 0.0) if answer else 0.0) == expected
