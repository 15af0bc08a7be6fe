"""Soft delete (`reclaim_instance_interval`, `deferred_delete.py`'s `restore` and
`forceDelete`): a deleted server waits SOFT_DELETED on its host, out of the quota, until it
is restored, force-deleted or reclaimed on the fake clock."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from stackdouble.fakes import FakeCloud
from tests.fakes.networking.conftest import Neutron

from .conftest import Nova

INTERVAL = 600


@pytest.fixture
def soft(cloud: FakeCloud) -> FakeCloud:
    """The cloud with `reclaim_instance_interval` at ten minutes (tokens last an hour)."""
    cloud.compute.set_reclaim_instance_interval(INTERVAL)
    return cloud


@pytest.fixture
def neutron(cloud: FakeCloud, http: requests.Session) -> Neutron:
    """The demo user's raw Neutron."""
    return Neutron(cloud, http)


def _server(nova: Nova, server_id: str) -> dict[str, Any]:
    return dict(nova.get(f"/servers/{server_id}").json()["server"])


def _states(nova: Nova, server_id: str) -> tuple[str, Any, int]:
    server = _server(nova, server_id)
    return (server["status"], server["OS-EXT-STS:task_state"],
            server["OS-EXT-STS:power_state"])


def _fault(resp: requests.Response) -> tuple[int, str]:
    (inner,) = resp.json().values()
    return resp.status_code, inner["message"]


def _ports(neutron: Neutron, server_id: str) -> list[dict[str, Any]]:
    return list(neutron.call("GET", f"/ports?device_id={server_id}").json()["ports"])


def _delete(nova: Nova, server_id: str) -> None:
    resp = nova.call("DELETE", f"/servers/{server_id}")
    assert resp.status_code == 204, resp.text


def test_delete_soft_deletes_and_keeps_the_ports(soft: FakeCloud, nova: Nova,
                                                 neutron: Neutron) -> None:
    server_id = nova.create()
    _delete(nova, server_id)
    assert _states(nova, server_id) == ("SOFT_DELETED", None, 4)
    assert len(_ports(neutron, server_id)) == 1
    assert server_id not in [s["id"] for s in nova.get("/servers").json()["servers"]]


def test_a_soft_deleted_server_is_out_of_the_quota(soft: FakeCloud, nova: Nova) -> None:
    demo = soft.project_id("demo")
    server_id = nova.create()
    assert soft.compute.usage(demo)["instances"] == 1
    _delete(nova, server_id)
    _states(nova, server_id)
    assert soft.compute.usage(demo)["instances"] == 0


def test_restore_brings_it_back_active_and_powered_on(soft: FakeCloud, nova: Nova) -> None:
    server_id = nova.create()
    _delete(nova, server_id)
    resp = nova.action(server_id, {"restore": None})
    assert (resp.status_code, resp.content) == (202, b"")
    assert _states(nova, server_id) == ("ACTIVE", None, 1)
    assert soft.compute.usage(soft.project_id("demo"))["instances"] == 1
    soft.clock.advance(INTERVAL * 2)
    assert _states(nova, server_id)[0] == "ACTIVE"  # the reclaim was cancelled


def test_restore_and_the_soft_delete_take_the_action_time(soft: FakeCloud, nova: Nova) -> None:
    server_id = nova.create()
    soft.compute.set_action_time(10)
    _delete(nova, server_id)
    assert _states(nova, server_id) == ("ACTIVE", "soft-deleting", 1)
    soft.clock.advance(10)
    assert _states(nova, server_id) == ("SOFT_DELETED", None, 4)
    nova.action(server_id, {"restore": None})
    assert _states(nova, server_id) == ("SOFT_DELETED", "restoring", 4)
    soft.clock.advance(10)
    assert _states(nova, server_id) == ("ACTIVE", None, 1)


