"""Cinder's image actions: a volume uploaded to a Glance image (seen through Glance's own
API), a volume re-imaged from one, and the volume image metadata."""

from __future__ import annotations

import hashlib

import pytest
import requests

from stackdouble.fakes import FakeCloud
from tests.fakes.blockstorage.conftest import Cinder, fault
from tests.fakes.image.conftest import Glance

GiB = 1024**3


@pytest.fixture
def glance(cloud: FakeCloud, http: requests.Session) -> Glance:
    """The demo user's raw Glance."""
    return Glance(cloud, http)


def upload(cinder: Cinder, volume_id: str, version: str | None = None,
           **given: object) -> requests.Response:
    return cinder.action(volume_id, {"os-volume_upload_image": {"image_name": "saved",
                                                                **given}}, version=version)


# -- os-volume_upload_image ---------------------------------------------------------------


def test_upload_answers_202_with_cinders_keys(cloud: FakeCloud, cinder: Cinder) -> None:
    volume_id = cinder.create(description="data")
    before = cinder.get(f"/volumes/{volume_id}").json()["volume"]["updated_at"]
    resp = upload(cinder, volume_id)
    assert resp.status_code == 202
    body = resp.json()["os-volume_upload_image"]
    assert {k: v for k, v in body.items() if k not in ("image_id", "volume_type")} == {
        "id": volume_id, "updated_at": before, "status": "uploading",
        "display_description": "data", "size": 1, "container_format": "bare",
        "disk_format": "raw", "image_name": "saved", "protected": False,
        "visibility": "shared"}
    assert body["volume_type"]["name"] == "__DEFAULT__"
    assert set(body["volume_type"]) == {"id", "name", "description", "is_public",
                                        "qos_specs_id", "extra_specs", "created_at",
                                        "updated_at", "deleted_at", "deleted"}


def test_from_3_1_the_image_is_private_unless_asked(cinder: Cinder, glance: Glance) -> None:
    volume_id = cinder.create()
    body = upload(cinder, volume_id, version="3.1").json()["os-volume_upload_image"]
    assert body["visibility"] == "private"
    image = glance.get(f"/images/{body['image_id']}").json()
    assert (image["visibility"], image["protected"]) == ("private", False)


def test_visibility_is_refused_before_3_1(cinder: Cinder) -> None:
    resp = upload(cinder, cinder.create(), visibility="private")
    assert resp.status_code == 400
    assert "Additional properties are not allowed ('visibility' was unexpected)" in (
        resp.json()["badRequest"]["message"])


def test_the_volume_is_uploading_then_available_after_the_action_time(
        cloud: FakeCloud, cinder: Cinder, glance: Glance) -> None:
    volume_id = cinder.create()
    cloud.block_storage.set_action_time(30)
    image_id = upload(cinder, volume_id).json()["os-volume_upload_image"]["image_id"]
    assert cinder.get(f"/volumes/{volume_id}").json()["volume"]["status"] == "uploading"
    assert glance.get(f"/images/{image_id}").json()["status"] == "queued"
    cloud.clock.advance(30)
    assert glance.get(f"/images/{image_id}").json()["status"] == "active"
    assert cinder.get(f"/volumes/{volume_id}").json()["volume"]["status"] == "available"


def test_the_image_holds_the_volumes_size_in_bytes_in_the_asked_formats(
        cinder: Cinder, glance: Glance) -> None:
    volume_id = cinder.create(size=2)
    image_id = upload(cinder, volume_id, disk_format="qcow2",
                      container_format="ovf").json()["os-volume_upload_image"]["image_id"]
    image = glance.get(f"/images/{image_id}").json()
    assert (image["size"], image["disk_format"], image["container_format"]) == (
        2 * GiB, "qcow2", "ovf")
    assert image["owner"] == cinder.project_id


def test_the_images_digests_are_those_of_its_data(cinder: Cinder, glance: Glance) -> None:
    image_id = upload(cinder, cinder.create()).json()["os-volume_upload_image"]["image_id"]
    image = glance.get(f"/images/{image_id}").json()
    md5, sha = hashlib.md5(usedforsecurity=False), hashlib.sha512()
    with glance.get(f"/images/{image_id}/file", stream=True) as resp:
        for chunk in resp.iter_content(2**20):
            md5.update(chunk)
            sha.update(chunk)
    assert (image["checksum"], image["os_hash_value"]) == (md5.hexdigest(), sha.hexdigest())


def test_a_bootable_volumes_image_metadata_becomes_the_images_properties(
        cinder: Cinder, glance: Glance) -> None:
    source = glance.active(b"0123456789", name="golden", os_distro="cirros")
    volume_id = cinder.create(imageRef=source["id"])
    cinder.action(volume_id, {"os-set_image_metadata": {"metadata": {
        "os_glance_import_task": "x", "hw_disk_bus": "scsi"}}})
    image_id = upload(cinder, volume_id).json()["os-volume_upload_image"]["image_id"]
    image = glance.get(f"/images/{image_id}").json()
    assert (image["os_distro"], image["hw_disk_bus"], image["name"]) == (
        "cirros", "scsi", "saved")
    assert "image_name" not in image
    assert "os_glance_import_task" not in image
    assert image["min_disk"] == 0


