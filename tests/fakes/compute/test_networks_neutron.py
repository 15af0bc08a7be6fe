"""The fake Nova on the fake Neutron's ports, through the cloud's `networks` link: what a
user of both APIs sees when servers boot, gain and lose interfaces, change groups and go."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from stackdouble.fakes import FakeCloud
from tests.fakes.networking.conftest import Neutron

from .conftest import CIRROS, Nova


@pytest.fixture
def neutron(cloud: FakeCloud, http: requests.Session) -> Neutron:
    """The demo user's raw Neutron."""
    return Neutron(cloud, http)


def _private(neutron: Neutron) -> dict[str, Any]:
    (net,) = neutron.call("GET", "/networks?name=private").json()["networks"]
    return dict(net)


def _ports(neutron: Neutron, server_id: str) -> list[dict[str, Any]]:
    return list(neutron.call("GET", f"/ports?device_id={server_id}").json()["ports"])


def test_a_server_boots_on_devstacks_private_network(nova: Nova, neutron: Neutron) -> None:
    server_id = nova.create()
    (port,) = _ports(neutron, server_id)
    assert (port["network_id"], port["device_owner"], port["status"]) == (
        _private(neutron)["id"], "compute:nova", "ACTIVE")
    addresses = nova.get(f"/servers/{server_id}").json()["server"]["addresses"]
    assert [(a["addr"], a["OS-EXT-IPS:type"], a["OS-EXT-IPS-MAC:mac_addr"])
            for a in addresses["private"]] == [
        (ip["ip_address"], "fixed", port["mac_address"]) for ip in port["fixed_ips"]]


def test_the_servers_security_groups_are_its_ports(nova: Nova, neutron: Neutron) -> None:
    server_id = nova.create()
    (port,) = _ports(neutron, server_id)
    default = neutron.call("GET", f"/security-groups/{port['security_groups'][0]}").json()
    assert default["security_group"]["name"] == "default"
    assert nova.get(f"/servers/{server_id}").json()["server"]["security_groups"] == [
        {"name": "default"}]


def test_a_group_set_through_neutron_shows_on_the_server(nova: Nova, neutron: Neutron) -> None:
    server_id = nova.create()
    web = neutron.made("/security-groups", {"security_group": {"name": "web"}})
    (port,) = _ports(neutron, server_id)
    resp = neutron.call("PUT", f"/ports/{port['id']}",
                        {"port": {"security_groups": [web["id"]]}})
    assert resp.status_code == 200
    assert nova.get(f"/servers/{server_id}").json()["server"]["security_groups"] == [
        {"name": "web"}]


def test_add_security_group_updates_the_neutron_port(nova: Nova, neutron: Neutron) -> None:
    server_id = nova.create()
    web = neutron.made("/security-groups", {"security_group": {"name": "web"}})
    assert nova.action(server_id, {"addSecurityGroup": {"name": "web"}}).status_code == 202
    (port,) = _ports(neutron, server_id)
    assert web["id"] in port["security_groups"]


def test_deleting_the_server_deletes_novas_port_and_keeps_the_users(
        nova: Nova, neutron: Neutron) -> None:
    mine = neutron.made("/ports", {"port": {"network_id": _private(neutron)["id"]}})
    server_id = nova.create(networks=[{"uuid": _private(neutron)["id"]}, {"port": mine["id"]}])
    made = [p["id"] for p in _ports(neutron, server_id) if p["id"] != mine["id"]]
    assert len(made) == 1
    assert nova.call("DELETE", f"/servers/{server_id}").status_code == 204
    assert neutron.call("GET", f"/ports/{made[0]}").status_code == 404
    kept = neutron.call("GET", f"/ports/{mine['id']}").json()["port"]
    assert (kept["device_id"], kept["device_owner"]) == ("", "")


def test_a_users_port_in_use_is_a_conflict(nova: Nova, neutron: Neutron) -> None:
    mine = neutron.made("/ports", {"port": {"network_id": _private(neutron)["id"]}})
    nova.create(networks=[{"port": mine["id"]}])
    resp = nova.post("/servers", {"server": {"name": "b", "imageRef": CIRROS,
                                             "flavorRef": "1",
                                             "networks": [{"port": mine["id"]}]}})
    assert (resp.status_code, resp.json()["conflictingRequest"]["message"]) == (
        409, f"Port {mine['id']} is still in use.")


