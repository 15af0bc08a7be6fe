"""Malformed requests get Nova's 4xx and body, never a 500 and never a change of state; the
client raises the typed error carrying Nova's message and the request id."""

from __future__ import annotations

from typing import Any

import pytest

from stackdouble.client import BadRequest, Conflict, Forbidden, NotFound, ServiceClient
from stackdouble.client.openstack.compute.v2 import servers
from stackdouble.client.openstack.compute.v2.extensions import startstop
from stackdouble.fakes import FakeCloud
from tests.fakes.compute.conftest import CIRROS, Nova

_SERVER = {"name": "web", "imageRef": CIRROS, "flavorRef": "1"}


@pytest.mark.parametrize(("body", "message"), [
    ({"server": {**_SERVER, "flavorRef": "99"}}, "Flavor 99 could not be found."),
    ({"server": {**_SERVER, "imageRef": "0e12087a-7c87-476a-8f84-7398e991cecc"}},
     "Can not find requested image"),
    ({"server": {**_SERVER, "imageRef": "cirros"}},
     "Invalid input for field/attribute imageRef. Value: cirros. 'cirros' is not valid under "
     "any of the given schemas"),
    ({"server": {**_SERVER, "extra": 1}},
     "Invalid input for field/attribute server. Value: {'name': 'web', 'imageRef': "
     f"'{CIRROS}', 'flavorRef': '1', 'extra': 1}}. Additional properties are not allowed "
     "('extra' was unexpected)"),
    ({"server": {**_SERVER, "name": 5}},
     "Invalid input for field/attribute name. Value: 5. 5 is not of type 'string'"),
    ({"server": {**_SERVER, "name": " padded"}},
     "An invalid 'name' value was provided. The name must be: printable characters. Can not "
     "start or end with whitespace."),
    ({"server": {"name": "web", "imageRef": CIRROS}},
     f"Invalid input for field/attribute server. Value: {{'name': 'web', 'imageRef': "
     f"'{CIRROS}'}}. 'flavorRef' is a required property"),
    ({"servers": _SERVER}, "'server' is a required property"),
    ([], "[] is not of type 'object'"),
    (None, "None is not of type 'object'"),
    ({"server": {**_SERVER, "key_name": "nokey"}}, "Invalid key_name provided."),
    ({"server": {**_SERVER, "flavorRef": "42", "imageRef": "3f1c2e8a-5b7d-4e6f-8a9b-"
                 "1c2d3e4f5a60"}}, "Flavor's memory is too small for requested image."),
    ({"server": {**_SERVER, "min_count": 2, "max_count": 1}}, "min_count must be <= max_count"),
])
def test_bad_creates_are_400_and_create_nothing(nova: Nova, body: Any, message: str) -> None:
    resp = nova.post("/servers", body)
    assert resp.status_code == 400
    assert resp.json() == {"badRequest": {"code": 400, "message": message}}
    assert nova.get("/servers").json() == {"servers": []}


# 100,000 `[` once answered 500: the request log recursed into the body (issue 12).
@pytest.mark.parametrize("raw", [b"{", b"[1,", b"\xff", b'{"server": ', b"[" * 100_000,
                                 b'{"a": ' * 50_000])
def test_bodies_that_are_not_json_are_malformed(nova: Nova, raw: bytes) -> None:
    resp = nova.http.post(nova.url + "/servers", data=raw,
                          headers={**nova.headers(), "Content-Type": "application/json"})
    assert (resp.status_code, resp.json()) == (
        400, {"badRequest": {"code": 400, "message": "Malformed request body"}})


def test_networks_are_required_from_2_37(nova: Nova) -> None:
    resp = nova.post("/servers", {"server": _SERVER}, version="2.37")
    assert resp.json()["badRequest"]["message"].endswith(". 'networks' is a required property")
    assert nova.post("/servers", {"server": {**_SERVER, "networks": "auto"}}, version="2.37"
                     ).status_code == 202


