"""Cinder's `os-services` (admins) and `/resource_filters` (3.33): the services a DevStack-like
Cinder runs, their fields per microversion, what enable, disable, disable-log-reason,
freeze and thaw answer and change, and Cinder's error bodies.

Host names differ (realcloud's `realcloud@fake`, the fake's `stackdouble@lvmdriver-1`):
the tests read them from the listing. Cinder 29's `enable` and `disable` answer without
saving the change; `disable-log-reason` does disable, and nothing through the API enables
again, so that test disables only the scheduler (whose status nothing reads). A frozen
volume backend is thawed before the test ends.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from stackdouble.client import EndpointOpts, ProviderClient, ServiceClient
from stackdouble.client.openstack import new_block_storage_v3
from stackdouble.client.openstack.blockstorage.v3 import services
from stackdouble.client.openstack.blockstorage.v3.services import ResourceFiltersOpts
from tests.contract.conftest import call

V = {"OpenStack-API-Version": "volume 3.71"}
#: Cinder 29's default `resource_filters.json`.
RESOURCE_FILTERS = [
    {"resource": "volume", "filters": ["name", "status", "metadata", "bootable",
                                       "migration_status", "availability_zone", "group_id",
                                       "size", "created_at", "updated_at", "consumes_quota"]},
    {"resource": "backup", "filters": ["name", "status", "volume_id"]},
    {"resource": "snapshot", "filters": ["name", "status", "volume_id", "metadata",
                                         "availability_zone", "consumes_quota"]},
    {"resource": "group", "filters": ["name"]},
    {"resource": "group_snapshot", "filters": ["name", "status", "group_id"]},
    {"resource": "attachment", "filters": ["volume_id", "status", "instance_id",
                                           "attach_status"]},
    {"resource": "message", "filters": ["resource_uuid", "resource_type", "event_id",
                                        "request_id", "message_level"]},
    {"resource": "pool", "filters": ["name", "volume_type"]},
    {"resource": "volume_type", "filters": ["is_public", "extra_specs"]},
]


def _endpoint(client: ServiceClient) -> str:
    return client.endpoint.rstrip("/")


@pytest.fixture
def demo(openstack_block_storage: ServiceClient) -> ServiceClient:
    """Cinder as demo (a project member)."""
    return openstack_block_storage


@pytest.fixture
def admin(openstack_login: Callable[..., ProviderClient]) -> ServiceClient:
    """Cinder as the admin."""
    return new_block_storage_v3(openstack_login(user="admin", cloud="realcloud-admin"),
                                EndpointOpts(region="RegionOne"))


def _services(admin: ServiceClient, query: str = "", **headers: str) -> list[dict[str, Any]]:
    listed = call(admin, "GET", f"{_endpoint(admin)}/os-services{query}", headers=headers)
    assert listed.status_code == 200
    found: list[dict[str, Any]] = listed.json()["services"]
    return found


def _host_of(admin: ServiceClient, binary: str) -> str:
    return str(_services(admin, f"?binary={binary}")[0]["host"])


def test_admins_list_the_scheduler_the_volume_and_the_backup_services(
        admin: ServiceClient, demo: ServiceClient) -> None:
    refused = call(demo, "GET", f"{_endpoint(demo)}/os-services")
    assert refused.status_code == 403
    assert refused.json() == {"forbidden": {
        "code": 403,
        "message": "Policy doesn't allow volume_extension:services:index to be performed."}}
    # listed in the order the services registered, which varies from start to start
    old = {s["binary"]: s for s in _services(admin)}
    assert sorted(old) == ["cinder-backup", "cinder-scheduler", "cinder-volume"]
    assert {(s["zone"], s["state"]) for s in old.values()} == {("nova", "up")}
    common = {"binary", "host", "zone", "status", "state", "updated_at", "disabled_reason"}
    volume = {"replication_status", "active_backend_id", "frozen"}
    assert {b: set(s) for b, s in old.items()} == {
        "cinder-scheduler": common, "cinder-volume": common | volume, "cinder-backup": common}
    new = {s["binary"]: s for s in _services(admin, **V)}
    assert {b: set(s) for b, s in new.items()} == {
        "cinder-scheduler": common | {"cluster"},
        "cinder-volume": common | volume | {"cluster", "backend_state"},
        "cinder-backup": common | {"cluster"}}
    cinder_volume = new["cinder-volume"]
    assert (cinder_volume["backend_state"], cinder_volume["replication_status"],
            cinder_volume["cluster"], cinder_volume["active_backend_id"]) == (
        "up", "disabled", None, None)
    assert "@" in cinder_volume["host"]
    assert "@" not in new["cinder-scheduler"]["host"]
    assert new["cinder-scheduler"]["host"] == new["cinder-backup"]["host"]


def test_the_listing_filters_by_host_and_binary(admin: ServiceClient) -> None:
    volume_host = _host_of(admin, "cinder-volume")
    node = volume_host.split("@", 1)[0]
    # a node's host matches its backends' `node@backend` too (`_filter_host`)
    assert sorted(s["binary"] for s in _services(admin, f"?host={node}")) == [
        "cinder-backup", "cinder-scheduler", "cinder-volume"]
    assert [s["host"] for s in _services(admin, f"?host={volume_host}")] == [volume_host]
    assert _services(admin, f"?host={node}&binary=cinder-backup")[0]["binary"] == \
        "cinder-backup"
    assert _services(admin, "?host=nowhere") == []
    assert _services(admin, "?binary=cinder-api") == []


def test_enable_and_disable_answer_but_cinder_29_saves_nothing(admin: ServiceClient) -> None:
    host = _host_of(admin, "cinder-backup")
    before = _services(admin, "?binary=cinder-backup")[0]["status"]
    body = {"host": host, "binary": "cinder-backup"}
    disabled = call(admin, "PUT", f"{_endpoint(admin)}/os-services/disable", json=body)
    assert disabled.status_code == 200
    assert disabled.json() == {"host": host, "service": "", "binary": "cinder-backup",
                               "status": "disabled", "disabled": True}
    assert _services(admin, "?binary=cinder-backup")[0]["status"] == before
    enabled = services.enable(admin, services.UpdateOpts(host=host, binary="cinder-backup"))
    update = enabled.extract()
    assert (update.host, update.status, update.disabled) == (host, "enabled", False)
    assert _services(admin, "?binary=cinder-backup")[0]["status"] == before


def test_disable_log_reason_disables_the_service_with_its_reason(admin: ServiceClient) -> None:
    host = _host_of(admin, "cinder-scheduler")
    done = call(admin, "PUT", f"{_endpoint(admin)}/os-services/disable-log-reason",
                json={"host": host, "binary": "cinder-scheduler",
                      "disabled_reason": "contract"})
    assert done.status_code == 200
    assert done.json() == {"host": host, "service": "", "binary": "cinder-scheduler",
                           "status": "disabled", "disabled": True,
                           "disabled_reason": "contract"}
    shown = _services(admin, "?binary=cinder-scheduler")[0]
    assert (shown["status"], shown["disabled_reason"]) == ("disabled", "contract")
    kept = services.disable_log_reason(admin, services.DisableLogReasonOpts(
        host=host, binary="cinder-scheduler")).extract()
    assert (kept.status, kept.disabled_reason) == ("disabled", None)
    assert _services(admin, "?binary=cinder-scheduler")[0]["disabled_reason"] == "contract"


def test_service_updates_refuse_members_and_bad_bodies(admin: ServiceClient,
                                                       demo: ServiceClient) -> None:
    base = f"{_endpoint(admin)}/os-services"
    host = _host_of(admin, "cinder-backup")
    refused = call(demo, "PUT", f"{_endpoint(demo)}/os-services/enable",
                   json={"host": host, "binary": "cinder-backup"})
    assert refused.status_code == 403
    assert refused.json() == {"forbidden": {
        "code": 403,
        "message": "Policy doesn't allow volume_extension:services:update to be performed."}}
    unknown = call(admin, "PUT", f"{base}/enable",
                   json={"host": "nowhere", "binary": "cinder-backup"})
    assert unknown.status_code == 404
    assert unknown.json() == {"itemNotFound": {
        "code": 404, "message": "Service cinder-backup could not be found on host nowhere."}}
    no_host = call(admin, "PUT", f"{base}/enable", json={"binary": "cinder-backup"})
    assert no_host.json() == {"badRequest": {
        "code": 400, "message": "Invalid input received: Host field is missing."}}
    no_binary = call(admin, "PUT", f"{base}/disable", json={"host": host})
    assert no_binary.json() == {"badRequest": {
        "code": 400, "message": f"{{'host': '{host}'}} is not valid under any of the given "
                                "schemas"}}
    empty = call(admin, "PUT", f"{base}/disable-log-reason",
                 json={"host": host, "binary": "cinder-backup", "disabled_reason": ""})
    assert empty.json() == {"badRequest": {
        "code": 400, "message": "Invalid input for field/attribute disabled_reason. Value: . "
                                "'' should be non-empty"}}
    action = call(admin, "PUT", f"{base}/restart", json={"host": host})
    assert action.status_code == 404


def test_freeze_and_thaw_the_volume_backend(admin: ServiceClient) -> None:
    base = f"{_endpoint(admin)}/os-services"
    host = _host_of(admin, "cinder-volume")
    frozen = call(admin, "PUT", f"{base}/freeze", json={"host": host})
    try:
        assert (frozen.status_code, frozen.content) == (200, b"")
        shown = _services(admin, "?binary=cinder-volume")[0]
        assert (shown["frozen"], shown["status"], shown["disabled_reason"]) == (
            True, "disabled", "frozen")
        again = call(admin, "PUT", f"{base}/freeze", json={"host": host})
        assert again.json() == {"badRequest": {
            "code": 400, "message": "Invalid input received: No service could be changed: "
                                    f"frozen in ['{host}'] must be False to failover."}}
    finally:
        thawed = services.thaw(admin, host)
    thawed.extract_err()
    shown = _services(admin, "?binary=cinder-volume")[0]
    assert (shown["frozen"], shown["status"], shown["disabled_reason"]) == (
        False, "enabled", "")
    twice = call(admin, "PUT", f"{base}/thaw", json={"host": host})
    assert twice.json() == {"badRequest": {
        "code": 400, "message": "Invalid input received: No service could be changed: "
                                f"frozen in ['{host}'] must be True to failover."}}


def test_freeze_needs_a_volume_host(admin: ServiceClient) -> None:
    base = f"{_endpoint(admin)}/os-services"
    unknown = call(admin, "PUT", f"{base}/freeze", json={"host": "nowhere"})
    assert unknown.json() == {"badRequest": {
        "code": 400, "message": "No service found with host=nowhere"}}
    missing = call(admin, "PUT", f"{base}/freeze", json={})
    assert missing.json() == {"badRequest": {
        "code": 400, "message": "Invalid input received: Host field is missing."}}
    clustered = call(admin, "PUT", f"{base}/freeze", json={}, headers=V)
    assert clustered.json() == {"badRequest": {
        "code": 400,
        "message": "Invalid input received: One and only one of cluster and host must be "
                   "set."}}


def test_resource_filters_list_what_each_listing_accepts(demo: ServiceClient) -> None:
    url = f"{_endpoint(demo)}/resource_filters"
    listed = call(demo, "GET", url, headers=V)
    assert listed.status_code == 200
    assert listed.json() == {"resource_filters": RESOURCE_FILTERS}
    one = services.list_resource_filters(demo.with_microversion("3.33"),
                                         ResourceFiltersOpts(resource="snapshot"))
    assert [(f.resource, list(f.filters)) for f in one.all_pages().items()] == [
        ("snapshot", RESOURCE_FILTERS[2]["filters"])]
    unknown = call(demo, "GET", url + "?resource=server", headers=V)
    assert unknown.json() == {"resource_filters": []}
    early = call(demo, "GET", url, headers={"OpenStack-API-Version": "volume 3.32"})
    assert early.status_code == 404
    assert early.json() == {"itemNotFound": {"code": 404,
                                             "message": "The resource could not be found."}}
