"""The defaulttypes package (Cinder's per-project default volume types, 3.62) against the
fake Cinder."""

from __future__ import annotations

import pickle

import pytest

from stackdouble.client import BadRequest, Forbidden, InvalidInput, NotFound, ServiceClient
from stackdouble.client.openstack.blockstorage.v3 import defaulttypes, volumes, volumetypes
from stackdouble.fakes import FakeCloud


@pytest.fixture
def admin(admin_block_storage: ServiceClient) -> ServiceClient:
    """The admin's client at 3.62."""
    return admin_block_storage.with_microversion("3.62")


@pytest.fixture
def demo_id(cloud: FakeCloud) -> str:
    """The demo project's id."""
    return cloud.project_id("demo")


def _gold(admin: ServiceClient) -> str:
    return volumetypes.create(admin, volumetypes.CreateOpts(name="gold")).extract().id


def test_set_by_name_returns_the_type_id(admin: ServiceClient, demo_id: str) -> None:
    gold = _gold(admin)
    found = defaulttypes.set(admin, demo_id, defaulttypes.SetOpts(volume_type="gold")).extract()
    assert found == defaulttypes.DefaultType(project_id=demo_id, volume_type_id=gold)
    assert defaulttypes.get(admin, demo_id).extract() == found
    assert defaulttypes.list(admin).all_pages().items() == [found]


def test_volumes_of_the_project_get_its_default_type(admin: ServiceClient, demo_id: str,
                                                     block_storage: ServiceClient) -> None:
    _gold(admin)
    defaulttypes.set(admin, demo_id, defaulttypes.SetOpts(volume_type="gold")).extract()
    made = volumes.create(block_storage, volumes.CreateOpts(size=1)).extract()
    assert made.volume_type == "gold"


def test_unset_then_get_is_not_found(admin: ServiceClient, demo_id: str) -> None:
    defaulttypes.set(admin, demo_id, defaulttypes.SetOpts(volume_type="__DEFAULT__")).extract()
    defaulttypes.unset(admin, demo_id).extract_err()
    with pytest.raises(NotFound) as caught:
        defaulttypes.get(admin, demo_id).extract()
    assert "Default type for project" in str(caught.value)
    defaulttypes.unset(admin, demo_id).extract_err()  # not set: still fine


def test_an_unknown_type_is_bad_request(admin: ServiceClient, demo_id: str) -> None:
    with pytest.raises(BadRequest) as caught:
        defaulttypes.set(admin, demo_id, defaulttypes.SetOpts(volume_type="x")).extract()
    assert caught.value.status == 400
    assert "Volume type with name x could not be found." in str(caught.value)


def test_an_unknown_project_is_not_found(admin: ServiceClient) -> None:
    with pytest.raises(NotFound):
        defaulttypes.set(admin, "nosuchproject",
                         defaulttypes.SetOpts(volume_type="__DEFAULT__")).extract()


def test_a_member_is_forbidden(block_storage: ServiceClient, demo_id: str) -> None:
    with pytest.raises(Forbidden):
        defaulttypes.list(block_storage.with_microversion("3.62")).all_pages()


def test_below_3_62_is_not_found(admin_block_storage: ServiceClient, demo_id: str) -> None:
    with pytest.raises(NotFound):
        defaulttypes.get(admin_block_storage, demo_id).extract()


def test_an_empty_type_surfaces_as_the_results_error_without_a_request(
        admin: ServiceClient, demo_id: str, cloud: FakeCloud) -> None:
    before = len(cloud.requests)
    result = defaulttypes.set(admin, demo_id, defaulttypes.SetOpts(volume_type=""))
    with pytest.raises(InvalidInput):
        result.extract()
    assert len(cloud.requests) == before


def test_the_resource_pickles(admin: ServiceClient, demo_id: str) -> None:
    found = defaulttypes.set(admin, demo_id,
                             defaulttypes.SetOpts(volume_type="__DEFAULT__")).extract()
    assert pickle.loads(pickle.dumps(found)) == found