def test_an_exhausted_subnet_puts_the_build_in_error(nova: Nova, neutron: Neutron) -> None:
    net, _ = neutron.network_with_subnet("192.168.10.0/30")  # one address: the DHCP port's
    server_id = nova.create(networks=[{"uuid": net["id"]}])
    server = nova.get(f"/servers/{server_id}").json()["server"]
    assert server["status"] == "ERROR"
    assert server["fault"]["message"] == (
        f"Build of instance {server_id} aborted: Failed to allocate the network(s) with error "
        f"No fixed IP addresses available for network: {net['id']}, not rescheduling.")
    assert _ports(neutron, server_id) == []


def test_attach_and_detach_an_interface(nova: Nova, neutron: Neutron) -> None:
    server_id = nova.create()
    net, _ = neutron.network_with_subnet("192.168.20.0/28")
    resp = nova.post(f"/servers/{server_id}/os-interface",
                     {"interfaceAttachment": {"net_id": net["id"]}})
    assert resp.status_code == 200
    attached = resp.json()["interfaceAttachment"]
    assert attached["port_id"] in {p["id"] for p in _ports(neutron, server_id)}
    assert "n" in nova.get(f"/servers/{server_id}").json()["server"]["addresses"]
    listed = nova.get(f"/servers/{server_id}/os-interface").json()["interfaceAttachments"]
    assert len(listed) == 2
    assert nova.call("DELETE", f"/servers/{server_id}/os-interface/{attached['port_id']}"
                     ).status_code == 202
    assert neutron.call("GET", f"/ports/{attached['port_id']}").status_code == 404
    assert list(nova.get(f"/servers/{server_id}").json()["server"]["addresses"]) == [
        "private"]


def test_a_fixed_ip_on_the_create(nova: Nova, neutron: Neutron) -> None:
    net = _private(neutron)
    server_id = nova.create(networks=[{"uuid": net["id"], "fixed_ip": "10.0.0.40"}])
    (port,) = _ports(neutron, server_id)
    assert "10.0.0.40" in [ip["ip_address"] for ip in port["fixed_ips"]]


def test_the_os_networks_proxy_reads_neutron(nova: Nova, neutron: Neutron) -> None:
    labels = {n["label"] for n in nova.get("/os-networks").json()["networks"]}
    assert "private" in labels
    assert nova.get("/os-networks", version="2.36").status_code == 404


def _public(neutron: Neutron) -> str:
    (net,) = neutron.call("GET", "/networks?name=public").json()["networks"]
    return str(net["id"])


def test_a_floating_ip_associated_in_neutron_shows_in_the_addresses(
        nova: Nova, neutron: Neutron) -> None:
    server_id = nova.create()
    (port,) = _ports(neutron, server_id)
    fip = neutron.made("/floatingips", {"floatingip": {"floating_network_id": _public(neutron),
                                                       "port_id": port["id"]}})
    addresses = nova.get(f"/servers/{server_id}").json()["server"]["addresses"]["private"]
    assert (addresses[-1]["addr"], addresses[-1]["OS-EXT-IPS:type"]) == (
        fip["floating_ip_address"], "floating")
    resp = neutron.call("PUT", f"/floatingips/{fip['id']}", {"floatingip": {"port_id": None}})
    assert resp.status_code == 200
    addresses = nova.get(f"/servers/{server_id}").json()["server"]["addresses"]["private"]
    assert "floating" not in {a["OS-EXT-IPS:type"] for a in addresses}


def test_add_floating_ip_through_novas_proxy_until_2_43(nova: Nova, neutron: Neutron) -> None:
    server_id = nova.create()
    made = nova.post("/os-floating-ips", {"pool": "public"}).json()["floating_ip"]
    assert nova.action(server_id, {"addFloatingIp": {"address": made["ip"]}}).status_code == 202
    shown = nova.get(f"/os-floating-ips/{made['id']}").json()["floating_ip"]
    assert shown["instance_id"] == server_id
    (fip,) = neutron.call("GET", f"/floatingips?floating_ip_address={made['ip']}").json()[
        "floatingips"]
    assert fip["port_id"] == _ports(neutron, server_id)[0]["id"]
    assert nova.action(server_id, {"addFloatingIp": {"address": made["ip"]}},
                       version="2.44").status_code == 404
