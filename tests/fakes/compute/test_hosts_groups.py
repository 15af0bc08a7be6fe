"""Hosts, the scheduler, `os-hypervisors`, `os-services` and `os-server-groups` of the
fake Nova, against `nova/api/openstack/compute/hypervisors.py`, `services.py`,
`server_groups.py` and the scheduler's filters."""

from __future__ import annotations

from stackdouble.fakes import FakeCloud

from .conftest import CIRROS, Nova


def _boot(nova: Nova, name: str, group: str | None = None, version: str | None = None
          ) -> str:
    body: dict[str, object] = {"server": {"name": name, "imageRef": CIRROS, "flavorRef": "1"}}
    if group:
        body["os:scheduler_hints"] = {"group": group}
    resp = nova.post("/servers", body, version=version)
    assert resp.status_code == 202, resp.text
    return str(resp.json()["server"]["id"])


def _server(nova: Nova, server_id: str) -> dict[str, object]:
    server: dict[str, object] = nova.get(f"/servers/{server_id}",
                                         version="2.79").json()["server"]
    return server


def test_anti_affinity_on_one_host_leaves_the_second_in_error(nova: Nova) -> None:
    group = nova.post("/os-server-groups", {"server_group": {
        "name": "spread", "policy": "anti-affinity"}}, version="2.64").json()["server_group"]
    assert (group["policy"], group["rules"], group["members"]) == ("anti-affinity", {}, [])
    first = _boot(nova, "a", group["id"])
    second = _boot(nova, "b", group["id"])
    assert _server(nova, first)["status"] == "ACTIVE"
    failed = _server(nova, second)
    assert failed["status"] == "ERROR"
    assert failed["fault"]["message"].startswith("No valid host was found.")  # type: ignore[index]
    shown = nova.get(f"/os-server-groups/{group['id']}").json()["server_group"]
    assert set(shown["members"]) == {first, second}
    assert shown["policies"] == ["anti-affinity"]


def test_two_hosts_spread_and_affinity_packs(nova: Nova, cloud: FakeCloud) -> None:
    cloud.compute.set_hosts(2)
    spread = nova.post("/os-server-groups", {"server_group": {
        "name": "s", "policies": ["anti-affinity"]}}).json()["server_group"]["id"]
    pack = nova.post("/os-server-groups", {"server_group": {
        "name": "p", "policies": ["affinity"]}}).json()["server_group"]["id"]
    a, b = _boot(nova, "a", spread), _boot(nova, "b", spread)
    c, d = _boot(nova, "c", pack), _boot(nova, "d", pack)
    hosts = {s: cloud.compute.server(s).host for s in (a, b, c, d)}
    assert hosts[a] != hosts[b]
    assert None not in hosts.values()
    assert hosts[c] == hosts[d]


def test_max_server_per_host_rule_and_rule_only_for_anti_affinity(nova: Nova) -> None:
    bad = nova.post("/os-server-groups", {"server_group": {
        "name": "x", "policy": "affinity", "rules": {"max_server_per_host": 2}}},
        version="2.64")
    assert bad.status_code == 400
    assert bad.json()["badRequest"]["message"] == "Only anti-affinity policy supports rules."
    group = nova.post("/os-server-groups", {"server_group": {
        "name": "two", "policy": "anti-affinity", "rules": {"max_server_per_host": 2}}},
        version="2.64").json()["server_group"]
    assert group["rules"] == {"max_server_per_host": 2}
    ids = [_boot(nova, n, group["id"]) for n in ("a", "b", "c")]
    assert [_server(nova, i)["status"] for i in ids] == ["ACTIVE", "ACTIVE", "ERROR"]


def test_unknown_group_hint_and_group_quotas(nova: Nova, admin_nova: Nova,
                                             demo_id: str) -> None:
    resp = nova.post("/servers", {"server": {"name": "a", "imageRef": CIRROS, "flavorRef": "1"},
                                  "os:scheduler_hints": {"group": "nope"}})
    assert resp.status_code == 400
    assert resp.json()["badRequest"]["message"] == "Instance group nope could not be found."
    admin_nova.call("PUT", f"/os-quota-sets/{demo_id}",
                    json={"quota_set": {"server_groups": 1, "server_group_members": 1}})
    gid = nova.post("/os-server-groups", {"server_group": {
        "name": "g", "policies": ["soft-affinity"]}}, version="2.15").json()["server_group"]["id"]
    second = nova.post("/os-server-groups", {"server_group": {
        "name": "h", "policies": ["affinity"]}})
    assert second.status_code == 403
    assert second.json()["forbidden"]["message"] == "Quota exceeded, too many server groups."
    _boot(nova, "a", gid)
    over = nova.post("/servers", {"server": {"name": "b", "imageRef": CIRROS, "flavorRef": "1"},
                                  "os:scheduler_hints": {"group": gid}})
    assert over.status_code == 403
    assert over.json()["forbidden"]["message"] == "Quota exceeded, too many servers in group"


