"""Cinder (Block Storage v3): versions and microversions, the volume lifecycle, listings and
their pages, metadata, snapshots, volume types, quota sets, and Cinder's error bodies.

Waits go through `openstack_clock`, so the fake moves its clock and replay does not sleep.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from stackdouble.client import EndpointOpts, ProviderClient, ServiceClient
from stackdouble.client.openstack import new_block_storage_v3
from stackdouble.client.openstack.blockstorage.v3 import (
    quotasets,
    snapshots,
    versions,
    volumes,
    volumetypes,
)
from stackdouble.client.openstack.blockstorage.v3.versions.urls import versions_url
from stackdouble.pytest_plugin import ModeClock
from tests.contract.conftest import call

MISSING = "00000000-0000-0000-0000-000000000000"
WAIT = 60.0


class Volumes:
    """Makes volumes and snapshots for one test, waits on them, and removes them after."""

    def __init__(self, client: ServiceClient, clock: ModeClock, prefix: str) -> None:
        self.client = client
        self.clock = clock
        self.prefix = prefix
        self.volume_ids: list[str] = []
        self.snapshot_ids: list[str] = []

    def create(self, suffix: str = "", **opts: object) -> volumes.Volume:
        """A new volume named `<prefix><suffix>`, waited until available."""
        made = volumes.create(self.client, volumes.CreateOpts(
            size=1, name=self.prefix + suffix, **opts)).extract()  # type: ignore[arg-type]
        self.volume_ids.append(made.id)
        return self.wait(made.id, "available")

    def wait(self, volume_id: str, status: str) -> volumes.Volume:
        """The volume once it is in `status`."""
        return volumes.wait_for_status(self.client, volume_id, status, timeout=WAIT,
                                       interval=0.5, sleep=self.clock.sleep,
                                       clock=self.clock.clock)

    def wait_gone(self, volume_id: str) -> None:
        """Wait until the volume answers 404."""
        volumes.wait_for_delete(self.client, volume_id, timeout=WAIT, interval=0.5,
                                sleep=self.clock.sleep, clock=self.clock.clock)

    def snapshot(self, volume_id: str, name: str) -> snapshots.Snapshot:
        """A new snapshot of `volume_id`, waited until available."""
        made = snapshots.create(self.client, snapshots.CreateOpts(
            volume_id=volume_id, name=self.prefix + name)).extract()
        self.snapshot_ids.append(made.id)
        return snapshots.wait_for_status(self.client, made.id, "available", timeout=WAIT,
                                         interval=0.5, sleep=self.clock.sleep,
                                         clock=self.clock.clock)

    def cleanup(self) -> None:
        """Delete what the test made and is still there, snapshots first."""
        for snapshot_id in self.snapshot_ids:
            if snapshots.delete(self.client, snapshot_id).err is None:
                snapshots.wait_for_delete(self.client, snapshot_id, timeout=WAIT, interval=0.5,
                                          sleep=self.clock.sleep, clock=self.clock.clock)
        for volume_id in self.volume_ids:
            if volumes.delete(self.client, volume_id).err is None:
                self.wait_gone(volume_id)


@pytest.fixture
def block_storage(openstack_block_storage: ServiceClient) -> ServiceClient:
    """The Cinder client of the mode's cloud (demo user)."""
    return openstack_block_storage


@pytest.fixture
def made(block_storage: ServiceClient, openstack_clock: ModeClock,
         request: pytest.FixtureRequest) -> Iterator[Volumes]:
    """Volumes named `contract-<test>-...`, deleted (with their snapshots) afterwards."""
    prefix = f"contract-{request.node.originalname.removeprefix('test_')}"[:200]
    tracker = Volumes(block_storage, openstack_clock, prefix)
    yield tracker
    tracker.cleanup()


def _endpoint(client: ServiceClient) -> str:
    return client.endpoint.rstrip("/")


def test_version_document_offers_v3_up_to_3_71(block_storage: ServiceClient) -> None:
    root = call(block_storage, "GET", versions_url(block_storage))
    assert root.status_code == 300
    assert root.headers["OpenStack-API-Version"] == "volume 3.0"
    (v3,) = root.json()["versions"]
    assert (v3["id"], v3["status"], v3["min_version"], v3["version"]) == (
        "v3.0", "CURRENT", "3.0", "3.71")
    assert v3["media-types"] == [{"base": "application/json",
                                  "type": "application/vnd.openstack.volume+json;version=3"}]
    offered = versions.get_versions(block_storage).extract()
    assert [(v.id, v.min_version, v.version) for v in offered] == [("v3.0", "3.0", "3.71")]
    assert versions.negotiate(block_storage, "3.99").microversion == "3.71"


