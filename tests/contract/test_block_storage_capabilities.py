"""Cinder's backend capabilities (admins) and its extension list (anyone): what a volume
backend reports, the policy and lookup errors, and the 32 extensions Cinder 29 loads.

Backends differ (realcloud runs Cinder's `fake` driver as `realcloud@fake`, the fake
DevStack's LVM as `stackdouble@lvmdriver-1`): the tests read the host from `os-services`
and assert what every driver answers, the namespace naming the service and the four
standard properties.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from stackdouble.client import EndpointOpts, ProviderClient, ServiceClient
from stackdouble.client.openstack import new_block_storage_v3
from tests.contract.conftest import call

#: What the fake serves, recorded from Cinder 29.
EXTENSIONS = Path(__file__).parents[2] / "stackdouble/fakes/blockstorage/data/extensions.json"
STANDARD_PROPERTIES = {
    "thin_provisioning": {"title": "Thin Provisioning", "description": "Sets thin provisioning.",
                          "type": "boolean"},
    "compression": {"title": "Compression", "description": "Enables compression.",
                    "type": "boolean"},
    "qos": {"title": "QoS", "description": "Enables QoS.", "type": "boolean"},
    "replication_enabled": {"title": "Replication", "description": "Enables replication.",
                            "type": "boolean"},
}
KEYS = ["namespace", "vendor_name", "volume_backend_name", "pool_name", "driver_version",
        "storage_protocol", "display_name", "description", "visibility",
        "replication_targets", "properties"]


def _endpoint(client: ServiceClient) -> str:
    return client.endpoint.rstrip("/")


@pytest.fixture
def admin(openstack_login: Callable[..., ProviderClient]) -> ServiceClient:
    """Cinder as the admin."""
    return new_block_storage_v3(openstack_login(user="admin", cloud="realcloud-admin"),
                                EndpointOpts(region="RegionOne"))


@pytest.fixture
def demo(openstack_block_storage: ServiceClient) -> ServiceClient:
    """Cinder as demo (a project member)."""
    return openstack_block_storage


def _volume_host(admin: ServiceClient) -> str:
    listed = call(admin, "GET", f"{_endpoint(admin)}/os-services?binary=cinder-volume")
    return str(listed.json()["services"][0]["host"])


def test_admins_read_the_volume_backends_capabilities(admin: ServiceClient) -> None:
    host = _volume_host(admin)
    for asked in (host, host.split("@", 1)[0]):  # a node matches its backend
        resp = call(admin, "GET", f"{_endpoint(admin)}/capabilities/{asked}")
        assert resp.status_code == 200
        body = resp.json()
        assert list(body) == KEYS
        assert body["namespace"] == f"OS::Storage::Capabilities::{host}"
        assert body["volume_backend_name"] == host.split("@", 1)[1]
        assert (body["pool_name"], body["display_name"], body["description"],
                body["visibility"], body["replication_targets"]) == (None, None, None, None,
                                                                     [])
        assert body["properties"] == STANDARD_PROPERTIES
        assert isinstance(body["vendor_name"], str)
        assert isinstance(body["driver_version"], str)


def test_an_unknown_host_or_pool_is_404(admin: ServiceClient) -> None:
    host = _volume_host(admin)
    for asked, shown in (("nosuch@host", "nosuch@host"), (f"{host}%23pool", f"{host}#pool")):
        resp = call(admin, "GET", f"{_endpoint(admin)}/capabilities/{asked}")
        assert (resp.status_code, resp.json()) == (404, {"itemNotFound": {
            "code": 404, "message": f"Can't find service: {shown}"}})


def test_a_member_is_refused_whatever_the_host(demo: ServiceClient) -> None:
    for asked in ("nosuch", "nosuch@host"):
        resp = call(demo, "GET", f"{_endpoint(demo)}/capabilities/{asked}")
        assert (resp.status_code, resp.json()) == (403, {"forbidden": {
            "code": 403,
            "message": "Policy doesn't allow volume_extension:capabilities to be performed."}})


def test_any_user_lists_the_extensions(demo: ServiceClient) -> None:
    resp = call(demo, "GET", f"{_endpoint(demo)}/extensions")
    assert resp.status_code == 200
    assert resp.json() == {"extensions": json.loads(EXTENSIONS.read_text())["extensions"]}


def test_one_extension_by_alias_and_an_unknown_one(demo: ServiceClient) -> None:
    shown = call(demo, "GET", f"{_endpoint(demo)}/extensions/capabilities",
                 headers={"OpenStack-API-Version": "volume 3.71"})
    assert (shown.status_code, shown.json()) == (200, {"extension": {
        "name": "Capabilities", "alias": "capabilities", "description": "Capabilities support.",
        "updated": "2015-08-31T00:00:00+00:00", "links": []}})
    missing = call(demo, "GET", f"{_endpoint(demo)}/extensions/nosuch")
    assert (missing.status_code, missing.json()) == (404, {"itemNotFound": {
        "code": 404, "message": "The resource could not be found."}})