def test_an_unsupported_content_type_is_415(nova: Nova) -> None:
    resp = nova.http.post(nova.url + "/servers", data="<server/>",
                          headers={**nova.headers(), "Content-Type": "application/xml"})
    assert (resp.status_code, resp.json()) == (
        415, {"badMediaType": {"code": 415, "message": "Unsupported Content-Type"}})


@pytest.mark.parametrize(("body", "status", "message"), [
    ({"reboot": {"type": "GENTLE"}}, 400,
     "Invalid input for field/attribute type. Value: GENTLE. 'GENTLE' is not one of ['HARD', "
     "'Hard', 'hard', 'SOFT', 'Soft', 'soft']"),
    ({"reboot": {}}, 400, "Invalid input for field/attribute reboot. Value: {}. 'type' is a "
     "required property"),
    ({"dance": None}, 400, "There is no such action: dance"),
    ({"pause": None, "unpause": None}, 400, "Malformed request body"),
    ({"resize": {"flavorRef": "99"}}, 400, "Flavor 99 could not be found."),
    ({"rebuild": {"imageRef": "not-a-uuid"}}, 400, "Invalid input for field/attribute "
     "imageRef. Value: not-a-uuid. 'not-a-uuid' is not a 'uuid'"),
    (5, 404, "The resource could not be found."),
])
def test_bad_actions(nova: Nova, body: Any, status: int, message: str) -> None:
    server_id = nova.create()
    before = nova.get(f"/servers/{server_id}").json()
    resp = nova.action(server_id, body)
    assert resp.status_code == status
    assert list(resp.json().values()) == [{"code": status, "message": message}]
    assert nova.get(f"/servers/{server_id}").json() == before


@pytest.mark.parametrize("server_id", ["not-a-uuid", "0e12087a-7c87-476a-8f84-7398e991cecc"])
def test_unknown_or_malformed_ids_are_404(nova: Nova, server_id: str) -> None:
    for method in ("GET", "DELETE"):
        resp = nova.call(method, f"/servers/{server_id}")
        assert resp.json() == {"itemNotFound": {
            "code": 404, "message": f"Instance {server_id} could not be found."}}


def test_no_token_is_keystonemiddleware_401(nova: Nova) -> None:
    resp = nova.http.get(nova.url + "/servers")
    assert resp.status_code == 401
    assert resp.headers["x-compute-request-id"].startswith("req-")


# -- through the client: typed errors with Nova's message and request id ------------------------


def _create(compute: ServiceClient, **fields: Any) -> servers.CreateResult:
    opts = servers.CreateOpts(**{"name": "web", "image_ref": CIRROS, "flavor_ref": "1",
                                 "networks": "auto", **fields})
    return servers.create(compute, opts)


def test_unknown_flavor_reaches_the_user_as_bad_request(compute: ServiceClient) -> None:
    with pytest.raises(BadRequest) as info:
        _create(compute, flavor_ref="99").extract()
    err = info.value
    assert (err.status, err.kind, err.fault) == (400, "badRequest",
                                                  "Flavor 99 could not be found.")
    assert err.request_id is not None
    assert err.request_id.startswith("req-")
    assert err.request_id in str(err)


def test_unknown_server_reaches_the_user_as_not_found(compute: ServiceClient) -> None:
    with pytest.raises(NotFound) as info:
        servers.get(compute, "nope").extract()
    assert info.value.fault == "Instance nope could not be found."


def test_wrong_state_reaches_the_user_as_conflict(compute: ServiceClient) -> None:
    server = _create(compute).extract()
    with pytest.raises(Conflict) as info:
        startstop.start(compute, server.id).extract_err()
    assert info.value.fault == (f"Cannot 'start' instance {server.id} while it is in "
                                "vm_state active")


def test_quota_reaches_the_user_as_forbidden(cloud: FakeCloud, compute: ServiceClient) -> None:
    cloud.compute.set_quota(cloud.project_id("demo"), instances=0)
    with pytest.raises(Forbidden) as info:
        _create(compute).extract()
    assert info.value.fault == ("Quota exceeded for instances: Requested 1, but already used "
                                "0 of 0 instances")
