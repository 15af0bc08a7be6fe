"""Subnets, ports, routers, floating IPs, security groups and rules, quotas, tags and
extensions against Neutron's answers: bodies sent, fields read, errors typed."""

from __future__ import annotations

import pytest
import responses

from stackdouble.client import Conflict, InvalidInput, NotFound, ServiceClient
from stackdouble.client.openstack.networking.v2 import extensions, ports, subnets
from stackdouble.client.openstack.networking.v2.extensions import attributestags, quotas
from stackdouble.client.openstack.networking.v2.extensions.layer3 import floatingips, routers
from stackdouble.client.openstack.networking.v2.extensions.security import groups, rules
from tests.client.networking.samples import load
from tests.client.networking.support import answer, query_of, sent_json

NET = "a87cc70a-3e15-4acf-8205-9b711a3531b7"
ROUTER = "915a14a6-867b-4af7-83d1-70efceb146f9"
FIP = "2f245a7b-796b-4f26-9cf9-9e82d248fda7"
PROJECT = "0bd18306d801447bb457a46252d82d13"


def test_subnet_create_sends_the_api_refs_request(mock: responses.RequestsMock,
                                                  network_client: ServiceClient) -> None:
    answer(mock, "POST", "v2.0/subnets", "subnet-create-response", status=201)
    subnet = subnets.create(network_client, subnets.CreateOpts(
        network_id="d32019d3-bc6e-4319-9c1d-6722fc136a22", ip_version=4,
        cidr="192.168.199.0/24")).extract()
    assert sent_json(mock.calls[0]) == load("subnet-create-request")
    made = load("subnet-create-response")["subnet"]
    assert (subnet.cidr, subnet.gateway_ip) == (made["cidr"], made["gateway_ip"])
    assert [(p.start, p.end) for p in subnet.allocation_pools] == [
        (p["start"], p["end"]) for p in made["allocation_pools"]]


def test_port_create_reads_its_fixed_ips(mock: responses.RequestsMock,
                                         network_client: ServiceClient) -> None:
    answer(mock, "POST", "v2.0/ports", "port-create-response", status=201)
    port = ports.create(network_client, ports.CreateOpts(
        network_id=NET, name="private-port", admin_state_up=True,
        allowed_address_pairs=[ports.AddressPairOpts(ip_address="12.12.11.12",
                                                     mac_address="fa:14:2a:b3:cb:f0")]
    )).extract()
    sent = sent_json(mock.calls[0])["port"]
    assert sent["allowed_address_pairs"] == [{"ip_address": "12.12.11.12",
                                              "mac_address": "fa:14:2a:b3:cb:f0"}]
    made = load("port-create-response")["port"]
    assert [(ip.subnet_id, ip.ip_address) for ip in port.fixed_ips] == [
        (ip["subnet_id"], ip["ip_address"]) for ip in made["fixed_ips"]]
    assert (port.mac_address, port.status) == (made["mac_address"], made["status"])


def test_port_create_without_free_addresses_reads_as_ip_generation_failure(
        mock: responses.RequestsMock, network_client: ServiceClient) -> None:
    answer(mock, "POST", "v2.0/ports", "neutron-error-409-ip-generation", status=409)
    with pytest.raises(Conflict) as caught:
        ports.create(network_client, ports.CreateOpts(network_id=NET)).extract()
    assert caught.value.kind == "IpAddressGenerationFailure"
    assert caught.value.fault == f"No more IP addresses available on network {NET}."
    assert "IpAddressGenerationFailure" in str(caught.value)


def test_port_list_sends_fixed_ip_filters_as_neutron_reads_them(
        mock: responses.RequestsMock, network_client: ServiceClient) -> None:
    answer(mock, "GET", "v2.0/ports", "ports-list-response")
    opts = ports.ListOpts(device_id="5e3898d7", fixed_ips=[
        ports.FixedIPOpts(ip_address="10.0.0.1"), ports.FixedIPOpts(subnet_id="a0304c3a")])
    found = list(ports.list(network_client, opts))
    assert query_of(mock.calls[0]) == [("device_id", "5e3898d7"),
                                       ("fixed_ips", "ip_address=10.0.0.1"),
                                       ("fixed_ips", "subnet_id=a0304c3a")]
    assert len(found) == len(load("ports-list-response")["ports"])


def test_value_specs_may_not_overwrite_an_option() -> None:
    with pytest.raises(InvalidInput) as caught:
        ports.CreateOpts(network_id=NET, name="a",
                         value_specs={"name": "b"}).to_port_create_map()
    assert caught.value.field == "value_specs"


