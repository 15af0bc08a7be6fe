"""Cold and live migration, evacuate and the migrations listings of the fake Nova, against
`nova/api/openstack/compute/migrate_server.py`, `evacuate.py`, `migrations.py`,
`server_migrations.py`, `nova/compute/api.py` (`resize`, `live_migrate`, `evacuate`) and
`doc/api_samples/os-migrations/`."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st

from stackdouble.fakes import FakeClock, FakeCloud

from .conftest import Nova

HOST_1, HOST_2 = "stackdouble-compute", "stackdouble-compute-2"


@pytest.fixture
def two_hosts(cloud: FakeCloud) -> FakeCloud:
    """The cloud with a second compute host."""
    cloud.compute.set_hosts(2)
    return cloud


def _host(admin_nova: Nova, server_id: str) -> str:
    return str(admin_nova.get(f"/servers/{server_id}").json()["server"]["OS-EXT-SRV-ATTR:host"])


def _status(admin_nova: Nova, server_id: str) -> str:
    return str(admin_nova.get(f"/servers/{server_id}").json()["server"]["status"])


def test_migrate_is_for_admins(nova: Nova, two_hosts: FakeCloud) -> None:
    server = nova.create()
    refused = nova.action(server, {"migrate": None})
    assert refused.status_code == 403
    assert refused.json()["forbidden"]["message"] == (
        "Policy doesn't allow os_compute_api:os-migrate-server:migrate to be performed.")
    assert two_hosts.compute.server_status(server) == "ACTIVE"


def test_cold_migration_waits_in_verify_resize_on_the_other_host(
        nova: Nova, admin_nova: Nova, two_hosts: FakeCloud) -> None:
    two_hosts.compute.set_action_time(10)
    server = nova.create()
    two_hosts.clock.advance(10)
    assert admin_nova.action(server, {"migrate": None}).status_code == 202
    assert _status(admin_nova, server) == "RESIZE"
    two_hosts.clock.advance(10)
    assert _status(admin_nova, server) == "VERIFY_RESIZE"
    assert _host(admin_nova, server) == HOST_2
    both = {h.name: h.used_ram for h in two_hosts.compute.hosts.values()}
    assert both == {HOST_1: 512, HOST_2: 512}  # held on both hosts until confirmed
    assert admin_nova.action(server, {"confirmResize": None}).status_code == 204
    assert {h.name: h.used_ram for h in two_hosts.compute.hosts.values()} == {
        HOST_1: 0, HOST_2: 512}


def test_revert_brings_a_migrated_server_back(admin_nova: Nova, nova: Nova,
                                              two_hosts: FakeCloud) -> None:
    server = nova.create()
    admin_nova.action(server, {"migrate": None})
    assert admin_nova.action(server, {"revertResize": None}).status_code == 202
    assert _status(admin_nova, server) == "ACTIVE"
    assert _host(admin_nova, server) == HOST_1
    assert {h.name: h.used_ram for h in two_hosts.compute.hosts.values()} == {
        HOST_1: 512, HOST_2: 0}
    listed = admin_nova.get("/os-migrations").json()["migrations"]
    assert [m["status"] for m in listed] == ["reverted"]


def test_migrate_with_one_host_accepts_then_fails(nova: Nova, admin_nova: Nova,
                                                  cloud: FakeCloud) -> None:
    server = nova.create()
    assert admin_nova.action(server, {"migrate": None}).status_code == 202
    assert _status(admin_nova, server) == "ACTIVE"
    [migration] = admin_nova.get("/os-migrations").json()["migrations"]
    assert migration["status"] == "error"
    actions = admin_nova.get(f"/servers/{server}/os-instance-actions").json()
    request_id = actions["instanceActions"][0]["request_id"]
    shown = admin_nova.get(f"/servers/{server}/os-instance-actions/{request_id}").json()
    assert shown["instanceAction"]["action"] == "migrate"
    assert shown["instanceAction"]["message"] == "Error"
    assert shown["instanceAction"]["events"][0]["event"] == "conductor_migrate_server"


def test_migrate_to_a_host_from_2_56(nova: Nova, admin_nova: Nova,
                                     two_hosts: FakeCloud) -> None:
    server = nova.create()
    same = admin_nova.action(server, {"migrate": {"host": HOST_1}}, version="2.56")
    assert same.status_code == 400
    assert same.json()["badRequest"]["message"] == (
        "Cannot migrate to the host where the server exists.")
    unknown = admin_nova.action(server, {"migrate": {"host": "nowhere"}}, version="2.56")
    assert unknown.json()["badRequest"]["message"] == "Compute host nowhere could not be found."
    old = admin_nova.action(server, {"migrate": {"host": HOST_2}}, version="2.55")
    assert old.status_code == 202  # the body is not read before 2.56


def test_migrate_refuses_other_states_and_a_down_host(nova: Nova, admin_nova: Nova,
                                                      two_hosts: FakeCloud) -> None:
    server = nova.create()
    nova.action(server, {"pause": None})
    paused = admin_nova.action(server, {"migrate": None})
    assert paused.status_code == 409
    assert paused.json()["conflictingRequest"]["message"] == (
        f"Cannot 'migrate' instance {server} while it is in vm_state paused")
    nova.action(server, {"unpause": None})
    two_hosts.compute.hosts[HOST_1].service.forced_down = True
    down = admin_nova.action(server, {"migrate": None})
    assert down.status_code == 409
    assert down.json()["conflictingRequest"]["message"] == "Service is unavailable at this time."


def test_live_migration_runs_then_completes(nova: Nova, admin_nova: Nova,
                                            two_hosts: FakeCloud) -> None:
    two_hosts.compute.set_action_time(30)
    server = nova.create()
    two_hosts.clock.advance(30)
    body = {"os-migrateLive": {"host": None, "block_migration": "auto"}}
    assert admin_nova.action(server, body, version="2.25").status_code == 202
    assert _status(admin_nova, server) == "MIGRATING"
    two_hosts.clock.advance(15)
    [running] = admin_nova.get(f"/servers/{server}/migrations",
                               version="2.80").json()["migrations"]
    assert running["status"] == "running"
    assert running["dest_compute"] == HOST_2
    assert running["memory_total_bytes"] == 512 * 1024 * 1024
    assert running["memory_processed_bytes"] == 256 * 1024 * 1024
    assert running["disk_total_bytes"] == 1024**3  # auto: an image-backed server's disk moves
    listed = admin_nova.get("/os-migrations", version="2.23").json()["migrations"]
    assert listed[0]["links"][0]["href"].endswith(f"/servers/{server}/migrations/{running['id']}")
    two_hosts.clock.advance(15)
    assert _status(admin_nova, server) == "ACTIVE"
    assert _host(admin_nova, server) == HOST_2
    assert admin_nova.get(f"/servers/{server}/migrations",
                          version="2.23").json() == {"migrations": []}
    gone = admin_nova.get(f"/servers/{server}/migrations/{running['id']}", version="2.23")
    assert gone.json()["itemNotFound"]["message"] == (
        f"Live migration {running['id']} for server {server} is not in progress.")


def test_live_migration_body_by_microversion(nova: Nova, admin_nova: Nova,
                                             two_hosts: FakeCloud) -> None:
    server = nova.create()
    old = admin_nova.action(server, {"os-migrateLive": {"host": None, "block_migration": False}})
    assert old.status_code == 400
    assert "'disk_over_commit' is a required property" in old.json()["badRequest"]["message"]
    auto = admin_nova.action(server, {"os-migrateLive": {
        "host": None, "block_migration": "auto", "disk_over_commit": False}}, version="2.24")
    assert auto.status_code == 400
    forced = admin_nova.action(server, {"os-migrateLive": {
        "host": None, "block_migration": "auto", "force": True}}, version="2.30")
    assert forced.json()["badRequest"]["message"] == "Can't force to a non-provided destination"
    gone = admin_nova.action(server, {"os-migrateLive": {
        "host": None, "block_migration": "auto", "force": True}}, version="2.68")
    assert gone.status_code == 400  # `force` left the schema in 2.68


def test_live_migration_failures_are_synchronous_until_2_34(nova: Nova, admin_nova: Nova,
                                                            cloud: FakeCloud) -> None:
    server = nova.create()
    body = {"os-migrateLive": {"host": None, "block_migration": "auto"}}
    sync = admin_nova.action(server, body, version="2.33")
    assert sync.status_code == 400
    assert sync.json()["badRequest"]["message"] == (
        "No valid host was found. There are not enough hosts available.")
    assert admin_nova.action(server, body, version="2.34").status_code == 202
    assert _status(admin_nova, server) == "ACTIVE"
    [failed] = admin_nova.get("/os-migrations", version="2.59").json()["migrations"]
    assert (failed["migration_type"], failed["status"]) == ("live-migration", "error")


def test_live_migration_to_its_own_host(nova: Nova, admin_nova: Nova,
                                        two_hosts: FakeCloud) -> None:
    server = nova.create()
    body = {"os-migrateLive": {"host": HOST_1, "block_migration": False,
                               "disk_over_commit": False}}
    refused = admin_nova.action(server, body)
    assert refused.json()["badRequest"]["message"] == (
        f"Unable to migrate instance ({server}) to current host ({HOST_1}).")


def test_abort_and_force_complete(nova: Nova, admin_nova: Nova, two_hosts: FakeCloud) -> None:
    two_hosts.compute.set_action_time(60)
    server = nova.create()
    two_hosts.clock.advance(60)
    body = {"os-migrateLive": {"host": None, "block_migration": "auto"}}
    admin_nova.action(server, body, version="2.25")
    [running] = admin_nova.get(f"/servers/{server}/migrations",
                               version="2.24").json()["migrations"]
    path = f"/servers/{server}/migrations/{running['id']}"
    assert admin_nova.call("DELETE", path, version="2.23").status_code == 404
    assert admin_nova.call("DELETE", path, version="2.24").status_code == 202
    assert _status(admin_nova, server) == "ACTIVE"
    assert _host(admin_nova, server) == HOST_1
    assert two_hosts.compute.hosts[HOST_2].used_ram == 0
    again = admin_nova.call("DELETE", path, version="2.24")
    assert again.status_code == 409  # no longer MIGRATING
    admin_nova.action(server, body, version="2.25")
    [second] = admin_nova.get(f"/servers/{server}/migrations",
                              version="2.24").json()["migrations"]
    done = admin_nova.post(f"/servers/{server}/migrations/{second['id']}/action",
                           {"force_complete": None}, version="2.22")
    assert done.status_code == 202
    assert _host(admin_nova, server) == HOST_2
    kinds = [(m["migration_type"], m["status"])
             for m in admin_nova.get("/os-migrations", version="2.59").json()["migrations"]]
    assert kinds == [("live-migration", "completed"), ("live-migration", "cancelled")]


def test_evacuate_needs_the_host_down(nova: Nova, admin_nova: Nova,
                                      two_hosts: FakeCloud) -> None:
    server = nova.create()
    up = admin_nova.action(server, {"evacuate": {}}, version="2.14")
    assert up.status_code == 400
    assert up.json()["badRequest"]["message"] == f"Compute service of {HOST_1} is still in use."
    two_hosts.compute.hosts[HOST_1].service.forced_down = True
    same = admin_nova.action(server, {"evacuate": {"host": HOST_1}}, version="2.14")
    assert same.json()["badRequest"]["message"] == "The target host can't be the same one."
    unknown = admin_nova.action(server, {"evacuate": {"host": "x"}}, version="2.14")
    assert unknown.json()["itemNotFound"]["message"] == "Compute host x not found."
    done = admin_nova.action(server, {"evacuate": {}}, version="2.14")
    assert (done.status_code, done.content) == (200, b"")
    assert _status(admin_nova, server) == "ACTIVE"
    assert _host(admin_nova, server) == HOST_2
    [evacuation] = admin_nova.get("/os-migrations", version="2.23").json()["migrations"]
    assert (evacuation["migration_type"], evacuation["status"]) == ("evacuation", "done")


def test_evacuate_before_2_14_gives_the_password(nova: Nova, admin_nova: Nova,
                                                 two_hosts: FakeCloud) -> None:
    server = nova.create()
    two_hosts.compute.hosts[HOST_1].service.forced_down = True
    missing = admin_nova.action(server, {"evacuate": {}})
    assert "'onSharedStorage' is a required property" in missing.json()["badRequest"]["message"]
    shared = admin_nova.action(server, {"evacuate": {"onSharedStorage": True,
                                                     "adminPass": "x"}})
    assert shared.json()["badRequest"]["message"] == (
        "admin password can't be changed on existing disk")
    done = admin_nova.action(server, {"evacuate": {"onSharedStorage": False,
                                                   "adminPass": "n3w-pass"}})
    assert done.json() == {"adminPass": "n3w-pass"}


def test_evacuate_with_no_host_left_is_an_error(nova: Nova, admin_nova: Nova,
                                                cloud: FakeCloud) -> None:
    server = nova.create()
    cloud.compute.hosts[HOST_1].service.forced_down = True
    assert admin_nova.action(server, {"evacuate": {}}, version="2.14").status_code == 200
    shown = admin_nova.get(f"/servers/{server}").json()["server"]
    assert shown["status"] == "ERROR"
    assert shown["fault"]["message"].startswith("No valid host was found.")


def test_evacuate_keeps_a_stopped_server_stopped_from_2_95(nova: Nova, admin_nova: Nova,
                                                           two_hosts: FakeCloud) -> None:
    server = nova.create()
    nova.action(server, {"os-stop": None})
    two_hosts.compute.hosts[HOST_1].service.forced_down = True
    admin_nova.action(server, {"evacuate": {}}, version="2.95")
    assert _status(admin_nova, server) == "SHUTOFF"


def test_migration_fields_by_microversion(nova: Nova, admin_nova: Nova,
                                          two_hosts: FakeCloud) -> None:
    server = nova.create()
    admin_nova.action(server, {"migrate": None})
    [v21] = admin_nova.get("/os-migrations").json()["migrations"]
    assert set(v21) == {"created_at", "dest_compute", "dest_host", "dest_node", "id",
                        "instance_uuid", "new_instance_type_id", "old_instance_type_id",
                        "source_compute", "source_node", "status", "updated_at"}
    [v280] = admin_nova.get("/os-migrations", version="2.80").json()["migrations"]
    assert set(v280) - set(v21) == {"migration_type", "uuid", "user_id", "project_id"}
    assert v280["project_id"] == two_hosts.project_id("demo")
    assert v280["user_id"] == two_hosts.user_id("admin")
    assert (v280["dest_host"], v280["old_instance_type_id"]) == ("192.168.122.11", 1)


def test_resize_leaves_a_resize_migration(nova: Nova, admin_nova: Nova) -> None:
    server = nova.create()
    nova.action(server, {"resize": {"flavorRef": "2"}})
    nova.action(server, {"confirmResize": None})
    [resize] = admin_nova.get("/os-migrations", version="2.23").json()["migrations"]
    assert (resize["migration_type"], resize["status"]) == ("resize", "confirmed")
    assert (resize["old_instance_type_id"], resize["new_instance_type_id"]) == (1, 2)


def test_migrations_paging_and_filters(nova: Nova, admin_nova: Nova, two_hosts: FakeCloud
                                       ) -> None:
    servers = [nova.create(f"s{i}") for i in range(3)]
    for server in servers:
        two_hosts.clock.advance(1)
        admin_nova.action(server, {"migrate": None})
    first = admin_nova.get("/os-migrations?limit=2", version="2.59").json()
    assert [m["instance_uuid"] for m in first["migrations"]] == servers[:0:-1]
    next_href = first["migrations_links"][0]["href"]
    assert f"marker={first['migrations'][-1]['uuid']}" in next_href
    rest = admin_nova.http.get(next_href, headers=admin_nova.headers("2.59")).json()
    assert [m["instance_uuid"] for m in rest["migrations"]] == servers[:1]
    assert "migrations_links" not in rest
    bad = admin_nova.get("/os-migrations?marker=nope", version="2.59")
    assert bad.json()["badRequest"]["message"] == "Marker nope could not be found."
    extra = admin_nova.get("/os-migrations?user_id=x", version="2.79")
    assert extra.json()["badRequest"]["message"] == (
        "Additional properties are not allowed ('user_id' was unexpected)")
    assert admin_nova.get("/os-migrations?user_id=x").status_code == 200  # ignored at 2.1
    mine = admin_nova.get(f"/os-migrations?instance_uuid={servers[1]}&host={HOST_2}",
                          version="2.80").json()["migrations"]
    assert [m["instance_uuid"] for m in mine] == [servers[1]]
    by_user = admin_nova.get(f"/os-migrations?user_id={two_hosts.user_id('demo')}",
                             version="2.80").json()["migrations"]
    assert by_user == []


def test_migrations_listing_is_for_admins(nova: Nova) -> None:
    refused = nova.get("/os-migrations")
    assert refused.json()["forbidden"]["message"] == (
        "Policy doesn't allow os_compute_api:os-migrations:index to be performed.")
    server = nova.create()
    assert nova.get(f"/servers/{server}/migrations", version="2.23").status_code == 403
    assert nova.get(f"/servers/{server}/migrations", version="2.22").status_code == 404


def test_deleting_a_migrated_server_frees_both_hosts(nova: Nova, admin_nova: Nova,
                                                     two_hosts: FakeCloud) -> None:
    server = nova.create()
    admin_nova.action(server, {"migrate": None})
    assert nova.call("DELETE", f"/servers/{server}").status_code == 204
    assert all(h.used_ram == 0 and not h.servers for h in two_hosts.compute.hosts.values())


@settings(max_examples=15, deadline=None)
@given(count=st.integers(0, 6), limit=st.integers(1, 7))
def test_paging_visits_every_migration_once_newest_first(count: int, limit: int) -> None:
    clock = FakeClock(start=datetime(2026, 3, 1, tzinfo=timezone.utc), ticking=False)
    with FakeCloud(seed=5, clock=clock) as cloud, requests.Session() as http:
        cloud.compute.set_hosts(2)
        nova, admin = Nova(cloud, http), Nova(cloud, http, user="admin")
        made = []
        for index in range(count):
            server = nova.create(f"s{index}")
            clock.advance(1)
            admin.action(server, {"migrate": None})
            made.append(server)
        seen: list[str] = []
        url: str | None = f"{admin.url}/os-migrations?limit={limit}"
        while url is not None:
            page = admin.http.get(url, headers=admin.headers("2.59")).json()
            seen += [m["instance_uuid"] for m in page["migrations"]]
            links = page.get("migrations_links") or []
            url = links[0]["href"] if links else None
        assert seen == made[::-1]
