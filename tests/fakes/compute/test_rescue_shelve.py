"""Rescue and shelve as Nova models them: transitions on the fake clock, the refusals (409 and
400 bodies), policy, locks, and the microversions that change the unshelve body."""

from __future__ import annotations

from typing import Any

import pytest

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.image.models import Change
from tests.fakes.compute.conftest import CIRROS, Nova

FEDORA = "3f1c2e8a-5b7d-4e6f-8a9b-1c2d3e4f5a60"


def _server(nova: Nova, server_id: str, version: str | None = None) -> dict[str, Any]:
    resp = nova.get(f"/servers/{server_id}", version=version)
    assert resp.status_code == 200, resp.text
    server: dict[str, Any] = resp.json()["server"]
    return server


def _states(nova: Nova, server_id: str) -> tuple[object, ...]:
    s = _server(nova, server_id)
    return (s["status"], s["OS-EXT-STS:vm_state"], s["OS-EXT-STS:task_state"],
            s["OS-EXT-STS:power_state"])


def _conflict(resp: Any, message: str) -> None:
    assert resp.status_code == 409, resp.text
    assert resp.json() == {"conflictingRequest": {"code": 409, "message": message}}


def _bad(resp: Any, message: str) -> None:
    assert resp.status_code == 400, resp.text
    assert resp.json() == {"badRequest": {"code": 400, "message": message}}


def _image_names(nova: Nova) -> list[str]:
    return [i["name"] for i in nova.get("/images").json()["images"]]


# -- transitions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("setup", "action", "during", "after"), [
    ((), {"rescue": None}, ("ACTIVE", "active", "rescuing", 1), ("RESCUE", "rescued", None, 1)),
    (({"os-stop": None},), {"rescue": {}}, ("SHUTOFF", "stopped", "rescuing", 4),
     ("RESCUE", "rescued", None, 1)),
    (({"rescue": None},), {"unrescue": None}, ("RESCUE", "rescued", "unrescuing", 1),
     ("ACTIVE", "active", None, 1)),
    ((), {"shelve": None}, ("ACTIVE", "active", "shelving", 1),
     ("SHELVED_OFFLOADED", "shelved_offloaded", None, 4)),
    (({"pause": None},), {"shelve": None}, ("PAUSED", "paused", "shelving", 3),
     ("SHELVED_OFFLOADED", "shelved_offloaded", None, 4)),
    (({"shelve": None},), {"unshelve": None},
     ("SHELVED_OFFLOADED", "shelved_offloaded", "unshelving", 4), ("ACTIVE", "active", None, 1)),
])
def test_actions_pass_through_nova_states(cloud: FakeCloud, nova: Nova, setup: tuple[Any, ...],
                                          action: Any, during: tuple[object, ...],
                                          after: tuple[object, ...]) -> None:
    server_id = nova.create()
    for step in setup:
        assert nova.action(server_id, step).status_code in (200, 202)
    cloud.compute.set_action_time(10)
    assert nova.action(server_id, action).status_code in (200, 202)
    assert _states(nova, server_id) == during
    cloud.clock.advance(10)
    assert _states(nova, server_id) == after


def test_rescue_answers_200_with_a_generated_admin_pass(nova: Nova) -> None:
    resp = nova.action(nova.create(), {"rescue": None})
    assert resp.status_code == 200
    assert list(resp.json()) == ["adminPass"]
    assert len(resp.json()["adminPass"]) == 12


def test_rescue_answers_the_given_admin_pass_and_takes_an_image(nova: Nova) -> None:
    server_id = nova.create()
    resp = nova.action(server_id, {"rescue": {"adminPass": "s3cret",
                                              "rescue_image_ref": FEDORA}})
    assert (resp.status_code, resp.json()) == (200, {"adminPass": "s3cret"})
    assert _server(nova, server_id)["status"] == "RESCUE"


def test_rescue_without_enable_instance_password_answers_an_empty_object(
        cloud: FakeCloud, nova: Nova) -> None:
    cloud.compute.enable_instance_password = False
    resp = nova.action(nova.create(), {"rescue": {"adminPass": "s3cret"}})
    assert (resp.status_code, resp.json()) == (200, {})
    created = nova.post("/servers", {"server": {"name": "x", "imageRef": CIRROS,
                                                "flavorRef": "1"}}).json()["server"]
    assert "adminPass" not in created


