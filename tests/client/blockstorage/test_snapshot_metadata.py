"""The snapshots package's metadata calls against the fake Cinder."""

from __future__ import annotations

import pytest

from stackdouble.client import BadRequest, NotFound, ServiceClient
from stackdouble.client.openstack.blockstorage.v3 import snapshots, volumes


@pytest.fixture
def snap_id(block_storage: ServiceClient) -> str:
    """A snapshot of a new volume, with `{"k": "v"}` as its metadata."""
    volume_id = volumes.create(block_storage, volumes.CreateOpts(size=1)).extract().id
    return snapshots.create(block_storage, snapshots.CreateOpts(
        volume_id=volume_id, metadata={"k": "v"})).extract().id


def test_merge_set_read_delete_and_replace(block_storage: ServiceClient, snap_id: str) -> None:
    assert snapshots.metadata(block_storage, snap_id).extract() == {"k": "v"}
    assert snapshots.update_metadata(block_storage, snap_id, {"a": "1"}).extract() == {
        "k": "v", "a": "1"}
    assert snapshots.create_metadatum(block_storage, snap_id, "b c", "2").extract() == {
        "b c": "2"}
    assert snapshots.metadatum(block_storage, snap_id, "b c").extract() == {"b c": "2"}
    snapshots.delete_metadatum(block_storage, snap_id, "k").extract_err()
    assert snapshots.get(block_storage, snap_id).extract().metadata == {"a": "1", "b c": "2"}
    assert snapshots.reset_metadata(block_storage, snap_id, {}).extract() == {}


def test_errors(block_storage: ServiceClient, snap_id: str) -> None:
    assert isinstance(snapshots.metadatum(block_storage, snap_id, "nope").err, NotFound)
    assert isinstance(snapshots.delete_metadatum(block_storage, snap_id, "nope").err, NotFound)
    assert isinstance(snapshots.metadata(block_storage, "missing").err, NotFound)
    refused = snapshots.update_metadata(block_storage, snap_id, {"bad/key": "1"})
    assert isinstance(refused.err, BadRequest)
    assert snapshots.metadata(block_storage, snap_id).extract() == {"k": "v"}
