"""Boot from volume in the fake Nova: a create's `block_device_mapping_v2` (and the legacy
`block_device_mapping`) checked as Nova checks it, the volumes reserved, made and attached
through the cloud's `volumes` link, and what the server's delete does to them."""

from __future__ import annotations

import re
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackdouble.fakes import FakeCloud, Service
from stackdouble.fakes.blockstorage.models.volumes import Volume
from stackdouble.fakes.clock import FakeClock
from stackdouble.fakes.compute.errors import BadRequest
from stackdouble.fakes.compute.models import bootfromvolume

from .conftest import CIRROS, Nova

BUILD = 30.0


@pytest.fixture
def slow(cloud: FakeCloud) -> FakeCloud:
    """A cloud whose servers stay in BUILD for 30 s of fake time."""
    cloud.compute.set_build_time(BUILD)
    return cloud


def _volume(cloud: FakeCloud, *, project: str = "demo", bootable: bool = True,
            size: int = 1, image_id: str | None = None) -> Volume:
    storage = cloud.block_storage
    caller = storage.caller_for(cloud.project_id(project))
    volume = storage.create_volume(caller, size=size, name="v", image_id=image_id)
    if bootable and image_id is None:
        storage.set_bootable(caller, volume.id, True)
    assert storage.volume_status(volume.id) == "available"
    return volume


def _root(volume_id: str, **extra: Any) -> dict[str, Any]:
    return {"uuid": volume_id, "source_type": "volume", "destination_type": "volume",
            "boot_index": 0, **extra}


def _boot(nova: Nova, bdms: list[dict[str, Any]], *, version: str | None = None,
          **server: Any) -> Any:
    body = {"server": {"name": "bfv", "flavorRef": "1", "block_device_mapping_v2": bdms,
                       **server}}
    return nova.post("/servers", body, version=version)


def _fault(resp: Any, status: int = 400) -> str:
    assert resp.status_code == status, resp.text
    name = {400: "badRequest", 403: "forbidden"}[status]
    return str(resp.json()[name]["message"])


# -- an existing volume ------------------------------------------------------------------


def test_volume_is_reserved_at_create_and_attached_as_root_when_the_build_ends(
        slow: FakeCloud, nova: Nova, clock: FakeClock) -> None:
    volume = _volume(slow)
    resp = _boot(nova, [_root(volume.id)])
    assert resp.status_code == 202, resp.text
    server_id = resp.json()["server"]["id"]
    during = nova.get(f"/servers/{server_id}").json()["server"]

    assert during["status"] == "BUILD"
    assert during["os-extended-volumes:volumes_attached"] == [{"id": volume.id}]
    assert slow.block_storage.volume_status(volume.id) == "reserved"

    clock.advance(BUILD)
    server = nova.get(f"/servers/{server_id}").json()["server"]
    attachments = nova.get(f"/servers/{server_id}/os-volume_attachments").json()
    cinder = slow.block_storage.volumes[volume.id].attachments

    assert server["status"] == "ACTIVE"
    assert server["image"] == ""
    assert slow.block_storage.volume_status(volume.id) == "in-use"
    assert attachments == {"volumeAttachments": [
        {"id": volume.id, "volumeId": volume.id, "serverId": server_id, "device": "/dev/vda"}]}
    assert [(a.server_id, a.device, a.attach_status) for a in cinder] == [
        (server_id, "/dev/vda", "attached")]


def test_image_ref_may_be_left_out_or_empty(nova: Nova, cloud: FakeCloud) -> None:
    first, second = _volume(cloud), _volume(cloud)

    assert _boot(nova, [_root(first.id)]).status_code == 202
    assert _boot(nova, [_root(second.id)], imageRef="").status_code == 202


def test_volume_attached_at_boot_cannot_be_attached_again(nova: Nova,
                                                          cloud: FakeCloud) -> None:
    volume = _volume(cloud)
    _boot(nova, [_root(volume.id)])
    other = nova.create("other")
    resp = nova.post(f"/servers/{other}/os-volume_attachments",
                     {"volumeAttachment": {"volumeId": volume.id}})

    assert resp.status_code == 400
    assert "is already attached to instances" in resp.json()["badRequest"]["message"]