def test_microversion_header_is_echoed_with_vary(block_storage: ServiceClient) -> None:
    url = f"{_endpoint(block_storage)}/volumes"
    plain = call(block_storage, "GET", url)
    assert plain.status_code == 200
    assert plain.headers["OpenStack-API-Version"] == "volume 3.0"
    assert plain.headers["Vary"] == "OpenStack-API-Version"
    assert plain.headers["x-openstack-request-id"].startswith("req-")
    assert plain.headers["x-compute-request-id"] == plain.headers["x-openstack-request-id"]
    asked = call(block_storage, "GET", url, headers={"OpenStack-API-Version": "volume 3.60"})
    assert asked.headers["OpenStack-API-Version"] == "volume 3.60"
    too_new = call(block_storage, "GET", url, headers={"OpenStack-API-Version": "volume 3.999"})
    assert too_new.status_code == 406


def test_volume_goes_creating_then_available(block_storage: ServiceClient,
                                             made: Volumes) -> None:
    created = volumes.create(block_storage, volumes.CreateOpts(
        size=1, name=made.prefix, description="made by the contract suite"))
    assert created.status == 202
    volume = created.extract()
    made.volume_ids.append(volume.id)
    assert (volume.status, volume.size, volume.name) == ("creating", 1, made.prefix)
    assert volume.volume_type == "__DEFAULT__"
    assert list(volume.attachments) == []
    assert (volume.bootable, volume.encrypted, volume.multiattach) == (False, False, False)
    available = made.wait(volume.id, "available")
    assert available.description == "made by the contract suite"
    assert available.availability_zone == "nova"
    assert available.created_at == volume.created_at
    assert available.updated_at is not None


def test_volume_list_pages_newest_first(block_storage: ServiceClient, made: Volumes) -> None:
    ids = [made.create(f"-{n}").id for n in range(3)]
    first = call(block_storage, "GET", f"{_endpoint(block_storage)}/volumes?limit=2")
    assert first.status_code == 200
    body = first.json()
    assert [v["id"] for v in body["volumes"]] == [ids[2], ids[1]]
    assert set(body["volumes"][0]) == {"id", "name", "links"}
    (link,) = body["volumes_links"]
    assert link["rel"] == "next"
    assert link["href"].endswith(f"/volumes?limit=2&marker={ids[1]}")
    second = call(block_storage, "GET", f"{_endpoint(block_storage)}/volumes?limit=2"
                  f"&marker={ids[1]}").json()
    assert [v["id"] for v in second["volumes"]] == [ids[0]]
    assert "volumes_links" not in second
    listed = volumes.list(block_storage, volumes.ListOpts(limit=1)).items()
    assert [v.name for v in listed] == [f"{made.prefix}-{n}" for n in (2, 1, 0)]


def test_volume_list_detail_and_filters(block_storage: ServiceClient, made: Volumes) -> None:
    made.create("-gold", metadata={"tier": "gold"})
    made.create("-plain")
    detail = call(block_storage, "GET", f"{_endpoint(block_storage)}/volumes/detail").json()
    assert {v["status"] for v in detail["volumes"]} == {"available"}
    assert all(v["volume_type"] == "__DEFAULT__" for v in detail["volumes"])
    by_name = volumes.list(block_storage, volumes.ListOpts(name=f"{made.prefix}-plain"))
    assert [v.name for v in by_name.items()] == [f"{made.prefix}-plain"]
    by_metadata = volumes.list(block_storage, volumes.ListOpts(metadata={"tier": "gold"}))
    assert [v.name for v in by_metadata.items()] == [f"{made.prefix}-gold"]
    url = f"{_endpoint(block_storage)}/volumes?bogus=1"
    ignored = call(block_storage, "GET", url)  # unknown filters: ignored before 3.31
    assert {v["name"] for v in ignored.json()["volumes"]} == {
        f"{made.prefix}-gold", f"{made.prefix}-plain"}
    refused = call(block_storage, "GET", url, headers={"OpenStack-API-Version": "volume 3.71"})
    assert refused.status_code == 400
    assert refused.json() == {"badRequest": {
        "code": 400, "message": "Invalid filters bogus are found in query options."}}


