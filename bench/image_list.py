"""List 5,000 images (pages of 1,000) through the client vs plain `requests` following
Glance's `next` links, against the served fake Glance in its own process.

Target: ≤ 1.3× (openstacksdk measured 113× on large listings). The fake runs in a child
process (this script with `--serve`), its 5,000 images made with `cloud.image.create_images`
before it serves, so only the client's CPU is measured: `time.thread_time` of the calling
thread, alternating rounds over one keep-alive connection each. The listing also holds the
fake's three seeded public images, so a walk is six pages. Both sides decode every page's
JSON (Glance's image view, ~700 bytes an image) and follow `next`, a path under Glance's
root (`{base}/image`); the client also builds an `Image` per item.

    python bench/image_list.py [ROUNDS]
"""

from __future__ import annotations

import sys
import time

import requests
from _common import paired, report, serve_until_terminated, start_served_child

from stackdouble.client import AuthOptions
from stackdouble.client.openstack import authenticated_client, new_image_v2
from stackdouble.client.openstack.image.v2 import images

COUNT = 5_000
PAGE = 1_000


def serve() -> None:
    """The child: a fake cloud with COUNT images in the demo project, served."""
    from stackdouble.fakes import FakeCloud

    cloud = FakeCloud(seed=1)
    cloud.image.create_images(cloud.project_id("demo"), COUNT)
    serve_until_terminated(cloud)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    proc, base = start_served_child([sys.executable, __file__, "--serve"])
    try:
        opts = AuthOptions(identity_endpoint=f"{base}/identity/v3", username="demo",
                           password="demo-secret", project_name="demo", domain_name="Default")
        provider = authenticated_client(opts)
        image_client = new_image_v2(provider)
        root = f"{base}/image/"
        first_url = images.urls.list_url(image_client) + f"?limit={PAGE}"
        session = requests.Session()
        headers = {"X-Auth-Token": provider.token_id or "", "Accept": "application/json"}
        expected: list[int] = []

        def ours() -> float:
            started = time.thread_time()
            count = sum(1 for _ in images.list(image_client,
                                               images.ListOpts(limit=PAGE)).items())
            spent = time.thread_time() - started
            assert count == expected[0], count
            return spent

        def floor() -> float:
            started = time.thread_time()
            url: str | None = first_url
            count = 0
            while url:
                response = session.get(url, headers=headers)
                response.raise_for_status()
                body = response.json()
                count += len(body["images"])
                link = body.get("next")
                url = root + link.lstrip("/") if link else None
            spent = time.thread_time() - started
            if not expected:
                expected.append(count)
            assert count == expected[0] >= COUNT, count
            return spent

        floor()
        ours()
        a, b = paired(ours, floor, rounds)
        report(f"list {expected[0]:,} images in pages of {PAGE:,}, client CPU per listing "
               "(served fake Glance, keep-alive)",
               "images.list(image_client, ListOpts(limit=1000)).items()",
               "requests.Session().get(root + next).json() loop", a, b, "ms", 1e3,
               target=1.3)
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve()
    else:
        main()
