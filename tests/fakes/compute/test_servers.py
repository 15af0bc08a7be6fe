"""Server lifecycle, actions and their states, metadata, quotas, microversions, as Nova."""

from __future__ import annotations

import pytest

from stackdouble.fakes import FakeCloud
from tests.fakes.compute.conftest import CIRROS, Nova


def _server(nova: Nova, server_id: str, version: str | None = None) -> dict[str, object]:
    resp = nova.get(f"/servers/{server_id}", version=version)
    assert resp.status_code == 200, resp.text
    server: dict[str, object] = resp.json()["server"]
    return server


def _states(nova: Nova, server_id: str) -> tuple[object, ...]:
    s = _server(nova, server_id)
    return (s["status"], s["OS-EXT-STS:vm_state"], s["OS-EXT-STS:task_state"],
            s["OS-EXT-STS:power_state"])


def test_create_answers_202_with_nova_short_form(nova: Nova) -> None:
    resp = nova.post("/servers", {"server": {"name": "web", "imageRef": CIRROS,
                                             "flavorRef": "1", "adminPass": "s3cret"}})
    body = resp.json()["server"]
    assert resp.status_code == 202
    assert sorted(body) == ["OS-DCF:diskConfig", "adminPass", "id", "links", "security_groups"]
    assert (body["adminPass"], body["security_groups"]) == ("s3cret", [{"name": "default"}])
    assert resp.headers["Location"] == body["links"][0]["href"]


def test_build_goes_active_on_the_fake_clock(cloud: FakeCloud, nova: Nova) -> None:
    cloud.compute.set_build_time(30)
    server_id = nova.create()
    assert _states(nova, server_id) == ("BUILD", "building", "scheduling", 0)
    assert _server(nova, server_id)["addresses"] == {}
    cloud.clock.advance(29)
    assert _states(nova, server_id)[0] == "BUILD"
    cloud.clock.advance(1)
    assert _states(nova, server_id) == ("ACTIVE", "active", None, 1)
    assert list(_server(nova, server_id)["addresses"]) == ["private"]


@pytest.mark.parametrize(("action", "during", "after"), [
    ({"reboot": {"type": "SOFT"}}, ("REBOOT", "active", "rebooting", 1),
     ("ACTIVE", "active", None, 1)),
    ({"reboot": {"type": "HARD"}}, ("HARD_REBOOT", "active", "rebooting_hard", 1),
     ("ACTIVE", "active", None, 1)),
    ({"os-stop": None}, ("ACTIVE", "active", "powering-off", 1), ("SHUTOFF", "stopped", None, 4)),
    ({"pause": None}, ("ACTIVE", "active", "pausing", 1), ("PAUSED", "paused", None, 3)),
    ({"suspend": None}, ("ACTIVE", "active", "suspending", 1),
     ("SUSPENDED", "suspended", None, 7)),
    ({"changePassword": {"adminPass": "n3w"}}, ("PASSWORD", "active", "updating_password", 1),
     ("ACTIVE", "active", None, 1)),
])
def test_actions_pass_through_nova_states(cloud: FakeCloud, nova: Nova, action: object,
                                          during: tuple[object, ...],
                                          after: tuple[object, ...]) -> None:
    server_id = nova.create()
    cloud.compute.set_action_time(10)
    assert nova.action(server_id, action).status_code == 202
    assert _states(nova, server_id) == during
    cloud.clock.advance(10)
    assert _states(nova, server_id) == after


def test_resize_then_confirm_keeps_the_new_flavor(cloud: FakeCloud, nova: Nova) -> None:
    server_id = nova.create()
    assert nova.action(server_id, {"resize": {"flavorRef": "2"}}).status_code == 202
    assert _states(nova, server_id) == ("VERIFY_RESIZE", "resized", None, 1)
    assert nova.action(server_id, {"confirmResize": None}).status_code == 204
    server = _server(nova, server_id, "2.79")
    assert (server["status"], server["flavor"]["original_name"]) == ("ACTIVE", "m1.small")
    assert cloud.compute.usage(cloud.project_id("demo"))["ram"] == 2048