def test_volume_update_name_and_description(block_storage: ServiceClient,
                                            made: Volumes) -> None:
    volume = made.create()
    updated = volumes.update(block_storage, volume.id, volumes.UpdateOpts(
        name=f"{made.prefix}-renamed", description="new words"))
    assert updated.status == 200
    assert (updated.extract().name, updated.extract().description) == (
        f"{made.prefix}-renamed", "new words")
    shown = volumes.get(block_storage, volume.id).extract()
    assert (shown.name, shown.description) == (f"{made.prefix}-renamed", "new words")


def test_volume_metadata_merge_replace_and_missing_key(block_storage: ServiceClient,
                                                       made: Volumes) -> None:
    volume = made.create(metadata={"a": "1"})
    url = f"{_endpoint(block_storage)}/volumes/{volume.id}/metadata"
    merged = call(block_storage, "POST", url, json={"metadata": {"b": "2"}})
    assert (merged.status_code, merged.json()) == (200, {"metadata": {"a": "1", "b": "2"}})
    replaced = call(block_storage, "PUT", url, json={"metadata": {"c": "3"}})
    assert (replaced.status_code, replaced.json()) == (200, {"metadata": {"c": "3"}})
    assert call(block_storage, "GET", url).json() == {"metadata": {"c": "3"}}
    missing = call(block_storage, "GET", f"{url}/a")
    assert missing.status_code == 404
    assert missing.json() == {"itemNotFound": {
        "code": 404, "message": f"Volume {volume.id} has no metadata with key a."}}


def test_volume_delete_is_202_then_404(block_storage: ServiceClient, made: Volumes) -> None:
    volume = made.create()
    url = f"{_endpoint(block_storage)}/volumes/{volume.id}"
    deleted = call(block_storage, "DELETE", url)
    assert (deleted.status_code, deleted.content) == (202, b"")
    assert deleted.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert "x-compute-request-id" not in deleted.headers  # a bare webob answer
    made.wait_gone(volume.id)
    again = call(block_storage, "DELETE", url)
    assert again.status_code == 404
    assert again.json() == {"itemNotFound": {
        "code": 404, "message": f"Volume {volume.id} could not be found."}}


def test_missing_volume_and_bad_marker_are_404(block_storage: ServiceClient) -> None:
    base = _endpoint(block_storage)
    missing = call(block_storage, "GET", f"{base}/volumes/{MISSING}")
    assert missing.status_code == 404
    assert missing.headers["Content-Type"] == "application/json"
    assert missing.json() == {"itemNotFound": {
        "code": 404, "message": f"Volume {MISSING} could not be found."}}
    bad_marker = call(block_storage, "GET", f"{base}/volumes?marker=nope")
    assert bad_marker.status_code == 404
    assert bad_marker.json() == {"itemNotFound": {
        "code": 404, "message": "Volume nope could not be found."}}


def test_invalid_input_is_400_with_cinders_message(block_storage: ServiceClient) -> None:
    base = _endpoint(block_storage)
    answers = {
        "size 0": call(block_storage, "POST", f"{base}/volumes", json={"volume": {"size": 0}}),
        "size x": call(block_storage, "POST", f"{base}/volumes", json={"volume": {"size": "x"}}),
        "limit -1": call(block_storage, "GET", f"{base}/volumes?limit=-1"),
        "limit x": call(block_storage, "GET", f"{base}/volumes?limit=x"),
    }
    messages = {
        "size 0": "Invalid input for field/attribute size. Value: 0. "
                  "0 is less than the minimum of 1",
        "size x": "Invalid input for field/attribute size. Value: x. "
                  "'x' does not match '^[0-9]+$'",
        "limit -1": "limit param must be positive",
        "limit x": "limit param must be an integer",
    }
    for case, resp in answers.items():
        assert resp.status_code == 400, case
        assert resp.json() == {"badRequest": {"code": 400, "message": messages[case]}}, case


