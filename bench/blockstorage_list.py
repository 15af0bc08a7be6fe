"""List 5,000 volumes (pages of 1,000) through the client vs plain `requests` following
`volumes_links`, against the served fake Cinder in its own process.

Target: ≤ 1.3× (openstacksdk measured 113× on large listings). The fake runs as
`stackdouble serve --volumes 5000`, so only the client's CPU is measured: `time.thread_time`
of the calling thread, alternating rounds over one keep-alive connection each. Both sides
decode every page's JSON (Cinder's detail view, ~900 bytes a volume) and stop on the empty
page after the last full one; the client also builds a `Volume` per item.

    python bench/blockstorage_list.py [ROUNDS]
"""

from __future__ import annotations

import sys
import time

import requests
from _common import paired, report, start_served_fake

from stackdouble.client import AuthOptions
from stackdouble.client.openstack import authenticated_client, new_block_storage_v3
from stackdouble.client.openstack.blockstorage.v3 import volumes

COUNT = 5_000
PAGE = 1_000



def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    proc, base = start_served_fake("--volumes", str(COUNT))
    try:
        opts = AuthOptions(identity_endpoint=f"{base}/identity/v3", username="demo",
                           password="demo-secret", project_name="demo", domain_name="Default")
        provider = authenticated_client(opts)
        block_storage = new_block_storage_v3(provider)
        first_url = volumes.urls.list_detail_url(block_storage) + f"?limit={PAGE}"
        session = requests.Session()
        headers = {"X-Auth-Token": provider.token_id or "", "Accept": "application/json"}

        def ours() -> float:
            started = time.thread_time()
            count = sum(1 for _ in volumes.list(block_storage,
                                                volumes.ListOpts(limit=PAGE)).items())
            spent = time.thread_time() - started
            assert count == COUNT, count
            return spent

        def floor() -> float:
            started = time.thread_time()
            url: str | None = first_url
            count = 0
            while url:
                response = session.get(url, headers=headers)
                response.raise_for_status()
                body = response.json()
                if not body["volumes"]:
                    break
                count += len(body["volumes"])
                links = body.get("volumes_links") or ()
                url = next((link["href"] for link in links if link.get("rel") == "next"), None)
            spent = time.thread_time() - started
            assert count == COUNT, count
            return spent

        ours()
        floor()
        a, b = paired(ours, floor, rounds)
        report(f"list {COUNT:,} volumes in pages of {PAGE:,}, client CPU per listing "
               "(served fake Cinder, keep-alive)",
               "volumes.list(block_storage, ListOpts(limit=1000)).items()",
               "requests.Session().get(next href).json() loop", a, b, "ms", 1e3, target=1.3)
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    main()