def test_root_volume_cannot_be_detached(nova: Nova, cloud: FakeCloud) -> None:
    volume = _volume(cloud)
    server_id = _boot(nova, [_root(volume.id)]).json()["server"]["id"]
    resp = nova.call("DELETE", f"/servers/{server_id}/os-volume_attachments/{volume.id}")

    assert _fault(resp) == "Cannot detach a root device volume"
    assert cloud.block_storage.volume_status(volume.id) == "in-use"


def test_delete_detaches_a_volume_kept_after_termination(nova: Nova, cloud: FakeCloud) -> None:
    volume = _volume(cloud)
    server_id = _boot(nova, [_root(volume.id)]).json()["server"]["id"]

    assert nova.call("DELETE", f"/servers/{server_id}").status_code == 204
    assert cloud.block_storage.volume_status(volume.id) == "available"
    assert cloud.block_storage.volumes[volume.id].attachments == []


def test_delete_deletes_a_volume_marked_delete_on_termination(nova: Nova,
                                                              cloud: FakeCloud) -> None:
    volume = _volume(cloud)
    server_id = _boot(nova, [_root(volume.id, delete_on_termination="true")],
                      version="2.79", networks="none").json()["server"]["id"]
    shown = nova.get(f"/servers/{server_id}", version="2.79").json()["server"]

    assert shown["os-extended-volumes:volumes_attached"] == [
        {"id": volume.id, "delete_on_termination": True}]
    nova.call("DELETE", f"/servers/{server_id}")
    assert cloud.block_storage.volume_status(volume.id) == "deleted"


def test_failed_build_leaves_the_volume_reserved_until_the_server_goes(
        nova: Nova, cloud: FakeCloud) -> None:
    cloud.compute.set_hosts(1, memory_mb=512)
    volume = _volume(cloud)
    server_id = _boot(nova, [_root(volume.id)], flavorRef="3").json()["server"]["id"]
    server = nova.get(f"/servers/{server_id}").json()["server"]

    assert server["status"] == "ERROR"
    assert "No valid host was found" in server["fault"]["message"]
    assert cloud.block_storage.volume_status(volume.id) == "reserved"
    nova.call("DELETE", f"/servers/{server_id}")
    assert cloud.block_storage.volume_status(volume.id) == "available"


def test_volume_backed_server_takes_no_root_disk_on_its_host(nova: Nova,
                                                              cloud: FakeCloud) -> None:
    volume = _volume(cloud)
    _boot(nova, [_root(volume.id)], flavorRef="2")  # m1.small: 20 GiB root disk

    assert sum(host.used_disk for host in cloud.compute.hosts.values()) == 0
    nova.create("local", flavorRef="2")
    assert sum(host.used_disk for host in cloud.compute.hosts.values()) == 20


def test_legacy_mapping_of_vda_boots_from_the_volume(nova: Nova, cloud: FakeCloud) -> None:
    volume = _volume(cloud)
    resp = nova.post("/servers", {"server": {"name": "old", "flavorRef": "1",
                                             "block_device_mapping": [
                                                 {"volume_id": volume.id,
                                                  "device_name": "vda"}]}})
    server_id = resp.json()["server"]["id"]
    attachments = nova.get(f"/servers/{server_id}/os-volume_attachments").json()

    assert resp.status_code == 202
    assert [a["device"] for a in attachments["volumeAttachments"]] == ["/dev/vda"]
    assert nova.get(f"/servers/{server_id}").json()["server"]["image"] == ""