def test_revert_resize_goes_back_to_the_old_flavor(cloud: FakeCloud, nova: Nova) -> None:
    server_id = nova.create()
    nova.action(server_id, {"os-stop": None})
    nova.action(server_id, {"resize": {"flavorRef": "2"}})
    cloud.compute.set_action_time(5)
    assert nova.action(server_id, {"revertResize": None}).status_code == 202
    assert _states(nova, server_id)[:3] == ("REVERT_RESIZE", "resized", "resize_reverting")
    cloud.clock.advance(5)
    assert _states(nova, server_id) == ("SHUTOFF", "stopped", None, 4)
    assert _server(nova, server_id)["flavor"]["id"] == "1"


def test_resize_to_the_same_flavor_is_a_400(nova: Nova) -> None:
    resp = nova.action(nova.create(), {"resize": {"flavorRef": "1"}})
    assert resp.json() == {"badRequest": {"code": 400,
                                          "message": "When resizing, instances must change "
                                                     "flavor!"}}


def test_rebuild_answers_the_server_with_admin_pass(nova: Nova) -> None:
    server_id = nova.create()
    resp = nova.action(server_id, {"rebuild": {"imageRef": CIRROS, "name": "again"}})
    body = resp.json()["server"]
    assert resp.status_code == 202
    assert (body["status"], body["name"], len(body["adminPass"])) == ("REBUILD", "again", 12)


@pytest.mark.parametrize(("action", "name", "state"), [
    ({"os-start": None}, "start", "vm_state active"),
    ({"unpause": None}, "unpause", "vm_state active"),
    ({"resume": None}, "resume", "vm_state active"),
    ({"confirmResize": None}, "confirmResize", "vm_state active"),
    ({"revertResize": None}, "revertResize", "vm_state active"),
])
def test_actions_in_the_wrong_state_are_conflicts(nova: Nova, action: object, name: str,
                                                   state: str) -> None:
    server_id = nova.create()
    resp = nova.action(server_id, action)
    assert resp.status_code == 409
    assert resp.json() == {"conflictingRequest": {
        "code": 409, "message": f"Cannot '{name}' instance {server_id} while it is in {state}"}}


def test_actions_during_a_task_name_the_task_state(cloud: FakeCloud, nova: Nova) -> None:
    server_id = nova.create()
    cloud.compute.set_action_time(60)
    nova.action(server_id, {"reboot": {"type": "SOFT"}})
    resp = nova.action(server_id, {"reboot": {"type": "SOFT"}})
    assert resp.json()["conflictingRequest"]["message"] == (
        f"Cannot 'reboot' instance {server_id} while it is in task_state rebooting")


def test_a_locked_server_refuses_members_but_not_admins(nova: Nova, admin_nova: Nova) -> None:
    server_id = nova.create()
    assert nova.action(server_id, {"lock": None}).status_code == 202
    resp = nova.call("DELETE", f"/servers/{server_id}")
    assert resp.json() == {"conflictingRequest": {"code": 409,
                                                  "message": f"Instance {server_id} is locked"}}
    assert _server(nova, server_id, "2.9")["locked"] is True
    assert admin_nova.call("DELETE", f"/servers/{server_id}").status_code == 204


def test_a_forced_error_shows_the_fault(cloud: FakeCloud, nova: Nova) -> None:
    server_id = nova.create()
    cloud.compute.force_error(server_id, "Disk full", details="trace")
    server = _server(nova, server_id)
    assert server["status"] == "ERROR"
    assert server["fault"]["message"] == "Disk full"
    assert "details" not in server["fault"]  # a 500's details are for admins


def test_error_on_build_leaves_an_unlaunched_error_server(cloud: FakeCloud, nova: Nova) -> None:
    cloud.compute.error_on_build(name="^doomed$")
    server_id = nova.create("doomed")
    server = _server(nova, server_id)
    assert (server["status"], server["fault"]["code"]) == ("ERROR", 500)
    assert server["fault"]["message"].startswith("No valid host was found.")
    resp = nova.action(server_id, {"os-stop": None})
    assert resp.json()["conflictingRequest"]["message"] == f"Instance {server_id} is not ready"


def test_fail_create_answers_with_the_fault_and_makes_nothing(cloud: FakeCloud,
                                                              nova: Nova) -> None:
    cloud.compute.fail_create(status=503, message="Try later")
    resp = nova.post("/servers", {"server": {"name": "x", "imageRef": CIRROS, "flavorRef": "1"}})
    assert resp.json() == {"serviceUnavailable": {"code": 503, "message": "Try later"}}
    assert nova.get("/servers").json() == {"servers": []}
    nova.create()


