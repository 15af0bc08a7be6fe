"""The backups package against the fake Cinder."""

from __future__ import annotations

import pytest

from stackdouble.client import BadRequest, Forbidden, InvalidInput, NotFound, ServiceClient
from stackdouble.client._wait import StatusError
from stackdouble.client.openstack.blockstorage.v3 import backups, volumes
from stackdouble.fakes import FakeCloud


@pytest.fixture
def volume_id(block_storage: ServiceClient) -> str:
    """An available 1 GiB volume of demo's."""
    return volumes.create(block_storage, volumes.CreateOpts(size=1, name="data")).extract().id


def _wait(client: ServiceClient, cloud: FakeCloud, backup_id: str,
          status: str = "available") -> backups.Backup:
    return backups.wait_for_status(client, backup_id, status, timeout=600,
                                   sleep=cloud.clock.advance, clock=cloud.clock.time)


def test_create_then_wait_gives_the_detailed_backup(block_storage: ServiceClient,
                                                    cloud: FakeCloud, volume_id: str) -> None:
    cloud.block_storage.set_backup_time(45)
    made = backups.create(block_storage, backups.CreateOpts(
        volume_id=volume_id, name="nightly", description="every night")).extract()
    assert (made.name, made.status) == ("nightly", "")  # the summary only
    assert volumes.get(block_storage, volume_id).extract().status == "backing-up"
    backup = _wait(block_storage, cloud, made.id)
    assert (backup.description, backup.size, backup.volume_id) == ("every night", 1, volume_id)
    assert backup.container == f"{made.id[:2]}/{made.id[2:4]}/{made.id}"
    assert backup.data_timestamp == backup.created_at


def test_incremental_backups_and_their_parent(block_storage: ServiceClient, cloud: FakeCloud,
                                              volume_id: str) -> None:
    first = backups.create(block_storage, backups.CreateOpts(
        volume_id=volume_id, incremental=True))
    assert isinstance(first.err, BadRequest)
    full = backups.create(block_storage, backups.CreateOpts(volume_id=volume_id)).extract()
    delta = backups.create(block_storage, backups.CreateOpts(
        volume_id=volume_id, incremental=True)).extract()
    assert backups.get(block_storage, delta.id).extract().is_incremental
    assert backups.get(block_storage, full.id).extract().has_dependent_backups
    assert isinstance(backups.delete(block_storage, full.id).err, BadRequest)


def test_list_pages_with_filters(block_storage: ServiceClient, cloud: FakeCloud,
                                 volume_id: str) -> None:
    ids = []
    for n in range(3):
        ids.append(backups.create(block_storage, backups.CreateOpts(
            volume_id=volume_id, name=f"b{n}")).extract().id)
        cloud.clock.advance(1)
    assert [b.id for b in backups.list(block_storage, backups.ListOpts(limit=2)).items()] \
        == ids[::-1]
    named = backups.list_simple(block_storage, backups.ListOpts(name="b1")).items()
    assert [b.name for b in named] == ["b1"]


def test_restore_to_a_new_volume(block_storage: ServiceClient, cloud: FakeCloud,
                                 volume_id: str) -> None:
    made = backups.create(block_storage, backups.CreateOpts(volume_id=volume_id)).extract()
    restored = backups.restore(block_storage, made.id,
                               backups.RestoreOpts(name="copy")).extract()
    assert restored.volume_name == "copy"
    assert volumes.get(block_storage, restored.volume_id).extract().name == "copy"


def test_update_needs_microversion_3_9(block_storage: ServiceClient, volume_id: str) -> None:
    made = backups.create(block_storage, backups.CreateOpts(volume_id=volume_id)).extract()
    opts = backups.UpdateOpts(name="renamed")
    assert isinstance(backups.update(block_storage, made.id, opts).err, NotFound)
    newer = block_storage.with_microversion("3.9")
    assert backups.update(newer, made.id, opts).extract().name == "renamed"


def test_an_admin_reset_to_error_stops_the_wait(block_storage: ServiceClient,
                                                admin_block_storage: ServiceClient,
                                                cloud: FakeCloud, volume_id: str) -> None:
    cloud.block_storage.set_backup_time(60)
    made = backups.create(block_storage, backups.CreateOpts(volume_id=volume_id)).extract()
    assert isinstance(backups.reset_status(block_storage, made.id, backups.ResetStatusOpts(
        status="error")).err, Forbidden)
    backups.reset_status(admin_block_storage, made.id,
                         backups.ResetStatusOpts(status="error")).extract_err()
    with pytest.raises(StatusError):
        _wait(block_storage, cloud, made.id)
    backups.force_delete(admin_block_storage, made.id).extract_err()
    backups.wait_for_delete(block_storage, made.id, timeout=600, sleep=cloud.clock.advance,
                            clock=cloud.clock.time)


def test_bad_options_fail_before_the_request(block_storage: ServiceClient,
                                             cloud: FakeCloud) -> None:
    before = len(cloud.requests)
    assert isinstance(backups.create(block_storage, backups.CreateOpts(volume_id="")).err,
                      InvalidInput)
    pager = backups.list(block_storage, backups.ListOpts(limit=-1))
    with pytest.raises(InvalidInput):
        list(pager.items())
    assert len(cloud.requests) == before