def test_second_volume_beside_an_image_takes_the_next_device(nova: Nova,
                                                             cloud: FakeCloud) -> None:
    data = _volume(cloud, bootable=False)
    image_root = {"uuid": CIRROS, "source_type": "image", "destination_type": "local",
                  "boot_index": 0}
    resp = _boot(nova, [image_root, {"uuid": data.id, "source_type": "volume",
                                     "destination_type": "volume", "boot_index": -1}],
                 imageRef=CIRROS)
    server_id = resp.json()["server"]["id"]
    attachments = nova.get(f"/servers/{server_id}/os-volume_attachments").json()

    assert resp.status_code == 202, resp.text
    assert [a["device"] for a in attachments["volumeAttachments"]] == ["/dev/vdb"]
    assert nova.get(f"/servers/{server_id}").json()["server"]["image"]["id"] == CIRROS


# -- volumes Nova makes ------------------------------------------------------------------


def test_image_to_volume_has_cinder_make_the_root_volume_from_the_image(
        slow: FakeCloud, nova: Nova, clock: FakeClock) -> None:
    resp = _boot(nova, [{"uuid": CIRROS, "source_type": "image", "destination_type": "volume",
                         "boot_index": 0, "volume_size": 2,
                         "delete_on_termination": True}], imageRef="")
    server_id = resp.json()["server"]["id"]
    clock.advance(BUILD)
    server = nova.get(f"/servers/{server_id}").json()["server"]
    [attached] = server["os-extended-volumes:volumes_attached"]
    volume = slow.block_storage.volumes[attached["id"]]

    assert server["status"] == "ACTIVE"
    assert server["image"] == ""
    assert (volume.status, volume.size, volume.name, volume.bootable) == ("in-use", 2, "",
                                                                         True)
    assert volume.image_id == CIRROS
    assert volume.image_metadata is not None
    assert volume.image_metadata["image_id"] == CIRROS
    assert volume.image_metadata["image_name"] == "cirros-0.6.2-x86_64-disk"
    assert [(a.server_id, a.device) for a in volume.attachments] == [(server_id, "/dev/vda")]

    nova.call("DELETE", f"/servers/{server_id}")
    assert slow.block_storage.volume_status(volume.id) == "deleted"


def test_blank_volume_is_named_after_the_server(nova: Nova, cloud: FakeCloud) -> None:
    image_root = {"uuid": CIRROS, "source_type": "image", "destination_type": "local",
                  "boot_index": 0}
    blank = {"source_type": "blank", "destination_type": "volume", "boot_index": -1,
             "volume_size": 1}
    server_id = _boot(nova, [image_root, blank], imageRef=CIRROS).json()["server"]["id"]
    [attached] = nova.get(f"/servers/{server_id}").json()["server"][
        "os-extended-volumes:volumes_attached"]
    volume = cloud.block_storage.volumes[attached["id"]]

    assert (volume.name, volume.status, volume.bootable) == (f"{server_id}-blank-vol",
                                                             "in-use", False)
    nova.call("DELETE", f"/servers/{server_id}")
    assert cloud.block_storage.volume_status(volume.id) == "available"


def test_snapshot_to_volume_boots_a_copy_of_the_volume(nova: Nova, cloud: FakeCloud) -> None:
    origin = _volume(cloud, image_id=CIRROS)
    storage = cloud.block_storage
    snap = storage.create_snapshot(storage.caller_for(cloud.project_id("demo")), origin.id)
    storage.advance()
    resp = _boot(nova, [{"uuid": snap.id, "source_type": "snapshot",
                         "destination_type": "volume", "boot_index": 0}])
    server_id = resp.json()["server"]["id"]
    [attached] = nova.get(f"/servers/{server_id}").json()["server"][
        "os-extended-volumes:volumes_attached"]
    volume = storage.volumes[attached["id"]]

    assert resp.status_code == 202, resp.text
    assert (volume.snapshot_id, volume.size, volume.status) == (snap.id, 1, "in-use")


def test_volume_quota_failure_fails_the_build(nova: Nova, cloud: FakeCloud) -> None:
    cloud.block_storage.set_quota(cloud.project_id("demo"), gigabytes=1)
    resp = _boot(nova, [{"uuid": CIRROS, "source_type": "image", "destination_type": "volume",
                         "boot_index": 0, "volume_size": 2}])
    server_id = resp.json()["server"]["id"]
    server = nova.get(f"/servers/{server_id}").json()["server"]

    assert resp.status_code == 202
    assert server["status"] == "ERROR"
    assert server["fault"]["message"].startswith(f"Build of instance {server_id} aborted: ")
    assert cloud.block_storage.volumes == {}


