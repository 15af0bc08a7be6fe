"""An identity token issue + validate round trip through the client vs plain `requests`.

Target: ≤ 1.2×. The fake runs in its own process (`stackdouble serve --port 0`), so only the
client's CPU counts: `time.thread_time` of the calling thread, in alternating blocks of round
trips over one keep-alive connection each. A round trip is `POST /v3/auth/tokens` (password,
project scope, the catalog decoded) then `HEAD /v3/auth/tokens` with `X-Subject-Token`.

    python bench/identity_token_roundtrip.py [ROUND_TRIPS_PER_BLOCK] [ROUNDS]
"""

from __future__ import annotations

import sys
import time

import requests
from _common import paired, report, start_served_fake

from stackdouble.client import AuthOptions
from stackdouble.client.openstack import authenticated_client, new_identity_v3
from stackdouble.client.openstack.identity.v3 import tokens


def main() -> None:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 150
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 9
    proc, base = start_served_fake()
    try:
        v3 = f"{base}/identity/v3"
        opts = AuthOptions(identity_endpoint=v3, username="demo", password="demo-secret",
                           project_name="demo", domain_name="Default")
        identity = new_identity_v3(authenticated_client(opts))
        session = requests.Session()
        url = v3 + "/auth/tokens"
        caller = {"X-Auth-Token": identity.provider.token_id or "",
                  "Accept": "application/json"}

        def ours() -> float:
            started = time.thread_time()
            for _ in range(calls):
                token = tokens.create(identity, opts).extract_token()
                assert tokens.validate(identity, token.id)
            return (time.thread_time() - started) / calls

        def floor() -> float:
            started = time.thread_time()
            for _ in range(calls):
                body = {"auth": {
                    "identity": {"methods": ["password"], "password": {"user": {
                        "name": "demo", "domain": {"name": "Default"},
                        "password": "demo-secret"}}},
                    "scope": {"project": {"name": "demo", "domain": {"name": "Default"}}}}}
                issued = session.post(url, json=body, headers={"Accept": "application/json"})
                issued.raise_for_status()
                issued.json()
                subject = issued.headers["X-Subject-Token"]
                checked = session.head(url, headers={**caller, "X-Subject-Token": subject})
                assert checked.status_code == 200
            return (time.thread_time() - started) / calls

        ours()
        floor()
        a, b = paired(ours, floor, rounds)
        report("token issue + validate round trip, client CPU per round trip (served fake)",
               "tokens.create(...).extract_token(); tokens.validate",
               "requests: POST auth/tokens .json(); HEAD", a, b, "µs", 1e6, target=1.2)
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    main()
