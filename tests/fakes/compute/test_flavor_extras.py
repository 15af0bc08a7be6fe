"""Flavor extra specs, flavor access and the description update of the fake Nova, against
`nova/api/openstack/compute/flavors_extraspecs.py`, `flavor_access.py`, `flavors.py`,
`nova/api/validation/extra_specs/` and `nova/db/api/api.py`'s private flavor queries."""

from __future__ import annotations

import pytest

from stackdouble.fakes import FakeCloud

from .conftest import CIRROS, Nova


@pytest.fixture
def private(admin_nova: Nova) -> str:
    """A private flavor, `m1.private`, without access for anyone."""
    answer = admin_nova.post("/flavors", {"flavor": {
        "name": "m1.private", "ram": 256, "vcpus": 1, "disk": 1, "id": "p1",
        "os-flavor-access:is_public": False}})
    assert answer.status_code == 200, answer.text
    return "p1"


def test_extra_specs_crud(nova: Nova, admin_nova: Nova) -> None:
    created = admin_nova.post("/flavors/1/os-extra_specs",
                              {"extra_specs": {"hw:numa_nodes": 1, "note": "x"}})
    assert created.json() == {"extra_specs": {"hw:numa_nodes": 1, "note": "x"}}
    assert nova.get("/flavors/1/os-extra_specs").json() == {
        "extra_specs": {"hw:numa_nodes": "1", "note": "x"}}
    assert nova.get("/flavors/1/os-extra_specs/note").json() == {"note": "x"}
    updated = admin_nova.call("PUT", "/flavors/1/os-extra_specs/note", json={"note": "y"})
    assert updated.json() == {"note": "y"}
    mismatch = admin_nova.call("PUT", "/flavors/1/os-extra_specs/note", json={"other": "y"})
    assert mismatch.json()["badRequest"]["message"] == "Request body and URI mismatch"
    deleted = admin_nova.call("DELETE", "/flavors/1/os-extra_specs/note")
    assert (deleted.status_code, deleted.content) == (200, b"")
    missing = nova.get("/flavors/1/os-extra_specs/note")
    assert missing.json()["itemNotFound"]["message"] == (
        "Flavor 1 has no extra specs with key note.")
    detail = nova.get("/flavors/1", version="2.61").json()["flavor"]
    assert detail["extra_specs"] == {"hw:numa_nodes": "1"}


def test_extra_specs_writes_are_for_admins(nova: Nova) -> None:
    refused = nova.post("/flavors/1/os-extra_specs", {"extra_specs": {"a": "b"}})
    assert refused.json()["forbidden"]["message"] == (
        "Policy doesn't allow os_compute_api:os-flavor-extra-specs:create to be performed.")
    assert nova.call("DELETE", "/flavors/1/os-extra_specs/a").status_code == 403


@pytest.mark.parametrize(("key", "value", "message"), [
    ("hw:cpu_policy", "pinned",
     "Validation failed; 'pinned' is not one of: dedicated, shared, mixed."),
    ("hw:numa_nodes", "0", "Validation failed; '0' is less than the min value of '1'."),
    ("hw:numa_nodes", "two", "Validation failed; 'two' is not a valid integer value."),
    ("hw_rng:allowed", "maybe", "Validation failed; 'maybe' is not a valid boolean-like value."),
    ("hw:mem_page_size", "huge",
     r"Validation failed; 'huge' is not of the format "
     r"'^(large|small|any|\d+([kKMGT]i?)?(b|bit|B)?)$'."),
    ("hw:no_such_thing", "1",
     "Validation failed; extra spec 'hw:no_such_thing' does not appear to be a valid "
     "extra spec."),
])
def test_extra_specs_are_validated_from_2_86(admin_nova: Nova, key: str, value: str,
                                             message: str) -> None:
    body = {"extra_specs": {key: value}}
    assert admin_nova.post("/flavors/1/os-extra_specs", body, version="2.85").status_code == 200
    refused = admin_nova.post("/flavors/1/os-extra_specs", body, version="2.86")
    assert refused.json() == {"badRequest": {"code": 400, "message": message}}


def test_unknown_namespaces_pass_validation(admin_nova: Nova) -> None:
    body = {"extra_specs": {"my:thing": "1", "plain": "2", "hw:numa_cpus.0": "0-1",
                            "quota:disk_read_bytes_sec": "100", "trait:HW_CPU_X86_AVX": "x"}}
    assert admin_nova.post("/flavors/1/os-extra_specs", body, version="2.86").status_code == 200


