"""The cost of one page of ports (limit 100) when the project has 50,000 vs 500 ports,
in-process: a page in Neutron's default order (by id) must cost O(page), not O(ports).

Target: ratio ≤ 1.3. Each round fetches, through `requests` and the in-process transport,
`GET /v2.0/ports?limit=100` (the first page) and `?limit=50&marker=<id>` from a port in
the middle (the same amount of work in both projects); the two clouds alternate. CPU time
of this thread per page (`time.thread_time`: the fake runs in this thread; the machine's
other load is left out). The ports are made as `networking_list.make_ports` makes them.

An earlier version of this script fetched one page holding every port (`limit=N`) and
compared the cost per port; that measured JSON encoding and decoding of a 40 MB document
more than the fake, and is what `networking_list.py` covers (a whole listing, client vs
plain `requests`).

    python bench/networking_page_cost.py [CALLS_PER_BLOCK] [ROUNDS]
"""

from __future__ import annotations

import sys
import time

import requests
from _common import paired, report
from networking_list import make_ports

from stackdouble.fakes import FakeCloud

BIG = 50_000
SMALL = 500
LIMIT = 100


def make(count: int) -> tuple[FakeCloud, str, dict[str, str], str]:
    """A cloud whose demo project has `count` ports, its ports URL, a token and the id of
    the port in the middle of the id order (the marker)."""
    cloud = FakeCloud(seed=1)
    make_ports(cloud, count)
    token = cloud.identity.issue_token("demo", project="demo")
    ids = sorted(p.id for p in cloud.networking.ports.values())
    return (cloud, cloud.base_url + "/networking/v2.0/ports", {"X-Auth-Token": token},
            ids[len(ids) // 2])


def main() -> None:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 9
    small = make(SMALL)
    big = make(BIG)
    session = requests.Session()

    def cost(setup: tuple[FakeCloud, str, dict[str, str], str]) -> float:
        cloud, url, headers, marker = setup
        with cloud:
            started = time.thread_time()
            for i in range(calls):
                query = f"?limit={LIMIT // 2}&marker={marker}" if i % 2 else f"?limit={LIMIT}"
                body = session.get(url + query, headers=headers).json()
                assert len(body["ports"]) == (LIMIT // 2 if i % 2 else LIMIT)
                assert body["ports_links"]
            return (time.thread_time() - started) / calls

    cost(small)
    cost(big)
    a, b = paired(lambda: cost(big), lambda: cost(small), rounds)
    report(f"one page of {LIMIT} ports (first page and from a marker), in-process",
           f"project with {BIG:,} ports", f"project with {SMALL:,} ports", a, b, "ms", 1e3,
           target=1.3)


if __name__ == "__main__":
    main()