# -- Nova's 400s ---------------------------------------------------------------------------


def test_missing_root_volume(nova: Nova) -> None:
    missing = "0b0e9d1c-6a64-4b6a-9d5e-1f0f2b1e0c11"

    assert _fault(_boot(nova, [_root(missing)])) == (
        f"Block Device Mapping is Invalid: failed to get volume {missing}.")


def test_another_projects_volume_is_refused_and_left_alone(nova: Nova,
                                                           cloud: FakeCloud) -> None:
    theirs = _volume(cloud, project="admin")

    assert _fault(_boot(nova, [_root(theirs.id)])) == (
        f"Block Device Mapping is Invalid: failed to get volume {theirs.id}.")
    assert cloud.block_storage.volume_status(theirs.id) == "available"
    assert nova.get("/servers").json()["servers"] == []


def test_missing_second_volume(nova: Nova, cloud: FakeCloud) -> None:
    root = _volume(cloud)
    missing = "0b0e9d1c-6a64-4b6a-9d5e-1f0f2b1e0c11"
    resp = _boot(nova, [_root(root.id), _root(missing, boot_index=1)])

    assert _fault(resp) == f"Volume {missing} could not be found."
    assert cloud.block_storage.volume_status(root.id) == "available"


def test_volume_that_is_not_bootable(nova: Nova, cloud: FakeCloud) -> None:
    volume = _volume(cloud, bootable=False)

    assert _fault(_boot(nova, [_root(volume.id)])) == (
        f"Block Device {volume.id} is not bootable.")


def test_volume_that_is_not_available(nova: Nova, cloud: FakeCloud) -> None:
    volume = _volume(cloud)
    _boot(nova, [_root(volume.id)])
    message = _fault(_boot(nova, [_root(volume.id)]))

    assert re.fullmatch(
        rf"Invalid volume: Invalid input received: Invalid volume: Volume {volume.id} status "
        r"must be available or downloading to reserve, but the current status is in-use\. "
        r"\(HTTP 400\) \(Request-ID: req-[0-9a-f-]{36}\)", message), message


def test_multiattach_volume_needs_2_60(nova: Nova, cloud: FakeCloud) -> None:
    volume = _volume(cloud)
    cloud.block_storage.volumes[volume.id].multiattach = True

    assert _fault(_boot(nova, [_root(volume.id)])) == (
        "Multiattach volumes are only supported starting with compute API version 2.60.")
    assert _boot(nova, [_root(volume.id)], version="2.60", networks="none").status_code == 202


@pytest.mark.parametrize(("bdm", "details"), [
    ({"source_type": "volume", "destination_type": "volume", "boot_index": 0},
     "Missing device UUID."),
    ({"source_type": "blank", "uuid": CIRROS, "destination_type": "volume", "boot_index": 0},
     "Invalid device UUID."),
    ({"source_type": "image", "uuid": CIRROS, "destination_type": "local", "boot_index": 0},
     "Mapping image to local is not supported."),
    ({"source_type": "volume", "uuid": CIRROS, "destination_type": "volume",
      "boot_index": 0, "volume_type": "lvmdriver-1"},
     "Specifying volume type to existing volume is not supported."),
    ({"uuid": CIRROS, "destination_type": "volume", "boot_index": 0},
     "Following fields are invalid: None_id"),
])
def test_mapping_format_errors(nova: Nova, bdm: dict[str, Any], details: str) -> None:
    assert _fault(_boot(nova, [bdm], version="2.67", networks="none")) == (
        f"Block Device Mapping is Invalid: {details}")


