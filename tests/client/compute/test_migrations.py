"""migrations, and the migrate and evacuate extensions, through the client against the
fake Nova's two hosts; the bodies as gophercloud sends them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone

import pytest
import responses

from stackdouble.client import BadRequest, Conflict, Forbidden, InvalidInput, ServiceClient
from stackdouble.client.openstack.compute.v2 import migrations, servers
from stackdouble.client.openstack.compute.v2.extensions import evacuate, migrate
from stackdouble.fakes import FakeClock, FakeCloud
from tests.client.compute.novaadmin import admin_compute, member_compute
from tests.client.compute.support import BASE, new_server, sent_json

HOST_1, HOST_2 = "stackdouble-compute", "stackdouble-compute-2"


@pytest.fixture
def cloud() -> Iterator[FakeCloud]:
    """A seeded cloud of two hosts with a frozen clock, answering in-process."""
    clock = FakeClock(start=datetime(2026, 3, 1, tzinfo=timezone.utc), ticking=False)
    with FakeCloud(seed=22, clock=clock) as fake:
        fake.compute.set_hosts(2)
        yield fake


def _server(cloud: FakeCloud) -> str:
    return new_server(member_compute(cloud))


def test_migrate_then_confirm(cloud: FakeCloud) -> None:
    admin = admin_compute(cloud, "2.80")
    server_id = _server(cloud)
    migrate.migrate(admin, server_id).extract_err()
    moved = servers.get(admin, server_id).extract()
    assert (moved.status, moved.host) == ("VERIFY_RESIZE", HOST_2)
    servers.confirm_resize(admin, server_id).extract_err()
    [done] = migrations.list(admin).items()
    assert (done.migration_type, done.status, done.instance_id) == (
        "migration", "confirmed", server_id)
    assert (done.source_compute, done.dest_compute) == (HOST_1, HOST_2)
    assert done.created_at is not None
    assert done.uuid


def test_members_may_not_migrate(cloud: FakeCloud) -> None:
    server_id = _server(cloud)
    with pytest.raises(Forbidden, match="os-migrate-server:migrate"):
        migrate.migrate(member_compute(cloud), server_id).extract_err()


def test_migrate_to_a_host_and_refusals(cloud: FakeCloud) -> None:
    admin = admin_compute(cloud, "2.56")
    server_id = _server(cloud)
    with pytest.raises(BadRequest, match=r"Cannot migrate to the host where the server exists\."):
        migrate.migrate(admin, server_id, migrate.MigrateOpts(host=HOST_1)).extract_err()
    migrate.migrate(admin, server_id, migrate.MigrateOpts(host=HOST_2)).extract_err()
    with pytest.raises(Conflict, match="vm_state resized"):
        migrate.migrate(admin, server_id).extract_err()


def test_live_migration_in_progress(cloud: FakeCloud) -> None:
    cloud.compute.set_action_time(100)
    admin = admin_compute(cloud, "2.80")
    server_id = _server(cloud)
    cloud.clock.advance(100)
    migrate.live_migrate(admin, server_id, migrate.LiveMigrateOpts(host=HOST_2)).extract_err()
    cloud.clock.advance(25)
    [moving] = migrations.list_server_migrations(admin, server_id).items()
    assert (moving.status, moving.dest_compute, moving.server_id) == ("running", HOST_2,
                                                                       server_id)
    assert moving.memory_processed_bytes == moving.memory_total_bytes // 4
    shown = migrations.get_server_migration(admin, server_id, moving.id).extract()
    assert shown.id == moving.id
    migrations.abort(admin, server_id, moving.id).extract_err()
    assert servers.get(admin, server_id).extract().host == HOST_1
    assert [m.status for m in migrations.list(admin).items()] == ["cancelled"]


def test_live_migrate_before_2_25_needs_disk_over_commit(cloud: FakeCloud) -> None:
    admin = admin_compute(cloud, "2.24")
    server_id = _server(cloud)
    opts = migrate.LiveMigrateOpts(block_migration=False, disk_over_commit=False)
    migrate.live_migrate(admin, server_id, opts).extract_err()
    assert servers.get(admin, server_id).extract().host == HOST_2
    with pytest.raises(InvalidInput):
        migrate.live_migrate(admin, server_id, migrate.LiveMigrateOpts(force=True)).extract_err()


def test_evacuate_off_a_down_host(cloud: FakeCloud) -> None:
    admin = admin_compute(cloud, "2.14")
    server_id = _server(cloud)
    with pytest.raises(BadRequest, match="is still in use"):
        evacuate.evacuate(admin, server_id).extract_admin_pass()
    cloud.compute.hosts[HOST_1].service.forced_down = True
    assert evacuate.evacuate(admin, server_id).extract_admin_pass() == ""
    assert servers.get(admin, server_id).extract().host == HOST_2


def test_migration_list_options(cloud: FakeCloud) -> None:
    admin = admin_compute(cloud, "2.80")
    first, second = _server(cloud), _server(cloud)
    for server_id in (first, second):
        cloud.clock.advance(1)
        migrate.migrate(admin, server_id).extract_err()
    pages = [[m.instance_id for m in page.items()]
             for page in migrations.list(admin, migrations.ListOpts(limit=1)).pages()]
    assert pages == [[second], [first]]
    mine = migrations.list(admin, migrations.ListOpts(instance_id=first)).items()
    assert [m.instance_id for m in mine] == [first]
    since = migrations.ListOpts(changes_since=datetime(2027, 1, 1, tzinfo=timezone.utc))
    assert [*migrations.list(admin, since).items()] == []


def test_list_query_names(mock: responses.RequestsMock, compute: ServiceClient) -> None:
    mock.get(f"{BASE}os-migrations", json={"migrations": []})
    opts = migrations.ListOpts(instance_id="i", migration_type="live-migration",
                               changes_since=datetime(2026, 3, 1, tzinfo=timezone.utc))
    [*migrations.list(compute, opts).items()]
    assert str(mock.calls[0].request.url).endswith(
        "?instance_uuid=i&migration_type=live-migration"
        "&changes-since=2026-03-01T00%3A00%3A00%2B00%3A00")


def test_bodies_as_gophercloud_sends_them(mock: responses.RequestsMock,
                                          compute: ServiceClient) -> None:
    url = f"{BASE}servers/s1/action"
    mock.post(url, status=202)
    mock.post(url, status=202)
    mock.post(url, json={"adminPass": "x"})
    migrate.migrate(compute, "s1").extract_err()
    migrate.live_migrate(compute, "s1", migrate.LiveMigrateOpts(host="h", block_migration=True,
                                                                disk_over_commit=False)
                         ).extract_err()
    opts = evacuate.EvacuateOpts(host="h", on_shared_storage=False, admin_pass="x")
    assert evacuate.evacuate(compute, "s1", opts).extract_admin_pass() == "x"
    assert [sent_json(c) for c in mock.calls] == [
        {"migrate": None},
        {"os-migrateLive": {"host": "h", "block_migration": True, "disk_over_commit": False}},
        {"evacuate": {"host": "h", "onSharedStorage": False, "adminPass": "x"}},
    ]
    assert "x" not in repr(opts)
