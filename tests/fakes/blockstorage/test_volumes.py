"""The fake Cinder's volumes, snapshots and attachments: states on the fake clock, Cinder's
rules and messages, quotas, headers and microversions, and the bond with the fake Nova."""

from __future__ import annotations

import pytest
import requests

from stackdouble.fakes import FakeCloud
from tests.fakes.blockstorage.conftest import Cinder, fault


def _status(cinder: Cinder, volume_id: str) -> str:
    return str(cinder.get(f"/volumes/{volume_id}").json()["volume"]["status"])


# -- states on the clock ------------------------------------------------------------------


def test_a_volume_is_creating_until_the_create_time_has_passed(cinder: Cinder,
                                                               cloud: FakeCloud) -> None:
    cloud.block_storage.set_create_time(30)
    volume_id = cinder.create()
    assert _status(cinder, volume_id) == "creating"
    cloud.clock.advance(29)
    assert _status(cinder, volume_id) == "creating"
    cloud.clock.advance(1)
    assert _status(cinder, volume_id) == "available"


def test_extend_goes_through_extending(cinder: Cinder, cloud: FakeCloud) -> None:
    cloud.block_storage.set_action_time(10)
    volume_id = cinder.create()
    resp = cinder.action(volume_id, {"os-extend": {"new_size": 3}})
    assert (resp.status_code, resp.content) == (202, b"")
    assert _status(cinder, volume_id) == "extending"
    cloud.clock.advance(10)
    volume = cinder.get(f"/volumes/{volume_id}").json()["volume"]
    assert (volume["status"], volume["size"]) == ("available", 3)
    assert cloud.block_storage.usage(cinder.project_id)["gigabytes"] == 3


def test_extend_must_grow(cinder: Cinder) -> None:
    volume_id = cinder.create(size=2)
    resp = cinder.action(volume_id, {"os-extend": {"new_size": 2}})
    assert resp.json() == fault("badRequest", 400, "Invalid input received: New size for extend "
                                "must be greater than current size. (current: 2, extended: 2).")


def test_an_in_use_volume_extends_from_3_42(cinder: Cinder, server_id: str) -> None:
    volume_id = cinder.create()
    cinder.attach(server_id, volume_id)
    assert cinder.action(volume_id, {"os-extend": {"new_size": 2}}).status_code == 400
    resp = cinder.action(volume_id, {"os-extend": {"new_size": 2}}, version="3.42")
    assert resp.status_code == 202
    assert _status(cinder, volume_id) == "in-use"


def test_delete_goes_through_deleting_and_releases_the_quota(cinder: Cinder,
                                                             cloud: FakeCloud) -> None:
    cloud.block_storage.set_action_time(5)
    volume_id = cinder.create(size=4)
    cinder.get(f"/volumes/{volume_id}")
    resp = cinder.call("DELETE", f"/volumes/{volume_id}")
    assert (resp.status_code, resp.content) == (202, b"")
    assert _status(cinder, volume_id) == "deleting"
    assert cloud.block_storage.usage(cinder.project_id)["gigabytes"] == 4
    cloud.clock.advance(5)
    assert cinder.get(f"/volumes/{volume_id}").status_code == 404
    assert cloud.block_storage.usage(cinder.project_id) == {
        "volumes": 0, "gigabytes": 0, "snapshots": 0}


def test_a_volume_never_scheduled_goes_at_once(cinder: Cinder, cloud: FakeCloud) -> None:
    cloud.block_storage.set_create_time(60)
    volume_id = cinder.create()
    assert cinder.call("DELETE", f"/volumes/{volume_id}").status_code == 202
    assert cinder.get(f"/volumes/{volume_id}").status_code == 404


def test_cascade_deletes_the_snapshots_too(cinder: Cinder, cloud: FakeCloud) -> None:
    volume_id = cinder.create()
    cinder.get(f"/volumes/{volume_id}")
    snap = cinder.post("/snapshots", {"snapshot": {"volume_id": volume_id}}).json()["snapshot"]
    assert cinder.call("DELETE", f"/volumes/{volume_id}").status_code == 400
    assert cinder.call("DELETE", f"/volumes/{volume_id}?cascade=true").status_code == 202
    assert cinder.get(f"/snapshots/{snap['id']}").status_code == 404
    assert cloud.block_storage.usage(cinder.project_id)["snapshots"] == 0


