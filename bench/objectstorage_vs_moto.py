"""Listing 10,000 objects from the in-process fake Swift vs moto listing 10,000 S3 keys.

Target: ≥ 20× faster per listed name (moto measured about 210 ms per 1,000-key page,
`reference/record-replay-measurements.md` §2). Both are measured in the same run, in pages
of 1,000 with full rows: the client's `objects.list(..., ListOpts(full=True, limit=1000))`
(ten pages and the empty one that ends a marker walk, rows typed as `Object`), and boto3's
`list_objects_v2` paginator (`MaxKeys=1000`) under `moto.mock_aws`. Wall time per listing.

moto and boto3 are not dependencies of stackdouble; without them this script says so and
exits without measuring.

    python bench/objectstorage_vs_moto.py [ROUNDS]
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

from stackdouble.client.openstack import (
    auth_options_from_env,
    authenticated_client,
    new_object_storage_v1,
)
from stackdouble.client.openstack.objectstorage.v1 import objects
from stackdouble.fakes import FakeCloud

COUNT = 10_000


def median_of(action: Callable[[], int], rounds: int) -> float:
    costs = []
    for _ in range(rounds):
        started = time.perf_counter()
        assert action() == COUNT
        costs.append(time.perf_counter() - started)
    return statistics.median(costs)


def ours(rounds: int) -> float:
    cloud = FakeCloud(seed=1)
    cloud.object_storage.fill("demo", "bench", (f"key-{i:05d}" for i in range(COUNT)))
    with cloud:
        auth = auth_options_from_env(cloud.os_environ())
        storage = new_object_storage_v1(authenticated_client(auth))
        opts = objects.ListOpts(full=True, limit=1_000)

        def listing() -> int:
            cloud.requests.clear()
            return len(list(objects.list(storage, "bench", opts).items()))

        listing()
        return median_of(listing, rounds)


def moto(rounds: int) -> float | None:
    try:
        import boto3
        from moto import mock_aws
    except ImportError:
        return None
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="bench")
        for i in range(COUNT):
            s3.put_object(Bucket="bench", Key=f"key-{i:05d}", Body=b"")
        paginator = s3.get_paginator("list_objects_v2")

        def listing() -> int:
            return sum(page.get("KeyCount", 0)
                       for page in paginator.paginate(Bucket="bench",
                                                      PaginationConfig={"PageSize": 1_000}))

        return median_of(listing, rounds)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    theirs = moto(rounds)
    if theirs is None:
        print("moto and boto3 are not installed (they are not stackdouble dependencies): "
              "pip install moto boto3 to compare; nothing measured")
        return
    mine = ours(max(rounds, 9))
    ratio = theirs / mine
    verdict = "met" if ratio >= 20 else "NOT met"
    print(f"list {COUNT:,} objects in pages of 1,000, full rows, wall time per listed name")
    print(f"  {'fake Swift in-process, stackdouble client':<44} median "
          f"{mine / COUNT * 1e6:10.1f} µs ({mine * 1e3:.0f} ms per listing)")
    print(f"  {'moto S3, boto3 list_objects_v2':<44} median "
          f"{theirs / COUNT * 1e6:10.1f} µs ({theirs * 1e3:.0f} ms per listing)")
    print(f"  moto / fake: {ratio:.1f}× faster per listed name (target ≥ 20×: {verdict})")


if __name__ == "__main__":
    main()
