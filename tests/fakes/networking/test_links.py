"""The `networks` link on a whole FakeCloud: the ports Nova makes through it, what it hands
back, and the events Neutron sends Nova when a server's ports or floating IPs change."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.caller import Caller
from stackdouble.fakes.links import (
    LinkConflict,
    LinkForbidden,
    LinkNotFound,
    LinkOverLimit,
    LinkRefused,
    PortRequest,
    SecurityGroupRuleInfo,
    ServerRef,
)
from stackdouble.fakes.networking.links import NeutronNetworks
from tests.fakes.networking.conftest import Neutron

SERVER = ServerRef("0d5f2f7e-7d4a-4c4e-9a57-0b9b3a0b6a01", "compute-1", "az1")


@pytest.fixture
def demo(cloud: FakeCloud) -> Caller:
    """The demo project's member, as Nova passes the caller on."""
    return cloud.networking.caller_for(cloud.project_id("demo"))


@pytest.fixture
def link(cloud: FakeCloud) -> NeutronNetworks:
    """The cloud's `networks` part."""
    assert isinstance(cloud.links.networks, NeutronNetworks)
    return cloud.links.networks


def _private(cloud: FakeCloud) -> str:
    return next(n.id for n in cloud.networking.networks.values() if n.name == "private")


def _public(cloud: FakeCloud) -> str:
    return next(n.id for n in cloud.networking.networks.values() if n.name == "public")


def _boot(cloud: FakeCloud, http: requests.Session, body: dict[str, Any] | None = None
          ) -> tuple[str, dict[str, str]]:
    """A server booted through Nova's API by demo; its id and the headers used."""
    headers = {"X-Auth-Token": cloud.identity.issue_token("demo", project="demo"),
               "OpenStack-API-Version": "compute 2.90"}
    image = next(i.id for i in cloud.image.images.values()
                 if (i.name or "").startswith("cirros"))
    server = {"name": "vm", "flavorRef": "2", "imageRef": image, "networks": "auto",
              **(body or {})}
    resp = http.post(f"{cloud.base_url}/compute/v2.1/servers", headers=headers,
                     json={"server": server})
    assert resp.status_code == 202, resp.text
    return resp.json()["server"]["id"], headers


