"""The cost per port of one listing page holding every port (`limit=`) when the project has
50,000 vs 500, in-process: a listing must cost O(ports) (with the sort's log factor at
most), not more.

Target: ratio ≤ 1.3. Each round fetches, through `requests` and the in-process transport,
`GET /v2.0/ports?limit=N` with N the project's port count (one full page, and a
`ports_links` next link, as Neutron answers a full page); the two clouds alternate. CPU
time of this thread per port (`time.thread_time`: the fake runs in this thread, and renders,
sorts and pages every port; the machine's other load is left out), each round after a
`gc.collect()`, so neither side inherits the other's pending collections.
The ports are made as `networking_list.make_ports` makes them.

    python bench/networking_page_cost.py [ROUNDS]
"""

from __future__ import annotations

import gc
import sys
import time

import requests
from _common import paired, report
from networking_list import make_ports

from stackdouble.fakes import FakeCloud

BIG = 50_000
SMALL = 500


def make(count: int) -> tuple[FakeCloud, str, dict[str, str], int]:
    """A cloud whose demo project sees `count` ports and the URL of the page of them all."""
    cloud = FakeCloud(seed=1)
    make_ports(cloud, count)
    token = cloud.identity.issue_token("demo", project="demo")
    headers = {"X-Auth-Token": token}
    url = cloud.base_url + "/networking/v2.0/ports"
    with cloud:
        seen = len(requests.get(url, headers=headers).json()["ports"])
    return cloud, f"{url}?limit={seen}", headers, seen


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    small = make(SMALL)
    big = make(BIG)
    session = requests.Session()

    def cost(setup: tuple[FakeCloud, str, dict[str, str], int]) -> float:
        cloud, url, headers, seen = setup
        calls = max(1, BIG // 10 // seen)  # the small page 10 times a round: less noise
        gc.collect()  # both start with the collector's counts at zero
        with cloud:
            started = time.thread_time()
            for _ in range(calls):
                body = session.get(url, headers=headers).json()
            spent = time.thread_time() - started
        assert len(body["ports"]) == seen
        assert body["ports_links"]
        return spent / calls / seen

    cost(small)
    cost(big)
    a, b = paired(lambda: cost(big), lambda: cost(small), rounds)
    report(f"one page of every port (limit=N), in-process, per port: {BIG:,} vs {SMALL:,}",
           f"project with {BIG:,} ports", f"project with {SMALL:,} ports", a, b, "µs", 1e6,
           target=1.3)


if __name__ == "__main__":
    main()
