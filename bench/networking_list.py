"""List 5,000 ports (pages of 1,000) through the client vs plain `requests` following
`ports_links`, against the served fake Neutron in its own process.

Target: ≤ 1.3× (openstacksdk measured 113× on large listings). The fake runs in a child
process (this script with `--serve`), so only the client's CPU is measured:
`time.thread_time` of the calling thread, alternating rounds over one keep-alive connection
each. Both sides decode every page's JSON (Neutron's port view, with its fixed IP, binding
and security group) and follow the `next` link until a short page, as Neutron links them;
the client also builds a `Port` per item.

The ports are the demo project's, on a network of their own (`bench`, a 10.0.0.0/16
subnet without DHCP, so no DHCP port), made through the fake Neutron's Python API with the
port quota lifted. Each is given its MAC and address (`make_ports`), so every run lays the
ports out alike.

    python bench/networking_list.py [ROUNDS]
"""

from __future__ import annotations

import ipaddress
import sys
import time
from typing import Any

import requests
from _common import paired, report, serve_until_terminated, start_served_child

from stackdouble.client import AuthOptions
from stackdouble.client.openstack import authenticated_client, new_networking_v2
from stackdouble.client.openstack.networking.v2 import networks, ports

COUNT = 5_000
PAGE = 1_000


def make_ports(cloud: Any, count: int) -> str:
    """Give the demo project `count` ports on a new `bench` network; return its id."""
    demo = cloud.project_id("demo")
    neutron = cloud.networking
    admin = neutron.caller_for(demo, is_admin=True)
    net = neutron.create_network(admin, demo, {"name": "bench"})
    subnet = neutron.create_subnet(admin, demo, {"network_id": net.id, "ip_version": 4,
                                                 "cidr": "10.0.0.0/16", "name": "bench-v4",
                                                 "enable_dhcp": False})
    neutron.update_quota(admin, demo, {"port": -1})
    first = int(ipaddress.IPv4Address("10.0.1.0"))
    for i in range(count):
        address = str(ipaddress.IPv4Address(first + i))
        neutron.create_port(admin, demo, {
            "network_id": net.id, "name": f"port-{i}",
            "mac_address": f"fa:16:3e:{i >> 16 & 255:02x}:{i >> 8 & 255:02x}:{i & 255:02x}",
            "fixed_ips": [{"subnet_id": subnet.id, "ip_address": address}]})
    return str(net.id)


def serve() -> None:
    """The child: COUNT ports on the demo project's `bench` network, served."""
    from stackdouble.fakes import FakeCloud

    cloud = FakeCloud(seed=1)
    make_ports(cloud, COUNT)
    serve_until_terminated(cloud)


def main() -> None:
    if "--serve" in sys.argv:
        serve()
        return
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    proc, base = start_served_child([sys.executable, __file__, "--serve"], timeout=600)
    try:
        opts = AuthOptions(identity_endpoint=f"{base}/identity/v3", username="demo",
                           password="demo-secret", project_name="demo", domain_name="Default")
        provider = authenticated_client(opts)
        networking = new_networking_v2(provider)
        network_id = next(networks.list(networking, networks.ListOpts(name="bench")).items()).id
        listing = ports.ListOpts(network_id=network_id, limit=PAGE)
        first_url = ports.urls.list_url(networking) + listing.to_port_list_query()
        session = requests.Session()
        headers = {"X-Auth-Token": provider.token_id or "", "Accept": "application/json"}

        def ours() -> float:
            started = time.thread_time()
            count = sum(1 for _ in ports.list(networking, listing).items())
            spent = time.thread_time() - started
            assert count == COUNT, count
            return spent

        def floor() -> float:
            started = time.thread_time()
            url: str | None = first_url
            count = 0
            while url:
                response = session.get(url, headers=headers)
                response.raise_for_status()
                body = response.json()
                found = body["ports"]
                count += len(found)
                links = body.get("ports_links") or ()
                url = next((link["href"] for link in links if link.get("rel") == "next"),
                           None) if len(found) == PAGE else None
            spent = time.thread_time() - started
            assert count == COUNT, count
            return spent

        ours()
        floor()
        a, b = paired(ours, floor, rounds)
        report(f"list {COUNT:,} ports in pages of {PAGE:,}, client CPU per listing "
               "(served fake, keep-alive)",
               "ports.list(networking, ListOpts(limit=1000)).items()",
               "requests.Session().get(next href).json() loop", a, b, "ms", 1e3, target=1.3)
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    main()
