"""`os-interface`, the security group actions and `os-security-groups` of a server, and the
network service's `network-changed` events, against `netstub`'s provider of the link."""

from __future__ import annotations

import pytest

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.links import SecurityGroupRuleInfo

from .conftest import CIRROS, Nova
from .netstub import StubNetworks


def _fault(resp: object) -> tuple[int, str]:
    (inner,) = resp.json().values()  # type: ignore[attr-defined]
    return resp.status_code, inner["message"]  # type: ignore[attr-defined]


def test_list_and_show_render_the_ports(nova: Nova, stub: StubNetworks) -> None:
    server_id = nova.create()
    (vif,) = stub.vifs(server_id)
    expected = {"net_id": vif.network_id, "port_id": vif.port_id,
                "mac_addr": vif.mac_address, "port_state": "ACTIVE",
                "fixed_ips": [{"subnet_id": vif.fixed_ips[0].subnet_id,
                               "ip_address": "10.0.0.2"}]}
    assert nova.get(f"/servers/{server_id}/os-interface").json() == {
        "interfaceAttachments": [expected]}
    shown = nova.get(f"/servers/{server_id}/os-interface/{vif.port_id}", version="2.70")
    assert shown.json() == {"interfaceAttachment": {**expected, "tag": None}}


def test_showing_a_port_the_server_lacks_is_404(nova: Nova, stub: StubNetworks) -> None:
    server_id = nova.create()
    missing = "0a1b2c3d-0000-4000-8000-000000000000"
    assert _fault(nova.get(f"/servers/{server_id}/os-interface/{missing}")) == (
        404, f"Instance {server_id} does not have a port with id {missing}")


def test_attach_on_a_network_with_a_fixed_ip_and_tag(nova: Nova, stub: StubNetworks) -> None:
    server_id = nova.create()
    (net_id,) = stub.nets
    resp = nova.post(f"/servers/{server_id}/os-interface",
                     {"interfaceAttachment": {"net_id": net_id, "tag": "data",
                                              "fixed_ips": [{"ip_address": "10.0.0.6"}]}},
                     version="2.70")
    assert resp.status_code == 200
    attached = resp.json()["interfaceAttachment"]
    assert (attached["fixed_ips"][0]["ip_address"], attached["tag"]) == ("10.0.0.6", "data")
    ips = nova.get(f"/servers/{server_id}/ips/private").json()
    assert ips == {"private": [{"version": 4, "addr": "10.0.0.2"},
                               {"version": 4, "addr": "10.0.0.6"}]}


def test_a_tag_before_2_49_is_refused_by_the_schema(nova: Nova, stub: StubNetworks) -> None:
    server_id = nova.create()
    (net_id,) = stub.nets
    resp = nova.post(f"/servers/{server_id}/os-interface",
                     {"interfaceAttachment": {"net_id": net_id, "tag": "data"}}, version="2.48")
    assert resp.status_code == 400


def test_attach_without_a_network_takes_the_one_available(nova: Nova,
                                                          stub: StubNetworks) -> None:
    server_id = nova.create()
    resp = nova.post(f"/servers/{server_id}/os-interface", {"interfaceAttachment": {}})
    assert resp.status_code == 200
    assert len(stub.vifs(server_id)) == 2


@pytest.mark.parametrize(("attachment", "message"), [
    ({"net_id": "0a1b2c3d-0000-4000-8000-000000000000",
      "port_id": "0a1b2c3d-0000-4000-8000-000000000001"},
     "Must not input both network_id and port_id"),
    ({"fixed_ips": [{"ip_address": "10.0.0.4"}]},
     "Must input network_id when request IP address"),
])
def test_attach_argument_errors(nova: Nova, stub: StubNetworks, attachment: dict[str, object],
                                message: str) -> None:
    server_id = nova.create()
    resp = nova.post(f"/servers/{server_id}/os-interface",
                     {"interfaceAttachment": attachment})
    assert _fault(resp) == (400, message)


def test_attach_errors_from_the_network_service(nova: Nova, cloud: FakeCloud,
                                                stub: StubNetworks) -> None:
    server_id = nova.create()
    (net_id,) = stub.nets
    missing = "0a1b2c3d-0000-4000-8000-000000000000"
    url = f"/servers/{server_id}/os-interface"
    assert _fault(nova.post(url, {"interfaceAttachment": {"net_id": missing}})) == (
        404, f"Network {missing} could not be found.")
    assert _fault(nova.post(url, {"interfaceAttachment": {"port_id": missing}})) == (
        404, f"Port id {missing} could not be found.")
    taken = {"net_id": net_id, "fixed_ips": [{"ip_address": "10.0.0.2"}]}
    assert _fault(nova.post(url, {"interfaceAttachment": taken})) == (
        409, "Fixed IP 10.0.0.2 is already in use.")
    stub.pool[net_id].clear()
    assert _fault(nova.post(url, {"interfaceAttachment": {"net_id": net_id}})) == (
        400, f"No fixed IP addresses available for network: {net_id}")
    stub.port_quota = 1
    assert _fault(nova.post(url, {"interfaceAttachment": {"net_id": net_id}})) == (
        403, "Maximum number of ports exceeded")


def test_attach_to_a_server_in_a_refused_state_is_a_conflict(nova: Nova,
                                                             stub: StubNetworks) -> None:
    server_id = nova.create()
    nova.action(server_id, {"suspend": None})
    (net_id,) = stub.nets
    resp = nova.post(f"/servers/{server_id}/os-interface",
                     {"interfaceAttachment": {"net_id": net_id}})
    assert _fault(resp) == (409, f"Cannot 'attach_interface' instance {server_id} while it "
                                 "is in vm_state suspended")