def test_rescue_sets_launched_at_and_an_error_server_can_be_rescued(cloud: FakeCloud,
                                                                   nova: Nova) -> None:
    server_id = nova.create()
    cloud.clock.advance(60)
    cloud.compute.force_error(server_id, "Disk full")
    assert nova.action(server_id, {"rescue": None}).status_code == 200
    server = _server(nova, server_id)
    assert server["status"] == "RESCUE"
    assert server["OS-SRV-USG:launched_at"].startswith("2026-11-27T08:57:16")


def test_an_image_backed_shelve_takes_a_snapshot_that_unshelve_deletes(nova: Nova) -> None:
    server_id = nova.create("web")
    assert nova.action(server_id, {"shelve": None}).status_code == 202
    assert "web-shelved" in _image_names(nova)
    assert nova.action(server_id, {"unshelve": None}).status_code == 202
    assert "web-shelved" not in _image_names(nova)


def test_deleting_a_shelved_server_deletes_its_snapshot(nova: Nova) -> None:
    server_id = nova.create("web")
    nova.action(server_id, {"shelve": None})
    assert nova.call("DELETE", f"/servers/{server_id}").status_code == 204
    assert "web-shelved" not in _image_names(nova)


def test_deleting_a_server_mid_shelve_deletes_its_snapshot(cloud: FakeCloud,
                                                           nova: Nova) -> None:
    server_id = nova.create("web")
    cloud.compute.set_action_time(5)
    nova.action(server_id, {"shelve": None})
    assert "web-shelved" in _image_names(nova)
    assert nova.call("DELETE", f"/servers/{server_id}").status_code == 204
    cloud.clock.advance(5)
    assert "web-shelved" not in _image_names(nova)


def test_cinder_no_longer_finds_a_snapshot_that_unshelve_deleted(cloud: FakeCloud,
                                                                 nova: Nova) -> None:
    server_id = nova.create("web")
    nova.action(server_id, {"shelve": None})
    snapshot = next(i["id"] for i in nova.get("/images").json()["images"]
                    if i["name"] == "web-shelved")
    cloud.compute.set_action_time(5)
    nova.action(server_id, {"unshelve": None})
    cloud.clock.advance(5)  # the unshelve completed; nothing has looked at the server since
    resp = nova.http.post(
        f"{cloud.base_url}/volume/v3/{cloud.project_id('demo')}/volumes",
        json={"volume": {"size": 1, "imageRef": snapshot}}, headers=nova.headers())
    assert resp.status_code == 400, resp.text
    assert resp.json()["badRequest"]["message"] == (
        "Invalid image identifier or unable to access requested image.")


def test_an_offloaded_server_has_no_host_but_keeps_its_addresses(cloud: FakeCloud, nova: Nova,
                                                                 admin_nova: Nova) -> None:
    server_id = nova.create()
    nova.action(server_id, {"shelve": None})
    server = _server(admin_nova, server_id, "2.16")
    assert (server["OS-EXT-SRV-ATTR:host"], server["OS-EXT-SRV-ATTR:hypervisor_hostname"],
            server["hostId"], server["host_status"]) == (None, None, "", "")
    assert list(server["addresses"]) == ["private"]
    cloud.clock.advance(30)
    nova.action(server_id, {"unshelve": None})
    server = _server(admin_nova, server_id, "2.16")
    assert (server["OS-EXT-SRV-ATTR:host"], server["host_status"]) == ("stackdouble-compute",
                                                                       "UP")
    assert server["OS-SRV-USG:launched_at"].startswith("2026-11-27T08:56:46")


def test_shelved_offload_time_keeps_servers_shelved_until_it_passes(cloud: FakeCloud,
                                                                   nova: Nova) -> None:
    cloud.compute.set_shelved_offload_time(100)
    server_id = nova.create()
    nova.action(server_id, {"shelve": None})
    assert _states(nova, server_id) == ("SHELVED", "shelved", None, 4)
    cloud.clock.advance(100)
    assert _states(nova, server_id) == ("SHELVED_OFFLOADED", "shelved_offloaded", None, 4)


