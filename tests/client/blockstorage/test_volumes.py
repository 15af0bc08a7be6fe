"""The volumes package: builders (a bad option is the Result's or first page's error, never
a raise), listings through the fake's pages, metadata, actions and waits."""

from __future__ import annotations

import pytest

from stackdouble.client import (
    BadRequest,
    InvalidInput,
    NotFound,
    ServiceClient,
    WaitTimeout,
)
from stackdouble.client.openstack.blockstorage.v3 import volumes
from stackdouble.client.openstack.blockstorage.v3.volumes import StatusError
from stackdouble.fakes import FakeCloud


def _new(client: ServiceClient, **opts: object) -> volumes.Volume:
    return volumes.create(client, volumes.CreateOpts(**{"size": 1, **opts})).extract()  # type: ignore[arg-type]


@pytest.mark.parametrize(("opts", "field"), [
    (volumes.CreateOpts(name="x"), "size"),
    (volumes.CreateOpts(size=0), "size"),
    (volumes.CreateOpts(size=1, snapshot_id="s", source_volid="v"), "source_volid"),
])
def test_create_options_that_cannot_be_sent_are_the_results_error(
        block_storage: ServiceClient, cloud: FakeCloud, opts: volumes.CreateOpts,
        field: str) -> None:
    result = volumes.create(block_storage, opts)
    assert isinstance(result.err, InvalidInput)
    assert result.err.field == field
    assert not [r for r in cloud.requests.filter(method="POST") if "/volume/" in r.path]


def test_a_bad_list_option_is_the_first_pages_error(block_storage: ServiceClient) -> None:
    pager = volumes.list(block_storage, volumes.ListOpts(limit=-1))
    with pytest.raises(InvalidInput):
        list(pager.items())
    with pytest.raises(InvalidInput):
        volumes.list(block_storage, volumes.ListOpts(sort="name", sort_key="size")).all_pages()


def test_list_opts_render_cinders_query() -> None:
    query = volumes.ListOpts(name="db", bootable=False, all_tenants=True, with_count=True,
                             sort="size:desc,name", offset=2).to_volume_list_query()
    assert query == ("?name=db&bootable=false&all_tenants=true&sort=size%3Adesc%2Cname"
                     "&with_count=true&offset=2")


def test_create_get_and_extract_every_field(block_storage: ServiceClient, cloud: FakeCloud
                                            ) -> None:
    created = _new(block_storage, name="data", description="d", metadata={"a": "1"})
    volume = volumes.get(block_storage, created.id).extract()
    assert (volume.name, volume.description, volume.metadata) == ("data", "d", {"a": "1"})
    assert (volume.status, volume.size, volume.bootable, volume.multiattach) == (
        "available", 1, False, False)
    assert (volume.volume_type, volume.availability_zone) == ("__DEFAULT__", "nova")
    assert volume.tenant_id == cloud.project_id("demo")
    assert volume.created_at is not None
    assert volume.created_at.tzinfo is not None
    assert volume.host is None  # admins only


def test_admins_see_the_host(admin_block_storage: ServiceClient) -> None:
    volume = _new(admin_block_storage)
    shown = volumes.get(admin_block_storage, volume.id).extract()
    assert shown.host == "stackdouble@lvmdriver-1#lvmdriver-1"
    assert shown.migration_status is None


def test_all_pages_walks_the_links(block_storage: ServiceClient, cloud: FakeCloud) -> None:
    made = {_new(block_storage, name=f"v{n}").id for n in range(5)}
    pages: list[int] = []
    volumes.list(block_storage, volumes.ListOpts(limit=2)).each_page(
        lambda page: pages.append(len(volumes.extract_volumes(page))))
    assert pages == [2, 2, 1]
    every = volumes.extract_volumes(
        volumes.list(block_storage, volumes.ListOpts(limit=2)).all_pages())
    assert {v.id for v in every} == made