def _addresses(cloud: FakeCloud, http: requests.Session, server_id: str,
               headers: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    resp = http.get(f"{cloud.base_url}/compute/v2.1/servers/{server_id}", headers=headers)
    addresses: dict[str, list[dict[str, Any]]] = resp.json()["server"]["addresses"]
    return addresses


# -- ports Nova makes ---------------------------------------------------------------------

def test_a_server_booted_through_nova_gets_a_bound_compute_port_in_the_default_group(
        cloud: FakeCloud, http: requests.Session, neutron: Neutron) -> None:
    server_id, _ = _boot(cloud, http)
    ports = neutron.call("GET", f"/ports?device_id={server_id}").json()["ports"]
    assert [(p["device_owner"], p["status"]) for p in ports] == [("compute:nova", "ACTIVE")]
    groups = neutron.call("GET", "/security-groups?name=default").json()["security_groups"]
    assert ports[0]["security_groups"] == [groups[0]["id"]]
    admin = Neutron(cloud, http, user="admin")
    seen = admin.call("GET", f"/ports/{ports[0]['id']}").json()["port"]
    assert seen["binding:host_id"] != ""


def test_a_servers_ports_follow_it_to_its_host_and_off_it(
        cloud: FakeCloud, http: requests.Session) -> None:
    cloud.compute.set_hosts(2)
    server_id, _ = _boot(cloud, http)
    admin = Neutron(cloud, http, user="admin")
    nova = {"X-Auth-Token": cloud.identity.issue_token("admin", project="admin"),
            "OpenStack-API-Version": "compute 2.90"}
    action = f"{cloud.base_url}/compute/v2.1/servers/{server_id}/action"

    def binding() -> tuple[str, str, int]:
        # Nova finishes what the clock says is done when next asked (its state is lazy)
        http.get(action.removesuffix("/action"), headers=nova).raise_for_status()
        port = admin.call("GET", f"/ports?device_id={server_id}").json()["ports"][0]
        return port["binding:host_id"], port["status"], port["revision_number"]

    def act(body: dict[str, Any]) -> None:
        assert http.post(action, headers=nova, json=body).status_code in (202, 204)
        cloud.clock.advance(60)

    cloud.clock.advance(60)  # built
    first, status, revision = binding()
    assert status == "ACTIVE"
    act({"migrate": None})
    moved, status, moved_revision = binding()
    assert moved != first
    assert (status, moved_revision) == ("ACTIVE", revision + 1)
    act({"revertResize": None})
    assert binding()[:2] == (first, "ACTIVE")
    act({"shelve": None})  # offloaded at once (DevStack's shelved_offload_time 0)
    assert binding()[:2] == ("", "DOWN")  # off any host; the addresses stay
    act({"unshelve": None})
    assert binding()[0] in (first, moved)
    assert binding()[1] == "ACTIVE"


def test_allocate_uses_the_zone_host_and_groups_named(cloud: FakeCloud, demo: Caller,
                                                      link: NeutronNetworks) -> None:
    group = link.create_security_group(demo, "web", "")
    vifs = link.allocate(demo, SERVER, [PortRequest(network_id=_private(cloud), tag="nic1")],
                         security_groups=["web", "default"])
    port = cloud.networking.ports[vifs[0].port_id]
    assert (port.device_id, port.device_owner, port.host_id, port.status) == (
        SERVER.id, "compute:az1", "compute-1", "ACTIVE")
    default = cloud.networking.default_groups[demo.project_id]
    assert vifs[0].security_group_ids == (group.id, default)
    assert (vifs[0].tag, vifs[0].preserve_on_delete, vifs[0].network_name) == (
        "nic1", False, "private")


def test_allocate_makes_nothing_when_a_group_is_unknown(cloud: FakeCloud, demo: Caller,
                                                        link: NeutronNetworks) -> None:
    before = set(cloud.networking.ports)
    with pytest.raises(LinkNotFound):
        link.allocate(demo, SERVER, [PortRequest(network_id=_private(cloud))],
                      security_groups=["nope"])
    assert set(cloud.networking.ports) == before


def test_allocate_rolls_back_the_ports_of_earlier_requests(cloud: FakeCloud, demo: Caller,
                                                           link: NeutronNetworks) -> None:
    before = set(cloud.networking.ports)
    with pytest.raises(LinkNotFound):
        link.allocate(demo, SERVER, [PortRequest(network_id=_private(cloud)),
                                     PortRequest(network_id="missing")], security_groups=())
    assert set(cloud.networking.ports) == before


def test_validate_refuses_what_nova_refuses(cloud: FakeCloud, demo: Caller,
                                            link: NeutronNetworks) -> None:
    private = _private(cloud)
    with pytest.raises(LinkForbidden):
        link.validate(demo, [PortRequest(network_id=_public(cloud))], count=1)
    with pytest.raises(LinkNotFound):
        link.validate(demo, [PortRequest(network_id="nope")], count=1)
    with pytest.raises(LinkConflict):  # the DHCP port's address
        link.validate(demo, [PortRequest(network_id=private, fixed_ip="10.0.0.2")], count=1)
    with pytest.raises(LinkRefused):
        link.validate(demo, [PortRequest(network_id=private, fixed_ip="192.0.2.9")], count=1)
    with pytest.raises(LinkConflict):
        link.validate(demo, [PortRequest(network_id=private, fixed_ip="10.0.0.9")], count=2)


def test_validate_counts_the_port_quota(cloud: FakeCloud, demo: Caller,
                                        link: NeutronNetworks) -> None:
    admin = Caller(project_id=demo.project_id, user_id="admin", is_admin=True)
    used = cloud.networking.usage(demo.project_id, "port")
    cloud.networking.update_quota(admin, demo.project_id, {"port": used + 2})
    request = [PortRequest(network_id=_private(cloud))]
    link.validate(demo, request, count=2)
    with pytest.raises(LinkOverLimit):
        link.validate(demo, request, count=3)


def test_a_bound_user_port_is_in_use(cloud: FakeCloud, demo: Caller,
                                     link: NeutronNetworks) -> None:
    port = cloud.networking.create_port(demo, demo.project_id, {"network_id": _private(cloud)})
    link.allocate(demo, SERVER, [PortRequest(port_id=port.id)], security_groups=())
    with pytest.raises(LinkConflict):
        link.validate(demo, [PortRequest(port_id=port.id)], count=1)


def test_available_networks_leave_out_the_external_one(cloud: FakeCloud, demo: Caller,
                                                       link: NeutronNetworks) -> None:
    assert [n.name for n in link.available_networks(demo)] == ["private"]


# -- detaching and deleting ---------------------------------------------------------------

def test_a_deleted_server_loses_novas_ports_and_keeps_the_users_unbound(
        cloud: FakeCloud, demo: Caller, link: NeutronNetworks) -> None:
    mine = cloud.networking.create_port(demo, demo.project_id, {"network_id": _private(cloud)})
    made = link.allocate(demo, SERVER, [PortRequest(network_id=_private(cloud)),
                                        PortRequest(port_id=mine.id)], security_groups=())
    assert [v.preserve_on_delete for v in made] == [False, True]
    link.server_deleted(SERVER.id)
    assert made[0].port_id not in cloud.networking.ports
    kept = cloud.networking.ports[mine.id]
    assert (kept.device_id, kept.device_owner, kept.status) == ("", "", "DOWN")
    assert link.vifs(SERVER.id) == []


def test_detach_of_another_servers_port_is_not_found(cloud: FakeCloud, demo: Caller,
                                                     link: NeutronNetworks) -> None:
    made = link.allocate(demo, SERVER, [PortRequest(network_id=_private(cloud))],
                         security_groups=())
    with pytest.raises(LinkNotFound):
        link.detach_interface(demo, "another-server", made[0].port_id)
    link.detach_interface(demo, SERVER.id, made[0].port_id)
    assert made[0].port_id not in cloud.networking.ports


def test_deleting_a_servers_port_in_neutron_refreshes_novas_addresses(
        cloud: FakeCloud, http: requests.Session, neutron: Neutron) -> None:
    server_id, headers = _boot(cloud, http)
    assert list(_addresses(cloud, http, server_id, headers)) == ["private"]
    port = neutron.call("GET", f"/ports?device_id={server_id}").json()["ports"][0]
    assert neutron.call("DELETE", f"/ports/{port['id']}").status_code == 204
    assert _addresses(cloud, http, server_id, headers) == {}


def test_moving_a_port_to_another_device_refreshes_novas_addresses(
        cloud: FakeCloud, http: requests.Session, neutron: Neutron) -> None:
    server_id, headers = _boot(cloud, http)
    port = neutron.call("GET", f"/ports?device_id={server_id}").json()["ports"][0]
    resp = neutron.call("PUT", f"/ports/{port['id']}", {"port": {"device_id": ""}})
    assert resp.status_code == 200, resp.text
    assert _addresses(cloud, http, server_id, headers) == {}


# -- security groups of servers ----------------------------------------------------------

def test_adding_a_group_twice_is_refused_and_removing_an_absent_one_not_found(
        cloud: FakeCloud, demo: Caller, link: NeutronNetworks) -> None:
    link.create_security_group(demo, "web", "")
    link.allocate(demo, SERVER, [PortRequest(network_id=_private(cloud))], security_groups=())
    link.set_server_security_groups(demo, SERVER.id, add="web")
    with pytest.raises(LinkRefused):
        link.set_server_security_groups(demo, SERVER.id, add="web")
    link.set_server_security_groups(demo, SERVER.id, remove="web")
    with pytest.raises(LinkNotFound):
        link.set_server_security_groups(demo, SERVER.id, remove="web")


def test_a_group_named_default_and_a_duplicate_rule_conflict(demo: Caller,
                                                             link: NeutronNetworks) -> None:
    with pytest.raises(LinkConflict):
        link.create_security_group(demo, "default", "")
    group = link.create_security_group(demo, "ssh", "")
    rule = SecurityGroupRuleInfo(id="", group_id=group.id, protocol="tcp", port_range_min=22,
                                 port_range_max=22, remote_ip_prefix="0.0.0.0/0")
    made = link.create_security_group_rule(demo, rule)
    assert (made.protocol, made.port_range_min, made.group_id) == ("tcp", 22, group.id)
    with pytest.raises(LinkConflict):
        link.create_security_group_rule(demo, rule)


# -- floating IPs ------------------------------------------------------------------------

def test_a_floating_ip_from_the_default_pool_comes_from_public(cloud: FakeCloud, demo: Caller,
                                                               link: NeutronNetworks) -> None:
    fip = link.allocate_floating_ip(demo, None)
    assert (fip.pool, fip.fixed_address, fip.server_id) == ("public", None, None)
    assert fip.address.startswith("172.24.4.")
    assert link.floating_ip_pools(demo) == ["public"]
    with pytest.raises(LinkNotFound):
        link.allocate_floating_ip(demo, "nowhere")


def test_associating_through_router1_maps_the_servers_first_ipv4_address(
        cloud: FakeCloud, demo: Caller, link: NeutronNetworks) -> None:
    vif = link.allocate(demo, SERVER, [PortRequest(network_id=_private(cloud))],
                        security_groups=())[0]
    fip = link.allocate_floating_ip(demo, "public")
    link.associate_floating_ip(demo, SERVER.id, fip.address, None)
    fixed = vif.fixed_ips[0].address
    assert [(f.address, f.fixed_address) for f in link.vifs(SERVER.id)[0].floating_ips] == [
        (fip.address, fixed)]
    assert link.floating_ips(demo)[0].server_id == SERVER.id


def test_association_without_a_router_is_refused(cloud: FakeCloud, demo: Caller,
                                                 link: NeutronNetworks) -> None:
    neutron = cloud.networking
    net = neutron.create_network(demo, demo.project_id, {"name": "isolated"})
    neutron.create_subnet(demo, demo.project_id, {"network_id": net.id, "ip_version": 4,
                                                  "cidr": "192.168.77.0/24"})
    link.allocate(demo, SERVER, [PortRequest(network_id=net.id)], security_groups=())
    fip = link.allocate_floating_ip(demo, None)
    with pytest.raises(LinkRefused, match="is not reachable from subnet"):
        link.associate_floating_ip(demo, SERVER.id, fip.address, None)
    assert neutron.floatingips[fip.id].port_id is None


def test_disassociating_from_another_server_conflicts(cloud: FakeCloud, demo: Caller,
                                                      link: NeutronNetworks) -> None:
    link.allocate(demo, SERVER, [PortRequest(network_id=_private(cloud))], security_groups=())
    fip = link.allocate_floating_ip(demo, None)
    link.associate_floating_ip(demo, SERVER.id, fip.address, None)
    with pytest.raises(LinkConflict):
        link.disassociate_floating_ip(demo, "another-server", fip.address)
    link.disassociate_floating_ip(demo, SERVER.id, fip.address)
    assert link.vifs(SERVER.id)[0].floating_ips == ()


def test_a_fixed_address_the_server_lacks_is_not_found(cloud: FakeCloud, demo: Caller,
                                                      link: NeutronNetworks) -> None:
    link.allocate(demo, SERVER, [PortRequest(network_id=_private(cloud))], security_groups=())
    fip = link.allocate_floating_ip(demo, None)
    with pytest.raises(LinkNotFound):
        link.associate_floating_ip(demo, SERVER.id, fip.address, "10.0.0.60")


def test_a_floating_ip_associated_in_neutron_shows_in_novas_addresses(
        cloud: FakeCloud, http: requests.Session, neutron: Neutron) -> None:
    server_id, headers = _boot(cloud, http)
    port = neutron.call("GET", f"/ports?device_id={server_id}").json()["ports"][0]
    fip = neutron.made("/floatingips", {"floatingip": {"floating_network_id": _public(cloud)}})
    resp = neutron.call("PUT", f"/floatingips/{fip['id']}",
                        {"floatingip": {"port_id": port["id"]}})
    assert resp.status_code == 200, resp.text
    kinds = [(a["addr"], a["OS-EXT-IPS:type"])
             for a in _addresses(cloud, http, server_id, headers)["private"]]
    assert (fip["floating_ip_address"], "floating") in kinds
    neutron.call("PUT", f"/floatingips/{fip['id']}", {"floatingip": {"port_id": None}})
    types = [a["OS-EXT-IPS:type"] for a in _addresses(cloud, http, server_id, headers)["private"]]
    assert "floating" not in types