def test_boot_index_must_start_at_zero(nova: Nova, cloud: FakeCloud) -> None:
    volume = _volume(cloud)

    assert _fault(_boot(nova, [_root(volume.id, boot_index=1)], imageRef=CIRROS)) == (
        "Block Device Mapping is Invalid: Boot sequence for the instance and image/block "
        "device mapping combination is not valid.")


def test_image_to_volume_needs_a_size(nova: Nova) -> None:
    resp = _boot(nova, [{"uuid": CIRROS, "source_type": "image",
                         "destination_type": "volume", "boot_index": 0}])

    assert _fault(resp) == ("Images with destination_type 'volume' need to have a non-zero "
                            "size specified")


def test_blank_volume_needs_a_size(nova: Nova) -> None:
    resp = _boot(nova, [{"uuid": CIRROS, "source_type": "image", "destination_type": "local",
                         "boot_index": 0},
                        {"source_type": "blank", "destination_type": "volume",
                         "boot_index": -1}], imageRef=CIRROS)

    assert _fault(resp) == ("Blank volumes (source: 'blank', dest: 'volume') need to have "
                            "non-zero size")


def test_image_to_volume_smaller_than_the_images_min_disk(nova: Nova,
                                                          cloud: FakeCloud) -> None:
    glance = cloud.image
    demo = glance.caller_for(cloud.project_id("demo"))
    image = glance.create_image(demo, name="big", min_disk=5, disk_format="raw",
                                container_format="bare")
    glance.upload(demo, image.id, b"x")
    resp = _boot(nova, [{"uuid": image.id, "source_type": "image",
                         "destination_type": "volume", "boot_index": 0, "volume_size": 1}])

    assert _fault(resp) == ("Volume is smaller than the minimum size specified in image "
                            f"metadata. Volume size is {1024**3} bytes, minimum size is "
                            f"{5 * 1024**3} bytes.")


def test_missing_image_of_an_image_to_volume_root(nova: Nova) -> None:
    missing = "0b0e9d1c-6a64-4b6a-9d5e-1f0f2b1e0c11"
    resp = _boot(nova, [{"uuid": missing, "source_type": "image",
                         "destination_type": "volume", "boot_index": 0, "volume_size": 1}])

    assert _fault(resp) == f"Block Device Mapping is Invalid: failed to get image {missing}."


def test_volumes_cannot_go_to_several_servers(nova: Nova, cloud: FakeCloud) -> None:
    volume = _volume(cloud)

    assert _fault(_boot(nova, [_root(volume.id)], max_count=2)) == (
        "Cannot attach one or more volumes to multiple instances")


def test_both_mapping_syntaxes_at_once(nova: Nova, cloud: FakeCloud) -> None:
    volume = _volume(cloud)
    resp = _boot(nova, [_root(volume.id)], block_device_mapping=[{"volume_id": volume.id}])

    assert _fault(resp) == ("Using different block_device_mapping syntaxes is not allowed "
                            "in the same request.")


def test_zero_disk_flavor_boots_only_from_volume_for_members(
        nova: Nova, admin_nova: Nova, cloud: FakeCloud) -> None:
    cloud.compute.add_flavor("z", "zero", ram=64, vcpus=1, disk=0)
    volume = _volume(cloud)
    image_boot = nova.post("/servers", {"server": {"name": "img", "flavorRef": "z",
                                                   "imageRef": CIRROS}})

    assert _fault(image_boot, 403) == ("Only volume-backed servers are allowed for flavors "
                                       "with zero disk.")
    assert _boot(nova, [_root(volume.id)], flavorRef="z").status_code == 202
    assert admin_nova.create("admin-img", flavorRef="z")


class _NoBlockStorage(Service):
    """A `block-storage` service that provides nothing (a cloud without Cinder)."""

    name, prefix = "block-storage", "/volume"


def test_without_block_storage_every_volume_is_missing(cloud: FakeCloud, nova: Nova) -> None:
    cloud.register_service(_NoBlockStorage)
    volume_id = "0b0e9d1c-6a64-4b6a-9d5e-1f0f2b1e0c11"

    assert _fault(_boot(nova, [_root(volume_id)])) == (
        f"Block Device Mapping is Invalid: failed to get volume {volume_id}.")
    assert _fault(_boot(nova, [{"uuid": CIRROS, "source_type": "image",
                                "destination_type": "local", "boot_index": 0},
                               _root(volume_id, boot_index=-1)], imageRef=CIRROS)) == (
        f"Volume {volume_id} could not be found.")


