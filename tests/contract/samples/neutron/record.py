"""Record what a real Neutron answers for the user flow the fake must match, one JSON file a step.

    python -m stackdouble.realcloud start --dir /tmp/rc
    python tests/contract/samples/neutron/record.py /tmp/rc/state.json

Each file holds the request (method, path under `/networking`, body) and the response (status,
headers, body) exactly as Neutron sent them, ids included; only the token and gunicorn's
headers (`Date`, `Connection`, `Server`) are left out. What it made is deleted at the end (the
seeded `public` network stays).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import requests

HERE = Path(__file__).parent
#: gunicorn's headers, not Neutron's (as the Glance samples drop them).
DROPPED = {"Date", "Connection", "Server"}
PASSWORDS = {"demo": "demo-secret", "admin": "admin-secret"}


def login(keystone: str, user: str) -> tuple[str, str]:
    """A project-scoped token for `user` (of project `user`) and its project id."""
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": user, "domain": {"id": "default"}, "password": PASSWORDS[user]}}},
        "scope": {"project": {"name": user, "domain": {"id": "default"}}}}}
    resp = requests.post(keystone + "/auth/tokens", json=body, timeout=30)
    resp.raise_for_status()
    return resp.headers["X-Subject-Token"], resp.json()["token"]["project"]["id"]


class Recorder:
    """Sends requests to Neutron and saves each exchange as `<NN>-<name>.json`."""

    def __init__(self, root: str, token: str) -> None:
        self.root = root
        self.token = token
        self.count = 0

    def send(self, name: str, method: str, path: str, body: Any = None,
             token: str | None = None) -> Any:
        """Send, save, and return the response body (None when it has none)."""
        headers = {"X-Auth-Token": token or self.token, "Accept": "application/json"}
        resp = requests.request(method, self.root + path, json=body, headers=headers,
                                timeout=60)
        parsed = resp.json() if resp.content else None
        self.count += 1
        sample = {"request": {"method": method, "path": f"/networking{path}", "body": body},
                  "response": {"status": resp.status_code,
                               "headers": {k: v for k, v in resp.headers.items()
                                           if k not in DROPPED},
                               "body": parsed}}
        (HERE / f"{self.count:02d}-{name}.json").write_text(json.dumps(sample, indent=2) + "\n")
        return parsed


def record(state: dict[str, Any]) -> None:
    """The flow: network, subnet, port with a fixed IP, security group and rule, router with
    a gateway and an interface, floating IP created and associated, quotas; some refusals;
    then the clean-up."""
    demo, project = login(state["keystone_url"], "demo")
    admin, _ = login(state["keystone_url"], "admin")
    r = Recorder(state["neutron_url"] + "/networking", demo)
    public = state["neutron_seeded"]["public"]
    r.send("versions", "GET", "/")
    r.send("extensions-list", "GET", "/v2.0/extensions")
    net = r.send("network-create", "POST", "/v2.0/networks",
                 {"network": {"name": "sample-net"}})["network"]
    sub = r.send("subnet-create", "POST", "/v2.0/subnets", {"subnet": {
        "name": "sample-subnet", "network_id": net["id"], "ip_version": 4,
        "cidr": "192.168.10.0/24"}})["subnet"]
    port = r.send("port-create-fixed-ip", "POST", "/v2.0/ports", {"port": {
        "name": "sample-port", "network_id": net["id"],
        "fixed_ips": [{"subnet_id": sub["id"], "ip_address": "192.168.10.10"}]}})["port"]
    r.send("port-create-ip-in-use", "POST", "/v2.0/ports", {"port": {
        "network_id": net["id"], "fixed_ips": [{"ip_address": "192.168.10.10"}]}})
    r.send("ports-list-of-network", "GET", f"/v2.0/ports?network_id={net['id']}")
    sg = r.send("security-group-create", "POST", "/v2.0/security-groups", {"security_group": {
        "name": "sample-sg", "description": "ssh in"}})["security_group"]
    rule = r.send("security-group-rule-create", "POST", "/v2.0/security-group-rules", {
        "security_group_rule": {"security_group_id": sg["id"], "direction": "ingress",
                                "ethertype": "IPv4", "protocol": "tcp", "port_range_min": 22,
                                "port_range_max": 22, "remote_ip_prefix": "0.0.0.0/0"}})
    r.send("security-group-rule-create-duplicate", "POST", "/v2.0/security-group-rules", {
        "security_group_rule": {"security_group_id": sg["id"], "direction": "ingress",
                                "ethertype": "IPv4", "protocol": "tcp", "port_range_min": 22,
                                "port_range_max": 22, "remote_ip_prefix": "0.0.0.0/0"}})
    r.send("security-groups-list-default", "GET", "/v2.0/security-groups?name=default")
    fip_early = r.send("floatingip-create", "POST", "/v2.0/floatingips", {"floatingip": {
        "floating_network_id": public}})["floatingip"]
    r.send("floatingip-associate-unreachable", "PUT", f"/v2.0/floatingips/{fip_early['id']}",
           {"floatingip": {"port_id": port["id"]}})
    router = r.send("router-create-with-gateway", "POST", "/v2.0/routers", {"router": {
        "name": "sample-router", "external_gateway_info": {"network_id": public}}})["router"]
    r.send("router-add-interface", "PUT", f"/v2.0/routers/{router['id']}/add_router_interface",
           {"subnet_id": sub["id"]})
    r.send("floatingip-associate", "PUT", f"/v2.0/floatingips/{fip_early['id']}",
           {"floatingip": {"port_id": port["id"]}})
    r.send("floatingip-show", "GET", f"/v2.0/floatingips/{fip_early['id']}")
    r.send("quotas-show", "GET", f"/v2.0/quotas/{project}")
    r.send("quotas-show-details", "GET", f"/v2.0/quotas/{project}/details")
    r.send("networks-list-paged", "GET", "/v2.0/networks?limit=1&sort_key=name&sort_dir=asc")
    r.send("network-show-fields", "GET", f"/v2.0/networks/{net['id']}?fields=id&fields=name")
    r.send("network-show-missing", "GET", "/v2.0/networks/00000000-0000-0000-0000-000000000000")
    r.send("subnet-create-bad-cidr", "POST", "/v2.0/subnets", {"subnet": {
        "network_id": net["id"], "ip_version": 4, "cidr": "192.168.10.0/33"}})
    r.send("network-create-external-as-demo", "POST", "/v2.0/networks",
           {"network": {"name": "sample-ext", "router:external": True}})
    r.send("network-delete-in-use", "DELETE", f"/v2.0/networks/{net['id']}")
    r.send("network-show-as-admin", "GET", f"/v2.0/networks/{net['id']}", token=admin)
    r.send("external-network-show-as-admin", "GET", f"/v2.0/networks/{public}", token=admin)
    # the clean-up, recorded too: it is what users do next
    r.send("floatingip-delete", "DELETE", f"/v2.0/floatingips/{fip_early['id']}")
    r.send("router-remove-interface", "PUT",
           f"/v2.0/routers/{router['id']}/remove_router_interface", {"subnet_id": sub["id"]})
    r.send("router-delete", "DELETE", f"/v2.0/routers/{router['id']}")
    r.send("port-delete", "DELETE", f"/v2.0/ports/{port['id']}")
    r.send("security-group-rule-delete", "DELETE",
           f"/v2.0/security-group-rules/{rule['security_group_rule']['id']}")
    r.send("security-group-delete", "DELETE", f"/v2.0/security-groups/{sg['id']}")
    r.send("network-delete", "DELETE", f"/v2.0/networks/{net['id']}")
    r.send("quotas-show-as-admin", "GET", f"/v2.0/quotas/{project}", token=admin)


if __name__ == "__main__":
    record(json.loads(Path(sys.argv[1]).read_text()))