def test_the_interval_reclaims_it_as_a_delete(soft: FakeCloud, nova: Nova,
                                              neutron: Neutron) -> None:
    server_id = nova.create()
    _delete(nova, server_id)
    soft.clock.advance(INTERVAL - 1)
    assert _states(nova, server_id)[0] == "SOFT_DELETED"
    soft.clock.advance(1)
    resp = nova.get(f"/servers/{server_id}")
    assert _fault(resp) == (404, f"Instance {server_id} could not be found.")
    assert _ports(neutron, server_id) == []
    assert soft.compute.server_status(server_id) == "DELETED"
    assert soft.compute.usage(soft.project_id("demo"))["instances"] == 0


def test_force_delete_deletes_it_now(soft: FakeCloud, nova: Nova, neutron: Neutron) -> None:
    server_id = nova.create()
    _delete(nova, server_id)
    resp = nova.action(server_id, {"forceDelete": None})
    assert (resp.status_code, resp.content) == (202, b"")
    assert nova.get(f"/servers/{server_id}").status_code == 404
    assert _ports(neutron, server_id) == []
    assert soft.compute.usage(soft.project_id("demo"))["instances"] == 0


def test_restore_needs_room_in_the_quota(soft: FakeCloud, nova: Nova) -> None:
    demo = soft.project_id("demo")
    server_id = nova.create()
    _delete(nova, server_id)
    soft.compute.set_quota(demo, instances=1)
    nova.create("other")
    status, message = _fault(nova.action(server_id, {"restore": None}))
    assert status == 403
    assert message.startswith("Quota exceeded for instances")
    assert _states(nova, server_id)[0] == "SOFT_DELETED"


def test_a_server_never_launched_is_deleted_at_once(soft: FakeCloud, nova: Nova) -> None:
    soft.compute.set_build_time(30)
    server_id = nova.create()
    _delete(nova, server_id)
    assert nova.get(f"/servers/{server_id}").status_code == 404


def test_admins_list_soft_deleted_servers_as_deleted(soft: FakeCloud, nova: Nova,
                                                     admin_nova: Nova) -> None:
    server_id = nova.create()
    _delete(nova, server_id)
    _states(nova, server_id)
    listed = admin_nova.get("/servers/detail?deleted=true&all_tenants=1").json()["servers"]
    assert [(s["id"], s["status"]) for s in listed] == [(server_id, "SOFT_DELETED")]


def test_restore_of_a_live_server_is_a_conflict(cloud: FakeCloud, nova: Nova) -> None:
    server_id = nova.create()
    assert _fault(nova.action(server_id, {"restore": None})) == (
        409, f"Cannot 'restore' instance {server_id} while it is in vm_state active")


def test_without_an_interval_delete_is_immediate(cloud: FakeCloud, nova: Nova) -> None:
    server_id = nova.create()
    _delete(nova, server_id)
    assert nova.get(f"/servers/{server_id}").status_code == 404
    assert cloud.compute.server_status(server_id) == "DELETED"


def test_a_locked_soft_deleted_server_is_not_restored_by_its_owner(soft: FakeCloud,
                                                                  nova: Nova) -> None:
    server_id = nova.create()
    _delete(nova, server_id)
    nova.action(server_id, {"lock": None})
    assert _fault(nova.action(server_id, {"restore": None})) == (
        409, f"Instance {server_id} is locked")


def test_the_instance_actions_name_the_events(soft: FakeCloud, nova: Nova) -> None:
    server_id = nova.create()
    _delete(nova, server_id)
    nova.action(server_id, {"restore": None})
    actions = nova.get(f"/servers/{server_id}/os-instance-actions").json()["instanceActions"]
    assert [a["action"] for a in actions] == ["restore", "delete", "create"]
    request_id = actions[1]["request_id"]
    shown = nova.get(f"/servers/{server_id}/os-instance-actions/{request_id}",
                     version="2.51").json()
    assert [e["event"] for e in shown["instanceAction"]["events"]] == [
        "compute_soft_delete_instance"]


def test_the_interval_must_be_a_finite_non_negative_number(cloud: FakeCloud) -> None:
    with pytest.raises(ValueError, match="finite number >= 0"):
        cloud.compute.set_reclaim_instance_interval(-1)
    cloud.compute.set_reclaim_instance_interval(5)
    assert cloud.compute.dump()["reclaim_instance_interval"] == 5
