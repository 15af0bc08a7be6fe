"""Host aggregates (`os-aggregates`) of the fake Nova and the availability zones they make,
against `nova/api/openstack/compute/aggregates.py`, `nova/compute/api.py`'s `AggregateAPI`,
`nova/availability_zones.py` and the api-ref samples of `os-aggregates`."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.caller import Caller
from stackdouble.fakes.compute.errors import NovaError

from .conftest import CIRROS, Nova

HOST1, HOST2, HOST3 = "stackdouble-compute", "stackdouble-compute-2", "stackdouble-compute-3"


@pytest.fixture
def admin(cloud: FakeCloud, http: requests.Session) -> Nova:
    """The admin's raw Nova at 2.81, on a cloud of three hosts."""
    cloud.compute.set_hosts(3)
    return Nova(cloud, http, user="admin", version="2.81")


def _create(admin: Nova, name: str, zone: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"name": name}
    if zone is not None:
        body["availability_zone"] = zone
    resp = admin.post("/os-aggregates", {"aggregate": body})
    assert resp.status_code == 200, resp.text
    made: dict[str, Any] = resp.json()["aggregate"]
    return made


def _act(admin: Nova, agg_id: int, action: str, **args: Any) -> requests.Response:
    return admin.post(f"/os-aggregates/{agg_id}/action", {action: args})


def _fault(resp: requests.Response, status: int) -> str:
    assert resp.status_code == status, resp.text
    [(_, fault)] = resp.json().items()
    message: str = fault["message"]
    return message


def _zones(nova: Nova, detail: bool = False) -> dict[str, Any]:
    path = "/os-availability-zone" + ("/detail" if detail else "")
    info = nova.get(path).json()["availabilityZoneInfo"]
    return {z["zoneName"]: (z["zoneState"]["available"], z["hosts"]) for z in info}


# -- the API -------------------------------------------------------------------------------


def test_create_answers_without_hosts_and_metadata_and_show_has_them(admin: Nova) -> None:
    made = _create(admin, "agg1", "london")
    assert set(made) == {"availability_zone", "created_at", "deleted", "deleted_at", "id",
                         "name", "updated_at", "uuid"}
    assert (made["name"], made["availability_zone"], made["deleted"], made["updated_at"],
            made["deleted_at"]) == ("agg1", "london", False, None, None)
    shown = admin.get(f"/os-aggregates/{made['id']}").json()["aggregate"]
    assert (shown["hosts"], shown["metadata"]) == ([], {"availability_zone": "london"})
    assert shown["uuid"] == made["uuid"]
    assert [a["id"] for a in admin.get("/os-aggregates").json()["aggregates"]] == [made["id"]]


def test_uuid_only_from_2_41(admin: Nova) -> None:
    made = _create(admin, "agg1")
    old = admin.get(f"/os-aggregates/{made['id']}", version="2.40").json()["aggregate"]
    assert "uuid" not in old
    assert old["availability_zone"] is None


@pytest.mark.parametrize(("method", "path", "body", "rule"), [
    ("GET", "/os-aggregates", None, "index"),
    ("POST", "/os-aggregates", {"aggregate": {"name": "x"}}, "create"),
    ("GET", "/os-aggregates/1", None, "show"),
    ("PUT", "/os-aggregates/1", {"aggregate": {"name": "y"}}, "update"),
    ("DELETE", "/os-aggregates/1", None, "delete"),
    ("POST", "/os-aggregates/1/action", {"add_host": {"host": HOST1}}, "add_host"),
    ("POST", "/os-aggregates/1/action", {"remove_host": {"host": HOST1}}, "remove_host"),
    ("POST", "/os-aggregates/1/action", {"set_metadata": {"metadata": {}}}, "set_metadata"),
])
def test_every_call_is_for_admins(admin: Nova, nova: Nova, method: str, path: str,
                                  body: Any, rule: str) -> None:
    _create(admin, "agg1")
    resp = nova.call(method, path, json=body)
    assert _fault(resp, 403) == (f"Policy doesn't allow os_compute_api:os-aggregates:{rule} "
                                 "to be performed.")


