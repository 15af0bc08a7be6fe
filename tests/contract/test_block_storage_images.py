"""Cinder's image actions with Glance beside it: a volume uploaded to an image, the volume
image metadata, and `os-reimage`'s refusals.

realcloud's Cinder runs the fake volume driver, which has no data to upload: its upload
fails and Cinder deletes the image it made, so what the image holds afterwards is tested on
the fake only (`tests/fakes/blockstorage/test_image_actions.py`).

Waits go through `openstack_clock`, so the fake moves its clock and replay does not sleep.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from stackdouble.client import EndpointOpts, NotFound, ProviderClient, ServiceClient
from stackdouble.client.openstack import new_image_v2
from stackdouble.client.openstack.blockstorage.v3 import volumes
from stackdouble.pytest_plugin import ModeClock
from tests.contract.conftest import call
from tests.contract.test_block_storage import Volumes

MISSING = "00000000-0000-0000-0000-000000000000"
WAIT = 60.0
UPLOAD_KEYS = {"id", "updated_at", "status", "display_description", "size", "volume_type",
               "image_id", "container_format", "disk_format", "image_name", "protected",
               "visibility"}


@pytest.fixture
def block_storage(openstack_block_storage: ServiceClient) -> ServiceClient:
    """The Cinder client of the mode's cloud (demo user)."""
    return openstack_block_storage


@pytest.fixture
def image(openstack_provider: ProviderClient) -> ServiceClient:
    """The Glance client of the mode's cloud (demo user)."""
    return new_image_v2(openstack_provider, EndpointOpts(region="RegionOne"))


@pytest.fixture
def made(block_storage: ServiceClient, openstack_clock: ModeClock,
         request: pytest.FixtureRequest) -> Iterator[Volumes]:
    """Volumes named `contract-<test>-...`, deleted afterwards."""
    prefix = f"contract-{request.node.originalname.removeprefix('test_')}"[:200]
    tracker = Volumes(block_storage, openstack_clock, prefix)
    yield tracker
    tracker.cleanup()


@pytest.fixture
def image_ids(image: ServiceClient) -> Iterator[list[str]]:
    """Images the test made, deleted afterwards."""
    ids: list[str] = []
    yield ids
    for image_id in ids:
        call(image, "DELETE", f"{image.endpoint.rstrip('/')}/v2/images/{image_id}")


def test_upload_is_202_uploading_then_the_volume_is_available_again(
        block_storage: ServiceClient, made: Volumes, image_ids: list[str]) -> None:
    volume = made.create()
    resp = call(block_storage, "POST",
                f"{block_storage.endpoint.rstrip('/')}/volumes/{volume.id}/action",
                json={"os-volume_upload_image": {"image_name": made.prefix}})
    assert resp.status_code == 202
    body = resp.json()["os-volume_upload_image"]
    image_ids.append(body["image_id"])
    assert set(body) == UPLOAD_KEYS
    assert (body["id"], body["status"], body["size"], body["image_name"]) == (
        volume.id, "uploading", 1, made.prefix)
    assert (body["disk_format"], body["container_format"]) == ("raw", "bare")
    assert (body["visibility"], body["protected"]) == ("shared", False)
    assert body["display_description"] is None
    vtype = body["volume_type"]
    assert (vtype["name"], vtype["is_public"], vtype["deleted"]) == ("__DEFAULT__", True,
                                                                    False)
    assert made.wait(volume.id, "available").status == "available"


def test_image_metadata_set_show_unset(block_storage: ServiceClient, made: Volumes) -> None:
    volume = made.create()
    opts = volumes.ImageMetadataOpts(metadata={"hw_disk_bus": "scsi", "a": "1"})
    assert volumes.set_image_metadata(block_storage, volume.id, opts).extract() == {
        "hw_disk_bus": "scsi", "a": "1"}
    unset = call(block_storage, "POST",
                 f"{block_storage.endpoint.rstrip('/')}/volumes/{volume.id}/action",
                 json={"os-unset_image_metadata": {"key": "a"}})
    assert (unset.status_code, unset.content) == (200, b"")
    assert volumes.show_image_metadata(block_storage, volume.id).extract() == {
        "hw_disk_bus": "scsi"}
    shown = volumes.get(block_storage, volume.id).extract()
    assert shown.image_metadata == {"hw_disk_bus": "scsi"}
    assert not shown.bootable


def test_unset_of_a_missing_key_is_404(block_storage: ServiceClient, made: Volumes) -> None:
    volume = made.create()
    resp = call(block_storage, "POST",
                f"{block_storage.endpoint.rstrip('/')}/volumes/{volume.id}/action",
                json={"os-unset_image_metadata": {"key": "nope"}})
    assert resp.json() == {"itemNotFound": {
        "code": 404, "message": f"Glance metadata for volume/snapshot {volume.id} cannot "
                                "be found."}}


def test_reimage_of_an_unknown_image_is_404_and_before_3_68_too(
        block_storage: ServiceClient, made: Volumes) -> None:
    volume = made.create()
    opts = volumes.ReImageOpts(image_id=MISSING)
    with pytest.raises(NotFound):
        volumes.reimage(block_storage, volume.id, opts).extract_err()
    result = volumes.reimage(block_storage.with_microversion("3.68"), volume.id, opts)
    assert isinstance(result.err, NotFound)
    assert result.err.status == 404
    resp = call(block_storage.with_microversion("3.68"), "POST",
                f"{block_storage.endpoint.rstrip('/')}/volumes/{volume.id}/action",
                json={"os-reimage": {"image_id": MISSING}})
    assert resp.json() == {"itemNotFound": {
        "code": 404, "message": f"Image {MISSING} could not be found."}}
