"""Cinder volume transfers: create (the volume `awaiting-transfer`, the `auth_key` shown
once), show and list at the legacy and 3.55 paths and the 3.55/3.57 views, accept by
another project (a wrong key refused; the volume, its snapshots and their quota usage
move), delete, and Cinder's error bodies.

The receiving project is realcloud's `admin` (cloud `realcloud-admin`). Volumes are
`contract-<test>-...`, removed afterwards by whichever project holds them. The
`auth_key` is scrubbed from the cassettes; replay matches the accept's scrubbed body.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from stackdouble.client import NotFound, ProviderClient, ServiceClient
from stackdouble.client.openstack import new_block_storage_v3
from stackdouble.client.openstack.blockstorage.v3 import snapshots, transfers, volumes
from stackdouble.pytest_plugin import ModeClock
from tests.contract.conftest import call

WAIT = 120.0
MISSING = "00000000-0000-0000-0000-000000000000"
V355 = {"OpenStack-API-Version": "volume 3.55"}
V357 = {"OpenStack-API-Version": "volume 3.57"}
DETAIL_KEYS = {"id", "created_at", "name", "volume_id", "links"}
HISTORY_KEYS = {"no_snapshots", "source_project_id", "destination_project_id", "accepted"}


class Made:
    """The test's volumes (and snapshots), removed afterwards by their current owner."""

    def __init__(self, demo: ServiceClient, admin: ServiceClient, clock: ModeClock,
                 prefix: str) -> None:
        self.demo, self.admin, self.clock, self.prefix = demo, admin, clock, prefix
        self.volume_ids: list[str] = []
        self.snapshot_ids: list[str] = []
        self.transfer_ids: list[str] = []

    def wait_kw(self) -> dict[str, Any]:
        return {"timeout": WAIT, "interval": 0.5, "sleep": self.clock.sleep,
                "clock": self.clock.clock}

    def volume(self) -> volumes.Volume:
        made = volumes.create(self.demo, volumes.CreateOpts(size=1, name=self.prefix)).extract()
        self.volume_ids.append(made.id)
        return volumes.wait_for_status(self.demo, made.id, "available", **self.wait_kw())

    def snapshot(self, volume_id: str) -> snapshots.Snapshot:
        made = snapshots.create(self.demo, snapshots.CreateOpts(
            volume_id=volume_id, name=self.prefix)).extract()
        self.snapshot_ids.append(made.id)
        return snapshots.wait_for_status(self.demo, made.id, "available", **self.wait_kw())

    def transfer(self, volume_id: str, **body: Any) -> dict[str, Any]:
        made = call(self.demo, "POST", f"{_endpoint(self.demo)}/os-volume-transfer",
                    json={"transfer": {"volume_id": volume_id, "name": self.prefix, **body}},
                    headers=V357)
        assert made.status_code == 202, made.text
        created: dict[str, Any] = made.json()["transfer"]
        self.transfer_ids.append(created["id"])
        return created

    def _owner(self, getter: Callable[[ServiceClient, str], Any], ident: str
               ) -> ServiceClient | None:
        for client in (self.demo, self.admin):
            if not isinstance(getter(client, ident).err, NotFound):
                return client
        return None

    def cleanup(self) -> None:
        for transfer_id in self.transfer_ids:
            transfers.delete(self.demo, transfer_id)
        for snapshot_id in self.snapshot_ids:
            owner = self._owner(snapshots.get, snapshot_id)
            if owner is not None and snapshots.delete(owner, snapshot_id).err is None:
                snapshots.wait_for_delete(owner, snapshot_id, **self.wait_kw())
        for volume_id in self.volume_ids:
            owner = self._owner(volumes.get, volume_id)
            if owner is not None and volumes.delete(owner, volume_id).err is None:
                volumes.wait_for_delete(owner, volume_id, **self.wait_kw())


@pytest.fixture
def demo(openstack_block_storage: ServiceClient) -> ServiceClient:
    """Cinder as demo."""
    return openstack_block_storage


@pytest.fixture
def admin(openstack_login: Callable[..., ProviderClient]) -> ServiceClient:
    """Cinder as realcloud's admin, in project admin: the receiving project."""
    return new_block_storage_v3(openstack_login(user="admin", cloud="realcloud-admin"))


@pytest.fixture
def made(demo: ServiceClient, admin: ServiceClient, openstack_clock: ModeClock,
         request: pytest.FixtureRequest) -> Iterator[Made]:
    """Volumes named `contract-<test>`, removed afterwards."""
    prefix = f"contract-{request.node.originalname.removeprefix('test_')}"[:200]
    tracker = Made(demo, admin, openstack_clock, prefix)
    yield tracker
    tracker.cleanup()