def test_an_in_use_volume_is_refused_even_with_force_by_default(
        cloud: FakeCloud, cinder: Cinder, server_id: str) -> None:
    volume_id = cinder.create()
    assert cinder.attach(server_id, volume_id).status_code == 200
    resp = upload(cinder, volume_id, force=True)
    assert resp.json() == fault("badRequest", 400, f"Invalid volume: Volume {volume_id} "
                                "status must be available")
    assert cinder.get(f"/volumes/{volume_id}").json()["volume"]["status"] == "in-use"


def test_force_uploads_an_in_use_volume_when_enabled_and_it_stays_in_use(
        cloud: FakeCloud, cinder: Cinder, server_id: str) -> None:
    cloud.block_storage.enable_force_upload = True
    volume_id = cinder.create()
    cinder.attach(server_id, volume_id)
    assert upload(cinder, volume_id).json()["badRequest"]["message"] == (
        f"Invalid volume: Volume {volume_id} status must be available")
    assert upload(cinder, volume_id, force="true").status_code == 202
    assert cinder.get(f"/volumes/{volume_id}").json()["volume"]["status"] == "in-use"


def test_metadata_cannot_change_while_uploading(cloud: FakeCloud, cinder: Cinder) -> None:
    cloud.block_storage.set_action_time(5)
    volume_id = cinder.create()
    upload(cinder, volume_id)
    resp = cinder.action(volume_id, {"os-set_image_metadata": {"metadata": {"a": "b"}}})
    assert resp.json() == fault("badRequest", 400, "Invalid volume: Updating volume "
                                "metadata is not allowed for volumes in uploading status.")
    assert upload(cinder, volume_id).status_code == 400


def test_public_is_for_admins(cinder: Cinder, admin_cinder: Cinder, glance: Glance,
                              cloud: FakeCloud) -> None:
    volume_id = cinder.create()
    resp = upload(cinder, volume_id, version="3.1", visibility="public")
    assert resp.json() == fault("forbidden", 403, "Policy doesn't allow volume_extension:"
                                "volume_actions:upload_public to be performed.")
    body = upload(admin_cinder, admin_cinder.create(), version="3.1", visibility="public",
                  protected=True).json()["os-volume_upload_image"]
    assert (body["visibility"], body["protected"]) == ("public", True)
    assert glance.get(f"/images/{body['image_id']}").json()["visibility"] == "public"


def test_glances_property_quota_refuses_and_the_volume_is_back(
        cloud: FakeCloud, cinder: Cinder, glance: Glance) -> None:
    cloud.image.configure(image_property_quota=1)
    volume_id = cinder.create()
    cinder.action(volume_id, {"os-set_image_metadata": {"metadata": {"a": "1", "b": "2"}}})
    before = len(glance.get("/images").json()["images"])
    resp = upload(cinder, volume_id)
    assert resp.status_code == 400
    assert resp.json()["badRequest"]["message"].startswith(
        "The limit has been exceeded on the number of allowed image properties.")
    assert resp.json()["badRequest"]["message"].endswith("(HTTP 413)")
    assert cinder.get(f"/volumes/{volume_id}").json()["volume"]["status"] == "available"
    assert len(glance.get("/images").json()["images"]) == before


