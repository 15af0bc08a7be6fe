"""The fake Neutron over HTTP: seed, errors, policies, IPAM, security groups, quotas, tags,
listing."""

from __future__ import annotations

import requests

from stackdouble.fakes import FakeCloud
from tests.fakes.networking.conftest import Neutron


def _error(resp: requests.Response) -> tuple[int, str, str]:
    body = resp.json()["NeutronError"]
    assert body["detail"] == ""
    return resp.status_code, body["type"], body["message"]


def test_the_demo_project_sees_devstacks_networks(neutron: Neutron) -> None:
    nets = neutron.call("GET", "/networks").json()["networks"]
    assert sorted((n["name"], n["router:external"]) for n in nets) == [
        ("private", False), ("public", True)]
    subnets = neutron.call("GET", "/subnets").json()["subnets"]
    assert sorted(s["name"] for s in subnets) == ["ipv6-private-subnet", "private-subnet"]


def test_the_private_network_has_a_dhcp_port_on_the_first_address(neutron: Neutron) -> None:
    ports = neutron.call("GET", "/ports?device_owner=network:dhcp").json()["ports"]
    assert len(ports) == 1
    assert ports[0]["fixed_ips"][0]["ip_address"] == "10.0.0.2"
    assert ports[0]["mac_address"].startswith("fa:16:3e:")


def test_provider_attributes_are_hidden_from_a_member(neutron: Neutron,
                                                      admin_neutron: Neutron) -> None:
    mine = neutron.call("GET", "/networks?name=private").json()["networks"][0]
    assert "provider:network_type" not in mine
    seen = admin_neutron.call("GET", f"/networks/{mine['id']}").json()["network"]
    assert seen["provider:network_type"] == "geneve"


def test_a_member_cannot_create_a_shared_network(neutron: Neutron) -> None:
    resp = neutron.call("POST", "/networks", {"network": {"name": "x", "shared": True}})
    assert _error(resp) == (403, "PolicyNotAuthorized",
                            "(rule:create_network and rule:create_network:shared) is "
                            "disallowed by policy")


def test_an_unknown_network_is_network_not_found(neutron: Neutron) -> None:
    resp = neutron.call("GET", "/networks/nope")
    assert _error(resp) == (404, "NetworkNotFound", "Network nope could not be found.")


def test_an_unknown_attribute_is_a_bad_request(neutron: Neutron) -> None:
    resp = neutron.call("POST", "/networks", {"network": {"nme": "x"}})
    assert _error(resp) == (400, "HTTPBadRequest", "Unrecognized attribute(s) 'nme'")


def test_without_a_token_keystonemiddleware_answers_401(neutron: Neutron) -> None:
    resp = neutron.http.get(neutron.url + "/networks")
    assert resp.status_code == 401


def test_the_version_document_needs_no_token(cloud: FakeCloud,
                                             http: requests.Session) -> None:
    resp = http.get(f"{cloud.base_url}/networking/")
    assert resp.json()["versions"][0]["links"][0]["href"] == \
        f"{cloud.base_url}/networking/v2.0/"


def test_a_given_address_is_honoured_and_a_taken_one_is_409(neutron: Neutron) -> None:
    net, sub = neutron.network_with_subnet()
    port = neutron.made("/ports", {"port": {"network_id": net["id"], "fixed_ips": [
        {"ip_address": "192.168.10.5"}]}})
    assert port["fixed_ips"] == [{"subnet_id": sub["id"], "ip_address": "192.168.10.5"}]
    resp = neutron.call("POST", "/ports", {"port": {"network_id": net["id"], "fixed_ips": [
        {"ip_address": "192.168.10.5"}]}})
    assert _error(resp) == (409, "IpAddressAlreadyAllocated",
                            f"IP address 192.168.10.5 already allocated in subnet {sub['id']}")


def test_an_exhausted_subnet_is_409_and_changes_nothing(neutron: Neutron) -> None:
    net, sub = neutron.network_with_subnet()  # .2 DHCP, .3-.6 free
    for _ in range(4):
        neutron.made("/ports", {"port": {"network_id": net["id"]}})
    before = len(neutron.call("GET", "/ports").json()["ports"])
    resp = neutron.call("POST", "/ports", {"port": {"network_id": net["id"], "fixed_ips": [
        {"subnet_id": sub["id"]}]}})
    assert _error(resp) == (409, "IpAddressGenerationFailure",
                            f"No more IP addresses available for subnet {sub['id']}.")
    assert len(neutron.call("GET", "/ports").json()["ports"]) == before


