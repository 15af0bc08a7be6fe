"""`volumes.summary` against the fake Cinder: the caller's count, size and metadata."""

from __future__ import annotations

from stackdouble.client import NotFound, ServiceClient
from stackdouble.client.openstack.blockstorage.v3 import volumes


def test_summary_counts_the_callers_volumes(block_storage: ServiceClient) -> None:
    for size, tier in ((1, "gold"), (3, "silver"), (2, "gold")):
        volumes.create(block_storage, volumes.CreateOpts(size=size, metadata={"tier": tier}))
    at_3_36 = volumes.summary(block_storage.with_microversion("3.36")).extract()
    assert (at_3_36.total_count, at_3_36.total_size) == (3, 6)
    assert at_3_36.metadata == {"tier": ["gold", "silver"]}
    at_3_12 = volumes.summary(block_storage.with_microversion("3.12")).extract()
    assert (at_3_12.total_count, at_3_12.total_size, at_3_12.metadata) == (3, 6, {})


def test_summary_needs_3_12(block_storage: ServiceClient) -> None:
    assert isinstance(volumes.summary(block_storage).err, NotFound)


def test_all_tenants_for_an_admin(block_storage: ServiceClient,
                                  admin_block_storage: ServiceClient) -> None:
    volumes.create(block_storage, volumes.CreateOpts(size=4))
    admin = admin_block_storage.with_microversion("3.12")
    assert volumes.summary(admin).extract().total_count == 0
    assert volumes.summary(admin, all_tenants=True).extract().total_count == 1