def test_error_on_create_and_force_error(cinder: Cinder, cloud: FakeCloud) -> None:
    cloud.block_storage.error_on_create()
    failed, fine = cinder.create(), cinder.create()
    assert (_status(cinder, failed), _status(cinder, fine)) == ("error", "available")
    cloud.block_storage.force_error(fine, "error_extending")
    assert _status(cinder, fine) == "error_extending"
    assert cinder.call("DELETE", f"/volumes/{fine}").status_code == 202


# -- create rules ----------------------------------------------------------------------------


def test_a_clone_and_a_volume_from_a_snapshot_take_their_size(cinder: Cinder) -> None:
    source = cinder.create(size=3)
    cinder.get(f"/volumes/{source}")
    clone = cinder.post("/volumes", {"volume": {"source_volid": source}}).json()["volume"]
    assert (clone["size"], clone["source_volid"]) == (3, source)
    snap = cinder.post("/snapshots", {"snapshot": {"volume_id": source}}).json()["snapshot"]
    cinder.get(f"/snapshots/{snap['id']}")
    made = cinder.post("/volumes", {"volume": {"snapshot_id": snap["id"]}}).json()["volume"]
    assert (made["size"], made["snapshot_id"]) == (3, snap["id"])
    smaller = cinder.post("/volumes", {"volume": {"snapshot_id": snap["id"], "size": 1}})
    assert smaller.json() == fault(
        "badRequest", 400, "Invalid input received: Volume size '1'GB cannot be smaller than "
        "the snapshot size 3GB. They must be >= original snapshot size.")


@pytest.mark.parametrize(("volume", "status", "message"), [
    ({"name": "x"}, 400,
     "Invalid input received: Volume size 'None' must be an integer and greater than 0"),
    ({"size": 0}, 400, "Invalid input for field/attribute size. Value: 0. 0 is less than the "
                       "minimum of 1"),
    ({"size": 1, "volume_type": "gold"}, 404,
     "Volume type with name gold could not be found."),
    ({"size": 1, "availability_zone": "moon"}, 400, "Availability zone 'moon' is invalid."),
    ({"size": 1, "multiattach": True}, 400,
     "multiattach parameter has been removed. The default behavior is to use multiattach "
     "enabled volume types. Contact your administrator to create a multiattach enabled volume "
     "type and use it to create multiattach volumes."),
    ({"size": 1, "imageRef": "no-such-image"}, 400,
     "Invalid image identifier or unable to access requested image."),
    ({"size": 1, "snapshot_id": "4cd0a4b4-6c5f-4e5c-9e0b-1b9b5b4a3f10"}, 404,
     "Snapshot 4cd0a4b4-6c5f-4e5c-9e0b-1b9b5b4a3f10 could not be found."),
])
def test_creates_cinder_refuses(cinder: Cinder, cloud: FakeCloud, volume: dict[str, object],
                                status: int, message: str) -> None:
    resp = cinder.post("/volumes", {"volume": volume})
    kind = "badRequest" if status == 400 else "itemNotFound"
    assert (resp.status_code, resp.json()) == (status, fault(kind, status, message))
    assert cloud.block_storage.volumes == {}


@pytest.mark.parametrize(("quota", "size", "message"), [
    ({"volumes": 0}, 1, "VolumeLimitExceeded: Maximum number of volumes allowed (0) exceeded "
                        "for quota 'volumes'."),
    ({"gigabytes": 5}, 6, "VolumeSizeExceedsAvailableQuota: Requested volume or snapshot "
                          "exceeds allowed gigabytes quota. Requested 6G, quota is 5G and 0G "
                          "has been consumed."),
    ({"per_volume_gigabytes": 2}, 3, "VolumeSizeExceedsLimit: Requested volume size 3G is "
                                     "larger than maximum allowed limit 2G."),
])
def test_quotas_are_cinders_413(cinder: Cinder, cloud: FakeCloud, quota: dict[str, int],
                                size: int, message: str) -> None:
    cloud.block_storage.set_quota(cinder.project_id, **quota)
    resp = cinder.post("/volumes", {"volume": {"size": size}})
    assert (resp.status_code, resp.json()) == (
        413, {"overLimit": {"code": 413, "message": message, "retryAfter": "0"}})
    assert resp.headers["Retry-After"] == "0"


def test_the_snapshot_quota(cinder: Cinder, cloud: FakeCloud) -> None:
    cloud.block_storage.set_quota(cinder.project_id, snapshots=1)
    volume_id = cinder.create()
    cinder.get(f"/volumes/{volume_id}")
    assert cinder.post("/snapshots", {"snapshot": {"volume_id": volume_id}}).status_code == 202
    resp = cinder.post("/snapshots", {"snapshot": {"volume_id": volume_id}})
    assert resp.json()["overLimit"]["message"] == (
        "SnapshotLimitExceeded: Maximum number of snapshots allowed (1) exceeded")


