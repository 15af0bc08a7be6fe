"""The boot from volume extension: the `block_device_mapping_v2` body as gophercloud's
`bootfromvolume` sends it, refused before sending without a block device, and a server
booted from a volume of the fake cloud."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from stackdouble.client import BadRequest, InvalidInput, ServiceClient
from stackdouble.client.openstack.compute.v2 import servers
from stackdouble.client.openstack.compute.v2.extensions import bootfromvolume
from stackdouble.client.openstack.compute.v2.extensions.bootfromvolume import (
    BlockDevice,
    DestinationType,
    SourceType,
)
from stackdouble.fakes import FakeCloud
from tests.client.compute.novaadmin import member_compute
from tests.client.compute.support import CIRROS

BASE = servers.CreateOpts(name="db", flavor_ref="1", networks="none")


@pytest.fixture
def cloud() -> Iterator[FakeCloud]:
    """A seeded fake cloud answering in-process."""
    with FakeCloud(seed=49) as fake:
        yield fake


@pytest.fixture
def nova(cloud: FakeCloud) -> ServiceClient:
    """demo at 2.79."""
    return member_compute(cloud)


def _bootable_volume(cloud: FakeCloud) -> str:
    storage = cloud.block_storage
    caller = storage.caller_for(cloud.project_id("demo"))
    volume = storage.create_volume(caller, size=1, name="root", image_id=CIRROS)
    assert storage.volume_status(volume.id) == "available"
    return volume.id


def test_boot_index_and_delete_on_termination_are_always_sent() -> None:
    device = BlockDevice(source_type=SourceType.BLANK, destination_type="local",
                         boot_index=-1, guest_format="swap", volume_size=1)
    assert device.to_block_device_map() == {
        "source_type": "blank", "boot_index": -1, "delete_on_termination": False,
        "destination_type": "local", "guest_format": "swap", "volume_size": 1}


def test_every_field_is_rendered_as_nova_reads_it() -> None:
    device = BlockDevice(source_type="image", uuid="img", boot_index=0,
                         delete_on_termination=True, destination_type=DestinationType.VOLUME,
                         volume_size=10, device_type="disk", disk_bus="virtio",
                         volume_type="lvmdriver-1", tag="root")
    assert device.to_block_device_map() == {
        "source_type": "image", "uuid": "img", "boot_index": 0, "delete_on_termination": True,
        "destination_type": "volume", "volume_size": 10, "device_type": "disk",
        "disk_bus": "virtio", "volume_type": "lvmdriver-1", "tag": "root"}


def test_the_devices_replace_the_core_options_own() -> None:
    base = servers.CreateOpts(name="db", image_ref=CIRROS, flavor_ref="1",
                              block_device_mapping_v2=[servers.BlockDevice(
                                  source_type="volume", uuid="old")])
    opts = bootfromvolume.CreateOptsExt(create_opts=base, block_device=[
        BlockDevice(source_type=SourceType.VOLUME, uuid="new",
                    destination_type=DestinationType.VOLUME)])
    server = opts.to_server_create_map()["server"]
    assert server["imageRef"] == CIRROS
    assert [d["uuid"] for d in server["block_device_mapping_v2"]] == ["new"]


def test_without_a_block_device_nothing_is_sent(cloud: FakeCloud, nova: ServiceClient) -> None:
    before = len(cloud.requests)
    with pytest.raises(InvalidInput) as info:
        bootfromvolume.create(nova, bootfromvolume.CreateOptsExt(create_opts=BASE)).extract()
    assert info.value.field == "block_device"
    assert len(cloud.requests) == before


def test_server_boots_from_an_existing_volume(cloud: FakeCloud, nova: ServiceClient) -> None:
    volume_id = _bootable_volume(cloud)
    created = bootfromvolume.create(nova, bootfromvolume.CreateOptsExt(
        create_opts=BASE, block_device=[BlockDevice(
            source_type=SourceType.VOLUME, uuid=volume_id,
            destination_type=DestinationType.VOLUME)])).extract()
    server = servers.get(nova, created.id).extract()

    assert server.status == "ACTIVE"
    assert server.image is None
    assert [(v.id, v.delete_on_termination) for v in server.attached_volumes] == [
        (volume_id, False)]
    assert cloud.block_storage.volume_status(volume_id) == "in-use"


def test_core_create_sends_the_extension_too(cloud: FakeCloud, nova: ServiceClient) -> None:
    opts = bootfromvolume.CreateOptsExt(create_opts=BASE, block_device=[BlockDevice(
        source_type=SourceType.IMAGE, uuid=CIRROS, destination_type=DestinationType.VOLUME,
        volume_size=1, delete_on_termination=True)])
    created = servers.create(nova, opts).extract()
    [attached] = servers.get(nova, created.id).extract().attached_volumes

    assert attached.delete_on_termination is True
    servers.delete(nova, created.id).extract_err()
    assert cloud.block_storage.volume_status(attached.id) == "deleted"


def test_nova_refusal_is_a_bad_request(nova: ServiceClient) -> None:
    missing = "0b0e9d1c-6a64-4b6a-9d5e-1f0f2b1e0c11"
    result = bootfromvolume.create(nova, bootfromvolume.CreateOptsExt(
        create_opts=BASE, block_device=[BlockDevice(
            source_type=SourceType.VOLUME, uuid=missing,
            destination_type=DestinationType.VOLUME)]))
    with pytest.raises(BadRequest) as info:
        result.extract()
    assert info.value.status == 400
    assert f"failed to get volume {missing}." in str(info.value)