def _endpoint(client: ServiceClient) -> str:
    return client.endpoint.rstrip("/")


def _used(client: ServiceClient) -> tuple[int, int, int]:
    absolute = call(client, "GET", f"{_endpoint(client)}/limits").json()["limits"]["absolute"]
    return (absolute["totalVolumesUsed"], absolute["totalGigabytesUsed"],
            absolute["totalSnapshotsUsed"])


def test_a_transfer_shows_its_key_once_and_holds_the_volume(demo: ServiceClient,
                                                            made: Made) -> None:
    volume = made.volume()
    base = _endpoint(demo)
    made_at = call(demo, "POST", f"{base}/os-volume-transfer",
                   json={"transfer": {"volume_id": volume.id, "name": f"  {made.prefix} "}})
    assert made_at.status_code == 202
    created = made_at.json()["transfer"]
    made.transfer_ids.append(created["id"])
    assert set(created) == DETAIL_KEYS | {"auth_key"}
    assert (created["name"], created["volume_id"]) == (made.prefix, volume.id)
    key = created["auth_key"]
    assert key == "***" or (len(key) == 16 and int(key, 16) >= 0)  # "***": scrubbed
    assert [link["rel"] for link in created["links"]] == ["self", "bookmark"]
    assert created["links"][0]["href"] == f"{base}/os-volume-transfer/{created['id']}"
    assert volumes.get(demo, volume.id).extract().status == "awaiting-transfer"
    for path in ("os-volume-transfer", "volume-transfers"):
        shown = call(demo, "GET", f"{base}/{path}/{created['id']}").json()["transfer"]
        assert shown == {k: v for k, v in created.items() if k != "auth_key"}
        listed = call(demo, "GET", f"{base}/{path}?volume_id={volume.id}").json()
        assert listed == {"transfers": [{"id": created["id"], "volume_id": volume.id,
                                         "name": made.prefix, "links": created["links"]}]}
        detailed = call(demo, "GET", f"{base}/{path}/detail?volume_id={volume.id}").json()
        assert detailed == {"transfers": [shown]}
    newer = call(demo, "GET", f"{base}/volume-transfers/{created['id']}",
                 headers=V357).json()["transfer"]
    assert set(newer) == DETAIL_KEYS | HISTORY_KEYS
    assert (newer["no_snapshots"], newer["accepted"], newer["destination_project_id"]) == (
        False, False, None)
    again = call(demo, "POST", f"{base}/os-volume-transfer",
                 json={"transfer": {"volume_id": volume.id}})
    assert again.status_code == 400
    assert again.json() == {"badRequest": {
        "code": 400, "message": "Invalid volume: status must be available"}}
    gone = call(demo, "DELETE", f"{base}/os-volume-transfer/{created['id']}")
    assert gone.status_code == 202
    assert gone.text == ""
    assert volumes.get(demo, volume.id).extract().status == "available"
    missing = call(demo, "GET", f"{base}/os-volume-transfer/{created['id']}")
    assert missing.status_code == 404
    assert missing.json() == {"itemNotFound": {
        "code": 404, "message": f"Transfer {created['id']} could not be found."}}


def test_another_project_accepts_with_the_key_and_takes_the_quota(
        demo: ServiceClient, admin: ServiceClient, made: Made) -> None:
    volume = made.volume()
    snapshot = made.snapshot(volume.id)
    created = made.transfer(volume.id)
    assert set(created) == DETAIL_KEYS | HISTORY_KEYS | {"auth_key"}
    demo_before, admin_before = _used(demo), _used(admin)
    accept_url = f"{_endpoint(admin)}/os-volume-transfer/{created['id']}/accept"
    wrong = call(admin, "POST", accept_url, json={"accept": {"auth_key": "0" * 16}})
    assert wrong.status_code == 400
    assert wrong.json() == {"badRequest": {
        "code": 400, "message": f"Invalid auth key: Attempt to transfer {created['id']} "
                                "with invalid auth key."}}
    assert volumes.get(demo, volume.id).extract().status == "awaiting-transfer"
    accepted = call(admin, "POST", accept_url,
                    json={"accept": {"auth_key": created["auth_key"]}})
    assert accepted.status_code == 202
    body = accepted.json()["transfer"]
    assert set(body) == {"id", "volume_id", "name", "links"}
    assert (body["id"], body["volume_id"], body["name"]) == (created["id"], volume.id,
                                                             made.prefix)
    assert isinstance(volumes.get(demo, volume.id).err, NotFound)
    assert isinstance(snapshots.get(demo, snapshot.id).err, NotFound)
    assert volumes.get(admin, volume.id).extract().status == "available"
    assert snapshots.get(admin, snapshot.id).extract().status == "available"
    assert _used(demo) == (demo_before[0] - 1, demo_before[1] - 2, demo_before[2] - 1)
    assert _used(admin) == (admin_before[0] + 1, admin_before[1] + 2, admin_before[2] + 1)
    after = call(admin, "GET", f"{_endpoint(admin)}/os-volume-transfer/{created['id']}")
    assert after.status_code == 404


