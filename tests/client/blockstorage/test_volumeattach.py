"""Nova's volumeattach extension against the fake Nova and Cinder."""

from __future__ import annotations

import pytest

from stackdouble.client import BadRequest, InvalidInput, NotFound, ServiceClient
from stackdouble.client.openstack.blockstorage.v3 import volumes
from stackdouble.client.openstack.compute.v2.extensions import volumeattach
from stackdouble.fakes import FakeCloud


@pytest.fixture
def volume_id(block_storage: ServiceClient) -> str:
    """An available volume."""
    return volumes.create(block_storage, volumes.CreateOpts(size=1)).extract().id


def test_create_list_get_update_delete(compute: ServiceClient, block_storage: ServiceClient,
                                       server_id: str, volume_id: str) -> None:
    made = volumeattach.attach(compute, server_id, volumeattach.CreateOpts(
        volume_id=volume_id, tag="db", delete_on_termination=True)).extract()
    assert (made.id, made.volume_id, made.server_id, made.device, made.tag,
            made.delete_on_termination) == (volume_id, volume_id, server_id, "/dev/vdb", "db",
                                            True)
    assert list(volumeattach.list(compute, server_id).items()) == [made]
    assert volumeattach.get(compute, server_id, volume_id).extract() == made
    newer = compute.with_microversion("2.89")
    shown = volumeattach.get(newer, server_id, volume_id).extract()
    assert shown.id is None
    assert shown.attachment_id
    assert shown.bdm_uuid
    assert shown.attachment_id == volumes.get(block_storage, volume_id).extract(
        ).attachments[0].attachment_id
    volumeattach.update(compute.with_microversion("2.85"), server_id, volume_id,
                        volumeattach.UpdateOpts(volume_id=volume_id,
                                                delete_on_termination=False)).extract_err()
    assert volumeattach.get(compute, server_id, volume_id).extract(
        ).delete_on_termination is False
    volumeattach.detach(compute, server_id, volume_id).extract_err()
    assert list(volumeattach.list(compute, server_id).items()) == []


def test_get_of_an_unattached_volume_is_not_found(compute: ServiceClient, server_id: str,
                                                  volume_id: str) -> None:
    err = volumeattach.get(compute, server_id, volume_id).err
    assert isinstance(err, NotFound)
    assert err.fault == f"Instance {server_id} is not attached to volume {volume_id}"


def test_options_that_cannot_be_sent(compute: ServiceClient, server_id: str) -> None:
    assert isinstance(volumeattach.create(compute, server_id,
                                          volumeattach.CreateOpts(volume_id="")).err,
                      InvalidInput)
    with pytest.raises(InvalidInput):
        list(volumeattach.list(compute, server_id, volumeattach.ListOpts(limit=-1)).items())


def test_a_bad_device_is_novas_400(compute: ServiceClient, server_id: str,
                                   volume_id: str) -> None:
    err = volumeattach.create(compute, server_id, volumeattach.CreateOpts(
        volume_id=volume_id, device="sdb")).err
    assert isinstance(err, BadRequest)
    assert str(err.fault).startswith("Invalid input for field/attribute device. Value: sdb.")


def test_list_pages_by_limit_and_offset(cloud: FakeCloud, compute: ServiceClient,
                                        block_storage: ServiceClient, server_id: str) -> None:
    ids = [volumes.create(block_storage, volumes.CreateOpts(size=1)).extract().id
           for _ in range(3)]
    for volume_id in ids:
        volumeattach.create(compute, server_id, volumeattach.CreateOpts(volume_id=volume_id)
                            ).extract()
    page = volumeattach.list(compute, server_id, volumeattach.ListOpts(limit=1, offset=1))
    assert [a.volume_id for a in page.items()] == ids[1:2]
    assert [a.device for a in volumeattach.list(compute, server_id).items()] == [
        "/dev/vdb", "/dev/vdc", "/dev/vdd"]
