"""The deprecated `os-hosts` client against the fake Nova: the rows it reads, its options'
checks, and the errors a caller meets (403 for members, 404 from 2.43, 501 on libvirt)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from stackdouble.client import Forbidden, HTTPError, InvalidInput, NotFound
from stackdouble.client.openstack.compute.v2 import hosts
from stackdouble.fakes import FakeCloud
from tests.client.compute.novaadmin import admin_compute, demo_project, member_compute

HOST = "stackdouble-compute"


@pytest.fixture
def cloud() -> Iterator[FakeCloud]:
    """A seeded fake cloud with two compute hosts, answering in-process."""
    with FakeCloud(seed=45) as fake:
        fake.compute.set_hosts(2)
        yield fake


def test_list_filters_by_zone(cloud: FakeCloud) -> None:
    admin = admin_compute(cloud, "2.42")
    every = list(hosts.list(admin).items())
    internal = list(hosts.list(admin, hosts.ListOpts(zone="internal")).items())
    assert [h.host_name for h in every if h.service == "compute"] == [HOST, f"{HOST}-2"]
    assert {h.service for h in internal} == {"scheduler", "conductor"}


def test_get_reads_each_row(cloud: FakeCloud) -> None:
    cloud.compute.create_server(demo_project(cloud), name="s", flavor_id="2",
                                networks="none")
    placed = cloud.compute.server(next(iter(cloud.compute.servers))).host
    assert placed is not None
    rows = hosts.get(admin_compute(cloud, "2.1"), placed).extract()
    assert [r.project for r in rows] == ["(total)", "(used_now)", "(used_max)",
                                         demo_project(cloud)]
    assert (rows[3].cpu, rows[3].memory_mb, rows[3].disk_gb, rows[3].host) == (
        1, 2048, 20, placed)


def test_get_of_a_host_that_is_not_a_compute_host_is_not_found(cloud: FakeCloud) -> None:
    with pytest.raises(NotFound) as caught:
        hosts.get(admin_compute(cloud, "2.1"), "controller").extract()
    assert "Host 'controller' is not mapped to any cell" in str(caught.value)


def test_update_answers_the_status_asked_for(cloud: FakeCloud) -> None:
    done = hosts.update(admin_compute(cloud, "2.1"), f"{HOST}-2",
                        hosts.UpdateOpts(status="enable")).extract()
    assert (done.host, done.status, done.maintenance_mode) == (f"{HOST}-2", "enabled", None)


@pytest.mark.parametrize("opts", [hosts.UpdateOpts(), hosts.UpdateOpts(status="off"),
                                  hosts.UpdateOpts(maintenance_mode="enabled")])
def test_bad_update_options_are_refused_before_sending(cloud: FakeCloud,
                                                       opts: hosts.UpdateOpts) -> None:
    admin = admin_compute(cloud, "2.1")
    sent = len(cloud.requests)
    with pytest.raises(InvalidInput):
        hosts.update(admin, HOST, opts).extract()
    assert len(cloud.requests) == sent


def test_power_management_is_not_implemented(cloud: FakeCloud) -> None:
    with pytest.raises(HTTPError) as caught:
        hosts.update(admin_compute(cloud, "2.1"), HOST,
                     hosts.UpdateOpts(maintenance_mode="enable")).extract()
    assert caught.value.status == 501


def test_members_are_forbidden_and_2_43_has_no_hosts(cloud: FakeCloud) -> None:
    with pytest.raises(Forbidden):
        list(hosts.list(member_compute(cloud, "2.1")).items())
    with pytest.raises(NotFound):
        list(hosts.list(admin_compute(cloud, "2.43")).items())