def test_glances_storage_quota_deletes_the_image_when_the_upload_fails(
        cloud: FakeCloud, cinder: Cinder, glance: Glance) -> None:
    cloud.image.configure(user_storage_quota=GiB // 2)
    cloud.block_storage.set_action_time(10)
    volume_id = cinder.create()
    image_id = upload(cinder, volume_id).json()["os-volume_upload_image"]["image_id"]
    assert glance.get(f"/images/{image_id}").json()["status"] == "queued"
    cloud.clock.advance(10)
    assert glance.get(f"/images/{image_id}").status_code == 404
    assert cinder.get(f"/volumes/{volume_id}").json()["volume"]["status"] == "available"


def test_an_unknown_container_format_is_refused_by_the_image_client(cinder: Cinder) -> None:
    resp = upload(cinder, cinder.create(), container_format="tarball")
    assert resp.status_code == 400
    assert resp.json()["badRequest"]["message"].startswith(
        "Unable to set 'container_format' to 'tarball'.")


def test_a_compressed_container_is_refused(cinder: Cinder) -> None:
    volume_id = cinder.create()
    assert upload(cinder, volume_id, container_format="compressed").json() == fault(
        "badRequest", 400, "Image compression upload disallowed, but container_format is "
        "compressed")


def test_another_projects_volume_is_not_found(cinder: Cinder, admin_cinder: Cinder) -> None:
    volume_id = admin_cinder.create()
    assert upload(cinder, volume_id).json() == fault(
        "itemNotFound", 404, f"Volume {volume_id} could not be found.")


# -- volume image metadata ----------------------------------------------------------------


def test_set_merges_show_reads_and_unset_removes(cinder: Cinder) -> None:
    volume_id = cinder.create()
    assert cinder.action(volume_id, {"os-show_image_metadata": {}}).json() == {"metadata": {}}
    resp = cinder.action(volume_id, {"os-set_image_metadata": {"metadata": {"a": "1"}}})
    assert (resp.status_code, resp.json()) == (200, {"metadata": {"a": "1"}})
    resp = cinder.action(volume_id, {"os-set_image_metadata": {"metadata": {"b": "2"}}})
    assert resp.json() == {"metadata": {"a": "1", "b": "2"}}
    resp = cinder.action(volume_id, {"os-unset_image_metadata": {"key": "a"}})
    assert (resp.status_code, resp.content) == (200, b"")
    volume = cinder.get(f"/volumes/{volume_id}").json()["volume"]
    assert volume["volume_image_metadata"] == {"b": "2"}
    assert volume["bootable"] == "false"


def test_unset_of_a_missing_key_is_cinders_404(cinder: Cinder) -> None:
    volume_id = cinder.create()
    resp = cinder.action(volume_id, {"os-unset_image_metadata": {"key": "nope"}})
    assert resp.json() == fault("itemNotFound", 404, f"Glance metadata for volume/snapshot "
                                f"{volume_id} cannot be found.")


def test_set_refuses_a_key_outside_cinders_pattern(cinder: Cinder) -> None:
    resp = cinder.action(cinder.create(),
                         {"os-set_image_metadata": {"metadata": {"bad*key": "1"}}})
    assert resp.status_code == 400


# -- os-reimage ---------------------------------------------------------------------------


def test_reimage_needs_3_68(cinder: Cinder, glance: Glance) -> None:
    image = glance.active(b"0123456789", name="golden")
    resp = cinder.action(cinder.create(), {"os-reimage": {"image_id": image["id"]}},
                         version="3.67")
    assert resp.status_code == 404


def test_reimage_downloads_then_holds_the_images_metadata(
        cloud: FakeCloud, cinder: Cinder, glance: Glance) -> None:
    image = glance.active(b"0123456789", name="golden", os_distro="x")
    volume_id = cinder.create()
    cloud.block_storage.set_action_time(20)
    resp = cinder.action(volume_id, {"os-reimage": {"image_id": image["id"]}},
                         version="3.68")
    assert (resp.status_code, resp.content) == (202, b"")
    volume = cinder.get(f"/volumes/{volume_id}").json()["volume"]
    assert (volume["status"], volume["bootable"]) == ("downloading", "false")
    cloud.clock.advance(20)
    volume = cinder.get(f"/volumes/{volume_id}").json()["volume"]
    assert (volume["status"], volume["bootable"]) == ("available", "true")
    assert volume["volume_image_metadata"]["image_id"] == image["id"]
    assert volume["volume_image_metadata"]["os_distro"] == "x"


def test_reimage_of_an_unknown_image_is_404(cinder: Cinder) -> None:
    image_id = "71543ced-a8af-45b6-a5c4-a46282108a90"
    resp = cinder.action(cinder.create(), {"os-reimage": {"image_id": image_id}},
                         version="3.68")
    assert resp.json() == fault("itemNotFound", 404, f"Image {image_id} could not be found.")


def test_reimage_of_an_in_use_volume_is_refused(cinder: Cinder, glance: Glance,
                                                server_id: str) -> None:
    image = glance.active(b"0123456789")
    volume_id = cinder.create()
    cinder.attach(server_id, volume_id)
    resp = cinder.action(volume_id, {"os-reimage": {"image_id": image["id"]}},
                         version="3.68")
    assert resp.json() == fault("badRequest", 400, f"Invalid volume: Volume {volume_id} "
                                "status must be available or error, but current status is "
                                "in-use.")


def test_reimage_reserved_takes_a_reserved_volume(cinder: Cinder, admin_cinder: Cinder,
                                                  glance: Glance) -> None:
    image = glance.active(b"0123456789")
    volume_id = cinder.create()
    admin_cinder.action(volume_id, {"os-reset_status": {"status": "reserved"}})
    body = {"os-reimage": {"image_id": image["id"]}}
    assert cinder.action(volume_id, body, version="3.68").status_code == 400
    body["os-reimage"]["reimage_reserved"] = True
    assert cinder.action(volume_id, body, version="3.68").status_code == 202
    assert cinder.get(f"/volumes/{volume_id}").json()["volume"]["status"] == "reserved"


def test_reimage_of_a_queued_image_is_refused_and_the_volume_kept(
        cinder: Cinder, glance: Glance) -> None:
    image = glance.create(name="empty", disk_format="raw", container_format="bare")
    volume_id = cinder.create()
    resp = cinder.action(volume_id, {"os-reimage": {"image_id": image["id"]}},
                         version="3.68")
    assert resp.json() == fault("badRequest", 400, f"Invalid input received: Image "
                                f"{image['id']} is not active.")
    assert cinder.get(f"/volumes/{volume_id}").json()["volume"]["status"] == "available"
