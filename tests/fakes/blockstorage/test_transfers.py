"""The fake Cinder's volume transfers: the key shown once and kept only as a hash, accept
by another project (volume, snapshots and quota usage move), the microversioned views,
listing and paging, and that no refused request changes anything."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackdouble.fakes import FakeCloud
from tests.fakes.blockstorage.conftest import Cinder, fault


def _transfer(cinder: Cinder, volume_id: str, version: str | None = None,
              **extra: object) -> dict[str, object]:
    resp = cinder.post("/os-volume-transfer", {"transfer": {"volume_id": volume_id, **extra}},
                       version=version)
    assert resp.status_code == 202, resp.text
    body: dict[str, object] = resp.json()["transfer"]
    return body


def _status(cinder: Cinder, volume_id: str) -> str:
    return str(cinder.get(f"/volumes/{volume_id}").json()["volume"]["status"])


def _used(cinder: Cinder) -> tuple[int, int, int]:
    absolute = cinder.get("/limits").json()["limits"]["absolute"]
    return (absolute["totalVolumesUsed"], absolute["totalGigabytesUsed"],
            absolute["totalSnapshotsUsed"])


def test_the_key_is_in_the_create_answer_only(cinder: Cinder, cloud: FakeCloud) -> None:
    volume_id = cinder.create()
    made = _transfer(cinder, volume_id, name="move")
    key = str(made["auth_key"])
    assert len(key) == 16
    assert int(key, 16) >= 0
    shown = cinder.get(f"/os-volume-transfer/{made['id']}").json()["transfer"]
    assert "auth_key" not in shown
    listed = cinder.get("/volume-transfers/detail").json()
    assert key not in json.dumps(listed)
    assert key not in json.dumps(cloud.block_storage.dump(), default=str)
    assert key not in repr(cloud.block_storage.transfers)


def test_two_transfers_get_different_keys(cinder: Cinder) -> None:
    first = _transfer(cinder, cinder.create())
    second = _transfer(cinder, cinder.create())
    assert first["auth_key"] != second["auth_key"]


def test_accept_moves_the_volume_its_snapshots_and_the_quota(
        cinder: Cinder, admin_cinder: Cinder) -> None:
    volume_id = cinder.create(size=2)
    snap = cinder.post("/snapshots", {"snapshot": {"volume_id": volume_id}})
    snapshot_id = snap.json()["snapshot"]["id"]
    made = _transfer(cinder, volume_id)
    assert _status(cinder, volume_id) == "awaiting-transfer"
    donor, receiver = _used(cinder), _used(admin_cinder)
    resp = admin_cinder.post(f"/os-volume-transfer/{made['id']}/accept",
                             {"accept": {"auth_key": made["auth_key"]}})
    assert resp.status_code == 202
    assert set(resp.json()["transfer"]) == {"id", "volume_id", "name", "links"}
    assert cinder.get(f"/volumes/{volume_id}").status_code == 404
    assert cinder.get(f"/snapshots/{snapshot_id}").status_code == 404
    moved = admin_cinder.get(f"/volumes/{volume_id}").json()["volume"]
    assert moved["status"] == "available"
    assert admin_cinder.get(f"/snapshots/{snapshot_id}").status_code == 200
    assert _used(cinder) == (donor[0] - 1, donor[1] - 4, donor[2] - 1)
    assert _used(admin_cinder) == (receiver[0] + 1, receiver[1] + 4, receiver[2] + 1)
    assert admin_cinder.get(f"/os-volume-transfer/{made['id']}").status_code == 404
    volumes = admin_cinder.get("/volumes").json()["volumes"]
    assert volume_id in [v["id"] for v in volumes]


def test_no_snapshots_leaves_the_snapshots_with_the_donor(cinder: Cinder,
                                                          admin_cinder: Cinder) -> None:
    volume_id = cinder.create()
    snapshot_id = cinder.post("/snapshots", {"snapshot": {"volume_id": volume_id}}).json()[
        "snapshot"]["id"]
    made = _transfer(cinder, volume_id, version="3.55", no_snapshots=True)
    assert made["no_snapshots"] is True
    admin_cinder.post(f"/os-volume-transfer/{made['id']}/accept",
                      {"accept": {"auth_key": made["auth_key"]}})
    assert cinder.get(f"/snapshots/{snapshot_id}").status_code == 200
    assert _used(cinder)[2] == 1


def test_a_wrong_key_is_refused_and_changes_nothing(cinder: Cinder, admin_cinder: Cinder,
                                                   cloud: FakeCloud) -> None:
    made = _transfer(cinder, cinder.create())
    before = cloud.block_storage.dump()
    resp = admin_cinder.post(f"/volume-transfers/{made['id']}/accept",
                             {"accept": {"auth_key": 1234}})
    assert resp.json() == fault("badRequest", 400, f"Invalid auth key: Attempt to transfer "
                                                   f"{made['id']} with invalid auth key.")
    assert cloud.block_storage.dump() == before


def test_over_the_receivers_quota_is_a_413_and_changes_nothing(
        cinder: Cinder, admin_cinder: Cinder, cloud: FakeCloud) -> None:
    made = _transfer(cinder, cinder.create(size=3))
    cloud.block_storage.set_quota(cloud.project_id("admin"), gigabytes=2)
    before = cloud.block_storage.dump()
    resp = admin_cinder.post(f"/os-volume-transfer/{made['id']}/accept",
                             {"accept": {"auth_key": made["auth_key"]}})
    assert resp.status_code == 413
    assert resp.json() == {"overLimit": {
        "code": 413, "retryAfter": "0",
        "message": "Requested volume or snapshot exceeds allowed gigabytes quota. Requested "
                   "3G, quota is 2G and 0G has been consumed."}}
    assert resp.headers["Retry-After"] == "0"
    assert cloud.block_storage.dump() == before


def test_a_snapshot_not_available_blocks_the_create(cinder: Cinder, cloud: FakeCloud) -> None:
    volume_id = cinder.create()
    cloud.block_storage.set_create_time(30)
    snapshot_id = cinder.post("/snapshots", {"snapshot": {"volume_id": volume_id}}).json()[
        "snapshot"]["id"]
    resp = cinder.post("/os-volume-transfer", {"transfer": {"volume_id": volume_id}})
    assert resp.json() == fault("badRequest", 400, f"Invalid snapshot: snapshot: {snapshot_id} "
                                                   "status must be available")
    assert _status(cinder, volume_id) == "available"
    assert _transfer(cinder, volume_id, version="3.55", no_snapshots="true")["no_snapshots"]


def test_views_grow_with_the_microversion(cinder: Cinder) -> None:
    volume_id = cinder.create()
    made = _transfer(cinder, volume_id, version="3.57")
    assert made["source_project_id"] == cinder.project_id
    assert (made["destination_project_id"], made["accepted"], made["no_snapshots"]) == (
        None, False, False)
    old = cinder.get(f"/os-volume-transfer/{made['id']}", version="3.54").json()["transfer"]
    assert set(old) == {"id", "created_at", "name", "volume_id", "links"}
    assert old["links"][1]["href"].endswith(f"/{cinder.project_id}/os-volume-transfer/"
                                            f"{made['id']}")


def test_delete_gives_the_volume_back(cinder: Cinder) -> None:
    volume_id = cinder.create()
    made = _transfer(cinder, volume_id)
    resp = cinder.call("DELETE", f"/volume-transfers/{made['id']}")
    assert (resp.status_code, resp.text) == (202, "")
    assert _status(cinder, volume_id) == "available"
    assert cinder.call("DELETE", f"/volume-transfers/{made['id']}").json() == fault(
        "itemNotFound", 404, f"Transfer {made['id']} could not be found.")


def test_another_project_neither_sees_nor_deletes_it_but_an_admin_lists_all(
        cinder: Cinder, admin_cinder: Cinder) -> None:
    made = _transfer(cinder, cinder.create())
    assert admin_cinder.get("/os-volume-transfer").json() == {"transfers": []}
    everyone = admin_cinder.get("/os-volume-transfer?all_tenants=1").json()["transfers"]
    assert [t["id"] for t in everyone] == [made["id"]]
    assert admin_cinder.get(f"/os-volume-transfer/{made['id']}").status_code == 200


def test_before_3_59_every_parameter_filters(cinder: Cinder) -> None:
    volume_id = cinder.create()
    made = _transfer(cinder, volume_id, name="a")
    _transfer(cinder, cinder.create(), name="b")
    named = cinder.get("/os-volume-transfer?name=a").json()["transfers"]
    assert [t["id"] for t in named] == [made["id"]]
    assert cinder.get("/os-volume-transfer?limit=1").json() == {"transfers": []}
    assert cinder.get(f"/os-volume-transfer?volume_id={volume_id}&bogus=1").json() == {
        "transfers": []}


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(count=st.integers(min_value=0, max_value=6), limit=st.integers(min_value=1,
                                                                      max_value=4))
def test_from_3_59_pages_cover_every_transfer_newest_first(cloud: FakeCloud, cinder: Cinder,
                                                            count: int, limit: int) -> None:
    cloud.block_storage.set_quota(cinder.project_id, volumes=-1, gigabytes=-1)
    for transfer_id in list(cloud.block_storage.transfers):
        cinder.call("DELETE", f"/os-volume-transfer/{transfer_id}")
    made = []
    for _ in range(count):
        made.append(str(_transfer(cinder, cinder.create())["id"]))
        cloud.clock.advance(1)
    seen: list[str] = []
    path = f"/os-volume-transfer?limit={limit}"
    while True:
        body = cinder.get(path, version="3.59").json()
        seen += [t["id"] for t in body["transfers"]]
        links = body.get("transfers_links")
        if not links:
            break
        path = "/os-volume-transfer?" + links[0]["href"].split("?", 1)[1]
    assert seen == made[::-1]
