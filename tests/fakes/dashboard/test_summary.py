"""The dashboard's digest (`summarize`): counted, capped per project, never a secret."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.caller import Caller
from stackdouble.fakes.dashboard.summary import MAX_ROWS, summarize


def project_of(digest: dict, name: str) -> dict:
    return next(p for p in digest["projects"] if p["name"] == name)


def test_servers_are_listed_under_their_project_with_status_and_addresses(
        cloud: FakeCloud) -> None:
    demo = cloud.project_id("demo")
    server = cloud.compute.create_server(demo, name="web-1")
    row = project_of(summarize(cloud), "demo")["servers"]["rows"][0]
    assert (row["id"], row["name"], row["status"]) == (server.uuid, "web-1", "ACTIVE")
    assert row["addresses"][0]["network"] == "private"
    assert row["addresses"][0]["addresses"]


def test_deleted_servers_are_not_counted(cloud: FakeCloud) -> None:
    demo = cloud.project_id("demo")
    gone = cloud.compute.create_server(demo, name="gone")
    cloud.compute.create_server(demo, name="kept")
    cloud.compute.delete_server(Caller(project_id=demo, user_id="u"), gone.uuid)
    servers = project_of(summarize(cloud), "demo")["servers"]
    assert [s["name"] for s in servers["rows"]] == ["kept"]
    assert servers["count"] == 1


def test_a_server_still_building_shows_active_once_the_clock_passes_its_build_time(
        cloud: FakeCloud) -> None:
    cloud.compute.set_build_time(30)
    cloud.compute.create_server(cloud.project_id("demo"), name="slow")
    before = project_of(summarize(cloud), "demo")["servers"]["rows"][0]["status"]
    cloud.clock.advance(31)
    after = project_of(summarize(cloud), "demo")["servers"]["rows"][0]["status"]
    assert (before, after) == ("BUILD", "ACTIVE")


def test_volumes_show_what_they_are_attached_to(cloud: FakeCloud) -> None:
    demo = cloud.project_id("demo")
    volume = cloud.block_storage.create_volumes(demo, 1, size=3, name="data")[0]
    row = project_of(summarize(cloud), "demo")["volumes"]["rows"][0]
    assert (row["id"], row["size"], row["status"], row["attachments"]) == (
        volume.id, 3, "available", [])


def test_containers_count_their_objects_and_name_the_first_few(cloud: FakeCloud) -> None:
    demo = cloud.project_id("demo")
    storage = cloud.object_storage
    storage.create_container(demo, "logs")
    for n in range(8):
        storage.put_object(demo, "logs", f"day-{n}", b"12345")
    row = project_of(summarize(cloud), "demo")["containers"]["rows"][0]
    assert (row["name"], row["objects"], row["bytes"]) == ("logs", 8, 40)
    assert row["first_objects"] == ["day-0", "day-1", "day-2", "day-3", "day-4"]


def test_members_name_their_roles(cloud: FakeCloud) -> None:
    members = project_of(summarize(cloud), "demo")["members"]["rows"]
    assert {"kind": "user", "name": "demo", "roles": ["member"]} in [
        {k: m[k] for k in ("kind", "name", "roles")} for m in members]


def test_tokens_are_counted_and_never_shown(cloud: FakeCloud) -> None:
    token = cloud.identity.issue_token("demo", project="demo")
    cloud.identity.issue_token("admin", project="admin")
    digest = summarize(cloud)
    assert digest["tokens"]["valid"] == 2
    assert project_of(digest, "demo")["tokens"] == 1
    text = json.dumps(digest)
    for secret in (token, "demo-secret", "admin-secret", "demo-api-key"):
        assert secret not in text


def test_expired_tokens_are_not_counted_valid(cloud: FakeCloud) -> None:
    cloud.identity.issue_token("demo", project="demo")
    cloud.clock.advance(cloud.token_ttl + 1)
    digest = summarize(cloud)
    assert (digest["tokens"]["valid"], digest["tokens"]["issued"]) == (0, 1)


def test_projects_holding_resources_come_first(cloud: FakeCloud) -> None:
    cloud.block_storage.create_volumes(cloud.project_id("demo"), 2)
    assert summarize(cloud)["projects"][0]["name"] == "demo"


def test_the_request_log_shows_the_newest_first_with_the_clock_time(cloud: FakeCloud) -> None:
    import requests

    requests.get(cloud.identity_v3_url)
    cloud.clock.advance(5)
    requests.get(cloud.auth_url)
    recent = summarize(cloud)["requests"]["recent"]
    assert [(r["path"], r["time"]) for r in recent] == [
        ("/identity", "2026-11-27T08:56:21.000000Z"),
        ("/identity/v3", "2026-11-27T08:56:16.000000Z")]


@pytest.mark.parametrize("name", ["rows", "projects"])
@pytest.mark.parametrize("value", [0, MAX_ROWS + 1, True, "5"])
def test_counts_out_of_range_are_refused(cloud: FakeCloud, name: str, value: object) -> None:
    with pytest.raises(ValueError, match=f"^{name} must be an integer from 1 to 200$"):
        summarize(cloud, **{name: value})  # type: ignore[arg-type]


def test_only_the_first_projects_are_described_but_all_are_counted(cloud: FakeCloud) -> None:
    for n in range(4):
        cloud.identity.create_project(f"extra-{n}")
    digest = summarize(cloud, projects=2)
    assert len(digest["projects"]) == 2
    everything = summarize(cloud, projects=MAX_ROWS)["projects"]
    assert digest["project_count"] == len(everything)
    assert {p["name"] for p in everything} >= {p.name for p in cloud.identity.projects.values()}


def test_what_belongs_to_no_project_is_listed_apart(cloud: FakeCloud) -> None:
    # Neutron gives a router's gateway port no project (DevStack's router1 has one).
    stray = next(p for p in summarize(cloud)["projects"] if p["id"] is None)
    assert (stray["name"], stray["known"], stray["ports"]["count"]) == (None, False, 1)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(made=st.integers(min_value=0, max_value=30), rows=st.integers(min_value=1, max_value=12))
def test_counts_are_whole_and_rows_capped(made: int, rows: int) -> None:
    cloud = FakeCloud(seed=3)
    demo = cloud.project_id("demo")
    cloud.block_storage.set_quota(demo, volumes=-1, gigabytes=-1)
    if made:
        cloud.block_storage.create_volumes(demo, made)
    volumes = project_of(summarize(cloud, rows), "demo")["volumes"]
    assert volumes["count"] == made
    assert len(volumes["rows"]) == min(made, rows)
