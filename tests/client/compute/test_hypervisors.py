"""Compute hypervisors against the fake Nova: details, ids by microversion, paging from
2.33, hostname patterns and servers from 2.53, admins only."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from stackdouble.client import BadRequest, Forbidden, ServiceClient
from stackdouble.client.openstack.compute.v2 import hypervisors
from stackdouble.fakes import FakeCloud
from tests.client.compute.novaadmin import admin_compute, member_compute
from tests.client.compute.support import new_server


@pytest.fixture
def cloud() -> Iterator[FakeCloud]:
    """A seeded fake cloud with three compute hosts, answering in-process."""
    with FakeCloud(seed=43) as fake:
        fake.compute.set_hosts(3)
        yield fake


@pytest.fixture
def admin(cloud: FakeCloud) -> ServiceClient:
    """admin at 2.53."""
    return admin_compute(cloud, "2.53")


def test_list_gives_each_hypervisor_with_its_resources(admin: ServiceClient) -> None:
    found = list(hypervisors.list(admin.with_microversion("2.33")).items())
    assert len(found) == 3
    first = found[0]
    assert first.id.isdigit()
    assert (first.state, first.status) == ("up", "enabled")
    assert first.vcpus == 64
    assert first.service is not None
    assert first.service.host == first.hypervisor_hostname
    assert first.cpu_info is not None
    assert first.cpu_info["arch"] == "x86_64"


def test_cpu_info_is_decoded_before_2_28(admin: ServiceClient) -> None:
    first = next(iter(hypervisors.list(admin.with_microversion("2.27")).items()))
    assert first.cpu_info is not None
    assert first.cpu_info["vendor"] == "Intel"


def test_ids_are_uuids_from_2_53(admin: ServiceClient) -> None:
    first = next(iter(hypervisors.list(admin).items()))
    assert uuid.UUID(first.id)
    assert first.service is not None
    assert uuid.UUID(first.service.id)


def test_paging_follows_hypervisors_links(cloud: FakeCloud, admin: ServiceClient) -> None:
    pager = hypervisors.list(admin, hypervisors.ListOpts(limit=2))
    names = [h.hypervisor_hostname for h in pager.items()]
    assert len(names) == len(set(names)) == 3
    limits_sent = [r for r in cloud.requests if "os-hypervisors" in r.path]
    assert len(limits_sent) >= 2


def test_a_hostname_pattern_finds_hosts_and_refuses_paging(admin: ServiceClient) -> None:
    opts = hypervisors.ListOpts(hypervisor_hostname_pattern="compute-3")
    assert [h.hypervisor_hostname for h in hypervisors.list(admin, opts).items()] == [
        "stackdouble-compute-3"]
    both = hypervisors.ListOpts(hypervisor_hostname_pattern="compute", limit=1)
    with pytest.raises(BadRequest):
        list(hypervisors.list(admin, both).items())


def test_with_servers_names_the_servers_on_a_host(cloud: FakeCloud, admin: ServiceClient
                                                  ) -> None:
    server_id = new_server(member_compute(cloud))
    opts = hypervisors.ListOpts(with_servers=True)
    hosts = {h.id: h for h in hypervisors.list(admin, opts).items()}
    holding = [h for h in hosts.values() if h.servers]
    assert len(holding) == 1
    assert holding[0].servers is not None
    assert [s.uuid for s in holding[0].servers] == [server_id]
    got = hypervisors.get(admin, holding[0].id, hypervisors.GetOpts(with_servers=True))
    detail = got.extract()
    assert detail.servers is not None
    assert [s.uuid for s in detail.servers] == [server_id]
    assert hypervisors.get(admin, holding[0].id).extract().servers is None


def test_get_by_something_else_than_a_uuid_is_400_from_2_53(admin: ServiceClient) -> None:
    with pytest.raises(BadRequest):
        hypervisors.get(admin, "1").extract()


def test_hypervisors_are_for_admins(cloud: FakeCloud) -> None:
    with pytest.raises(Forbidden):
        list(hypervisors.list(member_compute(cloud)).items())