_BDM_VALUES = st.fixed_dictionaries({}, optional={
    "source_type": st.sampled_from(["volume", "image", "snapshot", "blank"]),
    "destination_type": st.sampled_from(["local", "volume"]),
    "uuid": st.sampled_from([CIRROS, "abc", ""]),
    "boot_index": st.one_of(st.none(), st.integers(-2, 3), st.sampled_from(["0", "-1", "7"])),
    "volume_size": st.one_of(st.integers(1, 5), st.sampled_from(["1", "10"])),
    "device_name": st.sampled_from(["vda", "/dev/vdb", "sdc1", "x y"]),
    "delete_on_termination": st.sampled_from([True, False, "yes", "0"]),
    "guest_format": st.sampled_from(["swap", "ext4"]),
    "volume_type": st.sampled_from(["", "lvmdriver-1"]),
    "no_device": st.booleans(),
    "tag": st.sampled_from(["t"]),
})


@given(bdm=_BDM_VALUES, image=st.booleans())
def test_from_api_gives_a_mapping_or_nova_s_format_error(bdm: dict[str, Any],
                                                         image: bool) -> None:
    found: bootfromvolume.BlockDevice | str
    try:
        found = bootfromvolume.from_api(dict(bdm), image_uuid_specified=image)
    except BadRequest as exc:
        found = exc.message or ""
    if isinstance(found, str):
        assert found.startswith("Block Device Mapping is Invalid: ")
        return
    assert found.source_type == bdm.get("source_type")
    assert found.delete_on_termination in (True, False)
    assert found.device_name is None or found.device_name.startswith("/dev/")
    if found.source_type not in (None, "blank") and not found.no_device:
        assert getattr(found, f"{found.source_type}_id") == bdm["uuid"]


@settings(max_examples=80, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_drawn_mappings_get_a_202_or_a_4xx_that_changes_nothing(data: st.DataObject) -> None:
    with FakeCloud(seed=77) as cloud, requests.Session() as http:
        http.trust_env = False
        nova = Nova(cloud, http)
        volume = _volume(cloud)
        storage = cloud.block_storage
        snap = storage.create_snapshot(storage.caller_for(cloud.project_id("demo")),
                                       volume.id)
        ids = st.sampled_from([volume.id, snap.id, CIRROS,
                               "0b0e9d1c-6a64-4b6a-9d5e-1f0f2b1e0c11"])
        storage.advance()
        likely = st.fixed_dictionaries({
            "source_type": st.sampled_from(["volume", "image", "snapshot", "blank"]),
            "destination_type": st.sampled_from(["volume", "volume", "local"]),
            "uuid": ids, "boot_index": st.sampled_from([0, 0, -1, 1, None])},
            optional={"volume_size": st.integers(1, 3),
                      "delete_on_termination": st.booleans(),
                      "guest_format": st.just("swap"),
                      "device_name": st.sampled_from(["vda", "/dev/vdc"])}).map(
            lambda bdm: {k: v for k, v in bdm.items()
                         if not (k == "uuid" and bdm["source_type"] == "blank")})
        bdms = data.draw(st.lists(st.one_of(likely, _BDM_VALUES), min_size=1, max_size=3),
                         label="bdms")
        image = data.draw(st.sampled_from([None, "", CIRROS]), label="imageRef")
        extra = {} if image is None else {"imageRef": image}
        resp = _boot(nova, bdms, version="2.67", networks="none", **extra)

        assert resp.status_code in (202, 400, 403), resp.text
        if resp.status_code != 202:
            assert list(cloud.compute.servers) == []
            assert storage.volume_status(volume.id) == "available"
            assert list(storage.volumes) == [volume.id]
