"""Neutron (Networking v2.0): the user flow of network, subnet, port with a fixed IP, security
group and rule, router with an external gateway and an interface, floating IP created and
associated, quotas; listings with `<resource>_links`, `fields=`, and Neutron's errors.

Checked live against a real Neutron 29.0.0 with ML2 and no agents (`python -m
stackdouble.realcloud start`; what it answered is in `samples/neutron/`). Each test makes
resources named `contract-<test>` and deletes them afterwards. The external network is the
`public` one devstack (and realcloud) seed. What a real cloud's agents would change later
(a port going ACTIVE, a floating IP going ACTIVE, a network's DHCP port) is not asserted:
realcloud runs no agent.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from stackdouble.client import EndpointOpts, ProviderClient, ServiceClient
from stackdouble.client.openstack import new_service_client
from tests.contract.conftest import call

MISSING = "00000000-0000-0000-0000-000000000000"
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")

#: Neutron's defaults ([quotas] in neutron.conf), as a project that never changed them sees.
DEFAULT_QUOTAS = {"network": 100, "subnet": 100, "subnetpool": -1, "port": 500,
                  "router_route": 30, "router": 10, "floatingip": 50, "rbac_policy": 10,
                  "security_group": 10, "security_group_rule": 100}


def neutron_error(kind: str, message: str) -> dict[str, Any]:
    """Neutron's error body: `NeutronError` with the exception's name and message."""
    return {"NeutronError": {"type": kind, "message": message, "detail": ""}}


class Made:
    """Creates Neutron resources for one test and deletes them afterwards, newest first
    (floating IPs and router interfaces before what they use)."""

    def __init__(self, client: ServiceClient, prefix: str) -> None:
        self.client = client
        self.prefix = prefix
        self.undo: list[tuple[str, str, Any]] = []

    def url(self, *parts: str) -> str:
        """`<root>/v2.0/<parts...>`."""
        return self.client.service_url(*parts)

    def create(self, collection: str, key: str, suffix: str = "", **body: Any) -> Any:
        """POST a `<key>` named `<prefix><suffix>` to `<collection>`; its JSON."""
        sent = {"name": self.prefix + suffix, **body}
        resp = call(self.client, "POST", self.url(collection), json={key: sent})
        assert resp.status_code == 201, resp.text
        made = resp.json()[key]
        self.undo.append(("DELETE", self.url(collection, made["id"]), None))
        return made

    def network_with_subnet(self, cidr: str = "192.168.77.0/24") -> tuple[Any, Any]:
        """A new network and an IPv4 subnet of `cidr` on it."""
        net = self.create("networks", "network")
        sub = self.create("subnets", "subnet", network_id=net["id"], ip_version=4, cidr=cidr)
        return net, sub

    def router_on(self, public: str, subnet_id: str) -> Any:
        """A router with its gateway on `public` and an interface on `subnet_id`."""
        router = self.create("routers", "router", external_gateway_info={"network_id": public})
        added = call(self.client, "PUT", self.url("routers", router["id"],
                                                  "add_router_interface"),
                     json={"subnet_id": subnet_id})
        assert added.status_code == 200, added.text
        self.undo.append(("PUT", self.url("routers", router["id"], "remove_router_interface"),
                          {"subnet_id": subnet_id}))
        return router

    def cleanup(self) -> None:
        """Undo: floating IPs, then router interfaces (Neutron refuses to remove one a
        floating IP goes through), then the rest newest first; what is already gone answers
        404 and is passed over."""
        def rank(step: tuple[str, str, Any]) -> int:
            return 0 if "/floatingips/" in step[1] else 1 if step[0] == "PUT" else 2

        for method, url, body in sorted(reversed(self.undo), key=rank):
            call(self.client, method, url, json=body)


@pytest.fixture
def network(openstack_provider: ProviderClient) -> ServiceClient:
    """The Neutron client of the mode's cloud (demo user): the catalog's `network` root,
    resources under its `v2.0/`."""
    return new_service_client(openstack_provider, EndpointOpts(region="RegionOne"), "network",
                              resource_suffix="v2.0/")


@pytest.fixture
def made(network: ServiceClient, request: pytest.FixtureRequest) -> Iterator[Made]:
    """Resources named `contract-<test>`, deleted afterwards."""
    tracker = Made(network, f"contract-{request.node.originalname.removeprefix('test_')}")
    yield tracker
    tracker.cleanup()


@pytest.fixture
def public(network: ServiceClient) -> str:
    """The id of the external network `public` (seeded as devstack does)."""
    resp = call(network, "GET", network.service_url("networks") +
                "?name=public&router:external=true")
    assert resp.status_code == 200, resp.text
    found = resp.json()["networks"]
    assert len(found) == 1, found
    return str(found[0]["id"])


def project_of(client: ServiceClient) -> str:
    """The id of the project the client's token is scoped to."""
    return str(client.provider.auth_result.extract_project().id)


