"""List 10,000 servers (pages of 1,000) through the client vs plain `requests` following the
next links, against the served fake Nova in its own process.

Target: ≤ 1.3× (openstacksdk measured 113× on large listings). The fake runs in a child
process (this script with `--serve`), so only the client's CPU is measured:
`time.thread_time` of the calling thread, alternating rounds over one keep-alive connection
each. Both sides decode every page's JSON; the client also builds a `Server` per item.

Each server has a port on a network of its own (`bench`, with a 10.0.0.0/16 and an IPv6
/64 subnet, made through the fake Neutron's Python API, the demo project's port quota
lifted), so every item carries a fixed IPv4 and IPv6 address and its `default` security
group, as a server on DevStack's `private` network does (which holds only 61 addresses).
`--no-ports` serves servers without ports, as `stackdouble serve --servers N` does.

    python bench/compute_list.py [ROUNDS] [--no-ports]
"""

from __future__ import annotations

import sys
import time

import requests
from _common import paired, report, serve_until_terminated, start_served_child

from stackdouble.client import AuthOptions
from stackdouble.client.openstack import authenticated_client, new_compute_v2
from stackdouble.client.openstack.compute.v2 import servers

COUNT = 10_000
PAGE = 1_000


def serve(*, ports: bool) -> None:
    """The child: COUNT ACTIVE servers in the demo project (each with a port on `bench`
    when `ports`), served."""
    from stackdouble.fakes import FakeCloud

    cloud = FakeCloud(seed=1)
    demo = cloud.project_id("demo")
    cloud.compute.set_quota(demo, instances=-1, cores=-1, ram=-1)
    networks: list[str] | str = "none"
    if ports:
        neutron = cloud.networking
        admin = neutron.caller_for(demo, is_admin=True)
        net = neutron.create_network(admin, demo, {"name": "bench"})
        neutron.create_subnet(admin, demo, {"network_id": net.id, "ip_version": 4,
                                            "cidr": "10.0.0.0/16", "name": "bench-v4"})
        neutron.create_subnet(admin, demo, {"network_id": net.id, "ip_version": 6,
                                            "cidr": "fd00:be::/64",
                                            "ipv6_address_mode": "slaac",
                                            "ipv6_ra_mode": "slaac", "name": "bench-v6"})
        neutron.update_quota(admin, demo, {"port": -1})
        networks = [net.id]
    cloud.compute.create_servers(demo, COUNT, networks=networks)
    serve_until_terminated(cloud)


def main() -> None:
    if "--serve" in sys.argv:
        serve(ports="--no-ports" not in sys.argv)
        return
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    rounds = int(args[0]) if args else 7
    child = [sys.executable, __file__, "--serve"]
    if "--no-ports" in sys.argv:
        child.append("--no-ports")
    proc, base = start_served_child(child, timeout=600)
    try:
        opts = AuthOptions(identity_endpoint=f"{base}/identity/v3", username="demo",
                           password="demo-secret", project_name="demo", domain_name="Default")
        provider = authenticated_client(opts)
        compute = new_compute_v2(provider)
        first_url = servers.urls.list_detail_url(compute) + f"?limit={PAGE}"
        session = requests.Session()
        headers = {"X-Auth-Token": provider.token_id or "", "Accept": "application/json"}

        def ours() -> float:
            started = time.thread_time()
            count = sum(1 for _ in servers.list(compute, servers.ListOpts(limit=PAGE)).items())
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
                count += len(body["servers"])
                links = body.get("servers_links") or ()
                url = next((link["href"] for link in links if link.get("rel") == "next"), None)
            spent = time.thread_time() - started
            assert count == COUNT, count
            return spent

        ours()
        floor()
        a, b = paired(ours, floor, rounds)
        kind = "without ports" if "--no-ports" in sys.argv else "with a port each"
        report(f"list {COUNT:,} servers ({kind}) in pages of {PAGE:,}, client CPU per "
               "listing (served fake, keep-alive)",
               "servers.list(compute, ListOpts(limit=1000)).items()",
               "requests.Session().get(next href).json() loop", a, b, "ms", 1e3, target=1.3)
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    main()