def test_list_simple_gives_ids_and_names(block_storage: ServiceClient) -> None:
    made = _new(block_storage, name="x")
    (volume,) = volumes.list_simple(block_storage).items()
    assert (volume.id, volume.name, volume.status) == (made.id, "x", "")


def test_with_count_rides_on_each_page(block_storage: ServiceClient) -> None:
    for _ in range(3):
        _new(block_storage)
    client = block_storage.with_microversion("3.45")
    first = next(iter(volumes.list(client, volumes.ListOpts(limit=1, with_count=True)).pages()))
    assert volumes.extract_count(first) == 3


def test_an_unknown_marker_raises_not_found_from_the_walk(block_storage: ServiceClient) -> None:
    with pytest.raises(NotFound) as info:
        list(volumes.list(block_storage, volumes.ListOpts(marker="nope")).items())
    assert info.value.fault == "Volume nope could not be found."


def test_update_and_metadata(block_storage: ServiceClient) -> None:
    volume = _new(block_storage)
    updated = volumes.update(block_storage, volume.id,
                             volumes.UpdateOpts(name="logs", metadata={"a": "1"})).extract()
    assert (updated.name, updated.metadata) == ("logs", {"a": "1"})
    assert volumes.update_metadata(block_storage, volume.id, {"b": "2"}).extract() == {
        "a": "1", "b": "2"}
    assert volumes.reset_metadata(block_storage, volume.id, {"c": "3"}).extract() == {"c": "3"}
    assert volumes.create_metadatum(block_storage, volume.id, "d", "4").extract() == {"d": "4"}
    assert volumes.metadatum(block_storage, volume.id, "d").extract() == {"d": "4"}
    volumes.delete_metadatum(block_storage, volume.id, "d").extract_err()
    assert volumes.metadata(block_storage, volume.id).extract() == {"c": "3"}
    err = volumes.metadatum(block_storage, volume.id, "d").err
    assert isinstance(err, NotFound)
    assert err.fault == f"Volume {volume.id} has no metadata with key d."


def test_extend_set_bootable_and_the_wait(cloud: FakeCloud, block_storage: ServiceClient) -> None:
    cloud.block_storage.set_action_time(7)
    volume = _new(block_storage)
    volumes.extend_size(block_storage, volume.id, volumes.ExtendSizeOpts(new_size=4)
                        ).extract_err()
    volumes.set_bootable(block_storage, volume.id, volumes.BootableOpts(bootable=True)
                         ).extract_err()
    start = cloud.clock.time()
    done = volumes.wait_for_status(block_storage, volume.id, "available", timeout=60,
                                   interval=2, sleep=cloud.clock.advance, clock=cloud.clock.time)
    assert (done.size, done.bootable) == (4, True)
    assert cloud.clock.time() - start == 8  # four 2 s polls


def test_a_bad_extend_is_the_results_error(block_storage: ServiceClient) -> None:
    volume = _new(block_storage)
    result = volumes.extend_size(block_storage, volume.id, volumes.ExtendSizeOpts(new_size=0))
    assert isinstance(result.err, InvalidInput)
    err = volumes.extend_size(block_storage, volume.id, volumes.ExtendSizeOpts(new_size=1)).err
    assert isinstance(err, BadRequest)


def test_the_wait_stops_at_once_on_error(cloud: FakeCloud, block_storage: ServiceClient) -> None:
    cloud.block_storage.set_create_time(60)
    cloud.block_storage.error_on_create()
    volume = _new(block_storage)
    with pytest.raises(StatusError) as info:
        volumes.wait_for_status(block_storage, volume.id, "available", timeout=600,
                                sleep=cloud.clock.advance, clock=cloud.clock.time)
    assert (info.value.status, info.value.resource) == ("error", f"volume {volume.id}")


def test_the_wait_times_out_with_the_last_status(cloud: FakeCloud,
                                                 block_storage: ServiceClient) -> None:
    cloud.block_storage.set_create_time(600)
    volume = _new(block_storage)
    with pytest.raises(WaitTimeout) as info:
        volumes.wait_for_status(block_storage, volume.id, "available", timeout=10,
                                sleep=cloud.clock.advance, clock=cloud.clock.time)
    assert info.value.last_status == "creating"