def test_volume_types_list_the_default(block_storage: ServiceClient) -> None:
    raw = call(block_storage, "GET", f"{_endpoint(block_storage)}/types").json()
    assert all(t["os-volume-type-access:is_public"] is t["is_public"]
               for t in raw["volume_types"])
    listed = volumetypes.extract_volume_types(volumetypes.list(block_storage).all_pages())
    (default,) = [t for t in listed if t.name == "__DEFAULT__"]
    assert default.description == "Default Volume Type"
    assert default.is_public is True
    assert volumetypes.get(block_storage, default.id).extract().name == "__DEFAULT__"


def test_snapshot_lifecycle_and_volume_with_snapshot_cannot_go(
        block_storage: ServiceClient, made: Volumes) -> None:
    volume = made.create()
    snapshot = made.snapshot(volume.id, "-snap")
    assert (snapshot.volume_id, snapshot.size, snapshot.status) == (volume.id, 1, "available")
    refused = call(block_storage, "DELETE", f"{_endpoint(block_storage)}/volumes/{volume.id}")
    assert refused.status_code == 400
    assert "have snapshots" in refused.json()["badRequest"]["message"]
    deleted = call(block_storage, "DELETE",
                   f"{_endpoint(block_storage)}/snapshots/{snapshot.id}")
    assert deleted.status_code == 202
    snapshots.wait_for_delete(block_storage, snapshot.id, timeout=WAIT, interval=0.5,
                              sleep=made.clock.sleep, clock=made.clock.clock)
    gone = call(block_storage, "GET", f"{_endpoint(block_storage)}/snapshots/{snapshot.id}")
    assert gone.json() == {"itemNotFound": {
        "code": 404, "message": f"Snapshot {snapshot.id} could not be found."}}


QUOTA_KEYS = ["volumes", "per_volume_gigabytes", "snapshots", "gigabytes", "backups",
              "backup_gigabytes", "volumes___DEFAULT__", "gigabytes___DEFAULT__",
              "snapshots___DEFAULT__", "groups"]


def test_admin_quota_set_caps_volumes_with_413_and_delete_restores(
        block_storage: ServiceClient, made: Volumes,
        openstack_login: Callable[..., ProviderClient]) -> None:
    admin = new_block_storage_v3(openstack_login(user="admin", cloud="realcloud-admin"),
                                 EndpointOpts(region="RegionOne"))
    demo = _endpoint(block_storage).rsplit("/", 1)[-1]
    quota_url = f"{_endpoint(admin)}/os-quota-sets/{demo}"
    made.create("one")
    shown = call(admin, "GET", quota_url + "?usage=true")
    assert shown.status_code == 200
    assert shown.headers["Content-Type"] == "application/json"
    body = shown.json()["quota_set"]
    assert list(body) == [*QUOTA_KEYS, "id"]
    assert body["id"] == demo
    assert set(body["volumes"]) == {"limit", "in_use", "reserved"}
    in_use = body["volumes"]["in_use"]
    assert in_use >= 1
    assert body["volumes___DEFAULT__"]["in_use"] >= 1
    defaults = quotasets.get_defaults(admin, demo).extract()
    try:
        capped = call(admin, "PUT", quota_url, json={"quota_set": {"volumes": in_use}})
        assert capped.status_code == 200
        assert list(capped.json()["quota_set"]) == QUOTA_KEYS  # no id in an update's answer
        assert quotasets.get(admin, demo).extract().volumes == in_use
        refused = call(block_storage, "POST", f"{_endpoint(block_storage)}/volumes",
                       json={"volume": {"size": 1, "name": made.prefix + "over"}})
        if refused.status_code == 202:
            made.volume_ids.append(refused.json()["volume"]["id"])
        assert refused.status_code == 413
        assert refused.headers["Retry-After"] == "0"
        assert refused.json() == {"overLimit": {
            "code": 413, "retryAfter": "0",
            "message": f"VolumeLimitExceeded: Maximum number of volumes allowed ({in_use}) "
                       "exceeded for quota 'volumes'."}}
    finally:
        reset = call(admin, "DELETE", quota_url)
    assert (reset.status_code, reset.content) == (200, b"")
    assert reset.headers["Content-Type"] == "application/json"
    assert quotasets.get(admin, demo).extract().volumes == defaults.volumes
    forbidden = call(block_storage, "DELETE", f"{_endpoint(block_storage)}/os-quota-sets/{demo}")
    assert forbidden.status_code == 403
    assert forbidden.json() == {"forbidden": {
        "code": 403,
        "message": "Policy doesn't allow volume_extension:quotas:delete to be performed."}}