def test_unshelving_a_shelved_server_starts_it_on_its_host(cloud: FakeCloud, nova: Nova,
                                                           admin_nova: Nova) -> None:
    cloud.compute.set_shelved_offload_time(-1)
    server_id = nova.create()
    nova.action(server_id, {"shelve": None})
    assert _server(admin_nova, server_id)["OS-EXT-SRV-ATTR:host"] == "stackdouble-compute"
    assert nova.action(server_id, {"unshelve": None}).status_code == 202
    assert _states(nova, server_id) == ("ACTIVE", "active", None, 1)


def test_shelve_offload_is_for_admins(cloud: FakeCloud, nova: Nova, admin_nova: Nova) -> None:
    cloud.compute.set_shelved_offload_time(-1)
    server_id = nova.create()
    nova.action(server_id, {"shelve": None})
    resp = nova.action(server_id, {"shelveOffload": None})
    assert resp.json() == {"forbidden": {"code": 403, "message": "Policy doesn't allow "
                           "os_compute_api:os-shelve:shelve_offload to be performed."}}
    assert admin_nova.action(server_id, {"shelveOffload": None}).status_code == 202
    assert _states(nova, server_id)[0] == "SHELVED_OFFLOADED"


def test_a_volume_backed_server_is_offloaded_without_a_snapshot(cloud: FakeCloud,
                                                               nova: Nova) -> None:
    cloud.compute.set_shelved_offload_time(-1)
    server = cloud.compute.create_server(cloud.project_id("demo"), name="vol",
                                         volume_backed=True)
    before = _image_names(nova)
    assert nova.action(server.uuid, {"shelve": None}).status_code == 202
    assert _states(nova, server.uuid)[0] == "SHELVED_OFFLOADED"
    assert _image_names(nova) == before


# -- refusals ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("setup", "action", "name", "state"), [
    ((), {"unrescue": None}, "unrescue", "active"),
    ((), {"unshelve": None}, "unshelve", "active"),
    (({"rescue": None},), {"shelve": None}, "shelve", "rescued"),
    (({"rescue": None},), {"rescue": None}, "rescue", "rescued"),
    (({"pause": None},), {"rescue": None}, "rescue", "paused"),
    (({"shelve": None},), {"rescue": None}, "rescue", "shelved_offloaded"),
    (({"shelve": None},), {"shelve": None}, "shelve", "shelved_offloaded"),
])
def test_actions_in_the_wrong_state_are_conflicts(nova: Nova, setup: tuple[Any, ...],
                                                  action: Any, name: str, state: str) -> None:
    server_id = nova.create()
    for step in setup:
        nova.action(server_id, step)
    _conflict(nova.action(server_id, action),
              f"Cannot '{name}' instance {server_id} while it is in vm_state {state}")


def test_shelve_offload_of_an_unshelved_server_is_a_conflict(nova: Nova,
                                                             admin_nova: Nova) -> None:
    server_id = nova.create()
    _conflict(admin_nova.action(server_id, {"shelveOffload": None}),
              f"Cannot 'shelveOffload' instance {server_id} while it is in vm_state active")


def test_actions_during_a_task_name_the_task_state(cloud: FakeCloud, nova: Nova) -> None:
    server_id = nova.create()
    cloud.compute.set_action_time(60)
    nova.action(server_id, {"shelve": None})
    _conflict(nova.action(server_id, {"rescue": None}),
              f"Cannot 'rescue' instance {server_id} while it is in task_state shelving")


def test_a_server_that_never_launched_is_in_an_invalid_state(cloud: FakeCloud,
                                                             nova: Nova) -> None:
    cloud.compute.error_on_build(name="^doomed$")
    server_id = nova.create("doomed")
    _conflict(nova.action(server_id, {"rescue": None}),
              f"Instance {server_id} is in an invalid state for 'rescue'")


@pytest.mark.parametrize("action", [{"rescue": None}, {"unrescue": None}, {"shelve": None},
                                    {"unshelve": None}])
