"""An in-memory fake OpenStack for tests: Keystone v3 and v2.0, Nova (compute v2.1), Swift
(with tempauth's v1.0 auth) and Cinder (volume v3), behind the catalog of a DevStack-like
cloud, reachable in-process (no sockets) or over HTTP.

The fake in five lines: every `requests` call to the cloud's host is answered in-process.

    >>> import requests
    >>> from stackdouble.fakes import FakeCloud, FakeClock
    >>> with FakeCloud(seed=42) as cloud:
    ...     body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
    ...         "name": "demo", "domain": {"name": "Default"}, "password": "demo-secret"}}},
    ...         "scope": {"project": {"name": "demo", "domain": {"name": "Default"}}}}}
    ...     resp = requests.post(cloud.identity_v3_url + "/auth/tokens", json=body)
    >>> resp.status_code, resp.headers["X-Subject-Token"][:6]
    (201, 'gAAAAA')
    >>> [role["name"] for role in resp.json()["token"]["roles"]]
    ['member', 'reader']

Time is the cloud's: freeze it, and move it instead of sleeping.

    >>> from datetime import datetime, timezone
    >>> cloud = FakeCloud(clock=FakeClock(start=datetime(2026, 1, 1, tzinfo=timezone.utc)))
    >>> token = cloud.identity.issue_token("demo", project="demo")
    >>> cloud.clock.advance(3600)
    >>> with cloud:
    ...     requests.get(cloud.identity_v3_url + "/auth/projects",
    ...                  headers={"X-Auth-Token": token}).status_code
    401

Faults answer before the service does; the request log keeps what was sent, secrets
redacted.

    >>> with FakeCloud() as cloud:
    ...     fault = cloud.inject_fault("GET", "/compute/*", status=503, times=1)
    ...     first = requests.get(cloud.base_url + "/compute/v2.1/servers")
    ...     second = requests.get(cloud.base_url + "/compute/v2.1/servers")
    >>> first.status_code, first.json(), second.status_code
    (503, {'serviceUnavailable': {'code': 503, 'message': 'The server is currently \
unavailable. Please try again at a later time.'}}, 401)
    >>> cloud.requests.filter(method="GET")[0].path
    '/compute/v2.1/servers'

Served, any SDK can use it through the clouds.yaml it prints (`stackdouble serve` does this
from the command line):

    >>> with FakeCloud().serve() as served:
    ...     requests.get(served.url + "/identity").status_code
    300

Each service is a package named as in the client (`identity`, `compute`, `objectstorage`,
`blockstorage`) with its state on the cloud (`cloud.identity`, `cloud.compute`,
`cloud.object_storage`, `cloud.block_storage`, after the client's `new_block_storage_v3`); a
new one plugs into the same app, state, clock, token middleware, faults and request log:
see `Service` and `FakeCloud.register_service`.
"""

from __future__ import annotations

from stackdouble.fakes.clock import FakeClock
from stackdouble.fakes.cloud import DEFAULT_BASE_URL, FakeCloud
from stackdouble.fakes.faults import Fault
from stackdouble.fakes.http import (
    AuthRequired,
    FakeApp,
    FakeRequest,
    FakeResponse,
    HTTPError,
    Service,
)
from stackdouble.fakes.identity.models import IdentityModel, TokenContext
from stackdouble.fakes.requestlog import RequestLog, RequestRecord
from stackdouble.fakes.routing import Router
from stackdouble.fakes.server import ServedCloud

__all__ = [
    "DEFAULT_BASE_URL",
    "AuthRequired",
    "FakeApp",
    "FakeClock",
    "FakeCloud",
    "FakeRequest",
    "FakeResponse",
    "Fault",
    "HTTPError",
    "IdentityModel",
    "RequestLog",
    "RequestRecord",
    "Router",
    "ServedCloud",
    "Service",
    "TokenContext",
]
