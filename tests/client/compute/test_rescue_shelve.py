"""rescueunrescue and shelveunshelve against the fake Nova: the transitions, the typed
refusals, the zone of unshelve by microversion, and the rescue password kept out of logs."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime, timezone

import pytest

from stackdouble.client import BadRequest, Conflict, Forbidden, ServiceClient
from stackdouble.client.openstack import auth_options_from_env, authenticated_client, new_compute_v2
from stackdouble.client.openstack.compute.v2 import servers
from stackdouble.client.openstack.compute.v2.extensions import rescueunrescue, shelveunshelve
from stackdouble.fakes import FakeClock, FakeCloud
from tests.client.compute.support import fake_compute, new_server


@pytest.fixture
def cloud() -> Iterator[FakeCloud]:
    """A seeded fake cloud with a frozen clock, answering in-process."""
    with FakeCloud(seed=33, clock=FakeClock(start=datetime(2026, 3, 1, tzinfo=timezone.utc))
                   ) as fake:
        yield fake


@pytest.fixture
def nova(cloud: FakeCloud) -> ServiceClient:
    """The client at 2.79 on the fake, as demo."""
    return fake_compute(cloud)


def _status(nova: ServiceClient, server_id: str) -> str:
    return servers.get(nova, server_id).extract().status


def _wait(cloud: FakeCloud, nova: ServiceClient, server_id: str, status: str) -> servers.Server:
    return servers.wait_for_status(nova, server_id, status, timeout=60, interval=5,
                                   sleep=cloud.clock.advance, clock=cloud.clock.time)


def test_rescue_then_unrescue(cloud: FakeCloud, nova: ServiceClient) -> None:
    cloud.compute.set_action_time(8)
    server_id = new_server(nova)
    password = rescueunrescue.rescue(nova, server_id).extract()
    assert password is not None
    assert len(password) == 12
    assert _wait(cloud, nova, server_id, "RESCUE").vm_state == "rescued"
    rescueunrescue.unrescue(nova, server_id).extract_err()
    assert _wait(cloud, nova, server_id, "ACTIVE").power_state == 1


def test_rescue_gives_back_the_password_asked_for(nova: ServiceClient) -> None:
    server_id = new_server(nova)
    opts = rescueunrescue.RescueOpts(admin_pass="hunter2-rescue")
    assert rescueunrescue.rescue(nova, server_id, opts).extract() == "hunter2-rescue"


def test_the_rescue_password_stays_out_of_logs_and_reprs(
    nova: ServiceClient, caplog: pytest.LogCaptureFixture
) -> None:
    server_id = new_server(nova)
    caplog.set_level(logging.DEBUG, logger="stackdouble.client")
    opts = rescueunrescue.RescueOpts(admin_pass="hunter2-rescue")
    result = rescueunrescue.rescue(nova, server_id, opts)
    generated = rescueunrescue.rescue(nova, new_server(nova)).extract()
    assert generated is not None
    text = "\n".join(r.getMessage() for r in caplog.records) + repr(opts) + repr(result)
    assert '"adminPass": "***"' in text
    assert "hunter2-rescue" not in text
    assert generated not in text


def test_unrescue_of_an_active_server_is_a_conflict(nova: ServiceClient) -> None:
    server_id = new_server(nova)
    with pytest.raises(Conflict) as info:
        rescueunrescue.unrescue(nova, server_id).extract_err()
    assert info.value.fault == (f"Cannot 'unrescue' instance {server_id} while it is in "
                                "vm_state active")


def test_shelve_offloads_and_unshelve_brings_the_server_back(cloud: FakeCloud,
                                                             nova: ServiceClient) -> None:
    cloud.compute.set_action_time(8)
    server_id = new_server(nova)
    shelveunshelve.shelve(nova, server_id).extract_err()
    assert _wait(cloud, nova, server_id, "SHELVED_OFFLOADED").power_state == 4
    shelveunshelve.unshelve(nova, server_id).extract_err()
    assert _wait(cloud, nova, server_id, "ACTIVE").vm_state == "active"


def test_unshelve_to_a_zone_from_2_77(nova: ServiceClient) -> None:
    server_id = new_server(nova)
    shelveunshelve.shelve(nova, server_id).extract_err()
    zone = shelveunshelve.UnshelveOpts(availability_zone="nova")
    shelveunshelve.unshelve(nova, server_id, zone).extract_err()
    server = servers.get(nova.with_microversion("2.96"), server_id).extract()
    assert (server.status, server.raw["pinned_availability_zone"]) == ("ACTIVE", "nova")


def test_an_unknown_zone_is_a_bad_request_from_2_77_and_unread_before(
        nova: ServiceClient) -> None:
    server_id = new_server(nova)
    shelveunshelve.shelve(nova, server_id).extract_err()
    mars = shelveunshelve.UnshelveOpts(availability_zone="mars")
    with pytest.raises(BadRequest) as info:
        shelveunshelve.unshelve(nova, server_id, mars).extract_err()
    assert info.value.fault == "The requested availability zone is not available"
    shelveunshelve.unshelve(nova.with_microversion("2.76"), server_id, mars).extract_err()
    server = servers.get(nova.with_microversion("2.96"), server_id).extract()
    assert (server.status, server.raw["pinned_availability_zone"]) == ("ACTIVE", None)


def test_a_zone_for_a_server_still_shelved_is_a_conflict(cloud: FakeCloud,
                                                         nova: ServiceClient) -> None:
    cloud.compute.set_shelved_offload_time(-1)
    server_id = new_server(nova)
    shelveunshelve.shelve(nova, server_id).extract_err()
    assert _status(nova, server_id) == "SHELVED"
    zone = shelveunshelve.UnshelveOpts(availability_zone="nova")
    with pytest.raises(Conflict) as info:
        shelveunshelve.unshelve(nova, server_id, zone).extract_err()
    assert "The server status must be SHELVED_OFFLOADED." in info.value.fault


def test_shelve_offload_is_for_admins(cloud: FakeCloud, nova: ServiceClient) -> None:
    cloud.compute.set_shelved_offload_time(-1)
    server_id = new_server(nova)
    shelveunshelve.shelve(nova, server_id).extract_err()
    with pytest.raises(Forbidden):
        shelveunshelve.shelve_offload(nova, server_id).extract_err()
    admin_opts = auth_options_from_env(cloud.os_environ(user="admin"))
    admin = new_compute_v2(authenticated_client(admin_opts, max_retries=0))
    shelveunshelve.shelve_offload(admin, server_id).extract_err()
    assert _status(nova, server_id) == "SHELVED_OFFLOADED"
