"""Compute services against the fake Nova: the listing and its filters, updates by uuid
from 2.53 and by host and binary before, deletes, and who may do what."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from stackdouble.client import BadRequest, Forbidden, InvalidInput, ServiceClient
from stackdouble.client.openstack.compute.v2 import hypervisors, services
from stackdouble.fakes import FakeCloud
from tests.client.compute.novaadmin import admin_compute, member_compute

COMPUTE = services.ListOpts(binary="nova-compute")


@pytest.fixture
def cloud() -> Iterator[FakeCloud]:
    """A seeded fake cloud with two compute hosts, answering in-process."""
    with FakeCloud(seed=44) as fake:
        fake.compute.set_hosts(2)
        yield fake


@pytest.fixture
def admin(cloud: FakeCloud) -> ServiceClient:
    """admin at 2.53."""
    return admin_compute(cloud, "2.53")


def _compute_services(client: ServiceClient) -> list[services.Service]:
    return list(services.list(client, COMPUTE).items())


def test_list_filters_by_binary_and_host(admin: ServiceClient) -> None:
    everything = list(services.list(admin).items())
    assert {"nova-compute", "nova-scheduler", "nova-conductor"} <= {s.binary for s in everything}
    computes = _compute_services(admin)
    assert len(computes) == 2
    host = computes[1].host
    assert [s.host for s in services.list(admin, services.ListOpts(host=host)).items()] == [host]
    first = computes[0]
    assert uuid.UUID(first.id or "")
    assert (first.status, first.state, first.forced_down) == ("enabled", "up", False)
    assert first.updated_at is not None


def test_forced_down_is_none_before_2_11(admin: ServiceClient) -> None:
    assert {s.forced_down for s in services.list(admin.with_microversion("2.10")).items()} == {
        None}


def test_disabling_a_host_shows_in_its_hypervisor(admin: ServiceClient) -> None:
    target = _compute_services(admin)[0]
    assert target.id is not None
    opts = services.UpdateOpts(status="disabled", disabled_reason="maintenance")
    updated = services.update(admin, target.id, opts).extract()
    assert (updated.status, updated.disabled_reason) == ("disabled", "maintenance")
    host = next(h for h in hypervisors.list(admin).items()
                if h.hypervisor_hostname == target.host)
    assert host.status == "disabled"
    again = services.update(admin, target.id, services.UpdateOpts(status="enabled")).extract()
    assert again.status == "enabled"


def test_forcing_down_marks_the_service_down(admin: ServiceClient) -> None:
    target = _compute_services(admin)[0]
    assert target.id is not None
    updated = services.update(admin, target.id, services.UpdateOpts(forced_down=True)).extract()
    assert (updated.forced_down, updated.state) == (True, "down")


def test_an_update_without_a_change_is_refused_before_sending(
    cloud: FakeCloud, admin: ServiceClient
) -> None:
    before = len(cloud.requests)
    with pytest.raises(InvalidInput):
        services.update(admin, "x", services.UpdateOpts(disabled_reason="why")).extract()
    with pytest.raises(InvalidInput):
        services.update(admin, "x", services.UpdateOpts(status="off")).extract()
    assert len(cloud.requests) == before


def test_a_reason_with_enabled_is_refused_by_nova(admin: ServiceClient) -> None:
    target = _compute_services(admin)[0]
    assert target.id is not None
    opts = services.UpdateOpts(status="enabled", disabled_reason="no")
    with pytest.raises(BadRequest) as info:
        services.update(admin, target.id, opts).extract()
    assert "disabled_reason" in str(info.value.fault)


def test_before_2_53_actions_name_host_and_binary(admin: ServiceClient) -> None:
    old = admin.with_microversion("2.11")
    host = _compute_services(old)[0].host
    disabled = services.disable(old, host, "nova-compute", reason="rack move").extract()
    assert (disabled.host, disabled.status, disabled.disabled_reason) == (
        host, "disabled", "rack move")
    assert disabled.id is None
    assert services.enable(old, host, "nova-compute").extract().status == "enabled"
    assert services.force_down(old, host, "nova-compute").extract().forced_down is True
    shown = next(s for s in _compute_services(old) if s.host == host)
    assert (shown.status, shown.forced_down) == ("enabled", True)


def test_only_compute_services_are_updated(admin: ServiceClient) -> None:
    scheduler = next(iter(services.list(admin, services.ListOpts(binary="nova-scheduler")
                                        ).items()))
    assert scheduler.id is not None
    with pytest.raises(BadRequest):
        services.update(admin, scheduler.id, services.UpdateOpts(status="disabled")).extract()


def test_deleting_an_empty_compute_service(admin: ServiceClient) -> None:
    target = _compute_services(admin)[1]
    assert target.id is not None
    services.delete(admin, target.id).extract_err()
    assert target.host not in {s.host for s in _compute_services(admin)}


def test_services_are_for_admins(cloud: FakeCloud) -> None:
    with pytest.raises(Forbidden):
        list(services.list(member_compute(cloud)).items())
