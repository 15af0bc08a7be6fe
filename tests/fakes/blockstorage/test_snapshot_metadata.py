"""Snapshot metadata on the fake Cinder (`/snapshots/{id}/metadata[/{key}]`): what a user
relies on beyond the contract suite, i.e. other projects, listings by metadata, and a
hypothesis run of merges, replaces and deletes against a plain dict."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackdouble.fakes import FakeCloud
from tests.fakes.blockstorage.conftest import Cinder

#: Keys Cinder's schema accepts; "." and ".." are left out, as a URL's path drops them.
KEYS = st.text(alphabet=string.ascii_letters + string.digits + "-_:. ", min_size=1,
               max_size=8).filter(lambda k: k not in (".", ".."))
VALUES = st.text(alphabet=string.printable, max_size=8)
OPS = st.lists(st.one_of(
    st.tuples(st.just("merge"), st.dictionaries(KEYS, VALUES, max_size=3)),
    st.tuples(st.just("replace"), st.dictionaries(KEYS, VALUES, max_size=3)),
    st.tuples(st.just("set"), st.tuples(KEYS, VALUES)),
    st.tuples(st.just("delete"), KEYS)), max_size=8)


def _snapshot(cinder: Cinder, **extra: object) -> str:
    volume_id = cinder.create()
    resp = cinder.post("/snapshots", {"snapshot": {"volume_id": volume_id, **extra}})
    assert resp.status_code == 202, resp.text
    return str(resp.json()["snapshot"]["id"])


def test_metadata_shows_on_the_snapshot_and_filters_the_listing(cinder: Cinder) -> None:
    tagged = _snapshot(cinder, metadata={"tier": "gold"})
    other = _snapshot(cinder)
    resp = cinder.post(f"/snapshots/{other}/metadata", {"metadata": {"tier": "silver"}})
    assert resp.json() == {"metadata": {"tier": "silver"}}
    assert cinder.get(f"/snapshots/{other}").json()["snapshot"]["metadata"] == {
        "tier": "silver"}
    listed = cinder.get("/snapshots?metadata={'tier': 'gold'}", version="3.22").json()[
        "snapshots"]
    assert [s["id"] for s in listed] == [tagged]


def test_another_projects_snapshot_is_not_found(cloud: FakeCloud, cinder: Cinder,
                                                admin_cinder: Cinder) -> None:
    snap_id = _snapshot(admin_cinder, metadata={"a": "1"})
    for method, path, body in (("GET", "", None), ("POST", "", {"metadata": {"b": "2"}}),
                               ("GET", "/a", None), ("DELETE", "/a", None)):
        resp = cinder.call(method, f"/snapshots/{snap_id}/metadata{path}", json=body)
        assert resp.status_code == 404
        assert resp.json()["itemNotFound"]["message"] == (
            f"Snapshot {snap_id} could not be found.")
    assert admin_cinder.get(f"/snapshots/{snap_id}/metadata").json() == {
        "metadata": {"a": "1"}}


def test_a_refused_change_leaves_the_metadata_alone(cinder: Cinder) -> None:
    snap_id = _snapshot(cinder, metadata={"a": "1"})
    refused: list[dict[str, object]] = [{"metadata": {"bad/key": "x"}},
                                         {"metadata": {"b": 2}}, {"metadata": []}]
    for body in refused:
        assert cinder.call("PUT", f"/snapshots/{snap_id}/metadata", json=body
                           ).status_code == 400
    assert cinder.call("PUT", f"/snapshots/{snap_id}/metadata/b", json={"meta": {"c": "1"}}
                       ).status_code == 400
    assert cinder.get(f"/snapshots/{snap_id}/metadata").json() == {"metadata": {"a": "1"}}


@pytest.fixture
def snap_id(cinder: Cinder) -> str:
    """One snapshot of the demo project."""
    return _snapshot(cinder)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS)
def test_metadata_follows_a_dict(cinder: Cinder, snap_id: str,
                                 ops: list[tuple[str, object]]) -> None:
    url = f"/snapshots/{snap_id}/metadata"
    assert cinder.call("PUT", url, json={"metadata": {}}).json() == {"metadata": {}}
    expected: dict[str, str] = {}
    for op, arg in ops:
        if op == "merge":
            assert isinstance(arg, dict)
            expected.update(arg)
            assert cinder.post(url, {"metadata": arg}).json() == {"metadata": expected}
        elif op == "replace":
            assert isinstance(arg, dict)
            expected = dict(arg)
            assert cinder.call("PUT", url, json={"metadata": arg}).json() == {
                "metadata": expected}
        elif op == "set":
            assert isinstance(arg, tuple)
            key, value = arg
            expected[key] = value
            resp = cinder.call("PUT", f"{url}/{key}", json={"meta": {key: value}})
            assert resp.json() == {"meta": {key: value}}
        else:
            assert isinstance(arg, str)
            resp = cinder.call("DELETE", f"{url}/{arg}")
            assert resp.status_code == (200 if arg in expected else 404)
            expected.pop(arg, None)
    assert cinder.get(url).json() == {"metadata": expected}
