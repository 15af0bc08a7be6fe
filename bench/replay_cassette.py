"""Replay by index vs vcrpy's replay of the same cassettes, at 100, 1,000 and 5,000 interactions.

Targets: our per-request cost at 5,000 interactions ≤ 1.5× the cost at 100 (vcrpy measured
about 57×: record-replay-measurements.md §3), and ≥ 100× faster than vcrpy at 5,000.

The cassettes hold N distinct GETs `/compute/v2.1/servers/<i>` with a small JSON body, as in
record-replay-measurements.md §3, written in vcrpy's YAML format by `save_cassette` (recording
5,000 interactions through vcrpy takes minutes and measures nothing we replay). Both replayers,
and a bare `responses` catch-all returning one canned body (the floor),
answer the N requests in recorded order through one `requests.Session` (`trust_env=False`),
calling `.json()` on each; the figure is CPU time per request (`time.process_time`), paired
rounds, median. Loading the file (YAML parse, index build) is timed separately.

vcrpy's replay at 5,000 takes minutes (each request compares every stored interaction up to
its own), so, as §3 did, it is sampled: every 10th request in recorded order. A request's
cost depends only on its position, so the sample's mean estimates the full replay's.

    python bench/replay_cassette.py [ROUNDS]
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import requests
from _common import paired, report

from stackdouble.cassettes import (
    Cassette,
    Interaction,
    RecordedRequest,
    RecordedResponse,
    Replayer,
    ReplayIndex,
    load_cassette,
    save_cassette,
)

BASE = "http://cloud.stackdouble.test/compute/v2.1/servers/"
SIZES = (100, 1_000, 5_000)
VCR_SAMPLE_EVERY = 10


def build(n: int, folder: Path) -> Path:
    """A cassette of n distinct GETs."""
    items = []
    for i in range(n):
        body = json.dumps({"server": {"id": f"{i:032x}", "name": f"server-{i}",
                                      "status": "ACTIVE"}}).encode()
        items.append(Interaction(
            request=RecordedRequest(method="GET", uri=f"{BASE}{i:032x}",
                                    headers=[("Accept", "application/json"),
                                             ("X-Auth-Token", "***")]),
            response=RecordedResponse(status=200, reason="OK",
                                      headers=[("Content-Type", "application/json"),
                                               ("Content-Length", str(len(body)))],
                                      body=body)))
    return save_cassette(Cassette(interactions=items), folder / f"servers-{n}.yaml")


def urls(n: int, every: int = 1) -> list[str]:
    return [f"{BASE}{i:032x}" for i in range(0, n, every)]


def ours(cassette: Cassette, session: requests.Session) -> float:
    """CPU seconds per request, replaying every interaction in order (fresh index)."""
    index = ReplayIndex(cassette)
    targets = urls(len(cassette))
    with Replayer(index):
        started = time.process_time()
        for url in targets:
            session.get(url).json()
        spent = time.process_time() - started
    assert index.all_played
    return spent / len(targets)


def floor(n: int, session: requests.Session) -> float:
    """CPU seconds per request of a bare `responses` catch-all returning one canned body."""
    import re

    import responses

    body = json.dumps({"server": {"id": "0" * 32, "name": "server-0", "status": "ACTIVE"}})
    targets = urls(n)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add_callback("GET", re.compile(".*"), lambda request: (200, {}, body),
                          content_type="application/json")
        started = time.process_time()
        for url in targets:
            session.get(url).json()
        spent = time.process_time() - started
    return spent / len(targets)


def vcrpy(path: Path, n: int, session: requests.Session, every: int) -> float:
    """CPU seconds per request of vcrpy's own replay (every `every`-th request, in order)."""
    import vcr  # type: ignore[import-untyped]

    recorder = vcr.VCR(record_mode="none")
    targets = urls(n, every)
    with recorder.use_cassette(str(path), allow_playback_repeats=False):
        started = time.process_time()
        for url in targets:
            session.get(url).json()
        spent = time.process_time() - started
    return spent / len(targets)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    folder = Path(tempfile.mkdtemp(prefix="stackdouble-bench-"))
    session = requests.Session()
    session.trust_env = False
    paths = {n: build(n, folder) for n in SIZES}
    cassettes: dict[int, Cassette] = {}
    print("load (YAML parse + index build), median of 3:")
    for n in SIZES:
        loads, indexes = [], []
        for _ in range(3):
            started = time.process_time()
            cassettes[n] = load_cassette(paths[n])
            loads.append(time.process_time() - started)
            started = time.process_time()
            ReplayIndex(cassettes[n])
            indexes.append(time.process_time() - started)
        print(f"  N={n:>5}: parse {statistics.median(loads) * 1e3:8.1f} ms, "
              f"index {statistics.median(indexes) * 1e3:7.1f} ms")
    sys.stdout.flush()

    ours(cassettes[100], session)  # warm up
    per_request: dict[int, list[float]] = {}
    a, b = paired(lambda: ours(cassettes[5_000], session),
                  lambda: ours(cassettes[100], session), rounds)
    per_request[5_000], per_request[100] = a, b
    report("indexed replay: per-request CPU at 5,000 vs 100 interactions",
           "N=5,000", "N=100", a, b, "µs", 1e6, target=1.5)
    per_request[1_000] = [ours(cassettes[1_000], session) for _ in range(rounds)]
    print(f"  N=1,000 median {statistics.median(per_request[1_000]) * 1e6:10.1f} µs")
    a, b = paired(lambda: ours(cassettes[1_000], session), lambda: floor(1_000, session),
                  rounds)
    report("indexed replay vs the floor (one responses catch-all, canned body), N=1,000",
           "indexed replay", "bare responses catch-all", a, b, "µs", 1e6)
    sys.stdout.flush()

    print("vcrpy replay of the same files (record_mode=none, in order):")
    vcr_cost: dict[int, list[float]] = {}
    for n, every, times in ((100, 1, rounds), (1_000, 1, 3), (5_000, VCR_SAMPLE_EVERY, 1)):
        vcr_cost[n] = [vcrpy(paths[n], n, session, every) for _ in range(times)]
        sampled = f", every {every}th request sampled" if every > 1 else ""
        ratio = statistics.median(vcr_cost[n]) / statistics.median(per_request[n])
        print(f"  N={n:>5}: {statistics.median(vcr_cost[n]) * 1e6:10.1f} µs/request "
              f"({times} run(s){sampled}); indexed replay is {ratio:.0f}× faster")
        sys.stdout.flush()
    ratio = statistics.median(vcr_cost[5_000]) / statistics.median(per_request[5_000])
    growth = statistics.median(vcr_cost[5_000]) / statistics.median(vcr_cost[100])
    print(f"  vcrpy per-request growth 5,000 vs 100: {growth:.1f}×")
    print(f"indexed replay vs vcrpy at 5,000: {ratio:.0f}× faster "
          f"(target ≥ 100×: {'met' if ratio >= 100 else 'NOT met'})")


if __name__ == "__main__":
    main()