def assert_answered_json(resp: requests.Response, status: int) -> None:
    """Neutron's status, JSON and request id."""
    assert resp.status_code == status, resp.text
    assert resp.headers["Content-Type"] == "application/json"
    assert resp.headers["x-openstack-request-id"].startswith("req-")


def test_network_create_is_201_active_with_defaults(network: ServiceClient, made: Made) -> None:
    resp = call(network, "POST", made.url("networks"), json={"network": {"name": made.prefix}})
    assert_answered_json(resp, 201)
    body = resp.json()["network"]
    made.undo.append(("DELETE", made.url("networks", body["id"]), None))
    project = project_of(network)
    assert (body["name"], body["project_id"], body["tenant_id"]) == (made.prefix, project,
                                                                     project)
    assert (body["status"], body["admin_state_up"], body["shared"]) == ("ACTIVE", True, False)
    assert (body["router:external"], body["port_security_enabled"]) == (False, True)
    assert (body["subnets"], body["tags"], body["description"]) == ([], [], "")
    assert body["mtu"] == 1442  # a Geneve project network (devstack's): 1500 less 38 + 20
    assert body["revision_number"] == 1
    assert TIMESTAMP.match(body["created_at"])
    assert TIMESTAMP.match(body["updated_at"])
    shown = call(network, "GET", made.url("networks", body["id"]))
    assert_answered_json(shown, 200)
    assert shown.json()["network"]["id"] == body["id"]


def test_subnet_create_takes_gateway_and_pool_from_cidr(network: ServiceClient,
                                                        made: Made) -> None:
    net = made.create("networks", "network")
    resp = call(network, "POST", made.url("subnets"), json={"subnet": {
        "name": made.prefix, "network_id": net["id"], "ip_version": 4,
        "cidr": "192.168.77.0/24"}})
    assert_answered_json(resp, 201)
    body = resp.json()["subnet"]
    made.undo.append(("DELETE", made.url("subnets", body["id"]), None))
    assert (body["network_id"], body["cidr"], body["ip_version"]) == (
        net["id"], "192.168.77.0/24", 4)
    assert body["gateway_ip"] == "192.168.77.1"
    assert body["allocation_pools"] == [{"start": "192.168.77.2", "end": "192.168.77.254"}]
    assert (body["enable_dhcp"], body["dns_nameservers"], body["host_routes"]) == (True, [], [])
    assert (body["ipv6_ra_mode"], body["ipv6_address_mode"], body["subnetpool_id"]) == (
        None, None, None)
    shown = call(network, "GET", made.url("networks", net["id"])).json()["network"]
    assert shown["subnets"] == [body["id"]]


def test_subnet_with_a_bad_cidr_is_400(network: ServiceClient, made: Made) -> None:
    net = made.create("networks", "network")
    resp = call(network, "POST", made.url("subnets"), json={"subnet": {
        "network_id": net["id"], "ip_version": 4, "cidr": "192.168.77.0/33"}})
    assert_answered_json(resp, 400)
    assert resp.json() == neutron_error(
        "InvalidInput", "Invalid input for operation: 192.168.77.0/33 is not in a CIDR format.")