def test_a_locked_server_refuses_members_but_not_admins(cloud: FakeCloud, nova: Nova,
                                                        admin_nova: Nova, action: Any) -> None:
    cloud.compute.set_shelved_offload_time(-1)
    server_id = nova.create()
    if "unrescue" in action:
        nova.action(server_id, {"rescue": None})
    if "unshelve" in action:
        nova.action(server_id, {"shelve": None})
    nova.action(server_id, {"lock": None})
    _conflict(nova.action(server_id, action), f"Instance {server_id} is locked")
    assert admin_nova.action(server_id, action).status_code in (200, 202)


def test_another_projects_server_is_not_found(nova: Nova, admin_nova: Nova) -> None:
    server_id = admin_nova.create()
    resp = nova.action(server_id, {"rescue": None})
    assert resp.json() == {"itemNotFound": {
        "code": 404, "message": f"Instance {server_id} could not be found."}}


@pytest.mark.parametrize(("body", "message"), [
    ({"rescue": {"adminPass": 5}},
     "Invalid input for field/attribute adminPass. Value: 5. 5 is not of type 'string'"),
    ({"rescue": {"rescue_image_ref": "cirros"}},
     "Invalid input for field/attribute rescue_image_ref. Value: cirros. 'cirros' is not a "
     "'uuid'"),
    ({"rescue": {"image": FEDORA}},
     f"Invalid input for field/attribute rescue. Value: {{'image': '{FEDORA}'}}. Additional "
     "properties are not allowed ('image' was unexpected)"),
    ({"rescue": "now"},
     "Invalid input for field/attribute rescue. Value: now. 'now' is not of type 'object', "
     "'null'"),
    ({"rescue": {"rescue_image_ref": "0e12087a-7c87-476a-8f84-7398e991cecc"}},
     "Requested rescue image '0e12087a-7c87-476a-8f84-7398e991cecc' is not supported"),
])
def test_bad_rescues_are_400_and_change_nothing(nova: Nova, body: Any, message: str) -> None:
    server_id = nova.create()
    before = _server(nova, server_id)
    _bad(nova.action(server_id, body), message)
    assert _server(nova, server_id) == before


def test_a_volume_backed_server_is_rescued_only_from_2_87_with_a_rescue_image(
        cloud: FakeCloud, nova: Nova) -> None:
    server = cloud.compute.create_server(cloud.project_id("demo"), name="vol",
                                         volume_backed=True)
    refused = (f"Instance {server.uuid} cannot be rescued: Cannot rescue a volume-backed "
               "instance")
    _bad(nova.action(server.uuid, {"rescue": {"rescue_image_ref": FEDORA}}, version="2.86"),
         refused)
    _bad(nova.action(server.uuid, {"rescue": None}, version="2.87"), refused)
    glance = cloud.image
    glance.update_image(glance.caller_for(cloud.project_id("admin"), is_admin=True), FEDORA,
                        [Change("add", ("hw_rescue_bus",), "usb"),
                         Change("add", ("hw_rescue_device",), "disk")])
    _bad(nova.action(server.uuid, {"rescue": {"rescue_image_ref": FEDORA}}, version="2.86"),
         refused)
    resp = nova.action(server.uuid, {"rescue": {"rescue_image_ref": FEDORA}}, version="2.87")
    assert resp.status_code == 200
    assert _server(nova, server.uuid)["status"] == "RESCUE"


# -- unshelve and its microversions --------------------------------------------------------------


def test_unshelve_to_a_zone_from_2_77_pins_the_server(nova: Nova) -> None:
    server_id = nova.create()
    nova.action(server_id, {"shelve": None})
    assert _server(nova, server_id, "2.96")["pinned_availability_zone"] is None
    resp = nova.action(server_id, {"unshelve": {"availability_zone": "nova"}}, version="2.77")
    assert resp.status_code == 202
    server = _server(nova, server_id, "2.96")
    assert (server["status"], server["OS-EXT-AZ:availability_zone"],
            server["pinned_availability_zone"]) == ("ACTIVE", "nova", "nova")