def test_instance_quota_is_a_403_with_nova_text(cloud: FakeCloud, nova: Nova,
                                                demo_id: str) -> None:
    cloud.compute.create_servers(demo_id, 10)
    resp = nova.post("/servers", {"server": {"name": "x", "imageRef": CIRROS, "flavorRef": "1"}})
    assert resp.status_code == 403
    assert resp.json() == {"forbidden": {"code": 403, "message": "Quota exceeded for instances: "
                                         "Requested 1, but already used 10 of 10 instances"}}


def test_cores_quota_names_every_resource_over(cloud: FakeCloud, nova: Nova,
                                               demo_id: str) -> None:
    cloud.compute.set_quota(demo_id, cores=3, ram=4096)
    resp = nova.post("/servers", {"server": {"name": "x", "imageRef": CIRROS,
                                             "flavorRef": "4"}})
    assert resp.json()["forbidden"]["message"] == (
        "Quota exceeded for cores, ram: Requested 4, 8192, but already used 0, 0 of 3, 4096 "
        "cores, ram")


def test_rate_limit_answers_over_limit_with_retry_after(cloud: FakeCloud, nova: Nova) -> None:
    cloud.compute.add_rate_limit("GET", "*/servers", 2, "MINUTE")
    assert [nova.get("/servers").status_code for _ in range(2)] == [200, 200]
    cloud.clock.advance(20)
    resp = nova.get("/servers")
    assert resp.status_code == 413
    assert resp.headers["Retry-After"] == "40"
    assert resp.json() == {"overLimit": {
        "code": 413, "message": "This request was rate-limited.",
        "details": "Only 2 GET request(s) can be made to */servers every minute.",
        "retryAfter": "40"}}


def test_metadata_crud_and_its_quota(cloud: FakeCloud, nova: Nova, demo_id: str) -> None:
    server_id = nova.create(metadata={"a": "1"})
    base = f"/servers/{server_id}/metadata"
    assert nova.post(base, {"metadata": {"b": "2"}}).json() == {"metadata": {"a": "1", "b": "2"}}
    assert nova.call("PUT", base, json={"metadata": {"c": "3"}}).json() == {
        "metadata": {"c": "3"}}
    assert nova.call("PUT", f"{base}/d", json={"meta": {"d": "4"}}).json() == {
        "meta": {"d": "4"}}
    assert nova.get(f"{base}/d").json() == {"meta": {"d": "4"}}
    assert nova.call("DELETE", f"{base}/d").status_code == 204
    assert nova.get(f"{base}/d").json() == {"itemNotFound": {
        "code": 404, "message": "Metadata item was not found"}}
    cloud.compute.set_quota(demo_id, metadata_items=2)
    resp = nova.post(base, {"metadata": {"x": "1", "y": "2"}})
    assert resp.json() == {"forbidden": {"code": 403, "message": "Maximum number of metadata "
                                         "items exceeds 2"}}
    assert nova.get(base).json() == {"metadata": {"c": "3"}}


def test_a_metadata_key_of_256_characters_is_a_400(nova: Nova) -> None:
    server_id = nova.create()
    key = "k" * 256
    resp = nova.post(f"/servers/{server_id}/metadata", {"metadata": {key: "v"}})
    assert resp.status_code == 400
    assert resp.json()["badRequest"]["message"] == (
        f"Invalid input for field/attribute metadata. Value: {{'{key}': 'v'}}. '{key}' does "
        "not match any of the regexes: '^[a-zA-Z0-9-_:. ]{1,255}$'")


def test_microversions_are_echoed_with_vary(nova: Nova) -> None:
    resp = nova.get("/servers", version="2.53")
    assert resp.headers["OpenStack-API-Version"] == "compute 2.53"
    assert resp.headers["X-OpenStack-Nova-API-Version"] == "2.53"
    assert resp.headers["Vary"] == "OpenStack-API-Version, X-OpenStack-Nova-API-Version"
    assert resp.headers["x-compute-request-id"] == resp.headers["x-openstack-request-id"]
    legacy = nova.http.get(nova.url + "/servers", headers={
        "X-Auth-Token": nova.token, "X-OpenStack-Nova-API-Version": "2.10"})
    assert legacy.headers["OpenStack-API-Version"] == "compute 2.10"
    assert nova.get("/servers", version="latest").headers["OpenStack-API-Version"] == (
        "compute 2.96")


