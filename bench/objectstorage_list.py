"""Listing 20,000 objects through the client vs a plain `requests` marker loop, served.

Target: ≤ 1.3× (openstacksdk measured 575× on large listings). The fake runs in its own
process (`stackdouble serve`), filled with one `?extract-archive=tar` request (Swift's bulk
upload), so only the client's CPU is measured: `time.thread_time` of the calling thread for
one whole listing (two 10,000-name pages and the empty page that ends a marker walk), in
alternating rounds. Text listings (the seed's default) and JSON listings are measured apart;
the JSON client builds typed `Object` rows, the loop only decodes the JSON.

    python bench/objectstorage_list.py [OBJECTS] [ROUNDS]
"""

from __future__ import annotations

import io
import sys
import tarfile
import time

import requests
from _common import paired, report, start_served_fake

from stackdouble.client import AuthOptions
from stackdouble.client.openstack import authenticated_client, new_object_storage_v1
from stackdouble.client.openstack.objectstorage.v1 import objects


def tar_of(count: int) -> bytes:
    """A tar of `count` empty files `obj-000000`... (what `swift upload` would send)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for i in range(count):
            tar.addfile(tarfile.TarInfo(f"obj-{i:06d}"), io.BytesIO(b""))
    return buffer.getvalue()


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 9
    proc, base = start_served_fake()
    try:
        opts = AuthOptions(identity_endpoint=f"{base}/identity/v3", username="demo",
                           password="demo-secret", project_name="demo", domain_name="Default")
        storage = new_object_storage_v1(authenticated_client(opts))
        url = storage.resource_base_url() + "bench"
        session = requests.Session()
        token = {"X-Auth-Token": storage.provider.token_id or ""}
        filled = session.put(url + "?extract-archive=tar", data=tar_of(count),
                             headers={**token, "Accept": "application/json"}).json()
        assert filled["Number Files Created"] == count, filled

        def client_text() -> float:
            started = time.thread_time()
            names = list(objects.list(storage, "bench").items())
            assert len(names) == count
            return time.thread_time() - started

        def loop_text() -> float:
            started = time.thread_time()
            names: list[str] = []
            marker = ""
            while True:
                resp = session.get(url, params={"marker": marker} if marker else None,
                                   headers={**token, "Accept": "text/plain"})
                resp.raise_for_status()
                if resp.status_code == 204:
                    break
                page = resp.text.split("\n")[:-1]
                names += page
                marker = page[-1]
            assert len(names) == count
            return time.thread_time() - started

        def client_json() -> float:
            started = time.thread_time()
            rows = list(objects.list(storage, "bench", objects.ListOpts(full=True)).items())
            assert len(rows) == count
            return time.thread_time() - started

        def loop_json() -> float:
            started = time.thread_time()
            rows: list[dict[str, object]] = []
            marker = ""
            while True:
                params = {"format": "json", **({"marker": marker} if marker else {})}
                resp = session.get(url, params=params, headers=token)
                resp.raise_for_status()
                page = resp.json()
                if not page:
                    break
                rows += page
                marker = str(page[-1]["name"])
            assert len(rows) == count
            return time.thread_time() - started

        for warm in (client_text, loop_text, client_json, loop_json):
            warm()
        a, b = paired(client_text, loop_text, rounds)
        report(f"list {count:,} objects as text, client CPU per listing (served fake)",
               "list(objects.list(storage, c).items())", "requests marker loop, text",
               a, b, "ms", 1e3, target=1.3)
        a, b = paired(client_json, loop_json, rounds)
        report(f"list {count:,} objects as JSON rows, client CPU per listing (served fake)",
               "objects.list(..., ListOpts(full=True))", "requests marker loop, .json()",
               a, b, "ms", 1e3, target=1.3)
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    main()