def test_port_with_a_fixed_ip_gets_it_a_mac_and_the_default_group(network: ServiceClient,
                                                                  made: Made) -> None:
    net, sub = made.network_with_subnet()
    resp = call(network, "POST", made.url("ports"), json={"port": {
        "name": made.prefix, "network_id": net["id"],
        "fixed_ips": [{"subnet_id": sub["id"], "ip_address": "192.168.77.10"}]}})
    assert_answered_json(resp, 201)
    port = resp.json()["port"]
    made.undo.append(("DELETE", made.url("ports", port["id"]), None))
    assert port["fixed_ips"] == [{"subnet_id": sub["id"], "ip_address": "192.168.77.10"}]
    assert re.fullmatch(r"fa:16:3e(:[0-9a-f]{2}){3}", port["mac_address"])
    assert (port["status"], port["admin_state_up"]) == ("DOWN", True)  # no agent bound it yet
    assert (port["device_id"], port["device_owner"]) == ("", "")
    assert port["binding:vnic_type"] == "normal"
    default = call(network, "GET", made.url("security-groups") + "?name=default").json()
    assert port["security_groups"] == [default["security_groups"][0]["id"]]


def test_port_without_an_ip_gets_one_from_the_pool(network: ServiceClient, made: Made) -> None:
    net, sub = made.network_with_subnet()
    port = made.create("ports", "port", network_id=net["id"])
    [fixed] = port["fixed_ips"]
    assert fixed["subnet_id"] == sub["id"]
    address = ipaddress.ip_address(fixed["ip_address"])
    pool = sub["allocation_pools"][0]
    assert ipaddress.ip_address(pool["start"]) <= address <= ipaddress.ip_address(pool["end"])


def test_port_with_an_address_in_use_is_409(network: ServiceClient, made: Made) -> None:
    net, sub = made.network_with_subnet()
    made.create("ports", "port", network_id=net["id"],
                fixed_ips=[{"ip_address": "192.168.77.10"}])
    again = call(network, "POST", made.url("ports"), json={"port": {
        "network_id": net["id"], "fixed_ips": [{"ip_address": "192.168.77.10"}]}})
    assert_answered_json(again, 409)
    assert again.json() == neutron_error(
        "IpAddressAlreadyAllocated",
        f"IP address 192.168.77.10 already allocated in subnet {sub['id']}")
    listed = call(network, "GET", made.url("ports") + f"?network_id={net['id']}").json()
    assert [p["fixed_ips"][0]["ip_address"] for p in listed["ports"]
            if p["device_owner"] != "network:dhcp"] == ["192.168.77.10"]


def test_every_project_has_a_default_security_group(network: ServiceClient) -> None:
    resp = call(network, "GET", network.service_url("security-groups") + "?name=default")
    assert_answered_json(resp, 200)
    [group] = resp.json()["security_groups"]
    assert (group["description"], group["project_id"]) == ("Default security group",
                                                           project_of(network))
    rules = {(r["direction"], r["ethertype"], r["remote_group_id"])
             for r in group["security_group_rules"]}
    assert rules == {("ingress", "IPv4", group["id"]), ("ingress", "IPv6", group["id"]),
                     ("egress", "IPv4", None), ("egress", "IPv6", None)}


def test_security_group_starts_with_egress_rules_and_takes_one(network: ServiceClient,
                                                               made: Made) -> None:
    resp = call(network, "POST", made.url("security-groups"), json={"security_group": {
        "name": made.prefix, "description": "ssh in"}})
    assert_answered_json(resp, 201)
    group = resp.json()["security_group"]
    made.undo.append(("DELETE", made.url("security-groups", group["id"]), None))
    assert (group["description"], group["stateful"], group["shared"]) == ("ssh in", True, False)
    assert sorted((r["direction"], r["ethertype"], r["protocol"], r["remote_ip_prefix"])
                  for r in group["security_group_rules"]) == [
        ("egress", "IPv4", None, None), ("egress", "IPv6", None, None)]
    sent = {"security_group_id": group["id"], "direction": "ingress", "ethertype": "IPv4",
            "protocol": "tcp", "port_range_min": 22, "port_range_max": 22,
            "remote_ip_prefix": "0.0.0.0/0"}
    created = call(network, "POST", made.url("security-group-rules"),
                   json={"security_group_rule": sent})
    assert_answered_json(created, 201)
    rule = created.json()["security_group_rule"]
    assert {key: rule[key] for key in sent} == sent
    assert (rule["remote_group_id"], rule["project_id"]) == (None, project_of(network))
    again = call(network, "POST", made.url("security-group-rules"),
                 json={"security_group_rule": sent})
    assert_answered_json(again, 409)
    assert again.json() == neutron_error(
        "SecurityGroupRuleExists", f"Security group rule already exists. Rule id is {rule['id']}.")
    deleted = call(network, "DELETE", made.url("security-group-rules", rule["id"]))
    assert (deleted.status_code, deleted.content) == (204, b"")