def test_router_reads_its_gateway_and_routes(mock: responses.RequestsMock,
                                             network_client: ServiceClient) -> None:
    router_id = "f8a44de0-fc8e-45df-93c7-f79bf3b01c95"
    answer(mock, "GET", f"v2.0/routers/{router_id}", "router-show-response")
    router = routers.get(network_client, router_id).extract()
    assert router.gateway_info is not None
    assert router.gateway_info.network_id == "ae34051f-aa6c-4c75-abf5-50dc9ac99ef3"
    assert router.gateway_info.enable_snat is True
    assert [ip.ip_address for ip in router.gateway_info.external_fixed_ips] == [
        "172.24.4.6", "2001:db8::9"]
    assert [(r.destination, r.nexthop) for r in router.routes] == [
        ("179.24.1.0/24", "172.24.3.99")]


def test_router_update_clears_the_gateway_with_an_empty_object(
        mock: responses.RequestsMock, network_client: ServiceClient) -> None:
    answer(mock, "PUT", f"v2.0/routers/{ROUTER}", "router-update-response")
    routers.update(network_client, ROUTER,
                   routers.UpdateOpts(gateway_info=routers.GatewayInfoOpts())).extract()
    assert sent_json(mock.calls[0]) == {"router": {"external_gateway_info": {}}}


def test_add_interface_sends_the_subnet_and_reads_the_port(
        mock: responses.RequestsMock, network_client: ServiceClient) -> None:
    answer(mock, "PUT", f"v2.0/routers/{ROUTER}/add_router_interface",
           "router-add-interface-response")
    info = routers.add_interface(network_client, ROUTER, routers.AddInterfaceOpts(
        subnet_id="a2f1f29d-571b-4533-907f-5803ab96ead1")).extract()
    assert sent_json(mock.calls[0]) == load("router-add-interface-request")
    assert (info.id, info.port_id) == (ROUTER, "2dc46bcc-d1f2-4077-b99e-91ee28afaff0")


def test_remove_interface_sends_the_subnet(mock: responses.RequestsMock,
                                           network_client: ServiceClient) -> None:
    answer(mock, "PUT", f"v2.0/routers/{ROUTER}/remove_router_interface",
           "router-remove-interface-response")
    info = routers.remove_interface(network_client, ROUTER, routers.RemoveInterfaceOpts(
        subnet_id="a2f1f29d-571b-4533-907f-5803ab96ead1")).extract()
    assert sent_json(mock.calls[0]) == load("router-remove-interface-request")
    made = load("router-remove-interface-response")
    assert (info.subnet_id, info.port_id) == (made["subnet_id"], made["port_id"])


def test_add_interface_needs_exactly_one_of_subnet_and_port(
        mock: responses.RequestsMock, network_client: ServiceClient) -> None:
    result = routers.add_interface(network_client, ROUTER,
                                   routers.AddInterfaceOpts(subnet_id="s", port_id="p"))
    with pytest.raises(InvalidInput):
        result.extract()


def test_floating_ip_is_associated_by_updating_its_port(
        mock: responses.RequestsMock, network_client: ServiceClient) -> None:
    answer(mock, "PUT", f"v2.0/floatingips/{FIP}", "floatingip-update-response")
    fip = floatingips.update(network_client, FIP, floatingips.UpdateOpts(
        port_id="fc861431-0e6c-4842-a0ed-e2363f9bc3a8")).extract()
    assert sent_json(mock.calls[0]) == load("floatingip-update-request")
    assert fip.port_id == load("floatingip-update-response")["floatingip"]["port_id"]


def test_floating_ip_is_disassociated_with_a_null_port(
        mock: responses.RequestsMock, network_client: ServiceClient) -> None:
    answer(mock, "PUT", f"v2.0/floatingips/{FIP}", "floatingip-disassociate-response")
    fip = floatingips.update(network_client, FIP,
                             floatingips.UpdateOpts(port_id="")).extract()
    assert sent_json(mock.calls[0]) == load("floatingip-disassociate-request")
    assert (fip.port_id, fip.fixed_ip_address) == (None, None)


def test_floating_ip_create_reads_the_address(mock: responses.RequestsMock,
                                              network_client: ServiceClient) -> None:
    answer(mock, "POST", "v2.0/floatingips", "floatingip-create-response", status=201)
    request = load("floatingip-create-request")["floatingip"]
    fip = floatingips.create(network_client, floatingips.CreateOpts(
        floating_network_id=request["floating_network_id"],
        port_id=request["port_id"], subnet_id=request.get("subnet_id"),
        fixed_ip=request.get("fixed_ip_address"))).extract()
    assert sent_json(mock.calls[0])["floatingip"]["port_id"] == request["port_id"]
    made = load("floatingip-create-response")["floatingip"]
    assert fip.floating_ip_address == made["floating_ip_address"]


