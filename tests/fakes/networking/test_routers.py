"""The fake Neutron's routers over HTTP: DevStack's router1, the gateway and its policies,
interfaces and the rules that keep them (in use, overlapping, one a subnet)."""

from __future__ import annotations

from typing import Any

import requests

from tests.fakes.networking.conftest import Neutron


def _error(resp: requests.Response) -> tuple[int, str, str]:
    body = resp.json()["NeutronError"]
    return resp.status_code, body["type"], body["message"]


def _named(neutron: Neutron, collection: str, name: str) -> dict[str, Any]:
    found = neutron.call("GET", f"/{collection}?name={name}").json()[collection]
    assert len(found) == 1, found
    return dict(found[0])


def _public(neutron: Neutron) -> dict[str, Any]:
    return _named(neutron, "networks", "public")


def test_router1_has_its_gateway_on_public_and_an_interface_on_private_subnet(
        neutron: Neutron) -> None:
    router = _named(neutron, "routers", "router1")
    gateway = router["external_gateway_info"]
    assert (router["status"], gateway["network_id"], gateway["enable_snat"]) == (
        "ACTIVE", _public(neutron)["id"], True)
    assert sorted(ip["ip_address"].split(".")[0] for ip in gateway["external_fixed_ips"]
                  if "." in ip["ip_address"]) == ["172"]
    ports = neutron.call("GET", f"/ports?device_id={router['id']}").json()["ports"]
    assert [(p["device_owner"], p["fixed_ips"][0]["ip_address"]) for p in ports] == [
        ("network:router_interface", "10.0.0.1")]


def test_a_member_may_not_set_snat_but_an_admin_may(neutron: Neutron,
                                                    admin_neutron: Neutron) -> None:
    public = _public(neutron)["id"]
    body = {"router": {"name": "r", "external_gateway_info": {"network_id": public,
                                                              "enable_snat": False}}}
    assert _error(neutron.call("POST", "/routers", body)) == (
        403, "PolicyNotAuthorized",
        "(rule:create_router and (rule:create_router:external_gateway_info and "
        "(rule:create_router:external_gateway_info:network_id and "
        "rule:create_router:external_gateway_info:enable_snat))) is disallowed by policy")
    made = admin_neutron.made("/routers", body)
    assert made["external_gateway_info"]["enable_snat"] is False


def test_a_gateway_must_be_on_an_external_network(neutron: Neutron) -> None:
    net, _ = neutron.network_with_subnet()
    resp = neutron.call("POST", "/routers", {"router": {
        "external_gateway_info": {"network_id": net["id"]}}})
    assert _error(resp) == (400, "BadRequest", f"Bad router request: Network {net['id']} is "
                                               "not an external network.")
    assert [r["name"] for r in neutron.call("GET", "/routers").json()["routers"]] == [
        "router1"]


def test_a_bad_gateway_info_is_a_bad_request(neutron: Neutron) -> None:
    resp = neutron.call("POST", "/routers", {"router": {"external_gateway_info": {"x": 1}}})
    status, kind, message = _error(resp)
    assert (status, kind) == (400, "HTTPBadRequest")
    assert message.startswith("Invalid input for external_gateway_info. Reason: Validation "
                              "of dictionary's keys failed.")


def test_an_interface_takes_the_subnets_gateway_once(neutron: Neutron) -> None:
    _, sub = neutron.network_with_subnet()
    router = neutron.made("/routers", {"router": {"name": "r"}})
    resp = neutron.call("PUT", f"/routers/{router['id']}/add_router_interface",
                        {"subnet_id": sub["id"]})
    assert resp.status_code == 200, resp.text
    info = resp.json()
    port = neutron.call("GET", f"/ports/{info['port_id']}").json()["port"]
    assert (info["id"], info["subnet_ids"], port["device_owner"], port["fixed_ips"]) == (
        router["id"], [sub["id"]], "network:router_interface",
        [{"subnet_id": sub["id"], "ip_address": "192.168.10.1"}])
    again = neutron.call("PUT", f"/routers/{router['id']}/add_router_interface",
                         {"subnet_id": sub["id"]})
    assert _error(again) == (400, "BadRequest", "Bad router request: Router already has a "
                                                f"port on subnet {sub['id']}.")


def test_a_subnet_without_gateway_and_an_overlapping_one_are_refused(neutron: Neutron) -> None:
    router = neutron.made("/routers", {"router": {"name": "r"}})
    _, bare = neutron.network_with_subnet("192.168.20.0/29", gateway_ip=None)
    resp = neutron.call("PUT", f"/routers/{router['id']}/add_router_interface",
                        {"subnet_id": bare["id"]})
    assert _error(resp)[2] == ("Bad router request: Subnet for router interface must have a "
                               "gateway IP.")
    _, first = neutron.network_with_subnet("192.168.30.0/24")
    _, second = neutron.network_with_subnet("192.168.30.0/25")
    path = f"/routers/{router['id']}/add_router_interface"
    assert neutron.call("PUT", path, {"subnet_id": first["id"]}).status_code == 200
    assert _error(neutron.call("PUT", path, {"subnet_id": second["id"]})) == (
        400, "BadRequest", f"Bad router request: Cidr 192.168.30.0/25 of subnet "
                           f"{second['id']} overlaps with cidr 192.168.30.0/24 of subnet "
                           f"{first['id']}.")


