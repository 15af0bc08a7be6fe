"""One 1,000-name listing page in a container of 1,000 vs 100,000 objects, in-process.

Target: ratio ≤ 1.3 (moto's S3 page costs the same at any size, but 200 ms; a fake that
sorts or scans per page grows with the container). The fake keeps names in a SortedDict,
so the marker seek is O(log n) and the page O(page). Each call is a full request through
the client and the in-process transport: `objects.list(..., ListOpts(full=True, limit=1000,
marker=...))`, first page, rows typed; the marker sits mid-container at 100,000 objects.
Wall time per page, alternating rounds.

    python bench/objectstorage_page_cost.py [PAGES_PER_ROUND] [ROUNDS]
"""

from __future__ import annotations

import sys
import time

from _common import paired, report

from stackdouble.client import ServiceClient
from stackdouble.client.openstack import (
    auth_options_from_env,
    authenticated_client,
    new_object_storage_v1,
)
from stackdouble.client.openstack.objectstorage.v1 import objects
from stackdouble.fakes import FakeCloud


def main() -> None:
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 9
    small = FakeCloud(seed=1, base_url="http://small.stackdouble.test")
    large = FakeCloud(seed=1, base_url="http://large.stackdouble.test")
    small.object_storage.fill("demo", "c", (f"obj-{i:06d}" for i in range(1_000)))
    large.object_storage.fill("demo", "c", (f"obj-{i:06d}" for i in range(100_000)))

    with small, large:
        small_opts = auth_options_from_env(small.os_environ())
        large_opts = auth_options_from_env(large.os_environ())
        small_storage = new_object_storage_v1(authenticated_client(small_opts))
        large_storage = new_object_storage_v1(authenticated_client(large_opts))

        def page_of(cloud: FakeCloud, storage: ServiceClient, marker: str | None) -> float:
            opts = objects.ListOpts(full=True, limit=1_000, marker=marker)
            cloud.requests.clear()
            started = time.perf_counter()
            for _ in range(pages):
                page = next(objects.list(storage, "c", opts).pages())
                assert len(objects.extract_info(page)) == 1_000
            return (time.perf_counter() - started) / pages

        def at_100k() -> float:
            return page_of(large, large_storage, "obj-049999")

        def at_1k() -> float:
            return page_of(small, small_storage, None)

        at_100k()
        at_1k()
        a, b = paired(at_100k, at_1k, rounds)
    report("one 1,000-name JSON page, in-process, wall time per page",
           "container of 100,000 objects (marker mid-way)", "container of 1,000 objects",
           a, b, "ms", 1e3, target=1.3)


if __name__ == "__main__":
    main()
