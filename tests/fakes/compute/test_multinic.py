"""`addFixedIp` / `removeFixedIp` (Nova's `multinic.py`, until 2.43) on the fake Neutron's
ports: the address shows in Neutron's `fixed_ips` and in the server's `addresses`; what the
compute host fails at is the server's fault, as Nova's API only casts the call."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from stackdouble.fakes import FakeCloud
from tests.fakes.networking.conftest import Neutron

from .conftest import Nova


@pytest.fixture
def neutron(cloud: FakeCloud, http: requests.Session) -> Neutron:
    """The demo user's raw Neutron."""
    return Neutron(cloud, http)


def _port(neutron: Neutron, server_id: str) -> dict[str, Any]:
    (port,) = neutron.call("GET", f"/ports?device_id={server_id}").json()["ports"]
    return dict(port)


def _v4(port: dict[str, Any]) -> list[str]:
    return [ip["ip_address"] for ip in port["fixed_ips"] if ":" not in ip["ip_address"]]


def _addresses(nova: Nova, server_id: str) -> dict[str, list[str]]:
    shown = nova.get(f"/servers/{server_id}").json()["server"]["addresses"]
    return {net: [a["addr"] for a in items] for net, items in shown.items()}


def _fault(resp: requests.Response) -> tuple[int, str]:
    (inner,) = resp.json().values()
    return resp.status_code, inner["message"]


def test_add_fixed_ip_adds_an_address_of_the_network_to_the_port(nova: Nova,
                                                                neutron: Neutron) -> None:
    server_id = nova.create()
    before = _v4(_port(neutron, server_id))
    net_id = _port(neutron, server_id)["network_id"]
    resp = nova.action(server_id, {"addFixedIp": {"networkId": net_id}})
    assert (resp.status_code, resp.content) == (202, b"")
    after = _v4(_port(neutron, server_id))
    assert len(after) == 2
    assert after[0] == before[0]
    assert set(after) <= set(_addresses(nova, server_id)["private"])


def test_remove_fixed_ip_takes_the_address_off_the_port(nova: Nova, neutron: Neutron) -> None:
    server_id = nova.create()
    net_id = _port(neutron, server_id)["network_id"]
    nova.action(server_id, {"addFixedIp": {"networkId": net_id}})
    first, second = _v4(_port(neutron, server_id))
    resp = nova.action(server_id, {"removeFixedIp": {"address": first}})
    assert (resp.status_code, resp.content) == (202, b"")
    assert _v4(_port(neutron, server_id)) == [second]
    assert first not in _addresses(nova, server_id)["private"]


def test_a_network_without_a_port_of_the_server_is_a_fault_not_an_error(
        nova: Nova, admin_nova: Nova, neutron: Neutron) -> None:
    server_id = nova.create()
    net, _ = neutron.network_with_subnet("192.168.30.0/28")
    before = _port(neutron, server_id)["fixed_ips"]
    assert nova.action(server_id, {"addFixedIp": {"networkId": net["id"]}}).status_code == 202
    assert _port(neutron, server_id)["fixed_ips"] == before
    server = nova.get(f"/servers/{server_id}").json()["server"]
    assert server["status"] == "ACTIVE"
    assert "fault" not in server
    admin_nova.action(server_id, {"os-resetState": {"state": "error"}})
    fault = nova.get(f"/servers/{server_id}").json()["server"]["fault"]
    assert (fault["code"], fault["message"]) == (
        404, f"Network could not be found for instance {server_id}.")


def test_removing_an_address_the_server_lacks_is_a_fault(nova: Nova, neutron: Neutron,
                                                         cloud: FakeCloud) -> None:
    server_id = nova.create()
    assert nova.action(server_id, {"removeFixedIp": {"address": "10.9.9.9"}}
                       ).status_code == 202
    fault = cloud.compute.server(server_id).fault
    assert fault is not None
    assert (fault.code, fault.message) == (
        404, f"Instance {server_id} does not have fixed IP '10.9.9.9'.")


@pytest.mark.parametrize("body", [{"addFixedIp": {"networkId": "x"}},
                                  {"removeFixedIp": {"address": "10.0.0.9"}}])
def test_the_actions_are_gone_from_2_44(nova: Nova, body: dict[str, Any]) -> None:
    server_id = nova.create()
    assert nova.action(server_id, body, version="2.43").status_code == 202
    resp = nova.action(server_id, body, version="2.44")
    assert _fault(resp) == (404, "The resource could not be found.")


@pytest.mark.parametrize(("body", "message"), [
    ({"addFixedIp": {}}, "'networkId' is a required property"),
    ({"addFixedIp": {"networkId": ""}}, "Invalid input for field/attribute networkId."),
    ({"addFixedIp": {"networkId": "n", "extra": 1}},
     "Additional properties are not allowed ('extra' was unexpected)"),
    ({"removeFixedIp": {"address": "not-an-ip"}},
     "Invalid input for field/attribute address."),
])
def test_bodies_are_checked_as_novas_schema(nova: Nova, body: dict[str, Any],
                                            message: str) -> None:
    status, text = _fault(nova.action(nova.create(), body))
    assert status == 400
    assert message in text


def test_a_locked_server_refuses_them_to_its_owner(nova: Nova, neutron: Neutron) -> None:
    server_id = nova.create()
    net_id = _port(neutron, server_id)["network_id"]
    nova.action(server_id, {"lock": None})
    before = _port(neutron, server_id)["fixed_ips"]
    assert _fault(nova.action(server_id, {"addFixedIp": {"networkId": net_id}})) == (
        409, f"Instance {server_id} is locked")
    assert _port(neutron, server_id)["fixed_ips"] == before



def test_an_unknown_server_is_not_found(nova: Nova) -> None:
    missing = "0a1b2c3d-0000-4000-8000-000000000000"
    assert _fault(nova.action(missing, {"addFixedIp": {"networkId": "n"}})) == (
        404, f"Instance {missing} could not be found.")
