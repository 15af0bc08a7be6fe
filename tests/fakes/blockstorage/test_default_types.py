"""The fake Cinder's per-project default volume types (3.62) as Cinder 29 answers them:
set, show, list and unset, who may, the project checked through Keystone, and what a
project's default changes (the type its new volumes get, the type that cannot go)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackdouble.fakes import FakeCloud
from tests.fakes.blockstorage.conftest import Cinder, fault

V = "3.62"


def _type(admin: Cinder, name: str) -> str:
    resp = admin.post("/types", {"volume_type": {"name": name}})
    assert resp.status_code == 200, resp.text
    return str(resp.json()["volume_type"]["id"])


def _set(admin: Cinder, project: str, volume_type: Any, version: str = V) -> Any:
    return admin.call("PUT", f"/default-types/{project}", version=version,
                      json={"default_type": {"volume_type": volume_type}})


def test_set_by_name_answers_the_type_id(admin_cinder: Cinder, cinder: Cinder) -> None:
    gold = _type(admin_cinder, "gold")
    resp = _set(admin_cinder, cinder.project_id, "gold")
    assert resp.status_code == 200
    assert resp.json() == {"default_type": {"project_id": cinder.project_id,
                                            "volume_type_id": gold}}


def test_show_and_list_give_what_was_set(admin_cinder: Cinder, cinder: Cinder) -> None:
    gold = _type(admin_cinder, "gold")
    _set(admin_cinder, cinder.project_id, gold)
    shown = admin_cinder.call("GET", f"/default-types/{cinder.project_id}", version=V)
    assert shown.json() == {"default_type": {"project_id": cinder.project_id,
                                             "volume_type_id": gold}}
    listed = admin_cinder.call("GET", "/default-types", version=V)
    assert listed.json() == {"default_types": [{"project_id": cinder.project_id,
                                                "volume_type_id": gold}]}


def test_the_routes_also_answer_without_the_project_in_the_url(admin_cinder: Cinder,
                                                               cinder: Cinder) -> None:
    _set(admin_cinder, cinder.project_id, "__DEFAULT__")
    url = admin_cinder.url.rsplit("/", 1)[0] + "/default-types"
    resp = admin_cinder.http.get(url, headers=admin_cinder.headers(V))
    assert [d["project_id"] for d in resp.json()["default_types"]] == [cinder.project_id]


def test_show_unset_is_404(admin_cinder: Cinder, cinder: Cinder) -> None:
    resp = admin_cinder.call("GET", f"/default-types/{cinder.project_id}", version=V)
    assert resp.json() == fault("itemNotFound", 404,
                                f"Default type for project {cinder.project_id} not found.")


def test_unset_is_204_set_or_not_and_for_an_unknown_project(admin_cinder: Cinder,
                                                            cinder: Cinder) -> None:
    _set(admin_cinder, cinder.project_id, "__DEFAULT__")
    for project in (cinder.project_id, cinder.project_id, "nosuchproject"):
        resp = admin_cinder.call("DELETE", f"/default-types/{project}", version=V)
        assert (resp.status_code, resp.content) == (204, b"")
    assert admin_cinder.call("GET", "/default-types", version=V).json() == {
        "default_types": []}


def test_an_unknown_type_is_400(admin_cinder: Cinder, cinder: Cinder) -> None:
    resp = _set(admin_cinder, cinder.project_id, "x")
    assert resp.json() == fault("badRequest", 400, "Volume type with name x could not be found.")


def test_an_unknown_project_is_404_before_the_type_is_looked_up(admin_cinder: Cinder) -> None:
    for path in ("PUT", "GET"):
        resp = admin_cinder.call(path, "/default-types/nosuchproject", version=V,
                                 json={"default_type": {"volume_type": "nosuchtype"}})
        assert resp.json() == fault("itemNotFound", 404,
                                    "Project with id nosuchproject not found.")


def test_a_member_is_refused_everything(cinder: Cinder) -> None:
    refused = fault("forbidden", 403, "You are not authorized to perform this operation.")
    assert _set(cinder, cinder.project_id, "__DEFAULT__").json() == refused
    for method, path in (("GET", f"/default-types/{cinder.project_id}"),
                         ("GET", "/default-types"),
                         ("DELETE", f"/default-types/{cinder.project_id}")):
        assert cinder.call(method, path, version=V).json() == refused


@pytest.mark.parametrize(("body", "message"), [
    ({"default_type": {}}, "Invalid input for field/attribute default_type. Value: {}. "
                           "'volume_type' is a required property"),
    ({"default_type": {"volume_type": ""}},
     "Invalid input for field/attribute volume_type. Value: . '' should be non-empty"),
    ({"default_type": {"volume_type": 5}},
     "Invalid input for field/attribute volume_type. Value: 5. 5 is not of type 'string'"),
    ({"default_type": "abc"},
     "Invalid input for field/attribute default_type. Value: abc. 'abc' is not of type "
     "'object'"),
    ({}, "'default_type' is a required property"),
])
def test_bad_bodies_are_400(admin_cinder: Cinder, cinder: Cinder, body: Any,
                            message: str) -> None:
    resp = admin_cinder.call("PUT", f"/default-types/{cinder.project_id}", version=V,
                             json=body)
    assert resp.json() == fault("badRequest", 400, message)


def test_below_3_62_every_route_is_404(admin_cinder: Cinder, cinder: Cinder) -> None:
    for method, path in (("PUT", f"/default-types/{cinder.project_id}"),
                         ("GET", f"/default-types/{cinder.project_id}"),
                         ("GET", "/default-types"),
                         ("DELETE", f"/default-types/{cinder.project_id}")):
        resp = admin_cinder.call(method, path, version="3.61",
                                 json={"default_type": {"volume_type": "__DEFAULT__"}})
        assert resp.json() == fault("itemNotFound", 404, "The resource could not be found.")


def test_a_volume_made_without_a_type_gets_the_projects_default(admin_cinder: Cinder,
                                                                cinder: Cinder) -> None:
    _type(admin_cinder, "gold")
    _set(admin_cinder, cinder.project_id, "gold")
    volume_id = cinder.create()
    assert cinder.get(f"/volumes/{volume_id}").json()["volume"]["volume_type"] == "gold"
    assert cinder.get("/types/default").json()["volume_type"]["name"] == "gold"
    # Another project keeps the cloud's default.
    other = admin_cinder.create()
    assert admin_cinder.get(f"/volumes/{other}").json()["volume"]["volume_type"] == "__DEFAULT__"


def test_a_projects_default_type_cannot_be_deleted_until_unset(admin_cinder: Cinder,
                                                               cinder: Cinder) -> None:
    gold = _type(admin_cinder, "gold")
    _set(admin_cinder, cinder.project_id, gold)
    resp = admin_cinder.call("DELETE", f"/types/{gold}")
    assert resp.json() == fault("badRequest", 400, f"The volume type {gold} is a default "
                                "volume type and cannot be deleted.")
    admin_cinder.call("DELETE", f"/default-types/{cinder.project_id}", version=V)
    assert admin_cinder.call("DELETE", f"/types/{gold}").status_code == 202


def test_a_refused_set_changes_nothing(admin_cinder: Cinder, cinder: Cinder) -> None:
    _set(admin_cinder, cinder.project_id, "__DEFAULT__")
    before = admin_cinder.call("GET", "/default-types", version=V).json()
    _set(admin_cinder, cinder.project_id, "nosuchtype")
    _set(cinder, cinder.project_id, "__DEFAULT__")
    assert admin_cinder.call("GET", "/default-types", version=V).json() == before


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(["set", "unset"]),
                                st.sampled_from(["demo", "admin"]),
                                st.sampled_from(["__DEFAULT__", "gold"])), max_size=8))
def test_the_listing_is_always_the_last_set_of_each_project(
        cloud: FakeCloud, steps: list[tuple[str, str, str]]) -> None:
    storage = cloud.block_storage
    storage.project_default_types.clear()
    if storage._type_by_name("gold") is None:
        storage.add_volume_type("gold")
    admin = storage.caller_for(cloud.project_id("admin"), is_admin=True)
    expected: dict[str, str] = {}
    for action, user, name in steps:
        project = cloud.project_id(user)
        if action == "set":
            expected[project] = storage.set_default_type(admin, project, name)[1]
        else:
            storage.unset_default_type(admin, project)
            expected.pop(project, None)
    assert dict(storage.list_default_types(admin)) == expected
