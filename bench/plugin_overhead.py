"""The per-test cost of `openstack_cloud` + `openstack_provider` vs an empty test.

Target: under 2 ms of overhead per test, stated as a ratio to one in-process request (a GET
of a project through the in-process FakeCloud, `bench/inprocess_request.py`'s request).

Two generated test files, one of tests taking the fake cloud and an authenticated provider,
one of empty tests, each run by `python -m pytest` in a child process at two sizes (N and
2N tests); the per-test cost is the child's CPU difference between the sizes divided by N,
so interpreter start-up, imports and building the cloud template cancel out. Paired rounds,
median.

    python bench/plugin_overhead.py [N] [ROUNDS]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import requests
from _common import child_cost, paired

from stackdouble.fakes import FakeCloud

FIXTURE_TEST = "def test_{i}(openstack_cloud, openstack_provider):\n    pass\n\n"
EMPTY_TEST = "def test_{i}():\n    pass\n\n"


def write(folder: Path, name: str, template: str, n: int) -> Path:
    path = folder / f"test_{name}_{n}.py"
    path.write_text("".join(template.format(i=i) for i in range(n)), encoding="utf-8")
    return path


def run(path: Path) -> float:
    _, cpu = child_cost([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                         "-p", "no:benchmark", "-p", "no:xdist", "--rootdir", str(path.parent),
                         str(path)])
    return cpu


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
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    folder = Path(tempfile.mkdtemp(prefix="stackdouble-bench-"))
    (folder / "conftest.py").write_text("", encoding="utf-8")
    files = {(kind, size): write(folder, kind, template, size)
             for kind, template in (("fixture", FIXTURE_TEST), ("empty", EMPTY_TEST))
             for size in (n, 2 * n)}

    def per_test(kind: str) -> float:
        return (run(files[(kind, 2 * n)]) - run(files[(kind, n)])) / n

    per_test("fixture")
    fixture_costs, empty_costs = paired(lambda: per_test("fixture"), lambda: per_test("empty"),
                                        rounds)
    overheads = [a - b for a, b in zip(fixture_costs, empty_costs, strict=True)]
    request = inprocess_request_cost()
    overhead = statistics.median(overheads)
    print("per-test cost, child CPU, (2N - N tests) / N, N =", n)
    print(f"  test with openstack_cloud + openstack_provider  median "
          f"{statistics.median(fixture_costs) * 1e3:8.2f} ms")
    print(f"  empty test                                      median "
          f"{statistics.median(empty_costs) * 1e3:8.2f} ms")
    print(f"  overhead per test                               median {overhead * 1e3:8.2f} ms "
          f"(target < 2 ms: {'met' if overhead < 2e-3 else 'NOT met'})")
    print(f"  one in-process request (GET project)            median {request * 1e3:8.2f} ms")
    print(f"  overhead = {overhead / request:.1f} in-process requests")


if __name__ == "__main__":
    main()
