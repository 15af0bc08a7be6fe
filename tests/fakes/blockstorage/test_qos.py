"""The fake Cinder's QoS specs: admin-only, create/update/delete_keys as Cinder stores
them, associations through the volume types' `qos_specs_id`, delete refused while in
use, and listing order and paging."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackdouble.fakes import FakeCloud
from tests.fakes.blockstorage.conftest import Cinder, fault


def _qos(admin: Cinder, name: str, **specs: object) -> str:
    resp = admin.post("/qos-specs", {"qos_specs": {"name": name, **specs}})
    assert resp.status_code == 200, resp.text
    return str(resp.json()["qos_specs"]["id"])


def _type(admin: Cinder, name: str) -> str:
    return str(admin.post("/types", {"volume_type": {"name": name}}).json()["volume_type"]["id"])


def test_members_get_403_and_nothing_changes(cinder: Cinder, cloud: FakeCloud) -> None:
    resp = cinder.post("/qos-specs", {"qos_specs": {"name": "q"}})
    assert resp.json() == fault("forbidden", 403, "Policy doesn't allow volume_extension:"
                                                  "qos_specs_manage:create to be performed.")
    assert cloud.block_storage.qos_specs == {}
    assert cinder.get("/qos-specs").status_code == 403


def test_create_strips_the_name_defaults_the_consumer_and_drops_nulls(
        admin_cinder: Cinder) -> None:
    resp = admin_cinder.post("/qos-specs", {"qos_specs": {"name": " gold ", "a": "1",
                                                          "b": None}})
    body = resp.json()
    assert body["qos_specs"] == {"id": body["qos_specs"]["id"], "name": "gold",
                                 "consumer": "back-end", "specs": {"a": "1"}}
    assert body["links"][0]["href"].endswith(f"/qos-specs/{body['qos_specs']['id']}")


def test_update_echoes_the_body_and_null_hides_a_key(admin_cinder: Cinder) -> None:
    specs_id = _qos(admin_cinder, "q", a="1", b="2")
    resp = admin_cinder.call("PUT", f"/qos-specs/{specs_id}",
                             json={"qos_specs": {"b": None, "consumer": "both"}})
    assert resp.json() == {"qos_specs": {"b": None, "consumer": "both"}}
    shown = admin_cinder.get(f"/qos-specs/{specs_id}").json()["qos_specs"]
    assert (shown["specs"], shown["consumer"]) == ({"a": "1"}, "both")


def test_delete_keys_stops_at_the_first_missing_one(admin_cinder: Cinder) -> None:
    specs_id = _qos(admin_cinder, "q", a="1", b="2")
    resp = admin_cinder.call("PUT", f"/qos-specs/{specs_id}/delete_keys",
                             json={"keys": ["a", "zz", "b"]})
    assert resp.json() == fault("itemNotFound", 404,
                                f"QoS spec {specs_id} has no spec with key zz.")
    assert admin_cinder.get(f"/qos-specs/{specs_id}").json()["qos_specs"]["specs"] == {
        "b": "2"}


def test_a_type_holds_one_specs_and_delete_needs_force(admin_cinder: Cinder,
                                                       cloud: FakeCloud) -> None:
    first, other = _qos(admin_cinder, "q1"), _qos(admin_cinder, "q2")
    type_id = _type(admin_cinder, "t")
    assert admin_cinder.get(f"/qos-specs/{first}/associate?vol_type_id={type_id}"
                            ).status_code == 202
    refused = admin_cinder.get(f"/qos-specs/{other}/associate?vol_type_id={type_id}")
    assert refused.status_code == 400
    assert cloud.block_storage.volume_types[type_id].qos_specs_id == first
    before = cloud.block_storage.dump()
    assert admin_cinder.call("DELETE", f"/qos-specs/{first}").json() == fault(
        "badRequest", 400, "Qos specs still in use.")
    assert cloud.block_storage.dump() == before
    assert admin_cinder.call("DELETE", f"/qos-specs/{first}?force=1").status_code == 202
    assert cloud.block_storage.volume_types[type_id].qos_specs_id is None
    shown = admin_cinder.get(f"/types/{type_id}").json()["volume_type"]
    assert shown["qos_specs_id"] is None


def test_filters_are_columns_only(admin_cinder: Cinder) -> None:
    specs_id = _qos(admin_cinder, "q")
    assert [q["id"] for q in admin_cinder.get(f"/qos-specs?id={specs_id}").json()[
        "qos_specs"]] == [specs_id]
    assert admin_cinder.get("/qos-specs?name=q").json() == {"qos_specs": []}
    assert admin_cinder.get("/qos-specs?consumer=back-end").json() == {"qos_specs": []}


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(count=st.integers(min_value=0, max_value=6),
       limit=st.integers(min_value=1, max_value=4))
def test_pages_cover_every_specs_newest_first(cloud: FakeCloud, admin_cinder: Cinder,
                                              count: int, limit: int) -> None:
    cloud.block_storage.qos_specs.clear()
    made = []
    for n in range(count):
        made.append(_qos(admin_cinder, f"q{n}"))
        cloud.clock.advance(1)
    seen: list[str] = []
    path = f"/qos-specs?limit={limit}"
    while True:
        body = admin_cinder.get(path).json()
        seen += [q["id"] for q in body["qos_specs"]]
        links = body.get("qos_specs_links")
        if not links:
            break
        path = "/qos-specs?" + links[0]["href"].split("?", 1)[1]
    assert seen == made[::-1]
    by_name = admin_cinder.get("/qos-specs?sort=value:asc").json()["qos_specs"]
    assert [q["name"] for q in by_name] == sorted(f"q{n}" for n in range(count))