def test_private_flavors_are_hidden_until_access_is_given(nova: Nova, admin_nova: Nova,
                                                          cloud: FakeCloud,
                                                          private: str) -> None:
    demo = cloud.project_id("demo")
    assert nova.get(f"/flavors/{private}").status_code == 404
    assert private not in {f["id"] for f in nova.get("/flavors").json()["flavors"]}
    action = f"/flavors/{private}/action"
    added = admin_nova.post(action, {"addTenantAccess": {"tenant": demo}})
    assert added.json() == {"flavor_access": [{"flavor_id": private, "tenant_id": demo}]}
    assert nova.get(f"/flavors/{private}").status_code == 200
    assert private in {f["id"] for f in nova.get("/flavors").json()["flavors"]}
    twice = admin_nova.post(action, {"addTenantAccess": {"tenant": demo}})
    assert twice.json()["conflictingRequest"]["message"] == (
        f"Flavor access already exists for flavor {private} and project {demo} combination.")
    listed = admin_nova.get(f"/flavors/{private}/os-flavor-access").json()
    assert listed == {"flavor_access": [{"flavor_id": private, "tenant_id": demo}]}
    removed = admin_nova.post(action, {"removeTenantAccess": {"tenant": demo}})
    assert removed.json() == {"flavor_access": []}
    again = admin_nova.post(action, {"removeTenantAccess": {"tenant": demo}})
    assert again.json()["itemNotFound"]["message"] == (
        f"Flavor access not found for {private} / {demo} combination.")
    assert nova.get(f"/flavors/{private}/os-extra_specs").status_code == 404


def test_flavor_access_refusals(nova: Nova, admin_nova: Nova, private: str) -> None:
    unknown = admin_nova.post(f"/flavors/{private}/action",
                              {"addTenantAccess": {"tenant": "nope"}})
    assert unknown.json()["badRequest"]["message"] == "Project ID nope is not a valid project."
    public = admin_nova.post("/flavors/1/action", {"addTenantAccess": {"tenant": "nope"}},
                             version="2.7")
    assert public.status_code == 400  # the project is checked first
    listing = admin_nova.get("/flavors/1/os-flavor-access")
    assert listing.json()["itemNotFound"]["message"] == (
        "Access list not available for public flavors.")
    assert nova.get(f"/flavors/{private}/os-flavor-access").status_code == 403
    other = admin_nova.post(f"/flavors/{private}/action", {"grant": {}})
    assert other.json()["badRequest"]["message"] == "There is no such action: grant"


def test_adding_access_to_a_public_flavor(admin_nova: Nova, cloud: FakeCloud) -> None:
    demo = cloud.project_id("demo")
    conflict = admin_nova.post("/flavors/1/action", {"addTenantAccess": {"tenant": demo}},
                               version="2.7")
    assert conflict.json()["conflictingRequest"]["message"] == (
        "Can not add access to a public flavor.")
    assert admin_nova.post("/flavors/1/action",
                           {"addTenantAccess": {"tenant": demo}}).status_code == 200


def test_flavor_description_update_from_2_55(nova: Nova, admin_nova: Nova) -> None:
    body = {"flavor": {"description": "small and cheap"}}
    assert admin_nova.call("PUT", "/flavors/1", json=body).status_code == 404
    updated = admin_nova.call("PUT", "/flavors/1", json=body, version="2.55")
    assert updated.json()["flavor"]["description"] == "small and cheap"
    assert nova.call("PUT", "/flavors/1", json=body, version="2.55").status_code == 403
    name = admin_nova.call("PUT", "/flavors/1", json={"flavor": {"name": "x"}}, version="2.55")
    assert name.status_code == 400


def test_resizing_to_a_private_flavor_needs_access(nova: Nova, admin_nova: Nova,
                                                   cloud: FakeCloud, private: str) -> None:
    server = nova.create()
    hidden = nova.action(server, {"resize": {"flavorRef": private}})
    assert hidden.json()["badRequest"]["message"] == f"Flavor {private} could not be found."
    admin_nova.post(f"/flavors/{private}/action",
                    {"addTenantAccess": {"tenant": cloud.project_id("demo")}})
    assert nova.action(server, {"resize": {"flavorRef": private}}).status_code == 202


def test_booting_a_private_flavor_needs_access(nova: Nova, admin_nova: Nova,
                                               cloud: FakeCloud, private: str) -> None:
    before = cloud.dump()["compute"]
    refused = nova.post("/servers", {"server": {"name": "p", "imageRef": CIRROS,
                                                "flavorRef": private}})
    assert refused.status_code == 400
    assert refused.json()["badRequest"]["message"] == f"Flavor {private} could not be found."
    assert cloud.dump()["compute"] == before
    admin_nova.post(f"/flavors/{private}/action",
                    {"addTenantAccess": {"tenant": cloud.project_id("demo")}})
    assert nova.create("p", flavorRef=private)
