"""The snapshots package against the fake Cinder."""

from __future__ import annotations

import pytest

from stackdouble.client import BadRequest, InvalidInput, NotFound, ServiceClient
from stackdouble.client.openstack.blockstorage.v3 import snapshots, volumes
from stackdouble.fakes import FakeCloud


@pytest.fixture
def volume_id(block_storage: ServiceClient) -> str:
    """An available 2 GiB volume."""
    return volumes.create(block_storage, volumes.CreateOpts(size=2)).extract().id


def test_create_get_update_list_delete(cloud: FakeCloud, block_storage: ServiceClient,
                                       volume_id: str) -> None:
    snap = snapshots.create(block_storage, snapshots.CreateOpts(
        volume_id=volume_id, name="n", description="d", metadata={"k": "v"})).extract()
    assert (snap.status, snap.size, snap.volume_id) == ("creating", 2, volume_id)
    shown = snapshots.get(block_storage, snap.id).extract()
    assert (shown.status, shown.progress, shown.metadata) == ("available", "100%", {"k": "v"})
    assert shown.project_id == cloud.project_id("demo")
    renamed = snapshots.update(block_storage, snap.id,
                               snapshots.UpdateOpts(name="weekly")).extract()
    assert (renamed.name, renamed.description) == ("weekly", "d")
    listed = list(snapshots.list(block_storage, snapshots.ListOpts(volume_id=volume_id)).items())
    assert [s.id for s in listed] == [snap.id]
    assert [s.name for s in snapshots.list_simple(block_storage).items()] == ["weekly"]
    snapshots.delete(block_storage, snap.id).extract_err()
    snapshots.wait_for_delete(block_storage, snap.id, timeout=10, sleep=cloud.clock.advance,
                              clock=cloud.clock.time)
    assert isinstance(snapshots.get(block_storage, snap.id).err, NotFound)


def test_user_id_shows_from_3_41(block_storage: ServiceClient, cloud: FakeCloud,
                                 volume_id: str) -> None:
    snap = snapshots.create(block_storage, snapshots.CreateOpts(volume_id=volume_id)).extract()
    assert snapshots.get(block_storage, snap.id).extract().user_id is None
    newer = snapshots.get(block_storage.with_microversion("3.41"), snap.id).extract()
    assert newer.user_id == cloud.user_id("demo")


def test_options_that_cannot_be_sent(block_storage: ServiceClient) -> None:
    assert isinstance(snapshots.create(block_storage, snapshots.CreateOpts(volume_id="")).err,
                      InvalidInput)
    assert isinstance(snapshots.update(block_storage, "x", snapshots.UpdateOpts()).err,
                      InvalidInput)


def test_a_snapshot_of_an_unknown_volume_is_not_found(block_storage: ServiceClient) -> None:
    err = snapshots.create(block_storage, snapshots.CreateOpts(
        volume_id="0b2a2a59-9a71-4a4e-9d8f-2f6c0d1c8f11")).err
    assert isinstance(err, NotFound)
    assert err.fault == "Volume 0b2a2a59-9a71-4a4e-9d8f-2f6c0d1c8f11 could not be found."


def test_an_errored_volume_cannot_be_snapshotted(cloud: FakeCloud, block_storage: ServiceClient,
                                                 volume_id: str) -> None:
    cloud.block_storage.force_error(volume_id)
    err = snapshots.create(block_storage, snapshots.CreateOpts(volume_id=volume_id)).err
    assert isinstance(err, BadRequest)
    assert err.fault == ("Invalid volume: The snapshot cannot be created when the volume is in "
                         "error status.")
