"""An in-process fake request vs a bare `responses` stub returning the same body.

Target: ≤ 1.3× (moto measured 4.5× a `responses` floor). Both go through a plain
`requests.Session` to the same URL; the fake authenticates the token, routes, renders and
logs the request, the stub only returns canned bytes. CPU per request, alternating blocks.

    python bench/inprocess_request.py [CALLS_PER_BLOCK] [ROUNDS]
"""

from __future__ import annotations

import sys
import time

import requests
import responses
from _common import paired, report

from stackdouble.fakes import FakeCloud


def main() -> None:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 9
    cloud = FakeCloud(seed=1)
    session = requests.Session()
    with cloud:
        token = cloud.identity.issue_token(cloud.user_id("demo"), project=cloud.project_id("demo"))
        url = f"{cloud.identity_v3_url}/projects/{cloud.project_id('demo')}"
        headers = {"X-Auth-Token": token, "Accept": "application/json"}
        canned = session.get(url, headers=headers)
        canned.raise_for_status()
        body, ctype = canned.content, canned.headers["Content-Type"]

    def fake() -> float:
        with cloud:
            cloud.requests.clear()
            started = time.process_time()
            for _ in range(calls):
                session.get(url, headers=headers).json()
            return (time.process_time() - started) / calls

    def stub() -> float:
        with responses.RequestsMock() as mock:
            mock.add("GET", url, body=body, content_type=ctype)
            started = time.process_time()
            for _ in range(calls):
                session.get(url, headers=headers).json()
            return (time.process_time() - started) / calls

    fake()
    stub()
    a, b = paired(fake, stub, rounds)
    report("in-process request, CPU per request (GET /identity/v3/projects/{id})",
           "FakeCloud in-process", "bare responses stub, same body", a, b, "µs", 1e6,
           target=1.3)


if __name__ == "__main__":
    main()