def test_interface_bodies_need_exactly_one_of_subnet_or_port(neutron: Neutron) -> None:
    router = neutron.made("/routers", {"router": {"name": "r"}})
    path = f"/routers/{router['id']}/add_router_interface"
    assert _error(neutron.call("PUT", path, {}))[2] == (
        "Bad router request: Either subnet_id or port_id must be specified.")
    both = {"subnet_id": "0d5f2f7e-7d4a-4c4e-9a57-0b9b3a0b6a01",
            "port_id": "0d5f2f7e-7d4a-4c4e-9a57-0b9b3a0b6a02"}
    assert _error(neutron.call("PUT", path, both))[2] == (
        "Bad router request: Cannot specify both subnet-id and port-id.")


def test_a_users_port_becomes_an_interface_unless_in_use(neutron: Neutron) -> None:
    net, _ = neutron.network_with_subnet()
    router = neutron.made("/routers", {"router": {"name": "r"}})
    port = neutron.made("/ports", {"port": {"network_id": net["id"]}})
    busy = neutron.made("/ports", {"port": {"network_id": net["id"], "device_id": "vm"}})
    path = f"/routers/{router['id']}/add_router_interface"
    assert _error(neutron.call("PUT", path, {"port_id": busy["id"]}))[:2] == (409, "PortInUse")
    assert neutron.call("PUT", path, {"port_id": port["id"]}).status_code == 200
    seen = neutron.call("GET", f"/ports/{port['id']}").json()["port"]
    assert (seen["device_id"], seen["device_owner"]) == (router["id"],
                                                         "network:router_interface")


def test_a_router_with_interfaces_cannot_be_deleted(neutron: Neutron) -> None:
    router = _named(neutron, "routers", "router1")
    port = neutron.call("GET", f"/ports?device_id={router['id']}"
                               "&device_owner=network:router_interface").json()["ports"][0]
    assert _error(neutron.call("DELETE", f"/routers/{router['id']}")) == (
        409, "RouterInUse", f"Router {router['id']} has ports still attached: {port['id']}")
    subnet = port["fixed_ips"][0]["subnet_id"]
    resp = neutron.call("PUT", f"/routers/{router['id']}/remove_router_interface",
                        {"subnet_id": subnet})
    assert (resp.status_code, resp.json()["port_id"]) == (200, port["id"])
    assert neutron.call("DELETE", f"/routers/{router['id']}").status_code == 204
    assert neutron.call("GET", f"/ports?device_id={router['id']}").json()["ports"] == []


def test_a_subnet_and_network_with_an_interface_cannot_be_deleted(neutron: Neutron) -> None:
    private = _named(neutron, "networks", "private")
    subnet = _named(neutron, "subnets", "private-subnet")
    assert _error(neutron.call("DELETE", f"/subnets/{subnet['id']}"))[:2] == (
        409, "SubnetInUse")
    assert _error(neutron.call("DELETE", f"/networks/{private['id']}"))[:2] == (
        409, "NetworkInUse")


def test_a_routers_port_cannot_be_deleted_through_the_port_api(neutron: Neutron) -> None:
    router = _named(neutron, "routers", "router1")
    port = neutron.call("GET", f"/ports?device_id={router['id']}").json()["ports"][0]
    assert _error(neutron.call("DELETE", f"/ports/{port['id']}")) == (
        409, "ServicePortInUse", f"Port {port['id']} cannot be deleted directly via the port "
                                 "API: has device owner network:router_interface.")


def test_removing_an_interface_the_router_lacks_is_not_found(neutron: Neutron) -> None:
    _, sub = neutron.network_with_subnet()
    router = neutron.made("/routers", {"router": {"name": "r"}})
    resp = neutron.call("PUT", f"/routers/{router['id']}/remove_router_interface",
                        {"subnet_id": sub["id"]})
    assert _error(resp) == (404, "RouterInterfaceNotFoundForSubnet",
                            f"Router {router['id']} has no interface on subnet {sub['id']}")


def test_another_projects_router_is_not_found(neutron: Neutron,
                                              admin_neutron: Neutron) -> None:
    router = admin_neutron.made("/routers", {"router": {"name": "theirs"}})
    assert _error(neutron.call("GET", f"/routers/{router['id']}")) == (
        404, "RouterNotFound", f"Router {router['id']} could not be found")


def test_the_router_quota_is_409(neutron: Neutron, admin_neutron: Neutron) -> None:
    resp = admin_neutron.call("PUT", f"/quotas/{neutron.project_id}", {"quota": {"router": 1}})
    assert resp.status_code == 200
    assert _error(neutron.call("POST", "/routers", {"router": {"name": "r2"}})) == (
        409, "OverQuota", "Quota exceeded for resources: ['router'].")


def test_clearing_the_gateway_removes_its_port(neutron: Neutron) -> None:
    public = _public(neutron)["id"]
    router = neutron.made("/routers", {"router": {"external_gateway_info": {
        "network_id": public}}})
    resp = neutron.call("PUT", f"/routers/{router['id']}",
                        {"router": {"external_gateway_info": {}}})
    assert resp.json()["router"]["external_gateway_info"] is None
    assert neutron.call("GET", f"/ports?device_id={router['id']}").json()["ports"] == []


def test_the_extensions_list_routers_and_floating_ips(neutron: Neutron) -> None:
    aliases = {e["alias"] for e in neutron.call("GET", "/extensions").json()["extensions"]}
    assert {"router", "ext-gw-mode", "external-net", "fip-port-details"} <= aliases
    assert "l3_agent_scheduler" not in aliases