def test_server_groups_list_all_projects_and_delete(nova: Nova, admin_nova: Nova) -> None:
    gid = nova.post("/os-server-groups", {"server_group": {
        "name": "g", "policies": ["affinity"]}}).json()["server_group"]["id"]
    assert [g["id"] for g in nova.get("/os-server-groups").json()["server_groups"]] == [gid]
    assert admin_nova.get("/os-server-groups").json()["server_groups"] == []
    everyone = admin_nova.get("/os-server-groups?all_projects=True").json()["server_groups"]
    assert [g["id"] for g in everyone] == [gid]
    assert nova.call("DELETE", f"/os-server-groups/{gid}").status_code == 204
    missing = nova.get(f"/os-server-groups/{gid}")
    assert missing.status_code == 404
    assert missing.json()["itemNotFound"]["message"] == f"Instance group {gid} could not be found."


def test_full_host_means_no_valid_host(nova: Nova, cloud: FakeCloud) -> None:
    cloud.compute.set_hosts(1, vcpus=1, memory_mb=1024, local_gb=10)
    ok = _boot(nova, "a")
    full = _boot(nova, "b")  # 512 MB reserved + 512 + 512 > 1024
    assert _server(nova, ok)["status"] == "ACTIVE"
    assert _server(nova, full)["status"] == "ERROR"
    nova.call("DELETE", f"/servers/{ok}")
    assert _server(nova, _boot(nova, "c"))["status"] == "ACTIVE"


def test_hypervisors_admin_only_and_per_microversion(nova: Nova, admin_nova: Nova,
                                                     cloud: FakeCloud) -> None:
    server = _boot(nova, "a")
    assert nova.get("/os-hypervisors").status_code == 403
    old = admin_nova.get("/os-hypervisors/detail", version="2.52").json()["hypervisors"][0]
    assert old["id"] == 1
    assert old["vcpus_used"] == 1
    assert old["running_vms"] == 1
    assert old["memory_mb_used"] == 512 + 512
    assert isinstance(old["cpu_info"], dict)
    new = admin_nova.get("/os-hypervisors/detail?with_servers=true",
                         version="2.88").json()["hypervisors"][0]
    assert "vcpus" not in new
    assert new["uptime"].startswith(" ")
    assert new["servers"] == [{"name": "a", "uuid": server}]
    shown = admin_nova.get(f"/os-hypervisors/{new['id']}", version="2.53").json()
    assert shown["hypervisor"]["hypervisor_hostname"] == "stackdouble-compute"
    assert admin_nova.get("/os-hypervisors/1", version="2.53").status_code == 400
    found = admin_nova.get("/os-hypervisors?hypervisor_hostname_pattern=nothing",
                           version="2.53")
    assert found.status_code == 404
    assert admin_nova.get("/os-hypervisors/stack/search").json()["hypervisors"][0]["id"] == 1


def test_services_disable_takes_the_host_out_of_scheduling(nova: Nova, admin_nova: Nova) -> None:
    assert nova.get("/os-services").status_code == 403
    services = admin_nova.get("/os-services", version="2.53").json()["services"]
    assert [s["binary"] for s in services] == ["nova-scheduler", "nova-conductor", "nova-compute"]
    compute = services[2]
    resp = admin_nova.call("PUT", f"/os-services/{compute['id']}", version="2.53",
                           json={"status": "disabled", "disabled_reason": "maintenance"})
    assert resp.status_code == 200
    assert resp.json()["service"]["status"] == "disabled"
    assert _server(nova, _boot(nova, "a"))["status"] == "ERROR"
    old = admin_nova.call("PUT", "/os-services/enable", json={
        "host": compute["host"], "binary": "nova-compute"})
    assert old.json() == {"service": {"host": compute["host"], "binary": "nova-compute",
                                      "status": "enabled"}}
    assert _server(nova, _boot(nova, "b"))["status"] == "ACTIVE"
    refused = admin_nova.call("PUT", f"/os-services/{services[0]['id']}", version="2.53",
                              json={"forced_down": True})
    assert refused.status_code == 400
