"""The limits and availabilityzones packages against the fake Cinder."""

from __future__ import annotations

from stackdouble.client import ServiceClient
from stackdouble.client.openstack.blockstorage.v3 import (
    availabilityzones,
    backups,
    limits,
    volumes,
)
from stackdouble.fakes import FakeCloud


def test_limits_count_volumes_and_backups(block_storage: ServiceClient) -> None:
    volume = volumes.create(block_storage, volumes.CreateOpts(size=3)).extract()
    backups.create(block_storage, backups.CreateOpts(volume_id=volume.id)).extract()
    got = limits.get(block_storage).extract()
    assert list(got.rate) == []
    absolute = got.absolute
    assert (absolute.total_volumes_used, absolute.total_gigabytes_used,
            absolute.total_backups_used, absolute.total_backup_gigabytes_used) == (1, 3, 1, 3)
    assert absolute.max_total_volume_gigabytes == 1000


def test_an_admin_reads_a_projects_limits(admin_block_storage: ServiceClient,
                                          cloud: FakeCloud) -> None:
    demo = cloud.project_id("demo")
    cloud.block_storage.set_quota(demo, snapshots=2)
    client = admin_block_storage.with_microversion("3.39")
    got = limits.get(client, limits.GetOpts(project_id=demo)).extract()
    assert got.absolute.max_total_snapshots == 2


def test_the_zones(block_storage: ServiceClient) -> None:
    zones = availabilityzones.extract_availability_zones(
        availabilityzones.list(block_storage).all_pages())
    assert [(z.zone_name, z.zone_state.available) for z in zones] == [("nova", True)]
