"""The volumes package's image actions against the fake Cinder and Glance: upload to an
image, re-image, and the volume image metadata."""

from __future__ import annotations

import pytest

from stackdouble.client import BadRequest, Forbidden, InvalidInput, NotFound, ServiceClient
from stackdouble.client.openstack.blockstorage.v3 import volumes
from stackdouble.fakes import FakeCloud


def _volume(client: ServiceClient, size: int = 1) -> volumes.Volume:
    return volumes.create(client, volumes.CreateOpts(size=size)).extract()


def _image(cloud: FakeCloud, **properties: str) -> str:
    glance = cloud.image
    owner = glance.caller_for(cloud.project_id("demo"))
    image = glance.create_image(owner, name="golden", disk_format="raw",
                                container_format="bare", properties=properties)
    return glance.upload(owner, image.id, b"0123456789").id


def test_upload_image_extracts_the_volume_and_the_new_image(
        block_storage: ServiceClient, cloud: FakeCloud) -> None:
    volume = _volume(block_storage, size=2)
    got = volumes.upload_image(block_storage, volume.id, volumes.UploadImageOpts(
        image_name="saved", disk_format="qcow2")).extract()
    assert (got.volume_id, got.status, got.size, got.image_name, got.disk_format,
            got.container_format, got.visibility, got.protected) == (
        volume.id, "uploading", 2, "saved", "qcow2", "bare", "shared", False)
    assert got.volume_type is not None
    assert (got.volume_type.name, got.volume_type.is_public) == ("__DEFAULT__", True)
    image = cloud.image.get_image(cloud.image.caller_for(cloud.project_id("demo")),
                                  got.image_id)
    assert image is not None
    assert (image.status, image.size) == ("active", 2 * 1024**3)


def test_upload_image_sends_visibility_and_protected_from_3_1(
        block_storage: ServiceClient) -> None:
    volume = _volume(block_storage)
    got = volumes.upload_image(block_storage.with_microversion("3.1"), volume.id,
                               volumes.UploadImageOpts(image_name="saved",
                                                       visibility="community",
                                                       protected=True)).extract()
    assert (got.visibility, got.protected) == ("community", True)


def test_upload_image_of_public_is_forbidden_to_a_member(block_storage: ServiceClient) -> None:
    volume = _volume(block_storage)
    result = volumes.upload_image(block_storage.with_microversion("3.1"), volume.id,
                                  volumes.UploadImageOpts(image_name="x", visibility="public"))
    with pytest.raises(Forbidden):
        result.extract()


def test_upload_image_of_an_uploading_volume_is_a_bad_request(
        block_storage: ServiceClient, cloud: FakeCloud) -> None:
    cloud.block_storage.set_action_time(60)
    volume = _volume(block_storage)
    opts = volumes.UploadImageOpts(image_name="saved")
    volumes.upload_image(block_storage, volume.id, opts).extract()
    with pytest.raises(BadRequest) as info:
        volumes.upload_image(block_storage, volume.id, opts).extract()
    assert info.value.status == 400


def test_an_empty_image_name_is_the_results_error_and_nothing_is_sent(
        block_storage: ServiceClient, cloud: FakeCloud) -> None:
    volume = _volume(block_storage)
    result = volumes.upload_image(block_storage, volume.id,
                                  volumes.UploadImageOpts(image_name=""))
    assert isinstance(result.err, InvalidInput)
    assert not [r for r in cloud.requests.filter(method="POST") if r.path.endswith("/action")]


def test_reimage_makes_the_volume_bootable_with_the_images_metadata(
        block_storage: ServiceClient, cloud: FakeCloud) -> None:
    volume = _volume(block_storage)
    image_id = _image(cloud, os_distro="cirros")
    client = block_storage.with_microversion("3.68")
    volumes.reimage(client, volume.id, volumes.ReImageOpts(image_id=image_id)).extract_err()
    after = volumes.wait_for_status(block_storage, volume.id, "available", timeout=60,
                                    sleep=cloud.clock.advance, clock=cloud.clock.time)
    assert after.bootable
    assert after.image_metadata is not None
    assert (after.image_metadata["image_id"], after.image_metadata["os_distro"]) == (
        image_id, "cirros")


def test_reimage_before_3_68_is_not_found(block_storage: ServiceClient,
                                          cloud: FakeCloud) -> None:
    volume = _volume(block_storage)
    result = volumes.reimage(block_storage, volume.id,
                             volumes.ReImageOpts(image_id=_image(cloud)))
    with pytest.raises(NotFound):
        result.extract_err()


def test_image_metadata_set_show_and_unset(block_storage: ServiceClient) -> None:
    volume = _volume(block_storage)
    opts = volumes.ImageMetadataOpts(metadata={"a": "1", "b": "2"})
    assert volumes.set_image_metadata(block_storage, volume.id, opts).extract() == {
        "a": "1", "b": "2"}
    volumes.unset_image_metadata(block_storage, volume.id, "a").extract_err()
    assert volumes.show_image_metadata(block_storage, volume.id).extract() == {"b": "2"}


def test_unset_image_metadata_of_a_missing_key_is_not_found(
        block_storage: ServiceClient) -> None:
    volume = _volume(block_storage)
    with pytest.raises(NotFound) as info:
        volumes.unset_image_metadata(block_storage, volume.id, "nope").extract_err()
    assert info.value.status == 404
