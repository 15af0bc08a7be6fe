"""Compute quota sets and quota classes against the fake Nova: limits, defaults, detail
with use, update (with and without `force`), delete, and who may do what."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from stackdouble.client import BadRequest, Forbidden, InvalidInput, ServiceClient
from stackdouble.client.openstack.compute.v2 import quotaclasses, quotasets
from stackdouble.fakes import FakeCloud
from tests.client.compute.novaadmin import admin_compute, demo_project, member_compute
from tests.client.compute.support import new_server


@pytest.fixture
def cloud() -> Iterator[FakeCloud]:
    """A seeded fake cloud, answering in-process."""
    with FakeCloud(seed=41) as fake:
        yield fake


@pytest.fixture
def nova(cloud: FakeCloud) -> ServiceClient:
    """demo at 2.79."""
    return member_compute(cloud)


@pytest.fixture
def admin(cloud: FakeCloud) -> ServiceClient:
    """admin at 2.79."""
    return admin_compute(cloud)


def test_a_member_reads_its_own_limits_with_the_project_as_id(
    cloud: FakeCloud, nova: ServiceClient
) -> None:
    quota = quotasets.get(nova, demo_project(cloud)).extract()
    assert quota.id == demo_project(cloud)
    assert (quota.instances, quota.cores, quota.ram) == (10, 20, 51200)


def test_resources_nova_dropped_are_none_from_2_57(cloud: FakeCloud, nova: ServiceClient
                                                   ) -> None:
    quota = quotasets.get(nova, demo_project(cloud)).extract()
    assert quota.floating_ips is None
    assert quota.injected_files is None
    old = quotasets.get(nova.with_microversion("2.35"), demo_project(cloud)).extract()
    assert old.floating_ips is not None
    assert old.injected_files is not None


def test_a_member_may_not_read_another_projects_limits(cloud: FakeCloud, nova: ServiceClient
                                                       ) -> None:
    other = cloud.project_id("admin")
    with pytest.raises(Forbidden) as info:
        quotasets.get(nova, other).extract()
    assert "os_compute_api:os-quota-sets:show" in str(info.value.fault)


def test_detail_counts_what_the_project_uses(cloud: FakeCloud, nova: ServiceClient) -> None:
    new_server(nova, flavor="1")
    detail = quotasets.get_detail(nova, demo_project(cloud)).extract()
    assert detail.instances is not None
    assert (detail.instances.limit, detail.instances.in_use) == (10, 1)
    assert detail.cores is not None
    assert detail.cores.in_use == 1


def test_update_answers_the_limits_without_an_id(cloud: FakeCloud, admin: ServiceClient,
                                                 nova: ServiceClient) -> None:
    updated = quotasets.update(admin, demo_project(cloud),
                               quotasets.UpdateOpts(instances=3, ram=-1)).extract()
    assert updated.id is None
    assert (updated.instances, updated.ram) == (3, -1)
    assert quotasets.get(nova, demo_project(cloud)).extract().instances == 3


def test_a_limit_below_use_needs_force(cloud: FakeCloud, admin: ServiceClient,
                                       nova: ServiceClient) -> None:
    new_server(nova)
    new_server(nova, name="web-2")
    project = demo_project(cloud)
    with pytest.raises(BadRequest):
        quotasets.update(admin, project, quotasets.UpdateOpts(instances=1)).extract()
    assert quotasets.get(nova, project).extract().instances == 10
    forced = quotasets.UpdateOpts(instances=1, force=True)
    assert quotasets.update(admin, project, forced).extract().instances == 1


def test_a_member_may_not_update(cloud: FakeCloud, nova: ServiceClient) -> None:
    with pytest.raises(Forbidden):
        quotasets.update(nova, demo_project(cloud), quotasets.UpdateOpts(cores=1)).extract()


def test_a_limit_below_minus_one_is_refused_before_sending(cloud: FakeCloud,
                                                           admin: ServiceClient) -> None:
    before = len(cloud.requests)
    result = quotasets.update(admin, demo_project(cloud), quotasets.UpdateOpts(cores=-2))
    with pytest.raises(InvalidInput):
        result.extract()
    assert len(cloud.requests) == before


def test_delete_goes_back_to_the_defaults(cloud: FakeCloud, admin: ServiceClient,
                                          nova: ServiceClient) -> None:
    project = demo_project(cloud)
    quotasets.update(admin, project, quotasets.UpdateOpts(cores=5)).extract()
    quotasets.delete(admin, project).extract_err()
    defaults = quotasets.get_defaults(nova, project).extract()
    assert quotasets.get(nova, project).extract().cores == defaults.cores == 20


def test_the_default_class_sets_every_projects_defaults(cloud: FakeCloud,
                                                        admin: ServiceClient,
                                                        nova: ServiceClient) -> None:
    changed = quotaclasses.update(admin, "default", quotaclasses.UpdateOpts(instances=15))
    assert changed.extract().instances == 15
    shown = quotaclasses.get(admin, "default").extract()
    assert (shown.id, shown.instances) == ("default", 15)
    assert quotasets.get(nova, demo_project(cloud)).extract().instances == 15


def test_quota_classes_are_for_admins(nova: ServiceClient) -> None:
    with pytest.raises(Forbidden):
        quotaclasses.get(nova, "default").extract()