def test_a_duplicate_name_is_a_conflict(admin: Nova) -> None:
    _create(admin, "agg1")
    resp = admin.post("/os-aggregates", {"aggregate": {"name": "agg1"}})
    assert _fault(resp, 409) == "Aggregate agg1 already exists."
    other = _create(admin, "agg2")
    renamed = admin.call("PUT", f"/os-aggregates/{other['id']}",
                         json={"aggregate": {"name": "agg1"}})
    assert _fault(renamed, 409) == "Aggregate agg1 already exists."


def test_a_zone_name_with_a_colon_is_refused(admin: Nova) -> None:
    resp = admin.post("/os-aggregates", {"aggregate": {"name": "a", "availability_zone": "x:y"}})
    assert "is not valid under any of the given schemas" in _fault(resp, 400)


def test_an_id_that_is_not_an_integer_or_unknown(admin: Nova) -> None:
    assert _fault(admin.get("/os-aggregates/abc"), 400) == (
        "Invalid input received: id must be an integer")
    assert _fault(admin.get("/os-aggregates/42"), 404) == "Aggregate 42 could not be found."


def test_add_host_unknown_twice_and_remove_host_not_in_it(admin: Nova) -> None:
    agg = _create(admin, "agg1")["id"]
    assert _fault(_act(admin, agg, "add_host", host="nohost"), 404) == (
        "Compute host nohost could not be found.")
    assert _act(admin, agg, "add_host", host=HOST2).json()["aggregate"]["hosts"] == [HOST2]
    assert _fault(_act(admin, agg, "add_host", host=HOST2), 409) == (
        f"Aggregate {agg} already has host {HOST2}.")
    assert _fault(_act(admin, agg, "remove_host", host=HOST3), 404) == (
        f"Cannot remove host {HOST3} in aggregate {agg}")
    assert _act(admin, agg, "remove_host", host=HOST2).json()["aggregate"]["hosts"] == []


def test_an_unknown_action_is_a_bad_request(admin: Nova) -> None:
    agg = _create(admin, "agg1")["id"]
    resp = admin.post(f"/os-aggregates/{agg}/action", {"explode": {}})
    assert _fault(resp, 400) == "There is no such action: explode"


def test_deleting_a_non_empty_aggregate_is_refused(admin: Nova) -> None:
    agg = _create(admin, "agg1")["id"]
    _act(admin, agg, "add_host", host=HOST2)
    resp = admin.call("DELETE", f"/os-aggregates/{agg}")
    assert _fault(resp, 400) == (f"Cannot remove host from aggregate {agg}. "
                                 "Reason: Host aggregate is not empty.")
    _act(admin, agg, "remove_host", host=HOST2)
    assert admin.call("DELETE", f"/os-aggregates/{agg}").status_code == 200
    assert admin.get("/os-aggregates").json()["aggregates"] == []


def test_a_host_cannot_be_in_two_zones(admin: Nova) -> None:
    az1 = _create(admin, "agg1", "az1")["id"]
    az2 = _create(admin, "agg2", "az2")["id"]
    plain = _create(admin, "agg3")["id"]
    _act(admin, az1, "add_host", host=HOST2)
    resp = _act(admin, az2, "add_host", host=HOST2)
    assert _fault(resp, 409) == (f"Cannot add host to aggregate {az2}. Reason: One or more "
                                 "hosts already in availability zone(s) ['az1'].")
    assert _act(admin, plain, "add_host", host=HOST2).status_code == 200
    renamed = _act(admin, plain, "set_metadata", metadata={"availability_zone": "az2"})
    assert _fault(renamed, 400) == (f"Cannot update metadata of aggregate {plain}. Reason: "
                                    "One or more hosts already in availability zone(s) "
                                    "['az1'].")


def test_an_empty_zone_name_is_refused(admin: Nova) -> None:
    agg = _create(admin, "agg1", "az1")["id"]
    resp = admin.call("PUT", f"/os-aggregates/{agg}", json={"aggregate": {
        "availability_zone": None}})
    assert _fault(resp, 400) == (f"Cannot update aggregate {agg}. Reason: Aggregate agg1 "
                                 "does not support empty named availability zone.")
    unset = _act(admin, agg, "set_metadata", metadata={"availability_zone": None})
    assert "does not support empty named availability zone" in _fault(unset, 400)


