"""The fake Cinder's backups: states on the fake clock, the volume's `backing-up` and
`restoring-backup`, quotas, incremental rules, the admin actions and paging."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackdouble.fakes import FakeCloud
from tests.fakes.blockstorage.conftest import Cinder, fault


def _backup(cinder: Cinder, volume_id: str, **extra: object) -> str:
    resp = cinder.post("/backups", {"backup": {"volume_id": volume_id, **extra}})
    assert resp.status_code == 202, resp.text
    return str(resp.json()["backup"]["id"])


def _status(cinder: Cinder, kind: str, ident: str) -> str:
    return str(cinder.get(f"/{kind}s/{ident}").json()[kind]["status"])


def test_a_backup_takes_the_backup_time_and_holds_the_volume(cinder: Cinder,
                                                            cloud: FakeCloud) -> None:
    cloud.block_storage.set_backup_time(20)
    volume_id = cinder.create()
    backup_id = _backup(cinder, volume_id)
    assert _status(cinder, "backup", backup_id) == "creating"
    assert _status(cinder, "volume", volume_id) == "backing-up"
    cloud.clock.advance(20)
    assert _status(cinder, "backup", backup_id) == "available"
    assert _status(cinder, "volume", volume_id) == "available"


def test_an_in_use_volume_needs_force_and_goes_back_to_in_use(cinder: Cinder,
                                                             cloud: FakeCloud,
                                                             server_id: str) -> None:
    volume_id = cinder.create()
    assert cinder.attach(server_id, volume_id).status_code == 200
    refused = cinder.post("/backups", {"backup": {"volume_id": volume_id}})
    assert refused.json() == fault("badRequest", 400, "Invalid volume: Backing up an in-use "
                                                      "volume must use the force flag.")
    _backup(cinder, volume_id, force=True)
    assert _status(cinder, "volume", volume_id) == "in-use"


def test_a_volume_being_created_cannot_be_backed_up(cinder: Cinder, cloud: FakeCloud) -> None:
    cloud.block_storage.set_create_time(5)
    volume_id = cinder.create()
    refused = cinder.post("/backups", {"backup": {"volume_id": volume_id}})
    assert refused.json() == fault(
        "badRequest", 400, 'Invalid volume: Volume to be backed up must be available or '
                           'in-use, but the current status is "creating".')


def test_backups_count_against_their_quotas(cinder: Cinder, cloud: FakeCloud) -> None:
    storage = cloud.block_storage
    storage.set_quota(cinder.project_id, backups=1, backup_gigabytes=3)
    volume_id = cinder.create(size=2)
    _backup(cinder, volume_id)
    over = cinder.post("/backups", {"backup": {"volume_id": volume_id}})
    assert over.status_code == 413
    assert over.json() == {"overLimit": {
        "code": 413, "retryAfter": "0",
        "message": "BackupLimitExceeded: Maximum number of backups allowed (1) exceeded"}}
    storage.set_quota(cinder.project_id, backups=5)
    too_big = cinder.post("/backups", {"backup": {"volume_id": volume_id}})
    assert too_big.json()["overLimit"]["message"] == (
        "VolumeBackupSizeExceedsAvailableQuota: Requested backup exceeds allowed Backup "
        "gigabytes quota. Requested 2G, quota is 3G and 2G has been consumed.")
    assert storage.quota_usage(cinder.project_id)["backups"] == 1


def test_a_deleted_backup_releases_its_quota(cinder: Cinder, cloud: FakeCloud) -> None:
    cloud.block_storage.set_backup_time(3)
    volume_id = cinder.create()
    backup_id = _backup(cinder, volume_id)
    cloud.clock.advance(3)
    assert cinder.call("DELETE", f"/backups/{backup_id}").status_code == 202
    assert _status(cinder, "backup", backup_id) == "deleting"
    assert cloud.block_storage.quota_usage(cinder.project_id)["backup_gigabytes"] == 1
    cloud.clock.advance(3)
    assert cinder.get(f"/backups/{backup_id}").status_code == 404
    assert cloud.block_storage.quota_usage(cinder.project_id)["backup_gigabytes"] == 0


def test_a_creating_backup_cannot_be_deleted(cinder: Cinder, cloud: FakeCloud) -> None:
    cloud.block_storage.set_backup_time(3)
    backup_id = _backup(cinder, cinder.create())
    refused = cinder.call("DELETE", f"/backups/{backup_id}")
    assert refused.json() == fault("badRequest", 400, "Invalid backup: Backup status must be "
                                                      "available or error")


def test_restore_puts_the_volume_in_restoring_backup(cinder: Cinder, cloud: FakeCloud) -> None:
    volume_id = cinder.create()
    backup_id = _backup(cinder, volume_id)
    cloud.block_storage.set_backup_time(10)
    resp = cinder.post(f"/backups/{backup_id}/restore", {"restore": {"volume_id": volume_id}})
    assert resp.status_code == 202
    assert _status(cinder, "volume", volume_id) == "restoring-backup"
    assert _status(cinder, "backup", backup_id) == "restoring"
    cloud.clock.advance(10)
    assert _status(cinder, "volume", volume_id) == "available"
    assert _status(cinder, "backup", backup_id) == "available"


def test_restore_to_a_new_volume_names_it(cinder: Cinder, cloud: FakeCloud) -> None:
    backup_id = _backup(cinder, cinder.create())
    cloud.block_storage.set_create_time(30)  # Cinder's API waits for the new volume
    resp = cinder.post(f"/backups/{backup_id}/restore", {"restore": {"name": "copy"}})
    restored = resp.json()["restore"]
    assert restored["volume_name"] == "copy"
    assert _status(cinder, "volume", restored["volume_id"]) == "available"


def test_an_admin_resets_and_force_deletes(cinder: Cinder, admin_cinder: Cinder,
                                           cloud: FakeCloud) -> None:
    cloud.block_storage.set_backup_time(100)
    backup_id = _backup(cinder, cinder.create())
    reset = admin_cinder.post(f"/backups/{backup_id}/action",
                              {"os-reset_status": {"status": "error"}})
    assert (reset.status_code, reset.content) == (202, b"")
    assert _status(cinder, "backup", backup_id) == "error"
    bad = admin_cinder.post(f"/backups/{backup_id}/action",
                            {"os-reset_status": {"status": "bogus"}})
    assert bad.status_code == 400
    forbidden = cinder.post(f"/backups/{backup_id}/action", {"os-force_delete": {}})
    assert forbidden.json() == fault("forbidden", 403, "Policy doesn't allow volume_extension:"
                                     "backup_admin_actions:force_delete to be performed.")
    forced = admin_cinder.post(f"/backups/{backup_id}/action", {"os-force_delete": {}})
    assert forced.status_code == 202
    assert _status(cinder, "backup", backup_id) == "deleting"


def test_another_projects_backup_is_not_found(cinder: Cinder, admin_cinder: Cinder) -> None:
    backup_id = _backup(admin_cinder, admin_cinder.create())
    assert cinder.get(f"/backups/{backup_id}").json() == fault(
        "itemNotFound", 404, f"Backup {backup_id} could not be found.")


def test_update_needs_3_9_and_metadata_3_43(cinder: Cinder) -> None:
    backup_id = _backup(cinder, cinder.create())
    old = cinder.call("PUT", f"/backups/{backup_id}", json={"backup": {"name": "x"}})
    assert old.status_code == 404
    renamed = cinder.call("PUT", f"/backups/{backup_id}", version="3.43",
                          json={"backup": {"name": " new ", "metadata": {"k": "v"}}})
    assert renamed.json()["backup"]["name"] == "new"
    shown = cinder.get(f"/backups/{backup_id}", version="3.43").json()["backup"]
    assert shown["metadata"] == {"k": "v"}


def test_admins_see_the_project_and_user_from_3_56(cinder: Cinder,
                                                   admin_cinder: Cinder) -> None:
    backup_id = _backup(admin_cinder, admin_cinder.create())
    shown = admin_cinder.get(f"/backups/{backup_id}", version="3.56").json()["backup"]
    assert shown["os-backup-project-attr:project_id"] == admin_cinder.project_id
    assert "user_id" in shown
    assert "user_id" not in admin_cinder.get(f"/backups/{backup_id}",
                                             version="3.55").json()["backup"]


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(count=st.integers(min_value=0, max_value=7), limit=st.integers(min_value=1, max_value=4))
def test_paging_walks_every_backup_once_newest_first(count: int, limit: int) -> None:
    with FakeCloud(seed=4) as cloud:
        storage = cloud.block_storage
        demo = storage.caller_for(cloud.project_id("demo"))
        storage.set_quota(demo.project_id, backups=-1, backup_gigabytes=-1)
        volume = storage.create_volume(demo, size=1)
        made = []
        for _ in range(count):
            made.append(storage.create_backup(demo, volume.id, force=True).id)
            cloud.clock.advance(1)
        from stackdouble.fakes.blockstorage.models import BackupFilters

        seen: list[str] = []
        marker = None
        while True:
            page = storage.list_backups(demo, BackupFilters(), limit=limit, marker=marker)
            seen.extend(b.id for b in page)
            if len(page) < limit:
                break
            marker = page[-1].id
        assert seen == made[::-1]
