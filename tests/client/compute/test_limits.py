"""Compute limits against the fake Nova: absolute limits and use, names Nova drops by
microversion, and another project's limits for admins only."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from stackdouble.client import Forbidden, ServiceClient
from stackdouble.client.openstack.compute.v2 import limits, quotasets
from stackdouble.fakes import FakeCloud
from tests.client.compute.novaadmin import admin_compute, demo_project, member_compute
from tests.client.compute.support import new_server


@pytest.fixture
def cloud() -> Iterator[FakeCloud]:
    """A seeded fake cloud, answering in-process."""
    with FakeCloud(seed=42) as fake:
        yield fake


@pytest.fixture
def nova(cloud: FakeCloud) -> ServiceClient:
    """demo at 2.79."""
    return member_compute(cloud)


def test_limits_show_the_quota_and_what_is_used(nova: ServiceClient) -> None:
    new_server(nova, flavor="2")
    got = limits.get(nova).extract()
    assert got.rate == []
    absolute = got.absolute
    assert (absolute.max_total_instances, absolute.total_instances_used) == (10, 1)
    assert absolute.max_total_cores == 20
    assert absolute.total_cores_used == 1
    assert absolute.total_ram_used == 2048


def test_limits_follow_a_quota_update(cloud: FakeCloud, nova: ServiceClient) -> None:
    quotasets.update(admin_compute(cloud), demo_project(cloud),
                     quotasets.UpdateOpts(instances=4)).extract()
    assert limits.get(nova).extract().absolute.max_total_instances == 4


@pytest.mark.parametrize(("microversion", "image_meta", "personality", "floating_ips"), [
    ("2.1", True, True, True),
    ("2.36", True, True, False),
    ("2.39", False, True, False),
    ("2.57", False, False, False),
])
def test_names_nova_leaves_out_are_none(nova: ServiceClient, microversion: str,
                                        image_meta: bool, personality: bool,
                                        floating_ips: bool) -> None:
    absolute = limits.get(nova.with_microversion(microversion)).extract().absolute
    assert (absolute.max_image_meta is not None) is image_meta
    assert (absolute.max_personality is not None) is personality
    assert (absolute.max_total_floating_ips is not None) is floating_ips
    assert absolute.max_server_meta == 128


def test_an_admin_reads_another_projects_limits(cloud: FakeCloud, nova: ServiceClient) -> None:
    new_server(nova)
    opts = limits.GetOpts(tenant_id=demo_project(cloud))
    absolute = limits.get(admin_compute(cloud), opts).extract().absolute
    assert absolute.total_instances_used == 1
    assert limits.get(admin_compute(cloud)).extract().absolute.total_instances_used == 0


def test_a_member_may_not_name_a_project(cloud: FakeCloud, nova: ServiceClient) -> None:
    with pytest.raises(Forbidden) as info:
        limits.get(nova, limits.GetOpts(tenant_id=demo_project(cloud))).extract()
    assert "os_compute_api:limits:other_project" in str(info.value.fault)