def test_update_renames_and_moves_the_zone_and_set_metadata_merges(admin: Nova) -> None:
    agg = _create(admin, "agg1", "az1")["id"]
    updated = admin.call("PUT", f"/os-aggregates/{agg}", json={"aggregate": {
        "name": " agg2 ", "availability_zone": "az2"}}).json()["aggregate"]
    assert (updated["name"], updated["availability_zone"]) == ("agg2", "az2")
    assert updated["updated_at"] is not None
    merged = _act(admin, agg, "set_metadata", metadata={"ssd": "true", "k": "v"})
    assert merged.json()["aggregate"]["metadata"] == {
        "availability_zone": "az2", "ssd": "true", "k": "v"}
    gone = _act(admin, agg, "set_metadata", metadata={"k": None}).json()["aggregate"]
    assert gone["metadata"] == {"availability_zone": "az2", "ssd": "true"}


def test_set_metadata_shows_the_time_only_in_its_answer(admin: Nova) -> None:
    agg = _create(admin, "agg1")["id"]
    answer = _act(admin, agg, "set_metadata", metadata={"k": "v"}).json()["aggregate"]
    assert answer["updated_at"] is not None
    assert admin.get(f"/os-aggregates/{agg}").json()["aggregate"]["updated_at"] is None


def test_a_refused_update_changes_nothing(admin: Nova) -> None:
    agg = _create(admin, "agg1", "az1")["id"]
    admin.call("PUT", f"/os-aggregates/{agg}", json={"aggregate": {
        "name": "renamed", "availability_zone": None}})
    assert admin.get(f"/os-aggregates/{agg}").json()["aggregate"]["name"] == "agg1"


def test_the_zone_of_a_host_with_servers_cannot_change(admin: Nova, nova: Nova,
                                                       cloud: FakeCloud) -> None:
    cloud.compute.set_hosts(1)
    server = nova.create("web")
    assert cloud.compute.server(server).host == HOST1
    az1 = _create(admin, "agg1", "az1")["id"]
    plain = _create(admin, "agg2")["id"]
    moved = _act(admin, az1, "add_host", host=HOST1)
    assert _fault(moved, 409) == (
        f"Cannot add host to aggregate {az1}. Reason: The host cannot be added to the "
        "aggregate as the availability zone of the host would change from 'None' to 'az1' "
        "but the host already has 1 instance(s). Changing the AZ of an existing instance is "
        "not supported by this action. Move the instances away from this host then try "
        "again. If you need to move the instances between AZs then you can use "
        "shelve_offload and unshelve to achieve this..")
    assert _act(admin, plain, "add_host", host=HOST1).status_code == 200
    zoned = _act(admin, plain, "set_metadata", metadata={"availability_zone": "az2"})
    assert _fault(zoned, 400) == (f"Cannot update metadata of aggregate {plain}. Reason: "
                                  "One or more hosts contain instances in this zone.")


def test_the_image_cache_request(admin: Nova) -> None:
    agg = _create(admin, "agg1")["id"]
    path = f"/os-aggregates/{agg}/images"
    assert admin.post(path, {"cache": [{"id": CIRROS}]}).status_code == 202
    assert _fault(admin.post(path, {"cache": [{"id": CIRROS}, {"id": CIRROS}]}), 400) == (
        "Duplicate images in request")
    missing = "11111111-2222-4333-8444-555555555555"
    assert _fault(admin.post(path, {"cache": [{"id": missing}]}), 400) == (
        f"Image {missing} could not be found.")
    assert admin.post("/os-aggregates/99/images", {"cache": [{"id": CIRROS}]}
                      ).status_code == 404
    assert admin.post(path, {"cache": [{"id": CIRROS}]}, version="2.80").status_code == 404


# -- the zones they make -------------------------------------------------------------------


