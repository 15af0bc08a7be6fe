"""A server create's `networks` and `security_groups`, as Nova checks them and plugs the
server into the network service's ports (against a small provider of the `networks` link,
`netstub`, so failures can be set up at will)."""

from __future__ import annotations

import pytest
import requests

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.caller import Caller
from stackdouble.fakes.links import PortRequest

from .conftest import CIRROS, Nova
from .netstub import StubNetworks


def _body(**server: object) -> dict[str, object]:
    return {"server": {"name": "web", "imageRef": CIRROS, "flavorRef": "1", **server}}


def _fault(resp: object) -> tuple[int, str]:
    body = resp.json()  # type: ignore[attr-defined]
    (inner,) = body.values()
    return resp.status_code, inner["message"]  # type: ignore[attr-defined]


def test_a_create_without_networks_before_2_37_takes_the_one_network(
        nova: Nova, stub: StubNetworks) -> None:
    server_id = nova.create()
    addresses = nova.get(f"/servers/{server_id}").json()["server"]["addresses"]
    (port,) = stub.vifs(server_id)
    assert addresses == {"private": [{"version": 4, "addr": "10.0.0.2",
                                      "OS-EXT-IPS:type": "fixed",
                                      "OS-EXT-IPS-MAC:mac_addr": port.mac_address}]}


def test_several_networks_and_none_asked_for_is_ambiguous(nova: Nova, cloud: FakeCloud,
                                                          stub: StubNetworks) -> None:
    stub.add_network(cloud.project_id("demo"), "second", "10.1.0.0/29")
    assert _fault(nova.post("/servers", _body())) == (
        409, "Multiple possible networks found, use a Network ID to be more specific.")
    assert not stub.ports


def _networkless(cloud: FakeCloud, http: requests.Session) -> Nova:
    """A member of a new project that has no network and sees no shared one."""
    cloud.load_state({"projects": [{"name": "lonely"}],
                      "users": [{"name": "lonely", "password": "pw",
                                 "default_project": "lonely"}],
                      "role_assignments": [{"role": "member", "user": "lonely",
                                            "project": "lonely"}]})
    return Nova(cloud, http, user="lonely")


def test_no_network_at_all_boots_without_ports_before_2_37(cloud: FakeCloud,
                                                           http: requests.Session) -> None:
    lonely = _networkless(cloud, http)
    server_id = lonely.create()
    assert lonely.get(f"/servers/{server_id}").json()["server"]["addresses"] == {}


def test_auto_without_any_network_cannot_be_allocated(cloud: FakeCloud,
                                                      http: requests.Session) -> None:
    resp = _networkless(cloud, http).post("/servers", _body(networks="auto"),
                                          version="2.37")
    assert _fault(resp) == (400, "Unable to automatically allocate a network for project "
                                 f"{cloud.project_id('lonely')}")


def test_the_admin_project_boots_on_its_own_external_network(admin_nova: Nova) -> None:
    # `_get_available_networks` asks for the project's networks (`tenant_id`,
    # `shared=False`) and the shared ones: the admin project owns `public`, and attaching
    # to an external network is the admins' `network:attach_external_network`
    server_id = admin_nova.create()
    addresses = admin_nova.get(f"/servers/{server_id}").json()["server"]["addresses"]
    assert list(addresses) == ["public"]
    resp = admin_nova.post("/servers", _body(networks="auto"), version="2.37")
    assert resp.status_code == 202, resp.text


def test_none_from_2_37_makes_no_port(nova: Nova, stub: StubNetworks) -> None:
    resp = nova.post("/servers", _body(networks="none"), version="2.37")
    assert resp.status_code == 202
    assert not stub.ports
    server = nova.get(f"/servers/{resp.json()['server']['id']}").json()["server"]
    assert server["addresses"] == {}
    assert "security_groups" not in server


def test_a_network_by_uuid_with_a_fixed_ip_and_tag(nova: Nova, stub: StubNetworks) -> None:
    (net_id,) = stub.nets
    resp = nova.post("/servers", _body(networks=[{"uuid": net_id, "fixed_ip": "10.0.0.5",
                                                  "tag": "nic1"}]), version="2.42")
    server_id = resp.json()["server"]["id"]
    (port,) = stub.vifs(server_id)
    assert (port.fixed_ips[0].address, port.tag) == ("10.0.0.5", "nic1")
    assert nova.get(f"/servers/{server_id}/ips").json() == {
        "addresses": {"private": [{"version": 4, "addr": "10.0.0.5"}]}}


