"""The scheduler hints extension: the `os:scheduler_hints` body, merged over the core
options' own hints, checked before sending, and obeyed by the fake Nova's scheduler."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from stackdouble.client import InvalidInput, ServiceClient
from stackdouble.client.openstack.compute.v2 import servers
from stackdouble.client.openstack.compute.v2.extensions import schedulerhints
from stackdouble.fakes import FakeCloud
from tests.client.compute.novaadmin import member_compute
from tests.client.compute.support import CIRROS

BASE = servers.CreateOpts(name="web", image_ref=CIRROS, flavor_ref="1", networks="none")


@pytest.fixture
def cloud() -> Iterator[FakeCloud]:
    """A seeded fake cloud with two compute hosts, answering in-process."""
    with FakeCloud(seed=48) as fake:
        fake.compute.set_hosts(2)
        yield fake


@pytest.fixture
def nova(cloud: FakeCloud) -> ServiceClient:
    """demo at 2.79."""
    return member_compute(cloud)


def test_every_hint_is_rendered_as_nova_reads_it() -> None:
    hints = schedulerhints.SchedulerHints(
        group="g-1", different_host=["a", "b"], same_host="c", query='["=", "$vcpus", 4]',
        target_cell="cell1", different_cell=["cell2"], build_near_host_ip="10.0.0.1",
        additional_properties={"reservation": "r-1"})
    assert hints.to_server_scheduler_hints_map() == {
        "group": "g-1", "different_host": ["a", "b"], "same_host": "c",
        "different_cell": ["cell2"], "query": '["=", "$vcpus", 4]', "target_cell": "cell1",
        "build_near_host_ip": "10.0.0.1", "reservation": "r-1"}


def test_hints_merge_over_the_core_options_hints() -> None:
    base = servers.CreateOpts(name="web", image_ref="i", flavor_ref="1",
                              scheduler_hints={"same_host": "x", "custom": 1})
    opts = schedulerhints.CreateOptsExt(
        create_opts=base, scheduler_hints=schedulerhints.SchedulerHints(same_host=["y"]))
    body = opts.to_server_create_map()
    assert body["os:scheduler_hints"] == {"same_host": ["y"], "custom": 1}
    assert body["server"]["name"] == "web"


def test_a_mapping_is_sent_as_given() -> None:
    opts = schedulerhints.CreateOptsExt(create_opts=BASE, scheduler_hints={"group": "g"})
    assert opts.to_server_create_map()["os:scheduler_hints"] == {"group": "g"}


def test_a_bad_near_host_ip_is_refused_before_sending(cloud: FakeCloud, nova: ServiceClient
                                                      ) -> None:
    hints = schedulerhints.SchedulerHints(build_near_host_ip="10.0.0.300/24")
    before = len(cloud.requests)
    with pytest.raises(InvalidInput) as info:
        servers.create(nova, schedulerhints.CreateOptsExt(
            create_opts=BASE, scheduler_hints=hints)).extract()
    assert "build_near_host_ip" in str(info.value)
    assert len(cloud.requests) == before


def test_the_group_hint_is_sent_beside_the_server(cloud: FakeCloud, nova: ServiceClient
                                                  ) -> None:
    from stackdouble.client.openstack.compute.v2 import servergroups

    group = servergroups.create(nova, servergroups.CreateOpts(
        name="g", policy="affinity")).extract()
    hints = schedulerhints.SchedulerHints(group=group.id)
    created = servers.create(nova, schedulerhints.CreateOptsExt(
        create_opts=BASE, scheduler_hints=hints)).extract()
    assert servergroups.get(nova, group.id).extract().members == [created.id]
