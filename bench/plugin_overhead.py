"""The per-test cost of `openstack_cloud` + `openstack_provider` vs an empty test.

Target: under 2 ms of overhead per test, stated as a ratio to one in-process request (a GET
of a project through the in-process FakeCloud, `bench/inprocess_request.py`'s request).

Two generated test files of N tests each, one of tests taking the fake cloud and an
authenticated provider, one of empty tests, each run by `python -m pytest` in a child
process with a small timing plugin. The plugin charges each file the CPU its collection took
plus the CPU of every test's run (setup, call, teardown, reports), skipping the first
WARMUP tests (imports, building the worker's cloud), and divides by the tests it counted:
a mean, so garbage collection and other amortised costs count. Timing inside the child
leaves out interpreter start-up, whose noise swamped the figure when it was taken as the
difference between whole runs of N and 2N tests. Paired rounds, median of the differences.

    python bench/plugin_overhead.py [N] [ROUNDS]     (default 1000 tests, 7 rounds)
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
from _common import paired

from stackdouble.fakes import FakeCloud

FIXTURE_TEST = "def test_{i}(openstack_cloud, openstack_provider):\n    pass\n\n"
EMPTY_TEST = "def test_{i}():\n    pass\n\n"
WARMUP = 20

TIMING_PLUGIN = f'''
import json, os, time
import pytest

_COSTS = []
_COLLECT = []


@pytest.hookimpl(wrapper=True)
def pytest_collection(session):
    started = time.process_time()
    try:
        return (yield)
    finally:
        _COLLECT.append(time.process_time() - started)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    started = time.process_time()
    try:
        return (yield)
    finally:
        _COSTS.append(time.process_time() - started)


def pytest_unconfigure(config):
    counted = _COSTS[{WARMUP}:]
    with open(os.environ["STACKDOUBLE_BENCH_OUT"], "w") as out:
        json.dump({{"collect": sum(_COLLECT), "run": sum(counted), "tests": len(counted),
                   "all_tests": len(_COSTS)}}, out)
'''


def write(folder: Path, name: str, template: str, n: int) -> Path:
    path = folder / f"test_{name}.py"
    path.write_text("".join(template.format(i=i) for i in range(n)), encoding="utf-8")
    return path


def run(path: Path) -> float:
    """CPU seconds per test in a child pytest: collection share plus mean run cost."""
    out = path.with_suffix(".json")
    env = dict(os.environ, STACKDOUBLE_BENCH_OUT=str(out),
               PYTHONPATH=os.pathsep.join(filter(None, [str(path.parent),
                                                        os.environ.get("PYTHONPATH")])))
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                    "-p", "no:benchmark", "-p", "no:xdist", "-p", "bench_timing",
                    "--rootdir", str(path.parent), str(path)],
                   stdout=subprocess.DEVNULL, env=env, check=True)
    result = json.loads(out.read_text(encoding="utf-8"))
    return float(result["collect"]) / int(result["all_tests"]) + float(result["run"]) / int(
        result["tests"])


def inprocess_request_cost(calls: int = 500) -> float:
    cloud = FakeCloud(seed=1)
    session = requests.Session()
    session.trust_env = False
    with cloud:
        token = cloud.identity.issue_token(cloud.user_id("demo"), project=cloud.project_id("demo"))
        url = f"{cloud.identity_v3_url}/projects/{cloud.project_id('demo')}"
        headers = {"X-Auth-Token": token, "Accept": "application/json"}
        for _ in range(50):
            session.get(url, headers=headers).json()
        costs = []
        for _ in range(5):
            cloud.requests.clear()
            started = time.process_time()
            for _ in range(calls):
                session.get(url, headers=headers).json()
            costs.append((time.process_time() - started) / calls)
    return statistics.median(costs)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    folder = Path(tempfile.mkdtemp(prefix="stackdouble-bench-"))
    (folder / "conftest.py").write_text("", encoding="utf-8")
    (folder / "bench_timing.py").write_text(TIMING_PLUGIN, encoding="utf-8")
    fixture_file = write(folder, "fixture", FIXTURE_TEST, n)
    empty_file = write(folder, "empty", EMPTY_TEST, n)

    run(fixture_file)
    fixture_costs, empty_costs = paired(lambda: run(fixture_file), lambda: run(empty_file),
                                        rounds)
    overheads = [a - b for a, b in zip(fixture_costs, empty_costs, strict=True)]
    request = inprocess_request_cost()
    overhead = statistics.median(overheads)
    print(f"per-test cost, child CPU (collection share + mean run), {n} tests a file, "
          f"first {WARMUP} not counted")
    print(f"  test with openstack_cloud + openstack_provider  median "
          f"{statistics.median(fixture_costs) * 1e3:8.2f} ms")
    print(f"  empty test                                      median "
          f"{statistics.median(empty_costs) * 1e3:8.2f} ms")
    print(f"  overhead per test                               median {overhead * 1e3:8.2f} ms "
          f"(target < 2 ms: {'met' if overhead < 2e-3 else 'NOT met'}; pairs ranged "
          f"{min(overheads) * 1e3:.2f}-{max(overheads) * 1e3:.2f} ms)")
    print(f"  one in-process request (GET project)            median {request * 1e3:8.2f} ms")
    print(f"  overhead = {overhead / request:.1f} in-process requests")


if __name__ == "__main__":
    main()