def test_snapshot_force_takes_an_in_use_volume_and_3_66_always_does(cinder: Cinder,
                                                                    server_id: str) -> None:
    volume_id = cinder.create()
    cinder.attach(server_id, volume_id)
    plain = {"snapshot": {"volume_id": volume_id}}
    assert cinder.post("/snapshots", plain).status_code == 400
    forced = {"snapshot": {"volume_id": volume_id, "force": True}}
    assert cinder.post("/snapshots", forced).status_code == 202
    assert cinder.post("/snapshots", plain, version="3.66").status_code == 202
    refused = cinder.post("/snapshots", {"snapshot": {"volume_id": volume_id, "force": False}},
                          version="3.66")
    assert refused.status_code == 400
    assert refused.json()["badRequest"]["message"].startswith(
        "Since microversion 3.66 the 'force' flag is invalid for this request.")


# -- metadata and update ---------------------------------------------------------------------


def test_metadata_merge_replace_item_and_delete(cinder: Cinder) -> None:
    volume_id = cinder.create(metadata={"a": "1"})
    merged = cinder.post(f"/volumes/{volume_id}/metadata", {"metadata": {"b": "2"}})
    assert merged.json() == {"metadata": {"a": "1", "b": "2"}}
    replaced = cinder.call("PUT", f"/volumes/{volume_id}/metadata", json={"metadata": {"c": "3"}})
    assert replaced.json() == {"metadata": {"c": "3"}}
    item = cinder.call("PUT", f"/volumes/{volume_id}/metadata/d", json={"meta": {"d": "4"}})
    assert item.json() == {"meta": {"d": "4"}}
    assert cinder.get(f"/volumes/{volume_id}/metadata/d").json() == {"meta": {"d": "4"}}
    mismatch = cinder.call("PUT", f"/volumes/{volume_id}/metadata/e", json={"meta": {"d": "4"}})
    assert mismatch.json() == fault("badRequest", 400, "Request body and URI mismatch")
    gone = cinder.call("DELETE", f"/volumes/{volume_id}/metadata/c")
    assert (gone.status_code, gone.content) == (200, b"")
    missing = cinder.get(f"/volumes/{volume_id}/metadata/c")
    assert missing.json() == fault("itemNotFound", 404,
                                   f"Volume {volume_id} has no metadata with key c.")


def test_update_renames_and_set_bootable_flags(cinder: Cinder) -> None:
    volume_id = cinder.create()
    resp = cinder.call("PUT", f"/volumes/{volume_id}",
                       json={"volume": {"name": " logs ", "description": "d"}})
    assert (resp.json()["volume"]["name"], resp.json()["volume"]["description"]) == ("logs", "d")
    assert cinder.action(volume_id, {"os-set_bootable": {"bootable": "yes"}}).status_code == 200
    assert cinder.get(f"/volumes/{volume_id}").json()["volume"]["bootable"] == "true"


# -- Nova's attachments ----------------------------------------------------------------------


def test_attach_answers_novas_view_per_microversion(cinder: Cinder, server_id: str) -> None:
    volume_id = cinder.create()
    resp = cinder.attach(server_id, volume_id, tag="db")
    assert (resp.status_code, resp.json()) == (200, {"volumeAttachment": {
        "id": volume_id, "serverId": server_id, "volumeId": volume_id, "device": "/dev/vdb",
        "tag": "db", "delete_on_termination": False}})
    shown = cinder.nova("GET", f"/servers/{server_id}/os-volume_attachments", version="2.89")
    (item,) = shown.json()["volumeAttachments"]
    assert set(item) == {"volumeId", "serverId", "device", "tag", "delete_on_termination",
                         "attachment_id", "bdm_uuid"}
    old = cinder.nova("GET", f"/servers/{server_id}/os-volume_attachments/{volume_id}",
                      version="2.1")
    assert old.json() == {"volumeAttachment": {"id": volume_id, "volumeId": volume_id,
                                               "serverId": server_id, "device": "/dev/vdb"}}


def test_the_server_and_the_volume_agree(cinder: Cinder, server_id: str) -> None:
    volume_id = cinder.create()
    cinder.attach(server_id, volume_id, delete_on_termination=True)
    server = cinder.nova("GET", f"/servers/{server_id}").json()["server"]
    assert server["os-extended-volumes:volumes_attached"] == [
        {"id": volume_id, "delete_on_termination": True}]
    (attachment,) = cinder.get(f"/volumes/{volume_id}").json()["volume"]["attachments"]
    assert (attachment["server_id"], attachment["device"]) == (server_id, "/dev/vdb")


