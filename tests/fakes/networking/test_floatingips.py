"""The fake Neutron's floating IPs over HTTP: allocation from the external network, mapping
through a router, Neutron's refusals, and what deleting the mapped port does."""

from __future__ import annotations

import ipaddress
from typing import Any

import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.caller import Caller
from stackdouble.fakes.networking.errors import IpAddressGenerationFailure
from tests.fakes.networking.conftest import Neutron


def _error(resp: requests.Response) -> tuple[int, str, str]:
    body = resp.json()["NeutronError"]
    return resp.status_code, body["type"], body["message"]


def _network(neutron: Neutron, name: str) -> dict[str, Any]:
    return dict(neutron.call("GET", f"/networks?name={name}").json()["networks"][0])


def _fip(neutron: Neutron, **extra: Any) -> dict[str, Any]:
    public = _network(neutron, "public")["id"]
    return neutron.made("/floatingips", {"floatingip": {"floating_network_id": public,
                                                        **extra}})


def _private_port(neutron: Neutron) -> dict[str, Any]:
    private = _network(neutron, "private")["id"]
    return neutron.made("/ports", {"port": {"network_id": private, "name": "vm-port"}})


def test_a_new_floating_ip_is_down_with_an_address_from_public(neutron: Neutron) -> None:
    fip = _fip(neutron)
    assert (fip["status"], fip["port_id"], fip["router_id"], fip["port_details"]) == (
        "DOWN", None, None, None)
    assert ipaddress.ip_address(fip["floating_ip_address"]) in ipaddress.ip_network(
        "172.24.4.0/24")


def test_mapping_through_router1_is_active_with_port_details(neutron: Neutron) -> None:
    port = _private_port(neutron)
    fip = _fip(neutron, port_id=port["id"])
    router = neutron.call("GET", "/routers?name=router1").json()["routers"][0]
    assert (fip["status"], fip["router_id"], fip["fixed_ip_address"]) == (
        "ACTIVE", router["id"], port["fixed_ips"][0]["ip_address"])
    assert (fip["port_details"]["name"], fip["port_details"]["network_id"]) == (
        "vm-port", port["network_id"])


def test_without_a_router_the_external_network_is_not_reachable(neutron: Neutron) -> None:
    net, sub = neutron.network_with_subnet()
    port = neutron.made("/ports", {"port": {"network_id": net["id"]}})
    fip = _fip(neutron)
    resp = neutron.call("PUT", f"/floatingips/{fip['id']}", {"floatingip": {
        "port_id": port["id"]}})
    assert _error(resp) == (
        404, "ExternalGatewayForFloatingIPNotFound",
        f"External network {fip['floating_network_id']} is not reachable from subnet "
        f"{sub['id']}.  Therefore, cannot associate Port {port['id']} with a Floating IP.")
    again = neutron.call("GET", f"/floatingips/{fip['id']}").json()["floatingip"]
    assert again["port_id"] is None


def test_a_fixed_ip_takes_one_floating_ip_per_external_network(neutron: Neutron) -> None:
    port = _private_port(neutron)
    first = _fip(neutron, port_id=port["id"])
    second = _fip(neutron)
    resp = neutron.call("PUT", f"/floatingips/{second['id']}", {"floatingip": {
        "port_id": port["id"]}})
    assert _error(resp) == (
        409, "FloatingIPPortAlreadyAssociated",
        f"Cannot associate floating IP {second['floating_ip_address']} ({second['id']}) with "
        f"port {port['id']} using fixed IP {first['fixed_ip_address']}, as that fixed IP "
        f"already has a floating IP on external network {second['floating_network_id']}.")


def test_a_member_may_not_choose_the_address_but_an_admin_may(neutron: Neutron,
                                                              admin_neutron: Neutron) -> None:
    resp = neutron.call("POST", "/floatingips", {"floatingip": {
        "floating_network_id": _network(neutron, "public")["id"],
        "floating_ip_address": "172.24.4.200"}})
    assert _error(resp) == (403, "PolicyNotAuthorized",
                            "(rule:create_floatingip and rule:create_floatingip:"
                            "floating_ip_address) is disallowed by policy")
    made = _fip(admin_neutron, floating_ip_address="172.24.4.200")
    assert made["floating_ip_address"] == "172.24.4.200"
    taken = admin_neutron.call("POST", "/floatingips", {"floatingip": {
        "floating_network_id": made["floating_network_id"],
        "floating_ip_address": "172.24.4.200"}})
    assert _error(taken)[:2] == (409, "IpAddressAlreadyAllocated")