def test_security_group_reads_its_rules(mock: responses.RequestsMock,
                                        network_client: ServiceClient) -> None:
    group_id = "85cc3048-abc3-43cc-89b3-377341426ac5"
    answer(mock, "GET", f"v2.0/security-groups/{group_id}", "security-group-show-response")
    group = groups.get(network_client, group_id).extract()
    assert group.name == "default"
    assert [(r.direction, r.ethertype, r.remote_group_id) for r in group.rules][2] == (
        "ingress", "IPv6", group_id)


def test_rule_create_sends_the_rule(mock: responses.RequestsMock,
                                    network_client: ServiceClient) -> None:
    answer(mock, "POST", "v2.0/security-group-rules", "security-group-rule-create-response",
           status=201)
    rule = rules.create(network_client, rules.CreateOpts(
        security_group_id="a7734e61-b545-452d-a3cd-0189cbd9747a", direction="ingress",
        ethertype="IPv4", protocol="tcp", port_range_min=80, port_range_max=80,
        remote_group_id="85cc3048-abc3-43cc-89b3-377341426ac5")).extract()
    sent = sent_json(mock.calls[0])["security_group_rule"]
    assert (sent["port_range_min"], sent["protocol"]) == (80, "tcp")
    assert rule.port_range_max == 80


def test_rule_with_both_remotes_fails_without_a_request(
        mock: responses.RequestsMock, network_client: ServiceClient) -> None:
    result = rules.create(network_client, rules.CreateOpts(
        security_group_id="g", direction="ingress", ethertype="IPv4",
        remote_group_id="g", remote_ip_prefix="0.0.0.0/0"))
    with pytest.raises(InvalidInput) as caught:
        result.extract()
    assert caught.value.field == "remote_ip_prefix"


def test_quotas_get_detail_and_update(mock: responses.RequestsMock,
                                      network_client: ServiceClient) -> None:
    answer(mock, "GET", f"v2.0/quotas/{PROJECT}", "quotas-list-for-project-response")
    answer(mock, "GET", f"v2.0/quotas/{PROJECT}/details.json",
           "quota-details-show-for-project-response")
    answer(mock, "PUT", f"v2.0/quotas/{PROJECT}", "quotas-update-response")
    assert quotas.get(network_client, PROJECT).extract().subnetpool == -1
    detail = quotas.get_detail(network_client, PROJECT).extract()
    assert detail.security_group_rule is not None
    assert (detail.security_group_rule.used, detail.security_group_rule.reserved) == (10, 1)
    quotas.update(network_client, PROJECT, quotas.UpdateOpts(network=10)).extract()
    assert sent_json(mock.calls[2]) == {"quota": {"network": 10}}


def test_tags_replace_add_confirm_and_delete(mock: responses.RequestsMock,
                                             network_client: ServiceClient) -> None:
    base = f"v2.0/networks/{NET}/tags"
    answer(mock, "PUT", base, "tag-update-response")
    answer(mock, "PUT", base + "/green", status=201)
    answer(mock, "GET", base + "/red", status=204)
    answer(mock, "GET", base + "/old", "neutron-error-404-tag", status=404)
    answer(mock, "DELETE", base + "/old", "neutron-error-404-tag", status=404)
    tags = attributestags.replace_all(network_client, "networks", NET,
                                      attributestags.ReplaceAllOpts(tags=["red", "blue"]))
    assert tags.extract() == ["red", "blue"]
    assert sent_json(mock.calls[0]) == load("tag-update-request")
    attributestags.add(network_client, "networks", NET, "green").extract_err()
    assert attributestags.confirm(network_client, "networks", NET, "red").extract() is True
    assert attributestags.confirm(network_client, "networks", NET, "old").extract() is False
    with pytest.raises(NotFound) as caught:
        attributestags.delete(network_client, "networks", NET, "old").extract_err()
    assert caught.value.kind == "TagNotFound"


def test_replace_all_refuses_repeated_tags(mock: responses.RequestsMock,
                                           network_client: ServiceClient) -> None:
    result = attributestags.replace_all(network_client, "ports", "p",
                                        attributestags.ReplaceAllOpts(tags=["a", "a"]))
    with pytest.raises(InvalidInput):
        result.extract()


def test_extensions_list_and_get(mock: responses.RequestsMock,
                                 network_client: ServiceClient) -> None:
    answer(mock, "GET", "v2.0/extensions", "extensions-list-response")
    answer(mock, "GET", "v2.0/extensions/agent", "extension-show-response")
    aliases = {ext.alias for ext in extensions.list(network_client)}
    assert aliases == {e["alias"] for e in load("extensions-list-response")["extensions"]}
    assert extensions.get(network_client, "agent").extract().name == "agent"