def test_a_volume_attaches_once_per_server_even_multiattach(cinder: Cinder, cloud: FakeCloud,
                                                             server_id: str) -> None:
    cloud.block_storage.add_volume_type("shared", extra_specs={"multiattach": "<is> True"})
    plain, shared = cinder.create(), cinder.create(volume_type="shared")
    for volume_id in (plain, shared):
        assert cinder.attach(server_id, volume_id).status_code == 200
    assert cinder.attach(server_id, plain).json() == fault(
        "badRequest", 400,
        f"Invalid volume: volume {plain} is already attached to instances: {server_id}")
    assert cinder.attach(server_id, shared).json() == fault(
        "badRequest", 400, f"Invalid volume: volume {shared} already attached")


def test_multiattach_needs_2_60(cinder: Cinder, cloud: FakeCloud, server_id: str) -> None:
    cloud.block_storage.add_volume_type("shared", extra_specs={"multiattach": "<is> True"})
    other = cloud.compute.create_server(cinder.project_id, name="other").uuid
    volume_id = cinder.create(volume_type="shared")
    before = cinder.nova("POST", f"/servers/{server_id}/os-volume_attachments",
                         {"volumeAttachment": {"volumeId": volume_id}}, version="2.59")
    assert before.json() == fault("badRequest", 400, "Multiattach volumes are only supported "
                                                     "starting with compute API version 2.60.")
    assert cinder.attach(server_id, volume_id).status_code == 200
    assert cinder.attach(other, volume_id).status_code == 200
    volume = cinder.get(f"/volumes/{volume_id}").json()["volume"]
    assert volume["multiattach"] is True
    assert sorted(a["server_id"] for a in volume["attachments"]) == sorted([server_id, other])


def test_the_tag_needs_2_49(cinder: Cinder, server_id: str) -> None:
    volume_id = cinder.create()
    resp = cinder.nova("POST", f"/servers/{server_id}/os-volume_attachments",
                       {"volumeAttachment": {"volumeId": volume_id, "tag": "x"}}, version="2.48")
    assert resp.status_code == 400
    assert "Additional properties are not allowed ('tag' was unexpected)" in resp.text


def test_delete_on_termination_can_change_from_2_85(cinder: Cinder, server_id: str) -> None:
    volume_id = cinder.create()
    cinder.attach(server_id, volume_id)
    path = f"/servers/{server_id}/os-volume_attachments/{volume_id}"
    body = {"volumeAttachment": {"volumeId": volume_id, "delete_on_termination": True}}
    assert cinder.nova("PUT", path, body, version="2.85").status_code == 202
    assert cinder.nova("GET", path).json()["volumeAttachment"]["delete_on_termination"] is True
    swap = cinder.nova("PUT", path, {"volumeAttachment": {"volumeId": volume_id}})
    assert swap.json() == fault("forbidden", 403, "Policy doesn't allow "
                                "os_compute_api:os-volumes-attachments:swap to be performed.")


def test_an_unknown_server_is_novas_404(cinder: Cinder) -> None:
    volume_id = cinder.create()
    resp = cinder.attach("8d7a6bd7-6d0a-4c51-9e49-2b8fb1b2b8c1", volume_id)
    assert resp.json() == fault("itemNotFound", 404, "Instance "
                                "8d7a6bd7-6d0a-4c51-9e49-2b8fb1b2b8c1 could not be found.")


def test_a_reset_cloud_keeps_nova_and_cinder_wired(cloud: FakeCloud, http: requests.Session
                                                   ) -> None:
    cloud.reset()
    cinder = Cinder(cloud, http)
    server_id = cloud.compute.create_server(cinder.project_id, name="app").uuid
    volume_id = cinder.create()
    assert cinder.attach(server_id, volume_id).status_code == 200
    server = cinder.nova("GET", f"/servers/{server_id}").json()["server"]
    assert server["os-extended-volumes:volumes_attached"][0]["id"] == volume_id


# -- Cinder's own attach actions ---------------------------------------------------------------