def test_before_2_77_the_zone_is_not_read(nova: Nova) -> None:
    """Nova's schema takes anything under `unshelve` until 2.76, and the zone is not read:
    an unknown zone is no error and pins nothing."""
    server_id = nova.create()
    nova.action(server_id, {"shelve": None})
    resp = nova.action(server_id, {"unshelve": {"availability_zone": "mars"}}, version="2.76")
    assert resp.status_code == 202
    server = _server(nova, server_id, "2.96")
    assert (server["status"], server["pinned_availability_zone"]) == ("ACTIVE", None)


@pytest.mark.parametrize(("version", "body", "message"), [
    ("2.77", {"unshelve": {}}, "Invalid input for field/attribute unshelve. Value: {}. "
     "'availability_zone' is a required property"),
    ("2.77", {"unshelve": {"availability_zone": "nova", "host": "x"}},
     "Invalid input for field/attribute unshelve. Value: {'availability_zone': 'nova', "
     "'host': 'x'}. Additional properties are not allowed ('host' was unexpected)"),
    ("2.77", {"unshelve": {"availability_zone": " nova"}},
     "An invalid 'name' value was provided. The name must be: printable characters. Can not "
     "start or end with whitespace."),
    ("2.91", {"unshelve": {"availability_zone": 5}},
     "Invalid input for field/attribute availability_zone. Value: 5. 5 is not of type "
     "'string', 'null'"),
    ("2.91", {"unshelve": {"foo": "bar"}},
     "Invalid input for field/attribute unshelve. Value: {'foo': 'bar'}. Additional "
     "properties are not allowed ('foo' was unexpected)"),
    ("2.77", {"unshelve": {"availability_zone": "mars"}},
     "The requested availability zone is not available"),
])
def test_bad_unshelves_are_400(nova: Nova, version: str, body: Any, message: str) -> None:
    server_id = nova.create()
    nova.action(server_id, {"shelve": None})
    _bad(nova.action(server_id, body, version=version), message)
    assert _states(nova, server_id)[0] == "SHELVED_OFFLOADED"


def test_a_zone_for_a_server_still_shelved_is_a_conflict(cloud: FakeCloud, nova: Nova) -> None:
    cloud.compute.set_shelved_offload_time(-1)
    server_id = nova.create()
    nova.action(server_id, {"shelve": None})
    _conflict(nova.action(server_id, {"unshelve": {"availability_zone": "nova"}},
                          version="2.77"),
              f'Specifying an availability zone or a host when unshelving server '
              f'"{server_id}" with status "shelved" is not supported. The server status must '
              'be SHELVED_OFFLOADED.')


def test_2_91_unpins_with_a_null_zone(nova: Nova) -> None:
    server_id = nova.create(availability_zone="nova")
    assert _server(nova, server_id, "2.96")["pinned_availability_zone"] == "nova"
    nova.action(server_id, {"shelve": None})
    resp = nova.action(server_id, {"unshelve": {"availability_zone": None}}, version="2.91")
    assert resp.status_code == 202
    assert _server(nova, server_id, "2.96")["pinned_availability_zone"] is None


def test_2_91_unshelve_to_a_host_is_for_admins(nova: Nova, admin_nova: Nova) -> None:
    server_id = nova.create()
    nova.action(server_id, {"shelve": None})
    body = {"unshelve": {"host": "stackdouble-compute"}}
    assert nova.action(server_id, body, version="2.91").json() == {"forbidden": {
        "code": 403, "message": "Policy doesn't allow os_compute_api:os-shelve:unshelve_to_host "
                                "to be performed."}}
    _bad(admin_nova.action(server_id, {"unshelve": {"host": "elsewhere"}}, version="2.91"),
         "Compute host elsewhere could not be found.")
    assert admin_nova.action(server_id, body, version="2.91").status_code == 202
    assert _states(nova, server_id)[0] == "ACTIVE"


def test_multinic_actions_are_modelled_now(nova: Nova) -> None:
    resp = nova.action(nova.create(), {"addFixedIp": {"networkId": "x"}})
    assert resp.status_code == 202  # `test_multinic.py` has the details
