"""Cinder's snapshot metadata (`/snapshots/{id}/metadata[/{key}]`): merge, replace, one
item, delete, and the refusals (`cinder/api/v3/snapshot_metadata.py` and its schema,
`cinder/api/schemas/snapshot_metadata.py`); and `/volumes/summary` (3.12, its
`metadata` from 3.36), counted as a difference so other volumes of the project do not
matter.

Waits go through `openstack_clock`, so the fake moves its clock and replay does not sleep.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from stackdouble.client import NotFound, ServiceClient
from stackdouble.client.openstack.blockstorage.v3 import snapshots, volumes
from stackdouble.pytest_plugin import ModeClock
from tests.contract.conftest import call
from tests.contract.test_block_storage import Volumes

MISSING = "00000000-0000-0000-0000-000000000000"


@pytest.fixture
def block_storage(openstack_block_storage: ServiceClient) -> ServiceClient:
    """The Cinder client of the mode's cloud (demo user)."""
    return openstack_block_storage


@pytest.fixture
def made(block_storage: ServiceClient, openstack_clock: ModeClock,
         request: pytest.FixtureRequest) -> Iterator[Volumes]:
    """Volumes and snapshots named `contract-<test>-...`, deleted afterwards."""
    prefix = f"contract-{request.node.originalname.removeprefix('test_')}"[:200]
    tracker = Volumes(block_storage, openstack_clock, prefix)
    yield tracker
    tracker.cleanup()


def _url(client: ServiceClient, snapshot_id: str, *rest: str) -> str:
    return "/".join([client.endpoint.rstrip("/"), "snapshots", snapshot_id, "metadata", *rest])


def test_snapshot_metadata_merge_replace_item_and_delete(block_storage: ServiceClient,
                                                         made: Volumes) -> None:
    volume = made.create()
    snap = made.snapshot(volume.id, "-snap")
    assert snapshots.metadata(block_storage, snap.id).extract() == {}
    assert snapshots.update_metadata(block_storage, snap.id, {"a": "1"}).extract() == {
        "a": "1"}
    assert snapshots.update_metadata(block_storage, snap.id, {"b": "2"}).extract() == {
        "a": "1", "b": "2"}
    assert snapshots.create_metadatum(block_storage, snap.id, "c", "3").extract() == {
        "c": "3"}
    assert snapshots.metadatum(block_storage, snap.id, "c").extract() == {"c": "3"}
    assert snapshots.get(block_storage, snap.id).extract().metadata == {
        "a": "1", "b": "2", "c": "3"}
    assert snapshots.reset_metadata(block_storage, snap.id, {"d": "4"}).extract() == {
        "d": "4"}
    deleted = call(block_storage, "DELETE", _url(block_storage, snap.id, "d"))
    assert (deleted.status_code, deleted.content) == (200, b"")
    assert snapshots.metadata(block_storage, snap.id).extract() == {}


def test_snapshot_metadata_not_found(block_storage: ServiceClient, made: Volumes) -> None:
    volume = made.create()
    snap = made.snapshot(volume.id, "-snap")
    with pytest.raises(NotFound):
        snapshots.metadatum(block_storage, snap.id, "nope").extract()
    missing_key = call(block_storage, "GET", _url(block_storage, snap.id, "nope"))
    assert missing_key.status_code == 404
    assert missing_key.json() == {"itemNotFound": {
        "code": 404,
        "message": f"Snapshot {snap.id} has no metadata with key nope."}}
    delete_missing = call(block_storage, "DELETE", _url(block_storage, snap.id, "nope"))
    assert delete_missing.json() == missing_key.json()
    no_snapshot = call(block_storage, "GET", _url(block_storage, MISSING))
    assert no_snapshot.status_code == 404
    assert no_snapshot.json() == {"itemNotFound": {
        "code": 404, "message": f"Snapshot {MISSING} could not be found."}}
    no_snapshot_set = call(block_storage, "POST", _url(block_storage, MISSING),
                           json={"metadata": {"a": "1"}})
    assert no_snapshot_set.status_code == 404


def test_snapshot_metadata_refusals(block_storage: ServiceClient, made: Volumes) -> None:
    volume = made.create()
    snap = made.snapshot(volume.id, "-snap")
    mismatch = call(block_storage, "PUT", _url(block_storage, snap.id, "a"),
                    json={"meta": {"b": "1"}})
    assert mismatch.status_code == 400
    assert mismatch.json() == {"badRequest": {"code": 400,
                                              "message": "Request body and URI mismatch"}}
    two = call(block_storage, "PUT", _url(block_storage, snap.id, "a"),
               json={"meta": {"a": "1", "b": "2"}})
    bad_key = call(block_storage, "POST", _url(block_storage, snap.id),
                   json={"metadata": {"bad/key": "1"}})
    not_string = call(block_storage, "POST", _url(block_storage, snap.id),
                      json={"metadata": {"a": 1}})
    too_long = call(block_storage, "PUT", _url(block_storage, snap.id),
                    json={"metadata": {"a": "x" * 256}})
    no_metadata = call(block_storage, "POST", _url(block_storage, snap.id), json={"meta": {}})
    extra = call(block_storage, "POST", _url(block_storage, snap.id),
                 json={"metadata": {"a": "1"}, "other": True})
    for refused in (two, bad_key, not_string, too_long, no_metadata):
        assert refused.status_code == 400, refused.text
        assert set(refused.json()) == {"badRequest"}
    assert "Invalid input for field/attribute meta" in two.json()["badRequest"]["message"]
    assert "Invalid input for field/attribute metadata" in (
        bad_key.json()["badRequest"]["message"])
    assert "'metadata' is a required property" in no_metadata.json()["badRequest"]["message"]
    assert extra.status_code == 200
    assert extra.json() == {"metadata": {"a": "1"}}
    assert snapshots.metadata(block_storage, snap.id).extract() == {"a": "1"}


def test_volume_summary_counts_and_collects_metadata(block_storage: ServiceClient,
                                                     made: Volumes) -> None:
    at_3_36 = block_storage.with_microversion("3.36")
    before = volumes.summary(at_3_36).extract()
    made.create(metadata={"contract-tier": "gold"})
    made.create("-2", metadata={"contract-tier": "silver"})
    after = volumes.summary(at_3_36).extract()
    assert after.total_count == before.total_count + 2
    assert after.total_size == before.total_size + 2
    assert sorted(after.metadata["contract-tier"]) == ["gold", "silver"]
    raw = call(block_storage.with_microversion("3.12"), "GET",
               f"{block_storage.endpoint.rstrip('/')}/volumes/summary")
    assert set(raw.json()["volume-summary"]) == {"total_count", "total_size"}
    too_old = call(block_storage.with_microversion("3.11"), "GET",
                   f"{block_storage.endpoint.rstrip('/')}/volumes/summary")
    assert too_old.status_code == 404