def test_reserve_attach_begin_detaching_and_detach(cinder: Cinder) -> None:
    volume_id = cinder.create()
    assert cinder.action(volume_id, {"os-reserve": None}).status_code == 202
    assert _status(cinder, volume_id) == "attaching"
    again = cinder.action(volume_id, {"os-reserve": {}})
    assert again.json() == fault("badRequest", 400, "Invalid volume: Volume status must be "
                                 "available to reserve, but the status is attaching.")
    attach = {"os-attach": {"mountpoint": "/mnt", "host_name": "backup-1"}}
    assert cinder.action(volume_id, attach).status_code == 202
    volume = cinder.get(f"/volumes/{volume_id}").json()["volume"]
    assert (volume["status"], volume["attachments"][0]["device"]) == ("in-use", "/mnt")
    assert cinder.action(volume_id, {"os-begin_detaching": {}}).status_code == 202
    assert _status(cinder, volume_id) == "detaching"
    assert cinder.action(volume_id, {"os-detach": {}}).status_code == 202
    assert _status(cinder, volume_id) == "available"


# -- protocol ----------------------------------------------------------------------------------


def test_microversions_are_echoed_and_checked(cinder: Cinder) -> None:
    ok = cinder.get("/volumes", version="3.71")
    assert (ok.headers["OpenStack-API-Version"], ok.headers["Vary"]) == (
        "volume 3.71", "OpenStack-API-Version")
    assert cinder.get("/volumes", version="latest").headers["OpenStack-API-Version"] == \
        "volume 3.71"
    too_new = cinder.get("/volumes", version="3.72")
    assert (too_new.status_code, too_new.json()) == (406, fault(
        "computeFault", 406,
        "Version 3.72 is not supported by the API. Minimum is 3.0 and maximum is 3.71."))
    bad = cinder.get("/volumes", version="3.x")
    assert bad.json() == fault("badRequest", 400, "API Version String 3.x is of invalid format. "
                                                  "Must be of format MajorNum.MinorNum.")
    assert "OpenStack-API-Version" in cinder.get("/volumes").headers  # 3.0, echoed


def test_every_answer_has_a_request_id(cinder: Cinder) -> None:
    for resp in (cinder.get("/volumes"), cinder.get("/volumes/nope")):
        assert resp.headers["x-openstack-request-id"].startswith("req-")


def test_another_projects_url_is_malformed(cinder: Cinder, cloud: FakeCloud) -> None:
    resp = cinder.http.get(f"{cloud.base_url}/volume/v3/{cloud.project_id('admin')}/volumes",
                           headers=cinder.headers())
    assert resp.json() == fault("badRequest", 400, "Malformed request url")


def test_without_a_token_it_is_401(cinder: Cinder) -> None:
    assert cinder.http.get(cinder.url + "/volumes").status_code == 401


def test_an_unsupported_content_type_is_a_415(cinder: Cinder) -> None:
    resp = cinder.http.post(cinder.url + "/volumes", data=b"<volume/>",
                            headers={**cinder.headers(), "Content-Type": "application/xml"})
    assert resp.json() == fault("badMediaType", 415, "Unsupported Content-Type")


def test_the_version_documents(cinder: Cinder, cloud: FakeCloud) -> None:
    root = cinder.http.get(cloud.base_url + "/volume/")
    assert root.status_code == 300
    (version,) = root.json()["versions"]
    assert (version["id"], version["min_version"], version["version"]) == ("v3.0", "3.0", "3.71")
    assert {"rel": "self", "href": f"{cloud.base_url}/volume/v3/"} in version["links"]
    v3 = cinder.http.get(cloud.base_url + "/volume/v3/", headers=cinder.headers())
    assert (v3.status_code, v3.json()) == (200, root.json())


def test_a_retype_to_an_unknown_type_is_404(cinder: Cinder) -> None:
    volume_id = cinder.create()
    resp = cinder.action(volume_id, {"os-retype": {"new_type": "x"}})
    assert resp.status_code == 404  # every action is modelled (test_volume_actions_more.py)


def test_the_dump_names_volumes_and_attachments(cinder: Cinder, cloud: FakeCloud,
                                                server_id: str) -> None:
    volume_id = cinder.create()
    cinder.attach(server_id, volume_id)
    dumped = cloud.dump()["block-storage"]
    (volume,) = dumped["volumes"]
    assert (volume["id"], volume["attachments"][0]["server_id"]) == (volume_id, server_id)


def test_an_error_forced_during_an_attach_stays(cinder: Cinder, cloud: FakeCloud,
                                                server_id: str) -> None:
    cloud.block_storage.set_action_time(10)
    volume_id = cinder.create()
    assert cinder.attach(server_id, volume_id).status_code == 200
    cloud.block_storage.force_error(volume_id, "error_attaching")
    cloud.clock.advance(10)
    assert _status(cinder, volume_id) == "error_attaching"
