"""The deprecated `os-hosts` of the fake Nova, against `nova/api/openstack/compute/hosts.py`,
`schemas/hosts.py`, `nova/policies/hosts.py`, `HostAPI` and the api-ref's samples."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackdouble.fakes import FakeCloud

from .conftest import Nova

HOST = "stackdouble-compute"
NOT_SUPPORTED = {"notImplemented": {"code": 501, "message":
                                    "The requested functionality is not supported."}}


def _unmapped(name: str) -> dict[str, Any]:
    return {"itemNotFound": {"code": 404,
                             "message": f"Host '{name}' is not mapped to any cell"}}


def test_list_has_a_row_per_service_with_topic_and_zone(admin_nova: Nova) -> None:
    resp = admin_nova.get("/os-hosts")
    assert resp.status_code == 200
    assert resp.json() == {"hosts": [
        {"host_name": HOST, "service": "scheduler", "zone": "internal"},
        {"host_name": HOST, "service": "conductor", "zone": "internal"},
        {"host_name": HOST, "service": "compute", "zone": "nova"}]}


def test_list_leaves_out_disabled_services_and_filters_by_zone(
        admin_nova: Nova, cloud: FakeCloud) -> None:
    cloud.compute.set_hosts(3)
    made = admin_nova.post("/os-aggregates", {"aggregate": {
        "name": "a", "availability_zone": "az1"}}).json()["aggregate"]
    admin_nova.post(f"/os-aggregates/{made['id']}/action",
                    {"add_host": {"host": f"{HOST}-2"}})
    disabled = admin_nova.call("PUT", "/os-services/disable", json={
        "host": f"{HOST}-3", "binary": "nova-compute"})
    assert disabled.status_code == 200

    listed = admin_nova.get("/os-hosts").json()["hosts"]
    zoned = admin_nova.get("/os-hosts?zone=nova&zone=az1").json()["hosts"]  # the last wins

    assert [(h["host_name"], h["zone"]) for h in listed if h["service"] == "compute"] == [
        (HOST, "nova"), (f"{HOST}-2", "az1")]
    assert zoned == [{"host_name": f"{HOST}-2", "service": "compute", "zone": "az1"}]
    assert admin_nova.get("/os-hosts?zone=").json()["hosts"] == listed  # empty: no filter


def test_show_totals_usage_and_a_row_per_project(admin_nova: Nova, nova: Nova,
                                                cloud: FakeCloud) -> None:
    nova.create("a")
    nova.create("b", flavorRef="2")
    admin_nova.create("c")
    resp = admin_nova.get(f"/os-hosts/{HOST}")
    rows = [r["resource"] for r in resp.json()["host"]]
    demo, admin = cloud.project_id("demo"), cloud.project_id("admin")

    assert resp.status_code == 200
    assert all(r["host"] == HOST for r in rows)
    assert [(r["project"], r["cpu"], r["memory_mb"], r["disk_gb"]) for r in rows] == [
        ("(total)", 64, 262144, 2048),
        ("(used_now)", 3, 512 + 3072, 22),  # reserved_host_memory_mb is counted as used
        ("(used_max)", 3, 3072, 22),
        (demo, 2, 2560, 21),
        (admin, 1, 512, 1)]


def test_show_of_an_empty_host_matches_the_api_sample_shape(admin_nova: Nova) -> None:
    rows = admin_nova.get(f"/os-hosts/{HOST}").json()["host"]
    assert [r["resource"]["project"] for r in rows] == ["(total)", "(used_now)", "(used_max)"]
    assert rows[1]["resource"]["memory_mb"] == 512
    assert rows[2]["resource"]["memory_mb"] == 0
    assert set(rows[0]["resource"]) == {"host", "project", "cpu", "memory_mb", "disk_gb"}


@pytest.mark.parametrize(("method", "path"), [
    ("GET", "/os-hosts/nowhere"), ("PUT", "/os-hosts/nowhere"),
    ("GET", "/os-hosts/nowhere/startup"), ("GET", "/os-hosts/nowhere/shutdown"),
    ("GET", "/os-hosts/nowhere/reboot")])
def test_an_unknown_host_is_not_mapped_to_any_cell(admin_nova: Nova, method: str,
                                                   path: str) -> None:
    resp = admin_nova.call(method, path, json={"status": "enable"} if method == "PUT" else None)
    assert resp.status_code == 404
    assert resp.json() == _unmapped("nowhere")


@pytest.mark.parametrize("value", ["disable", "DISABLE", "Disable"])
def test_status_disable_answers_disabled_but_leaves_the_service_enabled(
        admin_nova: Nova, cloud: FakeCloud, value: str) -> None:
    resp = admin_nova.call("PUT", f"/os-hosts/{HOST}", json={"status": value})
    services = admin_nova.get("/os-services?binary=nova-compute").json()["services"]

    assert resp.status_code == 200
    assert resp.json() == {"host": HOST, "status": "disabled"}
    assert services[0]["status"] == "enabled"  # only a placement trait, resynced by Nova
    assert not cloud.compute.hosts[HOST].service.disabled


def test_status_enable_answers_enabled(admin_nova: Nova) -> None:
    resp = admin_nova.call("PUT", f"/os-hosts/{HOST}", json={"status": "enable"})
    assert (resp.status_code, resp.json()) == (200, {"host": HOST, "status": "enabled"})


@pytest.mark.parametrize("body", [{"maintenance_mode": "enable"},
                                  {"status": "enable", "maintenance_mode": "disable"}])
def test_maintenance_mode_is_not_implemented_by_libvirt(admin_nova: Nova,
                                                        body: dict[str, str]) -> None:
    resp = admin_nova.call("PUT", f"/os-hosts/{HOST}", json=body)
    assert (resp.status_code, resp.json()) == (501, NOT_SUPPORTED)


@pytest.mark.parametrize("action", ["startup", "shutdown", "reboot"])
def test_power_actions_are_not_implemented_by_libvirt(admin_nova: Nova, action: str) -> None:
    resp = admin_nova.get(f"/os-hosts/{HOST}/{action}")
    assert (resp.status_code, resp.json()) == (501, NOT_SUPPORTED)


@pytest.mark.parametrize(("body", "message"), [
    ({}, "{} is not valid under any of the given schemas"),
    ({"status": "on"}, "Invalid input for field/attribute status. Value: on. 'on' is not "
     "one of ['enable', 'disable', 'Enable', 'Disable', 'ENABLE', 'DISABLE']"),
    ({"status": "enable", "extra": 1}, "Additional properties are not allowed ('extra' was "
     "unexpected)"),
])
def test_update_schema_errors(admin_nova: Nova, body: dict[str, Any], message: str) -> None:
    resp = admin_nova.call("PUT", f"/os-hosts/{HOST}", json=body)
    assert resp.status_code == 400
    assert resp.json()["badRequest"]["message"] == message


def test_update_without_a_body_is_a_bad_request(admin_nova: Nova) -> None:
    resp = admin_nova.call("PUT", f"/os-hosts/{HOST}")
    assert resp.status_code == 400
    assert resp.json()["badRequest"]["message"] == "None is not of type 'object'"


@pytest.mark.parametrize(("method", "path", "rule"), [
    ("GET", "/os-hosts", "list"), ("GET", f"/os-hosts/{HOST}", "show"),
    ("PUT", f"/os-hosts/{HOST}", "update"), ("GET", f"/os-hosts/{HOST}/startup", "start"),
    ("GET", f"/os-hosts/{HOST}/shutdown", "shutdown"),
    ("GET", f"/os-hosts/{HOST}/reboot", "reboot")])
def test_members_are_refused_by_each_policy(nova: Nova, method: str, path: str,
                                            rule: str) -> None:
    resp = nova.call(method, path, json={"status": "disable"} if method == "PUT" else None)
    assert resp.status_code == 403
    assert resp.json() == {"forbidden": {"code": 403, "message":
                                         f"Policy doesn't allow os_compute_api:os-hosts:"
                                         f"{rule} to be performed."}}


def test_a_member_bad_body_is_refused_by_the_schema_first(nova: Nova) -> None:
    resp = nova.call("PUT", f"/os-hosts/{HOST}", json={"status": "off"})
    assert resp.status_code == 400


@pytest.mark.parametrize(("method", "path"), [
    ("GET", "/os-hosts"), ("GET", f"/os-hosts/{HOST}"), ("PUT", f"/os-hosts/{HOST}"),
    ("GET", f"/os-hosts/{HOST}/startup"), ("GET", f"/os-hosts/{HOST}/reboot")])
def test_every_route_is_gone_from_2_43(admin_nova: Nova, method: str, path: str) -> None:
    resp = admin_nova.call(method, path, version="2.43",
                           json={"status": "enable"} if method == "PUT" else None)
    assert resp.status_code == 404
    assert resp.json()["itemNotFound"]["code"] == 404
    assert admin_nova.call(method, path, version="2.42",
                           json={"status": "enable"} if method == "PUT" else None
                           ).status_code in (200, 501)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flavors=st.lists(st.sampled_from(["1", "2", "3"]), max_size=5),
       users=st.lists(st.sampled_from(["demo", "admin"]), min_size=5, max_size=5))
def test_used_max_is_the_sum_of_the_project_rows(admin_nova: Nova, cloud: FakeCloud,
                                                 flavors: list[str], users: list[str]) -> None:
    cloud.reset()
    tokens = {u: cloud.identity.issue_token(u, project=u) for u in ("demo", "admin")}
    for flavor, user in zip(flavors, users, strict=False):
        cloud.compute.create_server(cloud.project_id(user), name="s", flavor_id=flavor,
                                    networks="none")
    admin_nova.token = tokens["admin"]
    rows = [r["resource"] for r in admin_nova.get(f"/os-hosts/{HOST}").json()["host"]]
    used_now, used_max, projects = rows[1], rows[2], rows[3:]

    for key in ("cpu", "memory_mb", "disk_gb"):
        assert used_max[key] == sum(p[key] for p in projects)
    assert used_now["memory_mb"] == used_max["memory_mb"] + 512
    assert len({p["project"] for p in projects}) == len(projects)
