"""The volumetypes package against the fake Cinder."""

from __future__ import annotations

from stackdouble.client import Conflict, Forbidden, InvalidInput, NotFound, ServiceClient
from stackdouble.client.openstack.blockstorage.v3 import volumes, volumetypes
from stackdouble.fakes import FakeCloud


def test_list_and_get_the_default_type(block_storage: ServiceClient) -> None:
    (vtype,) = volumetypes.list(block_storage).items()
    assert (vtype.name, vtype.description, vtype.is_public, vtype.extra_specs) == (
        "__DEFAULT__", "Default Volume Type", True, {})
    assert volumetypes.get(block_storage, vtype.id).extract() == vtype
    assert volumetypes.get(block_storage, volumetypes.DEFAULT).extract() == vtype


def test_an_unknown_type_is_not_found(block_storage: ServiceClient) -> None:
    err = volumetypes.get(block_storage, "nope").err
    assert isinstance(err, NotFound)
    assert err.fault == "Volume type nope could not be found."


def test_a_multiattach_type(cloud: FakeCloud, block_storage: ServiceClient) -> None:
    cloud.block_storage.add_volume_type("shared", extra_specs={"multiattach": "<is> True"})
    shared = next(t for t in volumetypes.list(block_storage).items() if t.name == "shared")
    assert shared.multiattach
    volume = volumes.create(block_storage, volumes.CreateOpts(size=1, volume_type=shared.id)
                            ).extract()
    assert (volume.volume_type, volume.multiattach) == ("shared", True)


def test_paging_types(block_storage: ServiceClient, cloud: FakeCloud) -> None:
    for name in ("a", "b", "c"):
        cloud.block_storage.add_volume_type(name)
    pages: list[int] = []
    volumetypes.list(block_storage, volumetypes.ListOpts(limit=2)).each_page(
        lambda page: pages.append(len(volumetypes.extract_volume_types(page))))
    assert pages == [2, 2]


def test_an_admin_creates_updates_and_deletes_a_type(admin_block_storage: ServiceClient,
                                                     block_storage: ServiceClient) -> None:
    made = volumetypes.create(admin_block_storage, volumetypes.CreateOpts(
        name="gold", description="fast", extra_specs={"volume_backend_name": "lvm"})).extract()
    assert (made.name, made.description, made.extra_specs) == (
        "gold", "fast", {"volume_backend_name": "lvm"})
    updated = volumetypes.update(admin_block_storage, made.id,
                                 volumetypes.UpdateOpts(name="platinum")).extract()
    assert updated.name == "platinum"
    assert volumetypes.get(block_storage, made.id).extract().extra_specs == {}
    assert volumetypes.delete(admin_block_storage, made.id).err is None
    assert isinstance(volumetypes.get(admin_block_storage, made.id).err, NotFound)


def test_a_member_may_not_create_a_type(block_storage: ServiceClient) -> None:
    err = volumetypes.create(block_storage, volumetypes.CreateOpts(name="mine")).err
    assert isinstance(err, Forbidden)
    assert err.status == 403


def test_a_taken_name_is_a_conflict(admin_block_storage: ServiceClient) -> None:
    volumetypes.create(admin_block_storage, volumetypes.CreateOpts(name="dup")).extract()
    err = volumetypes.create(admin_block_storage, volumetypes.CreateOpts(name="dup")).err
    assert isinstance(err, Conflict)


def test_options_that_cannot_be_sent_fail_before_the_request(
        admin_block_storage: ServiceClient, cloud: FakeCloud) -> None:
    before = len(cloud.requests)
    assert isinstance(volumetypes.create(admin_block_storage,
                                         volumetypes.CreateOpts(name="")).err, InvalidInput)
    assert isinstance(volumetypes.update(admin_block_storage, "x",
                                         volumetypes.UpdateOpts()).err, InvalidInput)
    assert isinstance(volumetypes.create_extra_specs(
        admin_block_storage, "x", volumetypes.ExtraSpecsOpts({})).err, InvalidInput)
    assert len(cloud.requests) == before


def test_extra_specs_round_trip(admin_block_storage: ServiceClient) -> None:
    made = volumetypes.create(admin_block_storage, volumetypes.CreateOpts(name="s")).extract()
    volumetypes.create_extra_specs(admin_block_storage, made.id, volumetypes.ExtraSpecsOpts(
        {"a": "1", "b": "2"})).extract()
    assert volumetypes.update_extra_spec(admin_block_storage, made.id, "a",
                                         "3").extract() == {"a": "3"}
    assert volumetypes.delete_extra_spec(admin_block_storage, made.id, "b").err is None
    assert volumetypes.list_extra_specs(admin_block_storage, made.id).extract() == {"a": "3"}
    assert isinstance(volumetypes.get_extra_spec(admin_block_storage, made.id, "b").err,
                      NotFound)


def test_sharing_a_private_type_shows_it_to_the_project(admin_block_storage: ServiceClient,
                                                        block_storage: ServiceClient,
                                                        cloud: FakeCloud) -> None:
    made = volumetypes.create(admin_block_storage, volumetypes.CreateOpts(
        name="private", is_public=False)).extract()
    assert isinstance(volumetypes.get(block_storage, made.id).err, NotFound)
    demo = cloud.project_id("demo")
    volumetypes.add_access(admin_block_storage, made.id,
                           volumetypes.AddAccessOpts(project=demo)).extract_err()
    accesses = volumetypes.list_accesses(admin_block_storage, made.id).all_pages()
    assert [(a.volume_type_id, a.project_id) for a in volumetypes.extract_accesses(accesses)] \
        == [(made.id, demo)]
    assert volumetypes.get(block_storage, made.id).extract().name == "private"
    volume = volumes.create(block_storage, volumes.CreateOpts(
        size=1, volume_type="private")).extract()
    assert volume.volume_type == "private"
    volumetypes.remove_access(admin_block_storage, made.id,
                              volumetypes.RemoveAccessOpts(project=demo)).extract_err()
    assert isinstance(volumetypes.remove_access(
        admin_block_storage, made.id, volumetypes.RemoveAccessOpts(project=demo)).err, NotFound)
