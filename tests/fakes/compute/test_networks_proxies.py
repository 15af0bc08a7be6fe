"""Nova's network proxy APIs (`os-networks`, `os-security-groups`, `os-security-group-rules`,
`os-floating-ips`, `os-floating-ip-pools`, `addFloatingIp` / `removeFloatingIp`), per
microversion, against `netstub`'s provider of the link."""

from __future__ import annotations

from stackdouble.fakes import FakeCloud

from .conftest import Nova
from .netstub import StubNetworks


def _fault(resp: object) -> tuple[int, str]:
    (inner,) = resp.json().values()  # type: ignore[attr-defined]
    return resp.status_code, inner["message"]  # type: ignore[attr-defined]


def test_the_proxies_answer_404_from_2_36(nova: Nova, stub: StubNetworks) -> None:
    for path in ("/os-networks", "/os-security-groups", "/os-floating-ips",
                 "/os-floating-ip-pools"):
        assert nova.get(path, version="2.35").status_code == 200
        assert nova.get(path, version="2.36").status_code == 404


def test_os_networks_shows_the_label_and_nulls(nova: Nova, stub: StubNetworks) -> None:
    (net_id,) = stub.nets
    (net,) = nova.get("/os-networks").json()["networks"]
    assert (net["id"], net["label"], net["cidr"]) == (net_id, "private", None)
    assert _fault(nova.get("/os-networks/0a1b2c3d-0000-4000-8000-000000000000")) == (
        404, "Network not found")


def test_floating_ips_through_the_proxy_and_the_actions(nova: Nova, cloud: FakeCloud,
                                                        stub: StubNetworks) -> None:
    stub.add_network(cloud.project_id("admin"), "public", "172.24.4.0/24", external=True)
    assert nova.get("/os-floating-ip-pools").json() == {"floating_ip_pools": [
        {"name": "public"}]}
    made = nova.post("/os-floating-ips", {"pool": "public"}).json()["floating_ip"]
    assert (made["pool"], made["fixed_ip"], made["instance_id"]) == ("public", None, None)
    server_id = nova.create()
    resp = nova.action(server_id, {"addFloatingIp": {"address": made["ip"]}})
    assert resp.status_code == 202
    shown = nova.get(f"/os-floating-ips/{made['id']}").json()["floating_ip"]
    assert (shown["fixed_ip"], shown["instance_id"]) == ("10.0.0.2", server_id)
    addresses = nova.get(f"/servers/{server_id}").json()["server"]["addresses"]["private"]
    assert addresses[-1]["addr"] == made["ip"]
    assert nova.action(server_id, {"removeFloatingIp": {"address": made["ip"]}},
                       version="2.44").status_code == 404
    assert nova.action(server_id, {"removeFloatingIp": {"address": made["ip"]}}
                       ).status_code == 202
    assert len(nova.get(f"/servers/{server_id}").json()["server"]["addresses"]["private"]) == 1
    assert nova.call("DELETE", f"/os-floating-ips/{made['id']}").status_code == 202
    assert nova.get("/os-floating-ips").json() == {"floating_ips": []}


def test_add_floating_ip_to_an_unknown_fixed_address_is_refused(nova: Nova,
                                                                stub: StubNetworks) -> None:
    server_id = nova.create()
    resp = nova.action(server_id, {"addFloatingIp": {"address": "172.24.4.9",
                                                     "fixed_address": "10.0.0.99"}})
    assert _fault(resp) == (400, "Specified fixed address not assigned to instance")


def test_security_groups_and_rules_through_the_proxy(nova: Nova, cloud: FakeCloud,
                                                     stub: StubNetworks) -> None:
    made = nova.post("/os-security-groups", {"security_group": {
        "name": "web", "description": "Web servers"}}).json()["security_group"]
    assert (made["name"], made["description"], made["rules"]) == ("web", "Web servers", [])
    rule = nova.post("/os-security-group-rules", {"security_group_rule": {
        "parent_group_id": made["id"], "ip_protocol": "tcp", "from_port": 80,
        "to_port": 80, "cidr": "10.0.0.0/24"}}).json()["security_group_rule"]
    assert (rule["from_port"], rule["ip_range"], rule["group"]) == (
        80, {"cidr": "10.0.0.0/24"}, {})
    bad = nova.post("/os-security-group-rules", {"security_group_rule": {
        "parent_group_id": made["id"], "ip_protocol": "tcp", "from_port": 90, "to_port": 80}})
    assert _fault(bad) == (400, "Invalid port range 90:80. Former value cannot be greater "
                                "than the later")
    assert nova.call("DELETE", f"/os-security-group-rules/{rule['id']}").status_code == 202
    assert nova.get(f"/os-security-groups/{made['id']}").json()["security_group"][
        "rules"] == []
    assert _fault(nova.get("/os-security-groups/not-a-uuid")) == (
        400, "Security group id should be uuid")
    assert nova.call("DELETE", f"/os-security-groups/{made['id']}").status_code == 202
    assert nova.get(f"/os-security-groups/{made['id']}").status_code == 404
    names = [g["name"] for g in nova.get("/os-security-groups").json()["security_groups"]]
    assert names == ["default"]