def test_an_unsupported_microversion_is_406(nova: Nova) -> None:
    resp = nova.get("/servers", version="2.97")
    assert resp.status_code == 406
    assert resp.json() == {"computeFault": {"code": 406, "message": "Version 2.97 is not "
                           "supported by the API. Minimum is 2.1 and maximum is 2.96."}}
    bad = nova.get("/servers", version="two")
    assert bad.json()["badRequest"]["message"] == (
        "API Version String two is of invalid format. Must be of format MajorNum.MinorNum.")


def test_version_documents_point_at_the_catalog_endpoint(cloud: FakeCloud, nova: Nova) -> None:
    root = nova.http.get(cloud.base_url + "/compute/").json()
    assert [(v["id"], v["status"], v["version"]) for v in root["versions"]] == [
        ("v2.0", "SUPPORTED", ""), ("v2.1", "CURRENT", "2.96")]
    assert root["versions"][1]["links"] == [{"rel": "self",
                                             "href": cloud.base_url + "/compute/v2.1/"}]
    doc = nova.http.get(cloud.base_url + "/compute/v2.1/").json()["version"]
    assert (doc["min_version"], doc["version"]) == ("2.1", "2.96")


def test_create_image_answers_location_before_2_45_and_image_id_after(nova: Nova) -> None:
    server_id = nova.create()
    old = nova.action(server_id, {"createImage": {"name": "snap"}})
    assert old.status_code == 202
    assert old.headers["Location"].startswith(nova.cloud.base_url + "/image/images/")
    new = nova.action(server_id, {"createImage": {"name": "snap2"}}, version="2.45")
    image_id = new.json()["image_id"]
    image = nova.get(f"/images/{image_id}").json()["image"]
    assert (image["status"], image["server"]["id"]) == ("ACTIVE", server_id)
    assert nova.get(f"/images/{image_id}", version="2.36").status_code == 404


def test_keypairs_page_from_2_35_and_say_their_type_from_2_2(nova: Nova) -> None:
    for name in ("c", "a", "b"):
        assert nova.post("/os-keypairs", {"keypair": {"name": name}}, version="2.2"
                         ).status_code == 201
    page = nova.get("/os-keypairs?limit=2", version="2.35").json()
    assert [k["keypair"]["name"] for k in page["keypairs"]] == ["a", "b"]
    assert page["keypairs_links"][0]["href"].endswith("/os-keypairs?limit=2&marker=b")
    assert "keypairs_links" not in nova.get("/os-keypairs?limit=2").json()
    assert nova.get("/os-keypairs").json()["keypairs"][0]["keypair"].get("type") is None
    dup = nova.post("/os-keypairs", {"keypair": {"name": "a"}})
    assert dup.json() == {"conflictingRequest": {"code": 409,
                                                 "message": "Key pair 'a' already exists."}}


def test_flavor_management_is_for_admins(nova: Nova, admin_nova: Nova) -> None:
    body = {"flavor": {"name": "m1.custom", "ram": 1024, "vcpus": 1, "disk": 10, "id": "x1"}}
    resp = nova.post("/flavors", body)
    assert resp.json() == {"forbidden": {"code": 403, "message": "Policy doesn't allow "
                           "os_compute_api:os-flavor-manage:create to be performed."}}
    assert admin_nova.post("/flavors", body).status_code == 200
    assert nova.get("/flavors/x1").json()["flavor"]["name"] == "m1.custom"
    assert admin_nova.call("DELETE", "/flavors/x1").status_code == 202
    assert nova.get("/flavors/x1").status_code == 404


def test_flavors_list_in_devstack_order(nova: Nova) -> None:
    ids = [f["id"] for f in nova.get("/flavors").json()["flavors"]]
    assert ids == ["1", "2", "3", "4", "42", "5", "84", "c1", "d1", "d2", "d3", "d4"]


def test_reset_forgets_servers_and_dump_shows_them(cloud: FakeCloud, nova: Nova) -> None:
    server_id = nova.create()
    assert [s["id"] for s in cloud.dump()["compute"]["servers"]] == [server_id]
    cloud.reset()
    assert cloud.compute.servers == {}