def test_a_users_port_is_bound_and_kept_when_the_server_goes(nova: Nova, cloud: FakeCloud,
                                                             stub: StubNetworks) -> None:
    (net_id,) = stub.nets
    port_id = stub.user_port(cloud.project_id("demo"), net_id)
    server_id = nova.create(networks=[{"port": port_id}])
    assert stub.ports[port_id].device_id == server_id
    assert nova.call("DELETE", f"/servers/{server_id}").status_code == 204
    assert stub.ports[port_id].device_id == ""
    assert stub.deleted == []


def test_deleting_a_server_deletes_the_ports_nova_made(nova: Nova, stub: StubNetworks) -> None:
    server_id = nova.create()
    (port,) = stub.vifs(server_id)
    nova.call("DELETE", f"/servers/{server_id}")
    assert stub.deleted == [port.port_id]
    assert stub.pool[port.network_id][-1] == "10.0.0.2"


@pytest.mark.parametrize(("networks", "status", "message"), [
    ([{"uuid": "not-a-uuid"}], 400,
     "Bad networks format: network uuid is not in proper format (not-a-uuid)"),
    ([{"fixed_ip": "10.0.0.4"}], 400, "Bad network format: missing 'uuid'"),
])
def test_bad_network_formats(nova: Nova, stub: StubNetworks, networks: object, status: int,
                             message: str) -> None:
    assert _fault(nova.post("/servers", _body(networks=networks))) == (status, message)


def test_a_port_asked_twice_or_with_a_fixed_ip_is_refused(nova: Nova, cloud: FakeCloud,
                                                          stub: StubNetworks) -> None:
    (net_id,) = stub.nets
    port_id = stub.user_port(cloud.project_id("demo"), net_id)
    twice = nova.post("/servers", _body(networks=[{"port": port_id}, {"port": port_id}]))
    assert _fault(twice) == (400, f"Port ID '{port_id}' was specified twice: you cannot "
                                  "attach a port multiple times.")
    both = nova.post("/servers", _body(networks=[{"port": port_id, "fixed_ip": "10.0.0.3"}]))
    assert _fault(both) == (400, "Specified Fixed IP '10.0.0.3' cannot be used with port "
                                 f"'{port_id}': the two cannot be specified together.")


def test_an_unknown_network_or_port_is_a_bad_request(nova: Nova, cloud: FakeCloud,
                                                     stub: StubNetworks) -> None:
    missing = "0a1b2c3d-0000-4000-8000-000000000000"
    assert _fault(nova.post("/servers", _body(networks=[{"uuid": missing}]))) == (
        400, f"Network {missing} could not be found.")
    assert _fault(nova.post("/servers", _body(networks=[{"port": missing}]))) == (
        400, f"Port id {missing} could not be found.")


def test_a_port_in_use_is_a_conflict(nova: Nova, cloud: FakeCloud, stub: StubNetworks) -> None:
    (net_id,) = stub.nets
    port_id = stub.user_port(cloud.project_id("demo"), net_id)
    nova.create(networks=[{"port": port_id}])
    assert _fault(nova.post("/servers", _body(networks=[{"port": port_id}]))) == (
        409, f"Port {port_id} is still in use.")


def test_a_port_or_fixed_ip_for_several_servers_is_refused(nova: Nova, cloud: FakeCloud,
                                                           stub: StubNetworks) -> None:
    (net_id,) = stub.nets
    port_id = stub.user_port(cloud.project_id("demo"), net_id)
    resp = nova.post("/servers", _body(networks=[{"port": port_id}], max_count=2))
    assert _fault(resp) == (400, "Failed to launch instances: Unable to launch multiple "
                                 "instances with a single configured port ID. Please launch "
                                 "your instance one by one with different ports.")
    resp = nova.post("/servers", _body(networks=[{"uuid": net_id, "fixed_ip": "10.0.0.3"}],
                                       max_count=2))
    assert _fault(resp) == (400, "Failed to launch instances: max_count cannot be greater "
                                 "than 1 if an fixed_ip is specified.")


def test_the_port_quota_lowers_max_count_and_refuses_under_min_count(
        nova: Nova, cloud: FakeCloud, stub: StubNetworks) -> None:
    stub.port_quota = 2
    assert _fault(nova.post("/servers", _body(min_count=3))) == (
        403, "Maximum number of ports exceeded")
    nova.post("/servers", _body(min_count=1, max_count=4))
    assert len(stub.ports) == 2
    assert sum(not s.deleted for s in cloud.compute.servers.values()) == 2


