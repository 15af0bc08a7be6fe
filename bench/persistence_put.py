"""The cost of keeping a served fake on disk: a PUT of a 1 KiB Swift object, answered by
`stackdouble serve --data-dir DIR` (each write journaled before its answer: kept if the
process is killed) against the same PUT to `stackdouble serve` (in memory).

Target: ≤ 1.5×. Wall time per PUT (what the disk costs is waiting, not CPU), in
alternating blocks of calls over one keep-alive connection to each server; the servers run
in their own processes. A third server with `--fsync` (each record flushed to the disk
before the answer, so a write survives the machine stopping too) shows what that costs.

    python bench/persistence_put.py [CALLS_PER_BLOCK] [ROUNDS]
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable

import requests
from _common import paired, report, start_served_fake


def _putter(base: str, calls: int) -> Callable[[], float]:
    session = requests.Session()
    session.trust_env = False
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": "demo", "domain": {"name": "Default"}, "password": "demo-secret"}}},
        "scope": {"project": {"name": "demo", "domain": {"name": "Default"}}}}}
    resp = session.post(base + "/identity/v3/auth/tokens", json=body)
    resp.raise_for_status()
    token = resp.headers["X-Subject-Token"]
    project = resp.json()["token"]["project"]["id"]
    headers = {"X-Auth-Token": token}
    container = f"{base}/v1/AUTH_{project}/bench"
    session.put(container, headers=headers).raise_for_status()
    data = os.urandom(1024)
    counter = iter(range(10**9))

    def put() -> float:
        started = time.perf_counter()
        for _ in range(calls):
            session.put(f"{container}/o{next(counter) % 500}", headers=headers,
                        data=data).raise_for_status()
        return (time.perf_counter() - started) / calls

    return put


def main() -> None:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 9
    where = tempfile.mkdtemp(prefix="stackdouble-bench-")
    procs = []
    try:
        plain, base_plain = start_served_fake()
        procs.append(plain)
        kept, base_kept = start_served_fake("--data-dir", os.path.join(where, "journal"))
        procs.append(kept)
        synced, base_synced = start_served_fake("--data-dir", os.path.join(where, "fsync"),
                                                "--fsync")
        procs.append(synced)
        in_memory, on_disk = _putter(base_plain, calls), _putter(base_kept, calls)
        flushed = _putter(base_synced, calls)
        for warm in (in_memory, on_disk, flushed):
            warm()
        a, b = paired(on_disk, in_memory, rounds)
        report("PUT of a 1 KiB object, wall time per call (served fake, keep-alive)",
               "serve --data-dir DIR (journaled)", "serve (in memory)",
               a, b, "µs", 1e6, target=1.5)
        a, b = paired(flushed, in_memory, rounds)
        report("the same, waiting for the disk",
               "serve --data-dir DIR --fsync", "serve (in memory)", a, b, "µs", 1e6)
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(10)
        shutil.rmtree(where, ignore_errors=True)


if __name__ == "__main__":
    main()
