"""A warm GET through the client vs plain `requests.Session`, against the served fake.

Target: ≤ 1.15× (openstacksdk measured 6.5× on this kind of machine). The fake runs in its
own process (`stackdouble serve`), so only the client's CPU is measured: `time.thread_time`
of the calling thread, in alternating blocks of calls over one keep-alive connection each.

    python bench/warm_get.py [CALLS_PER_BLOCK] [ROUNDS]
"""

from __future__ import annotations

import sys
import time

import requests
from _common import paired, report, start_served_fake

from stackdouble.client import AuthOptions
from stackdouble.client.openstack import authenticated_client, new_identity_v3
from stackdouble.client.openstack.identity.v3 import projects


def main() -> None:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 9
    proc, base = start_served_fake()
    try:
        opts = AuthOptions(identity_endpoint=f"{base}/identity/v3", username="demo",
                           password="demo-secret", project_name="demo", domain_name="Default")
        provider = authenticated_client(opts)
        identity = new_identity_v3(provider)
        project_id = provider.auth_result.extract_project().id
        url = identity.service_url("projects", project_id)
        session = requests.Session()
        headers = {"X-Auth-Token": provider.token_id or "", "Accept": "application/json"}

        def ours() -> float:
            started = time.thread_time()
            for _ in range(calls):
                projects.get(identity, project_id).extract()
            return (time.thread_time() - started) / calls

        def floor() -> float:
            started = time.thread_time()
            for _ in range(calls):
                response = session.get(url, headers=headers)
                response.raise_for_status()
                response.json()
            return (time.thread_time() - started) / calls

        ours()
        floor()
        a, b = paired(ours, floor, rounds)
        report("warm GET of one project, client CPU per call (served fake, keep-alive)",
               "projects.get(identity, id).extract()", "requests.Session().get(url).json()",
               a, b, "µs", 1e6, target=1.15)
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    main()
