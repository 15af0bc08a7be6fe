"""The volumes package's other actions: change_type, set_readonly, initialize_connection,
terminate_connection, reset_status, force_detach, migrate, complete_migration,
complete_extend, unmanage and revert_to_snapshot, through the fake (builders that cannot
be sent are the Result's error, never a raise; Cinder's answers are the Result's)."""

from __future__ import annotations

import pytest

from stackdouble.client import (
    BadRequest,
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    OverLimit,
    ServiceClient,
)
from stackdouble.client.openstack.blockstorage.v3 import snapshots, volumes
from stackdouble.fakes import FakeCloud


def _volume(client: ServiceClient, cloud: FakeCloud, size: int = 1) -> volumes.Volume:
    made = volumes.create(client, volumes.CreateOpts(size=size)).extract()
    return volumes.wait_for_status(client, made.id, "available", timeout=60,
                                   sleep=cloud.clock.advance, clock=cloud.clock.time)


def _posts(cloud: FakeCloud) -> int:
    return len([r for r in cloud.requests.filter(method="POST") if r.path.endswith("/action")])


@pytest.mark.parametrize(("call", "field"), [
    (lambda c: volumes.change_type(c, "v", volumes.ChangeTypeOpts(new_type="")), "new_type"),
    (lambda c: volumes.change_type(c, "v", volumes.ChangeTypeOpts(
        new_type="gold", migration_policy="sometimes")), "migration_policy"),
    (lambda c: volumes.reset_status(c, "v", volumes.ResetStatusOpts()), "status"),
    (lambda c: volumes.migrate(c, "v", volumes.MigrateOpts()), "host"),
    (lambda c: volumes.migrate(c, "v", volumes.MigrateOpts(host="h", cluster="c")), "host"),
    (lambda c: volumes.revert_to_snapshot(c, "v", volumes.RevertOpts(snapshot_id="")),
     "snapshot_id"),
])
def test_options_that_cannot_be_sent_are_the_results_error(block_storage: ServiceClient,
                                                            cloud: FakeCloud, call: object,
                                                            field: str) -> None:
    result = call(block_storage)  # type: ignore[operator]
    assert isinstance(result.err, InvalidInput)
    assert result.err.field == field
    assert _posts(cloud) == 0


def test_change_type_moves_the_volume_and_its_quota(block_storage: ServiceClient,
                                                    cloud: FakeCloud) -> None:
    cloud.block_storage.add_volume_type("gold")
    volume = _volume(block_storage, cloud, size=2)
    volumes.change_type(block_storage, volume.id, volumes.ChangeTypeOpts(
        new_type="gold", migration_policy=volumes.MIGRATION_POLICY_NEVER)).extract_err()
    assert volumes.get(block_storage, volume.id).extract().volume_type == "gold"
    usage = cloud.block_storage.quota_usage(cloud.project_id("demo"))
    assert (usage["volumes_gold"], usage["gigabytes_gold"], usage["volumes___DEFAULT__"]) == (
        1, 2, 0)
    same = volumes.change_type(block_storage, volume.id, volumes.ChangeTypeOpts(
        new_type="gold"))
    assert isinstance(same.err, BadRequest)
    unknown = volumes.change_type(block_storage, volume.id, volumes.ChangeTypeOpts(
        new_type="platinum"))
    assert isinstance(unknown.err, NotFound)


def test_change_type_over_the_type_quota_is_413(block_storage: ServiceClient,
                                                cloud: FakeCloud) -> None:
    cloud.block_storage.add_volume_type("gold")
    cloud.block_storage.update_quota(cloud.project_id("demo"), {"gigabytes_gold": 0})
    volume = _volume(block_storage, cloud)
    result = volumes.change_type(block_storage, volume.id,
                                 volumes.ChangeTypeOpts(new_type="gold"))
    assert isinstance(result.err, OverLimit)


