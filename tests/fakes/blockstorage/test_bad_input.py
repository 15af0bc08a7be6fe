"""Malformed requests get Cinder's 4xx and body, never a 500 and never a change of state."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackdouble.fakes import FakeCloud
from tests.fakes.blockstorage.conftest import Cinder, fault


@pytest.mark.parametrize(("body", "message"), [
    ({"volumes": {"size": 1}}, "'volume' is a required property"),
    ([], "[] is not of type 'object'"),
    ({"volume": {"size": "ten"}},
     "Invalid input for field/attribute size. Value: ten. 'ten' does not match '^[0-9]+$'"),
    ({"volume": {"size": 1, "metadata": {"k": 1}}},
     "Invalid input for field/attribute k. Value: 1. 1 is not of type 'string'"),
    ({"volume": {"size": 1, "name": "n" * 256}},
     "Invalid input received: name has 256 characters, more than 255."),
    ({"volume": {"size": 1, "snapshot_id": "nope"}},
     "Invalid input for field/attribute snapshot_id. Value: nope. 'nope' is not valid under "
     "any of the given schemas"),
])
def test_bad_creates_are_400_and_create_nothing(cinder: Cinder, cloud: FakeCloud, body: Any,
                                                message: str) -> None:
    resp = cinder.post("/volumes", body)
    assert (resp.status_code, resp.json()) == (400, fault("badRequest", 400, message))
    assert cloud.block_storage.volumes == {}


def test_extra_keys_are_refused_from_3_53(cinder: Cinder) -> None:
    body = {"volume": {"size": 1, "colour": "red"}}
    assert cinder.post("/volumes", body, version="3.52").status_code == 202
    resp = cinder.post("/volumes", body, version="3.53")
    assert resp.status_code == 400
    assert "Additional properties are not allowed ('colour' was unexpected)" in resp.text


# 100,000 `[` once answered 500: the request log recursed into the body (issue 12).
@pytest.mark.parametrize("raw", [b"{", b"[1,", b"\xff", b'{"volume": ', b"[" * 100_000,
                                 b'{"a": ' * 50_000])
def test_bodies_that_are_not_json_are_malformed(cinder: Cinder, raw: bytes) -> None:
    resp = cinder.http.post(cinder.url + "/volumes", data=raw,
                            headers={**cinder.headers(), "Content-Type": "application/json"})
    assert (resp.status_code, resp.json()) == (400, fault("badRequest", 400,
                                                          "Malformed request body"))


@pytest.mark.parametrize(("body", "status", "message"), [
    ({"os-extend": {"new_size": 0}}, 400,
     "Invalid input for field/attribute new_size. Value: 0. 0 is less than the minimum of 1"),
    ({"os-extend": {}}, 400, "Invalid input for field/attribute os-extend. Value: {}. "
                             "'new_size' is a required property"),
    ({"os-set_bootable": {"bootable": "maybe"}}, 400,
     "Invalid input for field/attribute bootable. Value: maybe. 'maybe' is not one of [True, "
     "'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes', 'yes', 'y', 't', False, "
     "'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off', 'NO', 'No', 'no', 'n', 'f']"),
    ({"os-frobnicate": {}}, 400, "There is no such action: os-frobnicate. Verify the request "
                                 "body and Content-Type header and try again."),
    ({"os-extend": {"new_size": 2}, "os-reserve": {}}, 400, "Malformed request body"),
    ([1], 404, "The resource could not be found."),
    (5, 404, "The resource could not be found."),
])
def test_bad_actions(cinder: Cinder, body: Any, status: int, message: str) -> None:
    volume_id = cinder.create()
    resp = cinder.action(volume_id, body)
    kind = "badRequest" if status == 400 else "itemNotFound"
    assert (resp.status_code, resp.json()) == (status, fault(kind, status, message))
    volume = cinder.get(f"/volumes/{volume_id}").json()["volume"]
    assert (volume["status"], volume["size"], volume["bootable"]) == ("available", 1, "false")


def test_an_action_without_a_body_names_no_action(cinder: Cinder) -> None:
    volume_id = cinder.create()
    resp = cinder.http.post(f"{cinder.url}/volumes/{volume_id}/action", headers=cinder.headers())
    assert resp.json() == fault("badRequest", 400, "There is no such action: None. Verify the "
                                "request body and Content-Type header and try again.")


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 2**40) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=3),
    max_leaves=8)
KEYS = st.sampled_from(["volume", "snapshot", "metadata", "meta", "os-extend",
                        "os-set_bootable", "os-attach", "os-detach", "os-reserve",
                        "os-reset_status", "volumeAttachment", "size", "name"])
BODIES = st.one_of(JSON, st.dictionaries(KEYS, JSON, min_size=1, max_size=2),
                   st.builds(lambda k, v: {k: v}, KEYS, st.dictionaries(
                       st.sampled_from(["size", "name", "new_size", "bootable", "volume_id",
                                        "metadata", "mountpoint", "host_name", "volumeId",
                                        "snapshot_id", "source_volid", "status", "force"]),
                       JSON, max_size=3)))
TARGETS = st.sampled_from([
    ("POST", "/volumes"), ("PUT", "/volumes/{v}"), ("POST", "/volumes/{v}/action"),
    ("POST", "/volumes/{v}/metadata"), ("PUT", "/volumes/{v}/metadata"),
    ("PUT", "/volumes/{v}/metadata/k"), ("POST", "/snapshots"), ("PUT", "/snapshots/{s}"),
    ("POST", "nova:/servers/{srv}/os-volume_attachments"),
    ("PUT", "nova:/servers/{srv}/os-volume_attachments/{v}"),
])


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=TARGETS, body=BODIES, version=st.sampled_from(["3.0", "3.53", "3.71"]))
def test_arbitrary_bodies_never_500_and_change_nothing_when_refused(
        cinder: Cinder, cloud: FakeCloud, server_id: str, target: tuple[str, str], body: Any,
        version: str) -> None:
    storage = cloud.block_storage
    volume_id = next(iter(storage.volumes), None) or cinder.create()
    snap_id = next(iter(storage.snapshots), None) or cinder.post(
        "/snapshots", {"snapshot": {"volume_id": volume_id}}).json()["snapshot"]["id"]
    before = json.dumps(cloud.dump()["block-storage"], sort_keys=True)
    method, path = target
    path = path.format(v=volume_id, s=snap_id, srv=server_id)
    if path.startswith("nova:"):
        resp = cinder.nova(method, path[5:], body)
    else:
        resp = cinder.call(method, path, json=body, version=version)
    assert resp.status_code < 500 or resp.status_code == 501, resp.text
    payload = resp.json() if resp.content else None
    if resp.status_code >= 400:
        assert isinstance(payload, dict)
        assert len(payload) == 1
        (inner,) = payload.values()
        assert inner["code"] == resp.status_code
        assert isinstance(inner["message"], str)
        assert json.dumps(cloud.dump()["block-storage"], sort_keys=True) == before