def test_router_with_gateway_takes_an_interface(network: ServiceClient, made: Made,
                                                public: str) -> None:
    net, sub = made.network_with_subnet()
    resp = call(network, "POST", made.url("routers"), json={"router": {
        "name": made.prefix, "external_gateway_info": {"network_id": public}}})
    assert_answered_json(resp, 201)
    router = resp.json()["router"]
    made.undo.append(("DELETE", made.url("routers", router["id"]), None))
    assert (router["status"], router["admin_state_up"], router["routes"]) == ("ACTIVE", True, [])
    gateway = router["external_gateway_info"]
    assert (gateway["network_id"], gateway["enable_snat"]) == (public, True)
    # one address on each of public's subnets: devstack's also has an IPv6 one
    [external] = [ip["ip_address"] for ip in gateway["external_fixed_ips"]
                  if ipaddress.ip_address(ip["ip_address"]).version == 4]
    assert ipaddress.ip_address(external) in ipaddress.ip_network("172.24.4.0/24")
    added = call(network, "PUT", made.url("routers", router["id"], "add_router_interface"),
                 json={"subnet_id": sub["id"]})
    assert_answered_json(added, 200)
    made.undo.append(("PUT", made.url("routers", router["id"], "remove_router_interface"),
                      {"subnet_id": sub["id"]}))
    info = added.json()
    assert (info["id"], info["network_id"], info["subnet_id"], info["subnet_ids"]) == (
        router["id"], net["id"], sub["id"], [sub["id"]])
    interface = call(network, "GET", made.url("ports", info["port_id"])).json()["port"]
    assert (interface["device_id"], interface["device_owner"]) == (
        router["id"], "network:router_interface")
    assert interface["fixed_ips"] == [{"subnet_id": sub["id"], "ip_address": "192.168.77.1"}]
    in_use = call(network, "DELETE", made.url("subnets", sub["id"]))
    assert_answered_json(in_use, 409)
    assert in_use.json()["NeutronError"]["type"] == "SubnetInUse"


def test_floating_ip_associates_only_through_a_router(network: ServiceClient, made: Made,
                                                      public: str) -> None:
    net, sub = made.network_with_subnet()
    port = made.create("ports", "port", network_id=net["id"],
                       fixed_ips=[{"ip_address": "192.168.77.10"}])
    resp = call(network, "POST", made.url("floatingips"),
                json={"floatingip": {"floating_network_id": public}})
    assert_answered_json(resp, 201)
    fip = resp.json()["floatingip"]
    made.undo.append(("DELETE", made.url("floatingips", fip["id"]), None))
    assert (fip["port_id"], fip["fixed_ip_address"], fip["router_id"]) == (None, None, None)
    assert (fip["status"], fip["floating_network_id"]) == ("DOWN", public)
    assert ipaddress.ip_address(fip["floating_ip_address"]) in ipaddress.ip_network(
        "172.24.4.0/24")
    unreachable = call(network, "PUT", made.url("floatingips", fip["id"]),
                       json={"floatingip": {"port_id": port["id"]}})
    assert_answered_json(unreachable, 404)
    assert unreachable.json() == neutron_error(
        "ExternalGatewayForFloatingIPNotFound",
        f"External network {public} is not reachable from subnet {sub['id']}.  Therefore, "
        f"cannot associate Port {port['id']} with a Floating IP.")
    router = made.router_on(public, sub["id"])
    associated = call(network, "PUT", made.url("floatingips", fip["id"]),
                      json={"floatingip": {"port_id": port["id"]}})
    assert_answered_json(associated, 200)
    body = associated.json()["floatingip"]
    assert (body["port_id"], body["fixed_ip_address"], body["router_id"]) == (
        port["id"], "192.168.77.10", router["id"])
    assert body["floating_ip_address"] == fip["floating_ip_address"]
    assert body["port_details"]["network_id"] == net["id"]
    shown = call(network, "GET", made.url("floatingips", fip["id"])).json()["floatingip"]
    assert shown["port_id"] == port["id"]
    in_use = call(network, "DELETE", made.url("routers", router["id"]))
    assert_answered_json(in_use, 409)
    assert in_use.json()["NeutronError"]["type"] == "RouterInUse"