def test_cinder_attach_actions(block_storage: ServiceClient) -> None:
    volume = _new(block_storage)
    volumes.reserve(block_storage, volume.id).extract_err()
    volumes.unreserve(block_storage, volume.id).extract_err()
    assert isinstance(volumes.attach(block_storage, volume.id, volumes.AttachOpts(
        mountpoint="/mnt")).err, InvalidInput)
    volumes.attach(block_storage, volume.id,
                   volumes.AttachOpts(mountpoint="/mnt", host_name="h")).extract_err()
    shown = volumes.get(block_storage, volume.id).extract()
    assert (shown.status, shown.attachments[0].device) == ("in-use", "/mnt")
    volumes.begin_detaching(block_storage, volume.id).extract_err()
    volumes.detach(block_storage, volume.id).extract_err()
    assert volumes.get(block_storage, volume.id).extract().status == "available"


def test_force_delete_is_for_admins(block_storage: ServiceClient,
                                    admin_block_storage: ServiceClient, cloud: FakeCloud) -> None:
    volume = _new(admin_block_storage)
    cloud.block_storage.force_error(volume.id, "error_deleting")
    volumes.force_delete(admin_block_storage, volume.id).extract_err()
    mine = _new(block_storage)
    err = volumes.force_delete(block_storage, mine.id).err
    assert err is not None
    assert err.status == 403


def test_a_minimal_volume_reads_every_attribute_as_its_default() -> None:
    volume = volumes.Volume.from_json({"id": "x"})
    assert volume.to_dict()["status"] == ""
    assert volume.bootable is False
    assert volume.attachments == ()
    assert volume == volumes.Volume.build(id="x", status="", size=0, metadata={},
                                          bootable=False, encrypted=False, multiattach=False)


def test_the_real_samples_extract() -> None:
    import json
    from pathlib import Path

    sample = (Path(__file__).parents[2] / "fakes" / "blockstorage" / "samples"
              / "volumes-detail.json")
    page = volumes.VolumePage(json.loads(sample.read_text()), {}, 200)
    in_use, creating = volumes.extract_volumes(page)
    assert (in_use.name, in_use.status, in_use.bootable, in_use.host) == (
        "v2", "in-use", True, "vm@fake#fake")
    (attachment,) = in_use.attachments
    assert (attachment.device, attachment.host_name) == ("/dev/sda", "realcloud")
    assert attachment.attached_at is not None
    assert attachment.attached_at.microsecond == 132274
    assert (creating.status, creating.updated_at, creating.host, creating.bootable) == (
        "creating", None, None, False)
    assert in_use.tenant_id == "401029afb4e84b38a468e6e72514e2fb"
    assert page.next_page_url() is None
    assert not page.is_empty()


def test_create_from_a_snapshot_a_volume_or_an_image(cloud: FakeCloud,
                                                     block_storage: ServiceClient) -> None:
    from stackdouble.client.openstack.blockstorage.v3 import snapshots

    source = _new(block_storage, size=2)
    clone = volumes.create(block_storage, volumes.CreateOpts(source_volid=source.id)).extract()
    assert (clone.size, clone.source_volid) == (2, source.id)
    snap = snapshots.create(block_storage, snapshots.CreateOpts(volume_id=source.id)).extract()
    restored = volumes.create(block_storage, volumes.CreateOpts(snapshot_id=snap.id)).extract()
    assert (restored.size, restored.snapshot_id) == (2, snap.id)
    image_id = next(iter(cloud.image.images))  # a seeded Glance image
    booted = volumes.create(block_storage, volumes.CreateOpts(size=1, image_id=image_id)
                            ).extract()
    shown = volumes.get(block_storage, booted.id).extract()
    assert shown.bootable
    assert shown.image_metadata is not None
    assert shown.image_metadata["image_id"] == image_id
