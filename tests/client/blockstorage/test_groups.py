"""The grouptypes, groups and groupsnapshots packages against the fake Cinder."""

from __future__ import annotations

import pytest

from stackdouble.client import (
    BadRequest,
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    ServiceClient,
)
from stackdouble.client.openstack.blockstorage.v3 import (
    groups,
    groupsnapshots,
    grouptypes,
    snapshots,
    volumes,
)
from stackdouble.fakes import FakeCloud


@pytest.fixture
def member(block_storage: ServiceClient) -> ServiceClient:
    """demo's Cinder at 3.25 (group volumes listed)."""
    return block_storage.with_microversion("3.25")


@pytest.fixture
def admin(admin_block_storage: ServiceClient) -> ServiceClient:
    """The admin's Cinder at 3.25."""
    return admin_block_storage.with_microversion("3.25")


@pytest.fixture
def group_type(admin: ServiceClient) -> grouptypes.GroupType:
    """A public group type."""
    return grouptypes.create(admin, grouptypes.CreateOpts(name="db")).extract()


def test_group_types_need_microversion_3_11(block_storage: ServiceClient) -> None:
    with pytest.raises(NotFound):
        grouptypes.list(block_storage).all_pages()


def test_group_type_create_update_and_specs(admin: ServiceClient, member: ServiceClient,
                                            group_type: grouptypes.GroupType) -> None:
    assert group_type.group_specs == {}
    updated = grouptypes.update(admin, group_type.id, grouptypes.UpdateOpts(
        description="databases")).extract()
    assert updated.description == "databases"
    assert grouptypes.update_group_spec(admin, group_type.id, "k", "v").extract() == {"k": "v"}
    assert grouptypes.get(member, group_type.id).extract().group_specs is None
    assert grouptypes.get(admin, group_type.id).extract().group_specs == {"k": "v"}
    grouptypes.delete_group_spec(admin, group_type.id, "k").extract_err()
    err = grouptypes.get_group_spec(admin, group_type.id, "k").err
    assert isinstance(err, NotFound)
    assert err.fault == f"Group Type {group_type.id} has no extra spec with key k."


def test_group_type_errors(admin: ServiceClient, member: ServiceClient,
                           group_type: grouptypes.GroupType) -> None:
    assert isinstance(grouptypes.create(admin, grouptypes.CreateOpts(name="db")).err, Conflict)
    assert isinstance(grouptypes.create(member, grouptypes.CreateOpts(name="x")).err,
                      Forbidden)
    assert isinstance(grouptypes.create(admin, grouptypes.CreateOpts(name="")).err,
                      InvalidInput)
    assert isinstance(grouptypes.get(member, grouptypes.DEFAULT).err, NotFound)


def test_group_lifecycle(cloud: FakeCloud, member: ServiceClient,
                         group_type: grouptypes.GroupType) -> None:
    made = groups.create(member, groups.CreateOpts(
        group_type="db", volume_types=["__DEFAULT__"], name="g")).extract()
    group = groups.get(member, made.id).extract()
    assert (group.status, group.group_type, group.volumes) == (
        "available", group_type.id, None)
    vol = volumes.create(member, volumes.CreateOpts(
        size=1, volume_type="__DEFAULT__", group_id=group.id)).extract()
    assert vol.group_id == group.id
    assert groups.get(member, group.id, list_volume=True).extract().volumes == [vol.id]
    err = groups.delete(member, group.id).err
    assert isinstance(err, BadRequest)
    groups.update(member, group.id, groups.UpdateOpts(remove_volumes=[vol.id])).extract_err()
    assert volumes.get(member, vol.id).extract().group_id is None
    groups.delete(member, group.id).extract_err()
    assert groups.list(member).all_pages().items() == []
    assert cloud.block_storage.volume_status(vol.id) == "available"


def test_group_reset_status_is_for_admins(admin: ServiceClient, member: ServiceClient,
                                          group_type: grouptypes.GroupType) -> None:
    made = groups.create(member, groups.CreateOpts(
        group_type=group_type.id, volume_types=["__DEFAULT__"])).extract()
    assert isinstance(groups.reset_status(member, made.id, "error").err, Forbidden)
    groups.reset_status(admin, made.id, "error").extract_err()
    assert groups.get(member, made.id).extract().status == "error"


def test_group_update_needs_a_change() -> None:
    with pytest.raises(InvalidInput):
        groups.UpdateOpts().to_group_update_map()