def test_a_pool_outside_the_cidr_is_refused(neutron: Neutron) -> None:
    net = neutron.made("/networks", {"network": {"name": "n"}})
    resp = neutron.call("POST", "/subnets", {"subnet": {
        "network_id": net["id"], "cidr": "10.9.0.0/24", "ip_version": 4,
        "allocation_pools": [{"start": "10.9.0.10", "end": "10.9.1.5"}]}})
    assert _error(resp) == (400, "OutOfBoundsAllocationPool",
                            "The allocation pool 10.9.0.10-10.9.1.5 spans beyond the subnet "
                            "cidr 10.9.0.0/24.")


def test_a_network_with_a_port_is_in_use(neutron: Neutron) -> None:
    net, _ = neutron.network_with_subnet()
    port = neutron.made("/ports", {"port": {"network_id": net["id"]}})
    resp = neutron.call("DELETE", f"/networks/{net['id']}")
    status, kind, _message = _error(resp)
    assert (status, kind) == (409, "NetworkInUse")
    assert neutron.call("DELETE", f"/ports/{port['id']}").status_code == 204
    assert neutron.call("DELETE", f"/networks/{net['id']}").status_code == 204


def test_a_port_gets_the_projects_default_group(neutron: Neutron) -> None:
    net, _ = neutron.network_with_subnet()
    port = neutron.made("/ports", {"port": {"network_id": net["id"]}})
    groups = neutron.call("GET", "/security-groups?name=default").json()["security_groups"]
    assert port["security_groups"] == [groups[0]["id"]]
    assert port["status"] == "DOWN"
    rules = {(r["direction"], r["ethertype"], r["remote_group_id"] is not None)
             for r in groups[0]["security_group_rules"]}
    assert rules == {("egress", "IPv4", False), ("egress", "IPv6", False),
                     ("ingress", "IPv4", True), ("ingress", "IPv6", True)}


def test_a_duplicate_rule_is_409_and_the_default_group_stays(neutron: Neutron) -> None:
    group = neutron.made("/security-groups", {"security_group": {"name": "web"}})
    rule = {"security_group_rule": {"security_group_id": group["id"], "direction": "ingress",
                                    "protocol": "tcp", "port_range_min": 22,
                                    "port_range_max": 22}}
    made = neutron.made("/security-group-rules", rule)
    resp = neutron.call("POST", "/security-group-rules", rule)
    assert _error(resp) == (409, "SecurityGroupRuleExists",
                            f"Security group rule already exists. Rule id is {made['id']}.")
    default = neutron.call("GET", "/security-groups?name=default").json()["security_groups"][0]
    resp = neutron.call("DELETE", f"/security-groups/{default['id']}")
    assert _error(resp)[:2] == (409, "SecurityGroupCannotRemoveDefault")


def test_over_quota_is_409(neutron: Neutron, admin_neutron: Neutron) -> None:
    resp = admin_neutron.call("PUT", f"/quotas/{neutron.project_id}",
                              {"quota": {"network": 1}})
    assert resp.json()["quota"]["network"] == 1
    resp = neutron.call("POST", "/networks", {"network": {"name": "x"}})
    assert _error(resp) == (409, "OverQuota", "Quota exceeded for resources: ['network'].")
    details = neutron.call("GET", f"/quotas/{neutron.project_id}/details").json()["quota"]
    assert details["network"] == {"used": 1, "limit": 1, "reserved": 0}


def test_tags_and_tag_filters(neutron: Neutron) -> None:
    net = neutron.made("/networks", {"network": {"name": "t"}})
    resp = neutron.call("PUT", f"/networks/{net['id']}/tags", {"tags": ["a", "b"]})
    assert resp.json() == {"tags": ["a", "b"]}
    assert neutron.call("GET", f"/networks/{net['id']}/tags/a").status_code == 204
    found = neutron.call("GET", "/networks?tags=a,b&fields=name").json()["networks"]
    assert found == [{"name": "t"}]
    assert neutron.call("GET", "/networks?not-tags-any=a").json()["networks"] != []
    assert neutron.call("DELETE", f"/networks/{net['id']}/tags/zz").status_code == 404


def test_pages_carry_neutrons_links(neutron: Neutron) -> None:
    resp = neutron.call("GET", "/networks?limit=1&sort_key=name&sort_dir=asc").json()
    assert [n["name"] for n in resp["networks"]] == ["private"]
    rels = [link["rel"] for link in resp["networks_links"]]
    assert rels == ["next", "previous"]
    nxt = neutron.http.get(resp["networks_links"][0]["href"],
                           headers={"X-Auth-Token": neutron.token}).json()
    assert [n["name"] for n in nxt["networks"]] == ["public"]


def test_an_unknown_path_is_httpnotfound(neutron: Neutron) -> None:
    assert _error(neutron.call("GET", "/nothing")) == (
        404, "HTTPNotFound", "The resource could not be found.")