def test_zones_list_the_aggregates_with_hosts_and_nova_for_the_rest(admin: Nova,
                                                                    nova: Nova) -> None:
    assert _zones(nova) == {"nova": (True, None)}
    agg = _create(admin, "agg1", "az1")["id"]
    assert _zones(nova) == {"nova": (True, None)}  # a zone without hosts is not listed
    _act(admin, agg, "add_host", host=HOST2)
    assert _zones(nova) == {"az1": (True, None), "nova": (True, None)}
    detail = _zones(admin, detail=True)
    assert sorted(detail) == ["az1", "internal", "nova"]
    assert list(detail["az1"][1]) == [HOST2]
    assert list(detail["az1"][1][HOST2]) == ["nova-compute"]
    assert sorted(detail["nova"][1]) == [HOST1, HOST3]
    assert set(detail["internal"][1][HOST1]) == {"nova-scheduler", "nova-conductor"}
    assert _fault(nova.get("/os-availability-zone/detail"), 403).startswith("Policy")


def test_a_zone_of_disabled_services_only_is_unavailable(admin: Nova, cloud: FakeCloud
                                                         ) -> None:
    agg = _create(admin, "agg1", "az1")["id"]
    _act(admin, agg, "add_host", host=HOST2)
    service = next(s for s in cloud.compute.services if s.host == HOST2)
    admin.call("PUT", f"/os-services/{service.uuid}", json={"status": "disabled"},
               version="2.53")
    assert _zones(admin)["az1"] == (False, None)
    assert _zones(admin, detail=True)["az1"] == (False, None)


def test_os_services_show_each_hosts_zone(admin: Nova) -> None:
    agg = _create(admin, "agg1", "az1")["id"]
    _act(admin, agg, "add_host", host=HOST3)
    zones = {(s["binary"], s["host"]): s["zone"]
             for s in admin.get("/os-services").json()["services"]}
    assert zones[("nova-compute", HOST3)] == "az1"
    assert zones[("nova-compute", HOST1)] == "nova"
    assert zones[("nova-scheduler", HOST1)] == "internal"
    _act(admin, agg, "remove_host", host=HOST3)
    zones = {(s["binary"], s["host"]): s["zone"]
             for s in admin.get("/os-services").json()["services"]}
    assert zones[("nova-compute", HOST3)] == "nova"


def test_a_deleted_compute_service_leaves_its_aggregates(admin: Nova,
                                                         cloud: FakeCloud) -> None:
    agg = _create(admin, "agg1", "az1")["id"]
    _act(admin, agg, "add_host", host=HOST3)
    _act(admin, agg, "add_host", host=HOST2)
    service = next(s for s in admin.get("/os-services").json()["services"]
                   if s["host"] == HOST3 and s["binary"] == "nova-compute")
    assert admin.call("DELETE", f"/os-services/{service['id']}").status_code == 204
    assert admin.get(f"/os-aggregates/{agg}").json()["aggregate"]["hosts"] == [HOST2]
    cloud.compute.set_hosts(1)  # the operator shrinks the cloud: HOST2 goes too
    assert admin.get(f"/os-aggregates/{agg}").json()["aggregate"]["hosts"] == []
    assert admin.call("DELETE", f"/os-aggregates/{agg}").status_code == 200
    assert "az1" not in _zones(admin)


def test_a_server_asking_for_a_zone_lands_on_its_hosts(admin: Nova, nova: Nova,
                                                       cloud: FakeCloud) -> None:
    agg = _create(admin, "agg1", "az1")["id"]
    _act(admin, agg, "add_host", host=HOST3)
    ids = [nova.create(f"web-{n}", availability_zone="az1") for n in range(3)]
    assert {cloud.compute.server(s).host for s in ids} == {HOST3}
    shown = nova.get(f"/servers/{ids[0]}").json()["server"]
    assert shown["OS-EXT-AZ:availability_zone"] == "az1"
    unzoned = nova.create("free")
    assert cloud.compute.server(unzoned).host in (HOST1, HOST2, HOST3)
    zone = nova.get(f"/servers/{unzoned}").json()["server"]["OS-EXT-AZ:availability_zone"]
    assert zone == cloud.compute.host_zone(cloud.compute.server(unzoned).host or "")


