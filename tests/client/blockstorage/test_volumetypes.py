"""The volumetypes package against the fake Cinder."""

from __future__ import annotations

from stackdouble.client import NotFound, ServiceClient
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