def test_a_floating_ip_needs_an_external_network(neutron: Neutron) -> None:
    net, _ = neutron.network_with_subnet()
    resp = neutron.call("POST", "/floatingips", {"floatingip": {
        "floating_network_id": net["id"]}})
    assert _error(resp) == (400, "BadRequest", f"Bad floatingip request: Network {net['id']} "
                                               "is not a valid external network.")


def test_deleting_the_mapped_port_unmaps_the_floating_ip(neutron: Neutron) -> None:
    port = _private_port(neutron)
    fip = _fip(neutron, port_id=port["id"])
    assert neutron.call("DELETE", f"/ports/{port['id']}").status_code == 204
    seen = neutron.call("GET", f"/floatingips/{fip['id']}").json()["floatingip"]
    assert (seen["status"], seen["port_id"], seen["router_id"]) == ("DOWN", None, None)


def test_an_interface_a_floating_ip_needs_cannot_be_removed(neutron: Neutron) -> None:
    port = _private_port(neutron)
    fip = _fip(neutron, port_id=port["id"])
    resp = neutron.call("PUT", f"/routers/{fip['router_id']}/remove_router_interface",
                        {"subnet_id": port["fixed_ips"][0]["subnet_id"]})
    assert _error(resp)[:2] == (409, "RouterInterfaceInUseByFloatingIP")
    gateway = neutron.call("PUT", f"/routers/{fip['router_id']}",
                           {"router": {"external_gateway_info": None}})
    assert _error(gateway)[:2] == (409, "RouterExternalGatewayInUseByFloatingIp")


def test_deleting_a_floating_ip_frees_its_address(neutron: Neutron,
                                                  admin_neutron: Neutron) -> None:
    fip = _fip(neutron)
    assert neutron.call("DELETE", f"/floatingips/{fip['id']}").status_code == 204
    again = _fip(admin_neutron, floating_ip_address=fip["floating_ip_address"])
    assert again["floating_ip_address"] == fip["floating_ip_address"]


def test_another_projects_floating_ip_is_not_found(neutron: Neutron,
                                                   admin_neutron: Neutron) -> None:
    theirs = _fip(admin_neutron)
    assert _error(neutron.call("GET", f"/floatingips/{theirs['id']}")) == (
        404, "FloatingIPNotFound", f"Floating IP {theirs['id']} could not be found")
    assert neutron.call("GET", "/floatingips").json()["floatingips"] == []


def test_the_floating_ip_quota_is_409(neutron: Neutron, admin_neutron: Neutron) -> None:
    admin_neutron.call("PUT", f"/quotas/{neutron.project_id}", {"quota": {"floatingip": 1}})
    _fip(neutron)
    resp = neutron.call("POST", "/floatingips", {"floatingip": {
        "floating_network_id": _network(neutron, "public")["id"]}})
    assert _error(resp) == (409, "OverQuota", "Quota exceeded for resources: ['floatingip'].")


def test_fixed_ip_address_without_port_is_a_bad_request(neutron: Neutron) -> None:
    resp = neutron.call("POST", "/floatingips", {"floatingip": {
        "floating_network_id": _network(neutron, "public")["id"],
        "fixed_ip_address": "10.0.0.5"}})
    assert _error(resp) == (400, "BadRequest", "Bad floatingip request: fixed_ip_address "
                                               "cannot be specified without a port_id.")


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=st.integers(min_value=27, max_value=29), extra=st.integers(0, 4),
       seed=st.integers(0, 2**16))
def test_floating_ips_are_distinct_in_the_pools_until_exhausted(prefix: int, extra: int,
                                                                seed: int) -> None:
    cloud = FakeCloud(seed=seed)
    neutron = cloud.networking
    admin = Caller(project_id=cloud.project_id("admin"), user_id="a", is_admin=True)
    net = neutron.create_network(admin, admin.project_id, {"name": "ext",
                                                           "router:external": True})
    cidr = f"198.51.100.0/{prefix}"
    subnet = neutron.create_subnet(admin, admin.project_id, {
        "network_id": net.id, "cidr": cidr, "ip_version": 4, "enable_dhcp": False})
    room = sum(hi - lo + 1 for lo, hi in
               [(int(ipaddress.ip_address(a)), int(ipaddress.ip_address(b)))
                for a, b in subnet.allocation_pools])
    neutron.update_quota(admin, admin.project_id, {"floatingip": -1})
    got: list[str] = []
    exhausted = False
    for _ in range(room + extra + 1):
        try:
            fip = neutron.create_floatingip(admin, admin.project_id,
                                            {"floating_network_id": net.id})
        except IpAddressGenerationFailure:
            exhausted = True
            break
        got.append(fip.floating_ip_address)
    assert exhausted
    assert len(got) == room
    assert len(set(got)) == len(got)
    assert all(ipaddress.ip_address(a) in ipaddress.ip_network(cidr) and a != subnet.gateway_ip
               for a in got)
