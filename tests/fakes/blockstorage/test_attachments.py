"""The fake Cinder's attachments API (3.27+): the states of the attachment and of the
volume, Nova's attachments seen through it, listings and microversions."""

from __future__ import annotations

from typing import Any

from stackdouble.fakes import FakeCloud
from tests.fakes.blockstorage.conftest import Cinder, fault

V = "3.44"
CONNECTOR = {"host": "compute-1", "mountpoint": "/dev/vdc"}


def _attach(cinder: Cinder, volume_id: str, **extra: Any) -> dict[str, Any]:
    resp = cinder.post("/attachments", {"attachment": {"volume_uuid": volume_id, **extra}},
                       version=V)
    assert resp.status_code == 200, resp.text
    body: dict[str, Any] = resp.json()["attachment"]
    return body


def _volume(cinder: Cinder, volume_id: str) -> dict[str, Any]:
    body: dict[str, Any] = cinder.get(f"/volumes/{volume_id}").json()["volume"]
    return body


def test_complete_needs_3_44(cinder: Cinder) -> None:
    made = _attach(cinder, cinder.create(), connector=CONNECTOR)
    old = cinder.post(f"/attachments/{made['id']}/action", {"os-complete": {}}, version="3.43")
    assert old.json() == fault("itemNotFound", 404, "The resource could not be found.")


def test_a_completed_attachment_shows_on_the_volume(cinder: Cinder) -> None:
    volume_id = cinder.create()
    made = _attach(cinder, volume_id, connector=CONNECTOR)
    assert cinder.post(f"/attachments/{made['id']}/action", {"os-complete": None},
                       version=V).status_code == 204
    (shown,) = _volume(cinder, volume_id)["attachments"]
    assert (shown["attachment_id"], shown["device"]) == (made["id"], "/dev/vdc")
    assert _volume(cinder, volume_id)["status"] == "in-use"


def test_a_second_attachment_of_an_in_use_volume_is_refused(cinder: Cinder) -> None:
    volume_id = cinder.create()
    made = _attach(cinder, volume_id, connector=CONNECTOR)
    cinder.post(f"/attachments/{made['id']}/action", {"os-complete": {}}, version=V)
    resp = cinder.post("/attachments", {"attachment": {"volume_uuid": volume_id}}, version=V)
    assert resp.json()["badRequest"]["message"].endswith(
        "but the current status is in-use.")


def test_the_same_instance_may_reserve_its_volume_again(cinder: Cinder) -> None:
    volume_id = cinder.create()
    server = "0f5d4a58-3a1e-4a85-9d51-1c3bfa5d3c2e"
    _attach(cinder, volume_id, instance_uuid=server)
    again = _attach(cinder, volume_id, instance_uuid=server)
    assert again["status"] == "reserved"


def test_a_volume_in_error_cannot_be_attached(cinder: Cinder, cloud: FakeCloud) -> None:
    volume_id = cinder.create()
    cloud.block_storage.force_error(volume_id)
    resp = cinder.post("/attachments", {"attachment": {"volume_uuid": volume_id}}, version=V)
    assert resp.json() == fault(
        "badRequest", 400, "Invalid volume: Volume attachments can not be created if the "
        f"volume is in an error state. The Volume {volume_id} currently has a status of: "
        "error ")


def test_a_nova_attachment_is_listed_and_cannot_be_deleted_here(cinder: Cinder,
                                                                server_id: str) -> None:
    volume_id = cinder.create()
    assert cinder.attach(server_id, volume_id).status_code == 200
    (listed,) = cinder.get("/attachments", version=V).json()["attachments"]
    assert (listed["instance"], listed["status"]) == (server_id, "attached")
    resp = cinder.call("DELETE", f"/attachments/{listed['id']}", version=V)
    assert resp.json() == fault("conflictingRequest", 409,
                                f"Detach volume from instance {server_id} using the "
                                "Compute API")


def test_another_projects_attachment_is_hidden(cinder: Cinder, admin_cinder: Cinder) -> None:
    made = _attach(admin_cinder, admin_cinder.create())
    assert cinder.get(f"/attachments/{made['id']}", version=V).status_code == 404
    assert cinder.get("/attachments", version=V).json() == {"attachments": []}
    every = admin_cinder.get("/attachments?all_tenants=1", version=V).json()["attachments"]
    assert [a["id"] for a in every] == [made["id"]]


def test_listing_filters_and_pages(cinder: Cinder, cloud: FakeCloud) -> None:
    ids = []
    for _ in range(3):
        ids.append(_attach(cinder, cinder.create())["id"])
        cloud.clock.advance(1)
    page = cinder.get("/attachments?limit=2", version=V).json()["attachments"]
    assert [a["id"] for a in page] == [ids[2], ids[1]]
    rest = cinder.get(f"/attachments?limit=2&marker={ids[1]}", version=V).json()["attachments"]
    assert [a["id"] for a in rest] == [ids[0]]
    reserved = cinder.get("/attachments?status=reserved", version=V).json()["attachments"]
    assert len(reserved) == 3
    assert cinder.get("/attachments?attach_status=attached",
                      version=V).json()["attachments"] == []


def test_a_bad_connector_is_400(cinder: Cinder) -> None:
    made = _attach(cinder, cinder.create())
    resp = cinder.call("PUT", f"/attachments/{made['id']}", version=V,
                       json={"attachment": {"connector": {}}})
    assert resp.status_code == 400


def test_mode_needs_3_54(cinder: Cinder) -> None:
    resp = cinder.post("/attachments", {"attachment": {"volume_uuid": cinder.create(),
                                                       "mode": "ro"}}, version="3.53")
    assert resp.status_code == 400
