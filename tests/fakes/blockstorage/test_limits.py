"""The fake Cinder's limits, availability zones and volume summary."""

from __future__ import annotations

from stackdouble.fakes import FakeCloud
from tests.fakes.blockstorage.conftest import Cinder


def test_limits_show_the_quotas_and_what_is_used(cinder: Cinder, cloud: FakeCloud) -> None:
    volume_id = cinder.create(size=2)
    cinder.post("/snapshots", {"snapshot": {"volume_id": volume_id}})
    cinder.post("/backups", {"backup": {"volume_id": volume_id}})
    body = cinder.get("/limits").json()
    assert body == {"limits": {"rate": [], "absolute": {
        "maxTotalVolumes": 10, "maxTotalSnapshots": 10, "maxTotalVolumeGigabytes": 1000,
        "maxTotalBackups": 10, "maxTotalBackupGigabytes": 1000, "totalVolumesUsed": 1,
        "totalGigabytesUsed": 4, "totalSnapshotsUsed": 1, "totalBackupsUsed": 1,
        "totalBackupGigabytesUsed": 2}}}


def test_an_admin_reads_another_projects_limits_from_3_39(cinder: Cinder, admin_cinder: Cinder,
                                                          cloud: FakeCloud) -> None:
    cloud.block_storage.set_quota(cinder.project_id, volumes=3)
    path = f"/limits?project_id={cinder.project_id}"
    new = admin_cinder.get(path, version="3.39").json()["limits"]["absolute"]
    old = admin_cinder.get(path, version="3.38").json()["limits"]["absolute"]
    mine = cinder.get(path, version="3.39").json()["limits"]["absolute"]
    assert (new["maxTotalVolumes"], old["maxTotalVolumes"], mine["maxTotalVolumes"]) == (3, 10, 3)


def test_the_one_zone_is_nova(cinder: Cinder) -> None:
    assert cinder.get("/os-availability-zone").json() == {
        "availabilityZoneInfo": [{"zoneName": "nova", "zoneState": {"available": True}}]}


def test_the_volume_summary_needs_3_12_and_shows_metadata_from_3_36(cinder: Cinder) -> None:
    cinder.create(size=2, metadata={"tier": "gold"})
    cinder.create(size=3, metadata={"tier": "silver"})
    assert cinder.get("/volumes/summary").status_code == 404
    assert cinder.get("/volumes/summary", version="3.12").json() == {
        "volume-summary": {"total_size": 5, "total_count": 2}}
    assert cinder.get("/volumes/summary", version="3.36").json() == {
        "volume-summary": {"total_size": 5, "total_count": 2,
                           "metadata": {"tier": ["gold", "silver"]}}}