def test_readonly_and_connections(block_storage: ServiceClient,
                                  admin_block_storage: ServiceClient,
                                  cloud: FakeCloud) -> None:
    volume = _volume(block_storage, cloud)
    volumes.set_readonly(block_storage, volume.id,
                         volumes.ReadOnlyOpts(readonly=True)).extract_err()
    assert volumes.get(block_storage, volume.id).extract().metadata == {"readonly": "True"}
    opts = volumes.InitializeConnectionOpts(host="n1", initiator="iqn.x", wwpns=("a", "b"),
                                            multipath=False,
                                            extra={"enforce_multipath": True})
    assert opts.to_volume_initialize_connection_map() == {"os-initialize_connection": {
        "connector": {"host": "n1", "initiator": "iqn.x", "wwpns": ["a", "b"],
                      "multipath": False, "enforce_multipath": True}}}
    info = volumes.initialize_connection(admin_block_storage, volume.id, opts).extract()
    assert (info["data"]["access_mode"], info["enforce_multipath"]) == ("ro", True)
    member = volumes.initialize_connection(block_storage, volume.id, opts).extract()
    assert member["data"]["access_mode"] == "rw"
    volumes.reserve(block_storage, volume.id).extract_err()
    volumes.terminate_connection(block_storage, volume.id,
                                 volumes.TerminateConnectionOpts(host="n1")).extract_err()
    assert volumes.get(block_storage, volume.id).extract().status == "available"
    missing = volumes.initialize_connection(block_storage, "nope",
                                            volumes.InitializeConnectionOpts(host="n1"))
    with pytest.raises(NotFound):
        missing.extract()


def test_admin_actions(block_storage: ServiceClient, admin_block_storage: ServiceClient,
                       cloud: FakeCloud) -> None:
    volume = _volume(block_storage, cloud)
    volumes.attach(block_storage, volume.id, volumes.AttachOpts(
        mountpoint="/mnt", host_name="h1")).extract_err()
    denied = volumes.force_detach(block_storage, volume.id)
    assert isinstance(denied.err, Forbidden)
    volumes.force_detach(admin_block_storage, volume.id).extract_err()
    assert volumes.get(block_storage, volume.id).extract().status == "available"
    host = str(volumes.get(admin_block_storage, volume.id).extract().host)
    same = volumes.migrate(admin_block_storage, volume.id, volumes.MigrateOpts(host=host))
    assert isinstance(same.err, BadRequest)
    volumes.migrate(admin_block_storage, volume.id, volumes.MigrateOpts(
        host=host.split("#")[0], force_host_copy=False)).extract_err()
    assert volumes.get(admin_block_storage, volume.id).extract().migstat == "error"
    volumes.reset_status(admin_block_storage, volume.id, volumes.ResetStatusOpts(
        migration_status="none")).extract_err()
    assert volumes.get(admin_block_storage, volume.id).extract().migration_status is None
    other = _volume(block_storage, cloud)
    kept = volumes.complete_migration(admin_block_storage, volume.id,
                                      volumes.MigrationCompletionOpts(new_volume=other.id))
    assert kept.extract() == other.id
    not_extending = volumes.complete_extend(admin_block_storage, volume.id)
    assert isinstance(not_extending.err, BadRequest)
    volumes.unmanage(admin_block_storage, other.id).extract_err()
    volumes.wait_for_delete(block_storage, other.id, timeout=60, sleep=cloud.clock.advance,
                            clock=cloud.clock.time)
    unknown_attachment = volumes.force_detach(admin_block_storage, volume.id,
                                                 volumes.ForceDetachOpts(attachment_id="x"))
    assert isinstance(unknown_attachment.err, Conflict)


def test_revert_to_the_latest_snapshot(block_storage: ServiceClient, cloud: FakeCloud) -> None:
    volume = _volume(block_storage, cloud)
    snap = snapshots.create(block_storage, snapshots.CreateOpts(volume_id=volume.id)).extract()
    opts = volumes.RevertOpts(snapshot_id=snap.id)
    old = volumes.revert_to_snapshot(block_storage, volume.id, opts)
    assert isinstance(old.err, NotFound)
    v340 = block_storage.with_microversion("3.40")
    volumes.revert_to_snapshot(v340, volume.id, opts).extract_err()
    assert volumes.get(block_storage, volume.id).extract().status == "available"
    wrong = volumes.revert_to_snapshot(v340, volume.id, volumes.RevertOpts(snapshot_id="x"))
    assert isinstance(wrong.err, BadRequest)
