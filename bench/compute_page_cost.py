"""The cost of one page of servers (limit 100) when the project has 100 vs 10,000 servers,
in-process: a page must cost O(page), not O(servers).

Target: ratio ≤ 1.3. Each round fetches, through `requests` and the in-process transport,
the first page (limit 100) and a page of 50 from a marker in the middle of the project's
servers (the same amount of work in both projects); the two clouds alternate. Wall time per
page (the fake runs in this thread).

    python bench/compute_page_cost.py [CALLS_PER_BLOCK] [ROUNDS]
"""

from __future__ import annotations

import sys
import time

import requests
from _common import paired, report

from stackdouble.fakes import FakeCloud

LIMIT = 100


def make(count: int) -> tuple[FakeCloud, str, dict[str, str], str]:
    cloud = FakeCloud(seed=1)
    demo = cloud.project_id("demo")
    cloud.compute.set_quota(demo, instances=-1, cores=-1, ram=-1)
    made = cloud.compute.create_servers(demo, count)
    token = cloud.identity.issue_token("demo", project="demo")
    url = cloud.base_url + "/compute/v2.1/servers/detail"
    return cloud, url, {"X-Auth-Token": token}, made[count // 2].uuid


def main() -> None:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 9
    small = make(100)
    big = make(10_000)
    session = requests.Session()

    def cost(setup: tuple[FakeCloud, str, dict[str, str], str]) -> float:
        cloud, url, headers, marker = setup
        with cloud:
            started = time.perf_counter()
            for i in range(calls):
                query = f"?limit={LIMIT // 2}&marker={marker}" if i % 2 else f"?limit={LIMIT}"
                body = session.get(url + query, headers=headers).json()
                assert len(body["servers"]) == (LIMIT // 2 if i % 2 else LIMIT)
            return (time.perf_counter() - started) / calls

    cost(small)
    cost(big)
    a, b = paired(lambda: cost(big), lambda: cost(small), rounds)
    report(f"one page of {LIMIT} servers (first page and from a marker), in-process",
           "project with 10,000 servers", "project with 100 servers", a, b, "ms", 1e3,
           target=1.3)


if __name__ == "__main__":
    main()