def _demo(cloud: FakeCloud) -> Caller:
    return Caller(project_id=cloud.project_id("demo"), user_id="u")


def test_no_address_left_puts_the_server_in_error_with_novas_fault(
        nova: Nova, cloud: FakeCloud, stub: StubNetworks) -> None:
    (net_id,) = stub.nets
    stub.pool[net_id].clear()
    server_id = nova.create()
    server = nova.get(f"/servers/{server_id}").json()["server"]
    assert (server["status"], server["fault"]["code"]) == ("ERROR", 500)
    assert server["fault"]["message"] == (
        f"Build of instance {server_id} aborted: Failed to allocate the network(s) with error "
        f"No fixed IP addresses available for network: {net_id}, not rescheduling.")
    assert server["addresses"] == {}


def test_a_failed_second_port_deletes_the_first(nova: Nova, cloud: FakeCloud,
                                                stub: StubNetworks) -> None:
    full = stub.add_network(cloud.project_id("demo"), "full", "10.9.0.0/30")
    stub.pool[full].clear()
    (private,) = [n for n in stub.nets if n != full]
    server_id = nova.create(networks=[{"uuid": private}, {"uuid": full}])
    assert nova.get(f"/servers/{server_id}").json()["server"]["status"] == "ERROR"
    assert not stub.ports
    assert len(stub.deleted) == 1


def test_security_groups_go_to_the_ports_and_show_on_the_server(
        nova: Nova, cloud: FakeCloud, stub: StubNetworks) -> None:
    web = stub.add_group(cloud.project_id("demo"), "web")
    resp = nova.post("/servers", _body(security_groups=[{"name": "web"}]))
    assert resp.json()["server"]["security_groups"] == [{"name": "web"}]
    server_id = resp.json()["server"]["id"]
    (port,) = stub.vifs(server_id)
    assert port.security_group_ids == (web,)
    assert nova.get(f"/servers/{server_id}").json()["server"]["security_groups"] == [
        {"name": "web"}]
    listed = nova.get("/servers/detail").json()["servers"][0]
    assert listed["security_groups"] == [{"name": "web"}]


def test_an_unknown_security_group_is_a_bad_request(nova: Nova, stub: StubNetworks) -> None:
    resp = nova.post("/servers", _body(security_groups=[{"name": "nope"}]))
    assert _fault(resp) == (400, "Unable to find security_group with name or id 'nope'")
    assert not stub.ports


def test_addresses_show_floating_ips_after_the_fixed_ones(nova: Nova, cloud: FakeCloud,
                                                          stub: StubNetworks) -> None:
    server_id = nova.create()
    demo = _demo(cloud)
    stub.add_floating_ip(cloud.project_id("demo"), "public", "172.24.4.7")
    stub.associate_floating_ip(demo, server_id, "172.24.4.7", "10.0.0.2")
    addresses = nova.get(f"/servers/{server_id}").json()["server"]["addresses"]["private"]
    assert [(a["addr"], a["OS-EXT-IPS:type"]) for a in addresses] == [
        ("10.0.0.2", "fixed"), ("172.24.4.7", "floating")]


def test_the_ip_filter_reads_the_network_info_cache(nova: Nova, stub: StubNetworks) -> None:
    first = nova.create(name="a")
    nova.create(name="b")
    found = nova.get("/servers?ip=10.0.0.2").json()["servers"]
    assert [s["id"] for s in found] == [first]


def test_python_callers_pass_network_ids_and_port_requests(cloud: FakeCloud,
                                                           stub: StubNetworks) -> None:
    (net_id,) = stub.nets
    demo = cloud.project_id("demo")
    server = cloud.compute.create_server(demo, name="py", networks=[
        net_id, PortRequest(network_id=net_id, fixed_ip="10.0.0.6")])
    assert [v.fixed_ips[0].address for v in server.vifs] == ["10.0.0.2", "10.0.0.6"]


def test_bulk_servers_have_no_ports_by_default(cloud: FakeCloud, stub: StubNetworks) -> None:
    made = cloud.compute.create_servers(cloud.project_id("demo"), 8)
    assert not stub.ports
    assert all(not s.vifs for s in made)


def test_bulk_servers_on_a_network_take_a_port_each(cloud: FakeCloud,
                                                    stub: StubNetworks) -> None:
    (net_id,) = stub.nets
    made = cloud.compute.create_servers(cloud.project_id("demo"), 3, networks=[net_id])
    assert [s.vifs[0].fixed_ips[0].address for s in made] == ["10.0.0.2", "10.0.0.3",
                                                               "10.0.0.4"]
