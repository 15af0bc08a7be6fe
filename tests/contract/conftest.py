"""The contract suite: the same test bodies against the fakes and against real services.

    pytest tests/contract                                   # the fakes (the default run)
    pytest tests/contract --openstack-mode replay           # the cassettes recorded from
                                                            # real Keystone 30 / Swift 2.38
                                                            # / Cinder 29
    python -m stackdouble.realcloud start                   # real services on loopback
    OS_CLIENT_CONFIG_FILE=.realcloud/clouds.yaml \\
        pytest tests/contract --openstack-mode live --openstack-cloud realcloud
    ... --openstack-mode record ...                         # re-record cassettes/

Tests send raw requests (`call`) and assert what both sides must agree on: statuses, the
headers and bodies users read. Names are fixed (cassettes replay by order and body), and
every test removes what it made, so a real cloud stays reusable.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from stackdouble.client import ServiceClient
from stackdouble.fakes.objectstorage import SwiftConfig

ALL_STATUSES = range(100, 600)

#: realcloud's Swift proxy pipeline (`stackdouble.realcloud`'s proxy-server.conf).
REALCLOUD_SWIFT_PIPELINE = (
    "catch_errors gatekeeper healthcheck proxy-logging domain_remap listing_formats "
    "container_sync bulk tempurl crossdomain formpost authtoken keystoneauth staticweb copy "
    "container-quotas account-quotas slo dlo versioned_writes symlink proxy-logging "
    "proxy-server")


@pytest.fixture(scope="session")
def openstack_fake_cloud_options() -> dict[str, Any]:
    """The fake cloud set up as realcloud is: its Swift pipeline, its two storage
    policies, its CORS origin, its container-sync realm and daemon's interval and its
    domain_remap domain."""
    from stackdouble.realcloud import (
        SWIFT_CORS_ORIGIN,
        SWIFT_POLICIES,
        SWIFT_STORAGE_DOMAIN,
        SWIFT_SYNC_CLUSTER,
        SWIFT_SYNC_INTERVAL,
        SWIFT_SYNC_REALM,
        SWIFT_SYNC_REALM_KEY,
    )

    realms = (f"[{SWIFT_SYNC_REALM}]\nkey = {SWIFT_SYNC_REALM_KEY}\n"
              f"cluster_{SWIFT_SYNC_CLUSTER} = http://127.0.0.1/v1/\n")
    return {"swift": SwiftConfig(
        pipeline=REALCLOUD_SWIFT_PIPELINE, policies=SWIFT_POLICIES,
        cors_allow_origin=SWIFT_CORS_ORIGIN, strict_cors_mode=True,
        container_sync_realms=realms,
        container_sync_current=f"//{SWIFT_SYNC_REALM}/{SWIFT_SYNC_CLUSTER}",
        container_sync_interval=SWIFT_SYNC_INTERVAL,
        storage_domain=SWIFT_STORAGE_DOMAIN, reseller_prefixes="AUTH, SERVICE")}


def call(client: ServiceClient, method: str, url: str, **kw: Any) -> requests.Response:
    """One request through the provider, whatever the status (the test asserts it)."""
    return client.request(method, url, ok_codes=ALL_STATUSES, **kw)


def account(storage: ServiceClient) -> str:
    """The account URL, without the trailing slash."""
    return storage.endpoint.rstrip("/")


def empty_container(storage: ServiceClient, name: str) -> None:
    """Delete `name` and its objects, if it exists."""
    url = f"{account(storage)}/{name}"
    listed = call(storage, "GET", url + "?format=json")
    if listed.status_code == 200:
        for row in listed.json():
            call(storage, "DELETE", f"{url}/{row['name']}")
    call(storage, "DELETE", url)


@pytest.fixture
def storage(openstack_object_storage: ServiceClient) -> ServiceClient:
    """The Swift client of the mode's cloud (demo user)."""
    return openstack_object_storage


@pytest.fixture
def container(storage: ServiceClient, request: pytest.FixtureRequest) -> Iterator[str]:
    """A new, empty container named after the test; removed (with its objects) afterwards."""
    name = f"contract-{request.node.originalname.removeprefix('test_')}"[:200]
    empty_container(storage, name)
    created = call(storage, "PUT", f"{account(storage)}/{name}")
    assert created.status_code == 201
    yield name
    empty_container(storage, name)


def put_objects(storage: ServiceClient, container: str, names: list[str]) -> None:
    for name in names:
        resp = call(storage, "PUT", f"{account(storage)}/{container}/{name}",
                    data=name.encode(), headers={"Content-Type": "text/plain"})
        assert resp.status_code == 201, (name, resp.status_code, resp.text)