def test_detach_deletes_novas_port_and_refreshes_addresses(nova: Nova,
                                                           stub: StubNetworks) -> None:
    server_id = nova.create()
    (vif,) = stub.vifs(server_id)
    resp = nova.call("DELETE", f"/servers/{server_id}/os-interface/{vif.port_id}")
    assert resp.status_code == 202
    assert stub.deleted == [vif.port_id]
    assert nova.get(f"/servers/{server_id}").json()["server"]["addresses"] == {}


def test_detaching_a_port_the_server_lacks_is_still_accepted(nova: Nova,
                                                             stub: StubNetworks) -> None:
    server_id = nova.create()
    missing = "0a1b2c3d-0000-4000-8000-000000000000"
    assert nova.call("DELETE", f"/servers/{server_id}/os-interface/{missing}"
                     ).status_code == 202


def test_detach_from_a_locked_server_is_a_conflict(nova: Nova, admin_nova: Nova,
                                                   stub: StubNetworks) -> None:
    server_id = nova.create()
    (vif,) = stub.vifs(server_id)
    admin_nova.action(server_id, {"lock": None})
    resp = nova.call("DELETE", f"/servers/{server_id}/os-interface/{vif.port_id}")
    assert _fault(resp) == (409, f"Instance {server_id} is locked")


def test_add_and_remove_a_security_group(nova: Nova, cloud: FakeCloud,
                                         stub: StubNetworks) -> None:
    web = stub.add_group(cloud.project_id("demo"), "web")
    server_id = nova.create()
    assert nova.action(server_id, {"addSecurityGroup": {"name": "web"}}).status_code == 202
    assert web in stub.vifs(server_id)[0].security_group_ids
    groups = nova.get(f"/servers/{server_id}").json()["server"]["security_groups"]
    assert groups == [{"name": "default"}, {"name": "web"}]
    assert nova.action(server_id, {"removeSecurityGroup": {"name": "web"}}).status_code == 202
    assert nova.get(f"/servers/{server_id}").json()["server"]["security_groups"] == [
        {"name": "default"}]
    resp = nova.action(server_id, {"removeSecurityGroup": {"name": "web"}})
    assert _fault(resp) == (404, f"Security group web not associated with the instance "
                                 f"{server_id}")


def test_security_group_action_errors(nova: Nova, cloud: FakeCloud, stub: StubNetworks) -> None:
    server_id = nova.create()
    demo = cloud.project_id("demo")
    assert _fault(nova.action(server_id, {"addSecurityGroup": {"name": "nope"}})) == (
        404, f"Security group nope is not found for project {demo}")
    assert _fault(nova.action(server_id, {"addSecurityGroup": {"name": " "}})) == (
        400, "Security group name cannot be empty")
    assert nova.action(server_id, {"addSecurityGroup": {}}).status_code == 400


def test_a_server_without_ports_has_no_group_to_change(nova: Nova, cloud: FakeCloud,
                                                       stub: StubNetworks) -> None:
    stub.add_group(cloud.project_id("demo"), "web")
    resp = nova.post("/servers", {"server": {"name": "bare", "imageRef": CIRROS,
                                             "flavorRef": "1", "networks": "none"}},
                     version="2.37")
    server_id = resp.json()["server"]["id"]
    assert _fault(nova.action(server_id, {"addSecurityGroup": {"name": "web"}})) == (
        404, f"instance_id {server_id} could not be found as device id on any ports")


def test_the_servers_security_groups_with_their_ingress_rules(
        nova: Nova, cloud: FakeCloud, stub: StubNetworks) -> None:
    demo = cloud.project_id("demo")
    ssh = SecurityGroupRuleInfo(id="r-ssh", group_id="", protocol="tcp", port_range_min=22,
                                port_range_max=22, remote_ip_prefix="0.0.0.0/0")
    icmp = SecurityGroupRuleInfo(id="r-icmp", group_id="", protocol="icmp")
    out = SecurityGroupRuleInfo(id="r-out", group_id="", direction="egress")
    web = stub.add_group(demo, "web", [ssh, icmp, out])
    server_id = nova.create(security_groups=[{"name": "web"}])
    body = nova.get(f"/servers/{server_id}/os-security-groups").json()
    assert body == {"security_groups": [{
        "id": web, "description": "", "name": "web", "tenant_id": demo, "rules": [
            {"id": "r-ssh", "parent_group_id": web, "ip_protocol": "tcp", "from_port": 22,
             "to_port": 22, "group": {}, "ip_range": {"cidr": "0.0.0.0/0"}},
            {"id": "r-icmp", "parent_group_id": web, "ip_protocol": "icmp",
             "from_port": -1, "to_port": -1, "group": {}, "ip_range": {"cidr": "0.0.0.0/0"}},
        ]}]}


def test_a_network_changed_event_refreshes_the_cache(nova: Nova, cloud: FakeCloud,
                                                     stub: StubNetworks) -> None:
    server_id = nova.create()
    (vif,) = stub.vifs(server_id)
    stub.ports[vif.port_id].fixed = ()  # changed behind Nova's back: the cache still shows it
    assert nova.get(f"/servers/{server_id}/ips").json()["addresses"]["private"]
    cloud.links.servers.network_changed(server_id)
    assert nova.get(f"/servers/{server_id}/ips").json()["addresses"] == {"private": []}


def test_events_for_unknown_servers_are_dropped(cloud: FakeCloud) -> None:
    cloud.links.servers.network_changed("0a1b2c3d-0000-4000-8000-000000000000")


def test_the_compute_service_provides_the_servers_link(cloud: FakeCloud) -> None:
    from stackdouble.fakes.compute.links import NovaServerEvents

    assert isinstance(cloud.links.servers, NovaServerEvents)
