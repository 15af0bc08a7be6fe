"""Cinder backups: create (the volume `backing-up` meanwhile), show and list them, the
incremental rules, restore to a volume or to a new one, delete, the admins' reset, and
Cinder's error bodies.

realcloud's Cinder runs cinder-backup with the posix driver; waits go through
`openstack_clock`. Volumes are `contract-<test>-...`, removed with their backups afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from stackdouble.client import EndpointOpts, NotFound, ProviderClient, ServiceClient
from stackdouble.client.openstack import new_block_storage_v3
from stackdouble.client.openstack.blockstorage.v3 import backups, volumes
from stackdouble.pytest_plugin import ModeClock
from tests.contract.conftest import call

WAIT = 120.0
MISSING = "00000000-0000-0000-0000-000000000000"
DETAIL_KEYS = {"id", "status", "size", "object_count", "availability_zone", "container",
               "created_at", "updated_at", "name", "description", "fail_reason", "volume_id",
               "links", "is_incremental", "has_dependent_backups", "snapshot_id",
               "data_timestamp"}


class Made:
    """The test's volumes and backups: made, waited on, removed (backups first, newest
    first, so incremental ones go before their parents)."""

    def __init__(self, client: ServiceClient, clock: ModeClock, prefix: str) -> None:
        self.client = client
        self.clock = clock
        self.prefix = prefix
        self.volume_ids: list[str] = []
        self.backup_ids: list[str] = []

    def wait_kw(self) -> dict[str, object]:
        return {"timeout": WAIT, "interval": 0.5, "sleep": self.clock.sleep,
                "clock": self.clock.clock}

    def volume(self, suffix: str = "", size: int = 1) -> volumes.Volume:
        made = volumes.create(self.client, volumes.CreateOpts(
            size=size, name=self.prefix + suffix)).extract()
        self.volume_ids.append(made.id)
        return volumes.wait_for_status(self.client, made.id, "available",
                                       **self.wait_kw())  # type: ignore[arg-type]

    def backup(self, volume_id: str, suffix: str = "", **opts: object) -> backups.Backup:
        made = backups.create(self.client, backups.CreateOpts(
            volume_id=volume_id, name=self.prefix + suffix, **opts)).extract()  # type: ignore[arg-type]
        self.backup_ids.append(made.id)
        return self.wait_backup(made.id, "available")

    def wait_backup(self, backup_id: str, status: str) -> backups.Backup:
        return backups.wait_for_status(self.client, backup_id, status,
                                       **self.wait_kw())  # type: ignore[arg-type]

    def wait_volume(self, volume_id: str, status: str) -> volumes.Volume:
        return volumes.wait_for_status(self.client, volume_id, status,
                                       **self.wait_kw())  # type: ignore[arg-type]

    def cleanup(self) -> None:
        for backup_id in reversed(self.backup_ids):
            if backups.delete(self.client, backup_id).err is None:
                backups.wait_for_delete(self.client, backup_id,
                                        **self.wait_kw())  # type: ignore[arg-type]
        for volume_id in self.volume_ids:
            found = volumes.get(self.client, volume_id)
            if isinstance(found.err, NotFound):
                continue
            if found.err is None and found.extract().status not in ("available", "error"):
                volumes.wait_for_status(self.client, volume_id, "available",
                                        **self.wait_kw())  # type: ignore[arg-type]
            if volumes.delete(self.client, volume_id).err is None:
                volumes.wait_for_delete(self.client, volume_id,
                                        **self.wait_kw())  # type: ignore[arg-type]


@pytest.fixture
def demo(openstack_block_storage: ServiceClient) -> ServiceClient:
    """Cinder as demo."""
    return openstack_block_storage


@pytest.fixture
def made(demo: ServiceClient, openstack_clock: ModeClock,
         request: pytest.FixtureRequest) -> Iterator[Made]:
    """Volumes and backups named `contract-<test>-...`, removed afterwards."""
    prefix = f"contract-{request.node.originalname.removeprefix('test_')}"[:200]
    tracker = Made(demo, openstack_clock, prefix)
    yield tracker
    tracker.cleanup()


def _endpoint(client: ServiceClient) -> str:
    return client.endpoint.rstrip("/")


def test_a_backup_is_creating_then_available_and_the_volume_comes_back(
        demo: ServiceClient, made: Made) -> None:
    volume = made.volume()
    created = call(demo, "POST", f"{_endpoint(demo)}/backups",
                   json={"backup": {"volume_id": volume.id, "name": made.prefix,
                                    "description": "nightly"}})
    assert created.status_code == 202
    summary = created.json()["backup"]
    made.backup_ids.append(summary["id"])
    assert set(summary) == {"id", "name", "links"}
    assert summary["name"] == made.prefix
    assert [link["rel"] for link in summary["links"]] == ["self", "bookmark"]
    assert volumes.get(demo, volume.id).extract().status in ("backing-up", "available")
    backup = made.wait_backup(summary["id"], "available")
    assert (backup.volume_id, backup.size, backup.description) == (volume.id, 1, "nightly")
    assert (backup.is_incremental, backup.has_dependent_backups) == (False, False)
    assert backup.availability_zone == "nova"
    assert backup.container is not None
    assert backup.object_count >= 1
    assert backup.data_timestamp == backup.created_at
    assert made.wait_volume(volume.id, "available").status == "available"
    shown = call(demo, "GET", f"{_endpoint(demo)}/backups/{backup.id}").json()["backup"]
    assert set(shown) == DETAIL_KEYS
    newer = call(demo, "GET", f"{_endpoint(demo)}/backups/{backup.id}",
                 headers={"OpenStack-API-Version": "volume 3.71"}).json()["backup"]
    assert set(newer) == DETAIL_KEYS | {"metadata"}
    listed = call(demo, "GET", f"{_endpoint(demo)}/backups?volume_id={volume.id}").json()
    assert [b["id"] for b in listed["backups"]] == [backup.id]
    assert set(listed["backups"][0]) == {"id", "name", "links"}


def test_backups_page_newest_first(demo: ServiceClient, made: Made) -> None:
    volume = made.volume()
    ids = [made.backup(volume.id, f"-{n}").id for n in range(3)]
    first = call(demo, "GET", f"{_endpoint(demo)}/backups/detail?volume_id={volume.id}"
                              "&limit=2").json()
    assert [b["id"] for b in first["backups"]] == [ids[2], ids[1]]
    (link,) = first["backups_links"]
    assert link["rel"] == "next"
    assert link["href"].endswith(f"/backups/detail?volume_id={volume.id}&limit=2"
                                 f"&marker={ids[1]}")
    every = backups.list(demo, backups.ListOpts(volume_id=volume.id, limit=1)).items()
    assert [b.id for b in every] == ids[::-1]
    missing = call(demo, "GET", f"{_endpoint(demo)}/backups?marker={MISSING}")
    assert missing.json() == {"itemNotFound": {
        "code": 404, "message": f"Backup {MISSING} could not be found."}}


def test_an_incremental_backup_needs_a_full_one_and_keeps_it(demo: ServiceClient,
                                                             made: Made) -> None:
    volume = made.volume()
    url = f"{_endpoint(demo)}/backups"
    alone = call(demo, "POST", url, json={"backup": {"volume_id": volume.id,
                                                     "incremental": True}})
    assert alone.status_code == 400
    assert alone.json() == {"badRequest": {
        "code": 400,
        "message": "Invalid backup: No backups available to do an incremental backup."}}
    full = made.backup(volume.id, "-full")
    made.wait_volume(volume.id, "available")
    delta = made.backup(volume.id, "-delta", incremental=True)
    assert delta.is_incremental is True
    assert backups.get(demo, full.id).extract().has_dependent_backups is True
    refused = call(demo, "DELETE", f"{url}/{full.id}")
    assert refused.status_code == 400
    assert refused.json() == {"badRequest": {
        "code": 400, "message": "Invalid backup: Incremental backups exist for this backup."}}


def test_restore_to_a_volume_and_to_a_new_one(demo: ServiceClient, made: Made) -> None:
    volume = made.volume("-source")
    backup = made.backup(volume.id)
    made.wait_volume(volume.id, "available")
    target = made.volume("-target")
    restored = call(demo, "POST", f"{_endpoint(demo)}/backups/{backup.id}/restore",
                    json={"restore": {"volume_id": target.id}})
    assert restored.status_code == 202
    assert restored.json() == {"restore": {"backup_id": backup.id, "volume_id": target.id,
                                           "volume_name": made.prefix + "-target"}}
    assert volumes.get(demo, target.id).extract().status in ("restoring-backup", "available")
    made.wait_volume(target.id, "available")
    made.wait_backup(backup.id, "available")
    fresh = backups.restore(demo, backup.id).extract()
    made.volume_ids.append(fresh.volume_id)
    assert fresh.volume_name == f"restore_backup_{backup.id}"
    new_volume = made.wait_volume(fresh.volume_id, "available")
    # the restore gives a volume named restore_backup_<id> the source's name and words
    assert (new_volume.size, new_volume.name, new_volume.description) == (
        1, made.prefix + "-source", None)
    assert volumes.get(demo, target.id).extract().name == made.prefix + "-target"
    made.wait_backup(backup.id, "available")
    small = made.volume("-small")
    big = made.volume("-big", size=2)
    big_backup = made.backup(big.id, "-big")
    made.wait_volume(big.id, "available")
    too_small = call(demo, "POST", f"{_endpoint(demo)}/backups/{big_backup.id}/restore",
                     json={"restore": {"volume_id": small.id}})
    assert too_small.status_code == 400
    assert too_small.json() == {"badRequest": {
        "code": 400,
        "message": "Invalid volume: volume size 1 is too small to restore backup of size 2."}}


def test_missing_backups_and_member_resets_are_refused(demo: ServiceClient, made: Made,
                                                       openstack_login: Callable[
                                                           ..., ProviderClient]) -> None:
    base = _endpoint(demo)
    missing = call(demo, "GET", f"{base}/backups/{MISSING}")
    assert missing.status_code == 404
    assert missing.json() == {"itemNotFound": {
        "code": 404, "message": f"Backup {MISSING} could not be found."}}
    no_volume = call(demo, "POST", f"{base}/backups", json={"backup": {"volume_id": MISSING}})
    assert no_volume.json() == {"itemNotFound": {
        "code": 404, "message": f"Volume {MISSING} could not be found."}}
    volume = made.volume()
    backup = made.backup(volume.id)
    made.wait_volume(volume.id, "available")
    action = f"{base}/backups/{backup.id}/action"
    refused = call(demo, "POST", action, json={"os-reset_status": {"status": "error"}})
    assert refused.status_code == 403
    assert refused.json() == {"forbidden": {
        "code": 403, "message": "Policy doesn't allow volume_extension:backup_admin_actions:"
                                "reset_status to be performed."}}
    admin = new_block_storage_v3(openstack_login(user="admin", cloud="realcloud-admin"),
                                 EndpointOpts(region="RegionOne"))
    admin_action = f"{_endpoint(admin)}/backups/{backup.id}/action"
    reset = call(admin, "POST", admin_action, json={"os-reset_status": {"status": "error"}})
    assert (reset.status_code, reset.content) == (202, b"")
    made.clock.sleep(1.0)
    assert backups.get(demo, backup.id).extract().status == "error"
    deleted = call(demo, "DELETE", f"{base}/backups/{backup.id}")
    assert (deleted.status_code, deleted.content) == (202, b"")
    backups.wait_for_delete(demo, backup.id, **made.wait_kw())  # type: ignore[arg-type]