def test_quotas_show_the_defaults_and_what_is_used(network: ServiceClient, made: Made) -> None:
    project = project_of(network)
    resp = call(network, "GET", made.url("quotas", project))
    assert_answered_json(resp, 200)
    assert resp.json() == {"quota": DEFAULT_QUOTAS}
    before = call(network, "GET", made.url("quotas", project, "details")).json()["quota"]
    made.create("networks", "network")
    after = call(network, "GET", made.url("quotas", project, "details")).json()["quota"]
    assert set(after) == set(DEFAULT_QUOTAS)
    assert after["network"] == {"limit": 100, "used": before["network"]["used"] + 1,
                                "reserved": 0}


def test_listing_pages_by_links_sorted_by_name(network: ServiceClient, made: Made) -> None:
    ids = {suffix: made.create("networks", "network", f"-{suffix}")["id"]
           for suffix in ("b", "c", "a")}
    names = "&".join(f"name={made.prefix}-{suffix}" for suffix in "abc")
    url = f"{made.url('networks')}?{names}&sort_key=name&sort_dir=asc&limit=2"
    first = call(network, "GET", url)
    assert_answered_json(first, 200)
    body = first.json()
    assert [n["id"] for n in body["networks"]] == [ids["a"], ids["b"]]
    links = {link["rel"]: link["href"] for link in body["networks_links"]}
    assert set(links) == {"next", "previous"}
    assert links["next"].endswith(f"&marker={ids['b']}")
    second = call(network, "GET", links["next"]).json()
    assert [n["id"] for n in second["networks"]] == [ids["c"]]
    assert [link["rel"] for link in second["networks_links"]] == ["previous"]


def test_fields_select_the_attributes(network: ServiceClient, made: Made) -> None:
    net = made.create("networks", "network")
    resp = call(network, "GET", made.url("networks", net["id"]) + "?fields=id&fields=name")
    assert_answered_json(resp, 200)
    assert resp.json() == {"network": {"id": net["id"], "name": made.prefix}}


def test_missing_network_is_404(network: ServiceClient) -> None:
    resp = call(network, "GET", network.service_url("networks", MISSING))
    assert_answered_json(resp, 404)
    assert resp.json() == neutron_error("NetworkNotFound",
                                        f"Network {MISSING} could not be found.")


def test_member_may_not_make_an_external_network(network: ServiceClient, made: Made) -> None:
    resp = call(network, "POST", made.url("networks"), json={"network": {
        "name": made.prefix, "router:external": True}})
    assert_answered_json(resp, 403)
    assert resp.json() == neutron_error(
        "PolicyNotAuthorized",
        "(rule:create_network and rule:create_network:router:external) is disallowed by policy")
    listed = call(network, "GET", made.url("networks") + f"?name={made.prefix}").json()
    assert listed["networks"] == []


def test_network_with_a_port_is_409_to_delete(network: ServiceClient, made: Made) -> None:
    net, _ = made.network_with_subnet()
    port = made.create("ports", "port", network_id=net["id"])
    resp = call(network, "DELETE", made.url("networks", net["id"]))
    assert_answered_json(resp, 409)
    error = resp.json()["NeutronError"]
    assert error["type"] == "NetworkInUse"
    assert error["message"].startswith(
        f"Unable to complete operation on network {net['id']}. There are one or more ports "
        "still in use on the network, id for these ports is: ")
    assert port["id"] in error["message"]
    deleted = call(network, "DELETE", made.url("ports", port["id"]))
    assert (deleted.status_code, deleted.content) == (204, b"")