def test_an_unknown_zone_is_refused_and_a_full_zone_has_no_valid_host(
        admin: Nova, nova: Nova, cloud: FakeCloud) -> None:
    agg = _create(admin, "agg1", "az1")["id"]
    _act(admin, agg, "add_host", host=HOST2)
    resp = nova.post("/servers", {"server": {"name": "x", "imageRef": CIRROS,
                                             "flavorRef": "1", "availability_zone": "az9"}})
    assert _fault(resp, 400) == "The requested availability zone is not available"
    group = nova.post("/os-server-groups", {"server_group": {
        "name": "spread", "policies": ["anti-affinity"]}}).json()["server_group"]["id"]
    body = {"server": {"name": "a", "imageRef": CIRROS, "flavorRef": "1",
                       "availability_zone": "az1"}, "os:scheduler_hints": {"group": group}}
    first = nova.post("/servers", body).json()["server"]["id"]
    second = nova.post("/servers", body).json()["server"]["id"]
    assert cloud.compute.server(first).host == HOST2
    failed = nova.get(f"/servers/{second}").json()["server"]
    assert failed["status"] == "ERROR"
    assert failed["fault"]["message"].startswith("No valid host was found.")


def test_unshelve_to_a_zone_checks_it(admin: Nova, nova: Nova, cloud: FakeCloud) -> None:
    agg = _create(admin, "agg1", "az1")["id"]
    _act(admin, agg, "add_host", host=HOST3)
    server = nova.create("web")
    nova.action(server, {"shelve": None})
    assert cloud.compute.server_status(server) == "SHELVED_OFFLOADED"
    refused = nova.action(server, {"unshelve": {"availability_zone": "az9"}}, version="2.77")
    assert _fault(refused, 400) == "The requested availability zone is not available"
    assert nova.action(server, {"unshelve": {"availability_zone": "az1"}},
                       version="2.77").status_code == 202
    assert cloud.compute.server(server).host == HOST3
    shown = nova.get(f"/servers/{server}").json()["server"]
    assert shown["OS-EXT-AZ:availability_zone"] == "az1"


# -- the host/zone state, as a property ------------------------------------------------------

_OPS = st.lists(st.tuples(st.sampled_from(["add", "remove"]), st.integers(0, 2),
                          st.sampled_from([HOST1, HOST2, HOST3])), max_size=25)


@settings(max_examples=60, deadline=None)
@given(ops=_OPS)
def test_hosts_are_in_at_most_one_zone_and_listings_agree(ops: list[tuple[str, int, str]]
                                                          ) -> None:
    cloud = FakeCloud(seed=5)
    model = cloud.compute
    model.set_hosts(3)
    admin = Caller(project_id=cloud.project_id("admin"), user_id=cloud.user_id("admin"),
                   is_admin=True)
    aggs = [model.create_aggregate(admin, "a", "az1"), model.create_aggregate(admin, "b", "az2"),
            model.create_aggregate(admin, "c")]
    expected: list[list[str]] = [[], [], []]
    for op, index, host in ops:
        agg_id = str(aggs[index].id)
        before = [list(a.hosts) for a in model.list_aggregates(admin)]
        try:
            if op == "add":
                model.add_aggregate_host(admin, agg_id, host)
                expected[index].append(host)
            else:
                model.remove_aggregate_host(admin, agg_id, host)
                expected[index].remove(host)
        except NovaError:
            assert [list(a.hosts) for a in model.list_aggregates(admin)] == before
        listed = [list(a.hosts) for a in model.list_aggregates(admin)]
        assert listed == expected
        for name in (HOST1, HOST2, HOST3):
            zones = {a.availability_zone for a in model.list_aggregates(admin)
                     if name in a.hosts and a.availability_zone}
            assert len(zones) <= 1
            assert model.host_zone(name) == (zones.pop() if zones else "nova")
    available, _ = model.availability_zones()
    hosts_zones = {model.host_zone(h) for h in (HOST1, HOST2, HOST3)}
    assert set(available) == hosts_zones | {"internal"}
