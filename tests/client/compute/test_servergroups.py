"""Compute server groups against the fake Nova: policy and rules from 2.64, policies
before, listing with all_projects, members, delete, and the `group` scheduler hint."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from stackdouble.client import BadRequest, InvalidInput, NotFound, ServiceClient
from stackdouble.client.openstack.compute.v2 import servergroups, servers
from stackdouble.client.openstack.compute.v2.extensions import schedulerhints
from stackdouble.fakes import FakeCloud
from tests.client.compute.novaadmin import admin_compute, member_compute
from tests.client.compute.support import CIRROS


@pytest.fixture
def cloud() -> Iterator[FakeCloud]:
    """A seeded fake cloud with two compute hosts, answering in-process."""
    with FakeCloud(seed=45) as fake:
        fake.compute.set_hosts(2)
        yield fake


@pytest.fixture
def nova(cloud: FakeCloud) -> ServiceClient:
    """demo at 2.64."""
    return member_compute(cloud, "2.64")


def _boot(nova: ServiceClient, name: str, group_id: str) -> servers.CreateResult:
    base = servers.CreateOpts(name=name, image_ref=CIRROS, flavor_ref="1", networks="none")
    hints = schedulerhints.SchedulerHints(group=group_id)
    return servers.create(nova, schedulerhints.CreateOptsExt(create_opts=base,
                                                             scheduler_hints=hints))


def test_create_with_policy_and_rules_from_2_64(nova: ServiceClient) -> None:
    opts = servergroups.CreateOpts(name="web", policy="anti-affinity",
                                   rules=servergroups.Rules(max_server_per_host=2))
    group = servergroups.create(nova, opts).extract()
    assert (group.name, group.policy, group.policies) == ("web", "anti-affinity", None)
    assert group.rules == {"max_server_per_host": 2}
    assert group.members == []
    assert group.project_id is not None


def test_create_with_policies_before_2_64(nova: ServiceClient) -> None:
    old = nova.with_microversion("2.15")
    opts = servergroups.CreateOpts(name="db", policies=["soft-affinity"])
    group = servergroups.create(old, opts).extract()
    assert (group.policy, group.policies, group.metadata) == ("soft-affinity",
                                                              ["soft-affinity"], {})


def test_the_wrong_form_for_the_microversion_is_400(nova: ServiceClient) -> None:
    opts = servergroups.CreateOpts(name="db", policies=["affinity"])
    with pytest.raises(BadRequest):
        servergroups.create(nova, opts).extract()


def test_both_or_neither_policy_form_is_refused_before_sending(cloud: FakeCloud,
                                                               nova: ServiceClient) -> None:
    before = len(cloud.requests)
    for opts in (servergroups.CreateOpts(name="x"),
                 servergroups.CreateOpts(name="x", policy="affinity", policies=["affinity"]),
                 servergroups.CreateOpts(name="x", policies=["affinity"],
                                         rules={"max_server_per_host": 1})):
        with pytest.raises(InvalidInput):
            servergroups.create(nova, opts).extract()
    assert len(cloud.requests) == before


def test_servers_booted_with_the_group_hint_become_members_on_different_hosts(
    cloud: FakeCloud, nova: ServiceClient
) -> None:
    group = servergroups.create(nova, servergroups.CreateOpts(
        name="spread", policy="anti-affinity")).extract()
    ids = [_boot(nova, f"web-{n}", group.id).extract().id for n in (1, 2)]
    assert sorted(servergroups.get(nova, group.id).extract().members) == sorted(ids)
    active = [servers.wait_for_status(nova, i, "ACTIVE", timeout=60, interval=1,
                                      sleep=cloud.clock.advance, clock=cloud.clock.time)
              for i in ids]
    assert all(s.host_id for s in active)
    assert len({s.host_id for s in active}) == 2


def test_a_third_anti_affinity_server_on_two_hosts_fails_to_schedule(
    cloud: FakeCloud, nova: ServiceClient
) -> None:
    group = servergroups.create(nova, servergroups.CreateOpts(
        name="spread", policy="anti-affinity")).extract()
    for n in (1, 2):
        _boot(nova, f"web-{n}", group.id).extract()
    third = _boot(nova, "web-3", group.id).extract()
    failed = servers.wait_for_status(nova, third.id, "ERROR", timeout=60, interval=1,
                                     sleep=cloud.clock.advance, clock=cloud.clock.time)
    assert failed.fault is not None
    assert "No valid host" in str(failed.fault)


def test_list_shows_own_groups_and_all_projects_for_admins(cloud: FakeCloud,
                                                           nova: ServiceClient) -> None:
    mine = servergroups.create(nova, servergroups.CreateOpts(
        name="mine", policy="affinity")).extract()
    admin = admin_compute(cloud, "2.64")
    theirs = servergroups.create(admin, servergroups.CreateOpts(
        name="theirs", policy="affinity")).extract()
    assert [g.id for g in servergroups.list(nova).items()] == [mine.id]
    assert [g.id for g in servergroups.list(admin).items()] == [theirs.id]
    every = servergroups.list(admin, servergroups.ListOpts(all_projects=True))
    assert {g.id for g in every.items()} == {mine.id, theirs.id}
    assert servergroups.ListOpts(all_projects=False).to_server_group_list_query() == ""


def test_limit_and_offset_slice_the_listing(nova: ServiceClient) -> None:
    for name in ("a", "b", "c"):
        servergroups.create(nova, servergroups.CreateOpts(name=name, policy="affinity")
                            ).extract()
    opts = servergroups.ListOpts(limit=1, offset=1)
    assert len(list(servergroups.list(nova, opts).items())) == 1


def test_delete_then_get_is_not_found(nova: ServiceClient) -> None:
    group = servergroups.create(nova, servergroups.CreateOpts(
        name="gone", policy="affinity")).extract()
    servergroups.delete(nova, group.id).extract_err()
    with pytest.raises(NotFound):
        servergroups.get(nova, group.id).extract()