def test_group_snapshots(member: ServiceClient, group_type: grouptypes.GroupType) -> None:
    group = groups.create(member, groups.CreateOpts(
        group_type=group_type.id, volume_types=["__DEFAULT__"])).extract()
    vol = volumes.create(member, volumes.CreateOpts(
        size=1, volume_type="__DEFAULT__", group_id=group.id)).extract()
    made = groupsnapshots.create(member, groupsnapshots.CreateOpts(
        group_id=group.id, name="nightly")).extract()
    assert made.group_type_id == group_type.id
    shown = groupsnapshots.get(member, made.id).extract()
    assert (shown.group_id, shown.status, shown.name) == (group.id, "available", "nightly")
    (snap,) = snapshots.list(member).all_pages().items()
    assert (snap.volume_id, snap.group_snapshot_id) == (vol.id, made.id)
    assert isinstance(snapshots.delete(member, snap.id).err, BadRequest)
    listed = groupsnapshots.list(member, groupsnapshots.ListOpts(group_id=group.id))
    assert [s.id for s in listed.all_pages().items()] == [made.id]
    groupsnapshots.delete(member, made.id).extract_err()
    assert isinstance(groupsnapshots.get(member, made.id).err, NotFound)
    assert snapshots.list(member).all_pages().items() == []


def test_create_from_src_copies_a_group_and_restores_a_group_snapshot(
        member: ServiceClient, group_type: grouptypes.GroupType) -> None:
    source = groups.create(member, groups.CreateOpts(
        group_type=group_type.id, volume_types=["__DEFAULT__"], name="src")).extract()
    vol = volumes.create(member, volumes.CreateOpts(size=2, volume_type="__DEFAULT__",
                                                    group_id=source.id)).extract()
    copy = groups.create_from_src(member, groups.CreateFromSrcOpts(
        source_group_id=source.id, name="copy", description="d")).extract()
    assert copy.name == "copy"
    shown = groups.get(member, copy.id, list_volume=True).extract()
    assert (shown.source_group_id, shown.group_type, shown.description) == (
        source.id, group_type.id, "d")
    (clone_id,) = shown.volumes or []
    clone = volumes.get(member, clone_id).extract()
    assert (clone.source_volid, clone.size, clone.group_id) == (vol.id, 2, copy.id)
    gsnap = groupsnapshots.create(member, groupsnapshots.CreateOpts(
        group_id=source.id)).extract()
    restored = groups.create_from_src(member, groups.CreateFromSrcOpts(
        group_snapshot_id=gsnap.id)).extract()
    shown = groups.get(member, restored.id, list_volume=True).extract()
    assert shown.group_snapshot_id == gsnap.id
    (made_id,) = shown.volumes or []
    (snap,) = snapshots.list(member, snapshots.ListOpts(
        volume_id=vol.id)).all_pages().items()
    assert volumes.get(member, made_id).extract().snapshot_id == snap.id


def test_create_from_src_errors(member: ServiceClient,
                                group_type: grouptypes.GroupType) -> None:
    with pytest.raises(InvalidInput):
        groups.CreateFromSrcOpts(name="x").to_group_create_from_src_map()
    with pytest.raises(InvalidInput):
        groups.CreateFromSrcOpts(source_group_id="a",
                                 group_snapshot_id="b").to_group_create_from_src_map()
    assert isinstance(groups.create_from_src(member, groups.CreateFromSrcOpts()).err,
                      InvalidInput)
    empty = groups.create(member, groups.CreateOpts(
        group_type=group_type.id, volume_types=["__DEFAULT__"])).extract()
    err = groups.create_from_src(member, groups.CreateFromSrcOpts(
        source_group_id=empty.id)).err
    assert isinstance(err, BadRequest)
    assert err.fault == "Invalid Group: Source Group is empty. No group will be created."
    unknown = "0b1e0c9b-1111-4111-8111-111111111111"
    err = groups.create_from_src(member, groups.CreateFromSrcOpts(
        group_snapshot_id=unknown)).err
    assert isinstance(err, NotFound)
    assert err.fault == f"GroupSnapshot {unknown} could not be found."
    below = groups.create_from_src(member.with_microversion("3.13"), groups.CreateFromSrcOpts(
        source_group_id=empty.id)).err
    assert isinstance(below, NotFound)