def test_over_the_receivers_quota_the_accept_is_a_bare_413(
        demo: ServiceClient, admin: ServiceClient, made: Made) -> None:
    volume = made.volume()
    created = made.transfer(volume.id)
    quota_url = f"{_endpoint(admin)}/os-quota-sets/{admin.endpoint.rstrip('/').rsplit('/', 1)[1]}"
    used = _used(admin)[1]
    set_quota = call(admin, "PUT", quota_url, json={"quota_set": {"gigabytes": used}})
    assert set_quota.status_code == 200, set_quota.text
    try:
        refused = call(admin, "POST",
                       f"{_endpoint(admin)}/os-volume-transfer/{created['id']}/accept",
                       json={"accept": {"auth_key": created["auth_key"]}})
    finally:
        call(admin, "DELETE", quota_url)
    assert refused.status_code == 413
    assert refused.headers["Retry-After"] == "0"
    assert refused.json() == {"overLimit": {
        "code": 413, "retryAfter": "0",
        "message": f"Requested volume or snapshot exceeds allowed gigabytes quota. Requested "
                   f"1G, quota is {used}G and {used}G has been consumed."}}
    assert volumes.get(demo, volume.id).extract().status == "awaiting-transfer"


def test_no_snapshots_leaves_them_with_the_donor_but_they_block_nothing(
        demo: ServiceClient, admin: ServiceClient, made: Made) -> None:
    volume = made.volume()
    made.snapshot(volume.id)
    base = _endpoint(demo)
    old = call(demo, "POST", f"{base}/volume-transfers",
               json={"transfer": {"volume_id": volume.id, "no_snapshots": True}})
    assert old.status_code == 400
    assert old.json()["badRequest"]["message"].endswith(
        "Additional properties are not allowed ('no_snapshots' was unexpected)")
    created = call(demo, "POST", f"{base}/volume-transfers", headers=V355,
                   json={"transfer": {"volume_id": volume.id, "no_snapshots": True}})
    assert created.status_code == 202
    body = created.json()["transfer"]
    made.transfer_ids.append(body["id"])
    assert set(body) == DETAIL_KEYS | {"auth_key", "no_snapshots"}
    assert (body["name"], body["no_snapshots"]) == (None, True)
    taken = transfers.accept(admin, body["id"], transfers.AcceptOpts(
        auth_key=body["auth_key"])).extract()
    assert taken.volume_id == volume.id
    assert volumes.get(admin, volume.id).extract().status == "available"


def test_cinder_error_bodies(demo: ServiceClient, made: Made) -> None:
    base = _endpoint(demo)
    unknown_volume = call(demo, "POST", f"{base}/os-volume-transfer",
                          json={"transfer": {"volume_id": MISSING}})
    assert unknown_volume.status_code == 404
    assert unknown_volume.json() == {"itemNotFound": {
        "code": 404, "message": f"Volume {MISSING} could not be found."}}
    for verb, path in (("GET", MISSING), ("DELETE", MISSING)):
        missing = call(demo, verb, f"{base}/os-volume-transfer/{path}")
        assert missing.json() == {"itemNotFound": {
            "code": 404, "message": f"Transfer {MISSING} could not be found."}}
    accept_missing = call(demo, "POST", f"{base}/os-volume-transfer/{MISSING}/accept",
                          json={"accept": {"auth_key": "abc"}})
    assert accept_missing.status_code == 404
    no_key = call(demo, "POST", f"{base}/os-volume-transfer/{MISSING}/accept",
                  json={"accept": {}})
    assert no_key.json() == {"badRequest": {
        "code": 400, "message": "Invalid input for field/attribute accept. Value: {}. "
                                "'auth_key' is a required property"}}
    volume = made.volume()
    blank = call(demo, "POST", f"{base}/os-volume-transfer",
                 json={"transfer": {"volume_id": volume.id, "name": "   "}})
    assert blank.json() == {"badRequest": {
        "code": 400, "message": "Invalid input for field/attribute name. Value:    . "
                                "'   ' is not valid under any of the given schemas"}}
    assert volumes.get(demo, volume.id).extract().status == "available"
    limited = call(demo, "GET", f"{base}/os-volume-transfer?limit=5")
    assert limited.json() == {"transfers": []}
