"""Cinder's other volume actions, as Cinder 29 answers them with one backend: `os-retype`
(the per-type quota usage moves; Cinder's checks), the readonly flag and the attach mode in
`metadata`, `os-initialize_connection` and `os-terminate_connection`, the admin actions
(`os-force_detach`, `os-migrate_volume` within the one backend, which starts then fails,
`os-migrate_volume_completion`, `os-extend_volume_completion`, `os-unmanage`), `revert`
(3.40) to the latest snapshot, and the replication actions Cinder no longer has.

What the backends differ in is left out: the connection's driver data (realcloud's local
file, the fake's LVM iSCSI target), the host names (read from the volume), and the volume
type shown while `retyping`. The type is `contract-vact-gold`; volumes are
`contract-<test>`; both, and demo's quota override, are removed afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests

from stackdouble.client import NotFound, ProviderClient, ServiceClient
from stackdouble.client._wait import wait_until
from stackdouble.client.openstack import new_block_storage_v3
from stackdouble.client.openstack.blockstorage.v3 import snapshots, volumes
from stackdouble.pytest_plugin import ModeClock
from tests.contract.conftest import call

WAIT = 120.0
MISSING = "00000000-0000-0000-0000-000000000000"
GOLD = "contract-vact-gold"
V340 = {"OpenStack-API-Version": "volume 3.40"}
CONNECTOR = {"host": "contract-host", "ip": "127.0.0.1", "initiator": "iqn.contract:01",
             "platform": "x86_64", "os_type": "linux", "multipath": False}
RETYPE_REFUSED = ("Invalid volume: Retype needs volume to be in available or in-use state, "
                  "not be part of an active migration or a consistency group, requested type "
                  "has to be different that the one from the volume, and for in-use volumes "
                  "front-end qos specs cannot change.")
DELETE_REFUSED = ("Invalid volume: Volume status must be available or error or "
                  "error_restoring or error_extending or error_managing and must not be "
                  "migrating, attached, belong to a group, have snapshots, awaiting a "
                  "transfer, or be disassociated from snapshots after volume transfer.")


def _endpoint(client: ServiceClient) -> str:
    return client.endpoint.rstrip("/")


def _project(client: ServiceClient) -> str:
    return _endpoint(client).rsplit("/", 1)[-1]


def _fault(kind: str, code: int, message: str) -> dict[str, Any]:
    return {kind: {"code": code, "message": message}}


class Made:
    """The test's volumes and snapshots, removed afterwards (detached first)."""

    def __init__(self, demo: ServiceClient, admin: ServiceClient, clock: ModeClock,
                 prefix: str) -> None:
        self.demo, self.admin, self.clock, self.prefix = demo, admin, clock, prefix
        self.volume_ids: list[str] = []
        self.snapshot_ids: list[str] = []

    def wait_kw(self) -> dict[str, Any]:
        return {"timeout": WAIT, "interval": 0.5, "sleep": self.clock.sleep,
                "clock": self.clock.clock}

    def volume(self, size: int = 1) -> volumes.Volume:
        made = volumes.create(self.demo, volumes.CreateOpts(size=size,
                                                            name=self.prefix)).extract()
        self.volume_ids.append(made.id)
        return self.wait(made.id, "available")

    def snapshot(self, volume_id: str) -> snapshots.Snapshot:
        made = snapshots.create(self.demo, snapshots.CreateOpts(
            volume_id=volume_id, name=self.prefix)).extract()
        self.snapshot_ids.append(made.id)
        return snapshots.wait_for_status(self.demo, made.id, "available", **self.wait_kw())

    def wait(self, volume_id: str, status: str) -> volumes.Volume:
        return volumes.wait_for_status(self.demo, volume_id, status, **self.wait_kw())

    def action(self, client: ServiceClient, volume_id: str, body: Any,
               **kw: Any) -> requests.Response:
        return call(client, "POST", f"{_endpoint(client)}/volumes/{volume_id}/action",
                    json=body, **kw)

    def status(self, volume_id: str) -> str:
        return volumes.get(self.demo, volume_id).extract().status

    def cleanup(self) -> None:
        for snapshot_id in self.snapshot_ids:
            if snapshots.delete(self.demo, snapshot_id).err is None:
                snapshots.wait_for_delete(self.demo, snapshot_id, **self.wait_kw())
        for volume_id in self.volume_ids:
            if isinstance(volumes.get(self.demo, volume_id).err, NotFound):
                continue
            self.action(self.admin, volume_id, {"os-force_detach": {}})
            volumes.delete(self.demo, volume_id).extract_err()
            volumes.wait_for_delete(self.demo, volume_id, **self.wait_kw())


def _drop_gold(admin: ServiceClient) -> None:
    listed = call(admin, "GET", f"{_endpoint(admin)}/types?is_public=None").json()
    for vtype in listed["volume_types"]:
        if vtype["name"] == GOLD:
            call(admin, "DELETE", f"{_endpoint(admin)}/types/{vtype['id']}")


@pytest.fixture
def demo(openstack_block_storage: ServiceClient) -> ServiceClient:
    """Cinder as demo (a project member)."""
    return openstack_block_storage


@pytest.fixture
def admin(openstack_login: Callable[..., ProviderClient]) -> ServiceClient:
    """Cinder as realcloud's admin."""
    return new_block_storage_v3(openstack_login(user="admin", cloud="realcloud-admin"))


@pytest.fixture
def made(demo: ServiceClient, admin: ServiceClient, openstack_clock: ModeClock,
         request: pytest.FixtureRequest) -> Iterator[Made]:
    """Volumes named `contract-<test>`, removed afterwards."""
    prefix = f"contract-{request.node.originalname.removeprefix('test_')}"[:200]
    tracker = Made(demo, admin, openstack_clock, prefix)
    yield tracker
    tracker.cleanup()


@pytest.fixture
def gold(admin: ServiceClient, demo: ServiceClient, made: Made) -> Iterator[str]:
    """The public type `contract-vact-gold` (after `made`, so removed after the volumes),
    and demo's quota for it put back to unlimited afterwards."""
    _drop_gold(admin)
    created = call(admin, "POST", f"{_endpoint(admin)}/types",
                   json={"volume_type": {"name": GOLD}})
    assert created.status_code == 200, created.text
    yield str(created.json()["volume_type"]["id"])
    call(admin, "PUT", f"{_endpoint(admin)}/os-quota-sets/{_project(demo)}",
         json={"quota_set": {f"volumes_{GOLD}": -1, f"gigabytes_{GOLD}": -1}})
    made.cleanup()
    made.volume_ids.clear()
    made.snapshot_ids.clear()
    _drop_gold(admin)


def _usage(demo: ServiceClient) -> dict[str, Any]:
    shown = call(demo, "GET", f"{_endpoint(demo)}/os-quota-sets/{_project(demo)}?usage=True")
    assert shown.status_code == 200
    quota: dict[str, Any] = shown.json()["quota_set"]
    return quota


# -- retype -----------------------------------------------------------------------------------


def test_retype_moves_the_volume_and_its_type_quota(demo: ServiceClient, made: Made,
                                                    gold: str) -> None:
    volume = made.volume(size=2)
    same = made.action(demo, volume.id, {"os-retype": {"new_type": "__DEFAULT__"}})
    assert (same.status_code, same.json()) == (400, _fault("badRequest", 400, RETYPE_REFUSED))
    unknown = made.action(demo, volume.id, {"os-retype": {"new_type": "contract-vact-none"}})
    assert unknown.json() == _fault("itemNotFound", 404, "Volume type with name "
                                    "contract-vact-none could not be found.")
    by_id = made.action(demo, volume.id, {"os-retype": {"new_type": MISSING}})
    assert by_id.json() == _fault("itemNotFound", 404,
                                  f"Volume type {MISSING} could not be found.")
    bad = made.action(demo, volume.id, {"os-retype": {"new_type": GOLD,
                                                      "migration_policy": "sometimes"}})
    assert bad.json() == _fault("badRequest", 400, "Invalid input for field/attribute "
                                "migration_policy. Value: sometimes. 'sometimes' is not one of "
                                "['on-demand', 'never']")
    resp = made.action(demo, volume.id, {"os-retype": {"new_type": GOLD,
                                                       "migration_policy": "on-demand"}})
    assert (resp.status_code, resp.content) == (202, b"")
    retyped = made.wait(volume.id, "available")
    assert (retyped.volume_type, retyped.volume_type_id) == (GOLD, None)
    usage = _usage(demo)
    assert usage[f"volumes_{GOLD}"] == {"limit": -1, "in_use": 1, "reserved": 0}
    assert usage[f"gigabytes_{GOLD}"] == {"limit": -1, "in_use": 2, "reserved": 0}
    back = made.action(demo, volume.id, {"os-retype": {"new_type": "__DEFAULT__",
                                                       "migration_policy": "never"}})
    assert back.status_code == 202
    assert made.wait(volume.id, "available").volume_type == "__DEFAULT__"
    assert _usage(demo)[f"volumes_{GOLD}"]["in_use"] == 0


def test_retype_over_the_types_quota_is_413(demo: ServiceClient, admin: ServiceClient,
                                            made: Made, gold: str) -> None:
    volume = made.volume()
    quotas = f"{_endpoint(admin)}/os-quota-sets/{_project(demo)}"
    call(admin, "PUT", quotas, json={"quota_set": {f"volumes_{GOLD}": 0}})
    count = made.action(demo, volume.id, {"os-retype": {"new_type": gold}})
    assert count.status_code == 413
    assert count.headers["Retry-After"] == "0"
    assert count.json() == {"overLimit": {
        "code": 413, "message": "VolumeLimitExceeded: Maximum number of volumes allowed (0) "
                                f"exceeded for quota 'volumes_{GOLD}'.", "retryAfter": "0"}}
    call(admin, "PUT", quotas, json={"quota_set": {f"volumes_{GOLD}": -1,
                                                   f"gigabytes_{GOLD}": 0}})
    size = made.action(demo, volume.id, {"os-retype": {"new_type": gold}})
    assert size.json()["overLimit"]["message"] == (
        "VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed "
        f"gigabytes_{GOLD} quota. Requested 1G, quota is 0G and 0G has been consumed.")
    assert made.status(volume.id) == "available"
    assert volumes.get(demo, volume.id).extract().volume_type == "__DEFAULT__"


def test_an_in_use_volume_retypes_back_to_in_use(demo: ServiceClient, made: Made,
                                                 gold: str) -> None:
    volume = made.volume()
    attached = made.action(demo, volume.id, {"os-attach": {"host_name": "contract-host",
                                                           "mountpoint": "/mnt"}})
    assert attached.status_code == 202
    made.wait(volume.id, "in-use")
    assert made.action(demo, volume.id, {"os-retype": {"new_type": GOLD}}).status_code == 202
    done = made.wait(volume.id, "in-use")
    assert done.volume_type == GOLD


# -- readonly flag and connections ----------------------------------------------------------


def test_the_readonly_flag_shows_in_metadata_and_forces_ro(demo: ServiceClient,
                                                           made: Made) -> None:
    volume = made.volume()
    url = f"{_endpoint(demo)}/volumes/{volume.id}"
    call(demo, "POST", f"{url}/metadata", json={"metadata": {"readonly": "mine", "k": "v"}})
    resp = made.action(demo, volume.id, {"os-update_readonly_flag": {"readonly": "yes"}})
    assert (resp.status_code, resp.content) == (202, b"")
    assert volumes.get(demo, volume.id).extract().metadata == {"readonly": "True", "k": "v"}
    assert call(demo, "GET", f"{url}/metadata").json() == {
        "metadata": {"readonly": "mine", "k": "v"}}
    bad = made.action(demo, volume.id, {"os-update_readonly_flag": {"readonly": "maybe"}})
    assert bad.status_code == 400
    rw = made.action(demo, volume.id, {"os-attach": {"host_name": "contract-host",
                                                     "mountpoint": "/mnt"}})
    assert rw.json() == _fault("badRequest", 400,
                               f"Invalid attaching mode 'rw' for volume {volume.id}.")
    ro = made.action(demo, volume.id, {"os-attach": {"host_name": "contract-host",
                                                     "mountpoint": "/mnt", "mode": "ro"}})
    assert ro.status_code == 202
    attached = made.wait(volume.id, "in-use")
    assert attached.metadata == {"readonly": "True", "k": "v", "attached_mode": "ro"}
    in_use = made.action(demo, volume.id, {"os-update_readonly_flag": {"readonly": False}})
    assert in_use.json() == _fault("badRequest", 400, f"Invalid volume: Volume {volume.id} "
                                   "status must be available to update readonly flag, but "
                                   "current status is: in-use.")
    assert made.action(demo, volume.id, {"os-detach": {}}).status_code == 202
    detached = made.wait(volume.id, "available")
    assert detached.metadata == {"readonly": "True", "k": "v"}


def test_a_connection_is_initialized_and_terminated(demo: ServiceClient, admin: ServiceClient,
                                                    made: Made) -> None:
    volume = made.volume()
    missing = made.action(demo, volume.id, {"os-initialize_connection": {}})
    assert missing.json() == _fault("badRequest", 400, "Invalid input for field/attribute "
                                    "os-initialize_connection. Value: {}. 'connector' is a "
                                    "required property")
    resp = made.action(demo, volume.id, {"os-initialize_connection": {
        "connector": {**CONNECTOR, "enforce_multipath": True}}})
    assert resp.status_code == 200
    info = resp.json()["connection_info"]
    assert isinstance(info["driver_volume_type"], str)
    assert info["enforce_multipath"] is True
    data = info["data"]
    assert {k: data[k] for k in ("qos_specs", "access_mode", "encrypted", "cacheable",
                                 "enforce_multipath")} == {
        "qos_specs": None, "access_mode": "rw", "encrypted": False, "cacheable": False,
        "enforce_multipath": True}
    assert made.status(volume.id) == "available"
    made.action(demo, volume.id, {"os-update_readonly_flag": {"readonly": True}})
    member = made.action(demo, volume.id, {"os-initialize_connection": {
        "connector": CONNECTOR}})
    assert member.json()["connection_info"]["data"]["access_mode"] == "rw"  # not the flag
    assert member.json()["connection_info"]["enforce_multipath"] is False
    ro = made.action(admin, volume.id, {"os-initialize_connection": {"connector": CONNECTOR}})
    assert ro.json()["connection_info"]["data"]["access_mode"] == "ro"
    assert made.action(demo, volume.id, {"os-reserve": {}}).status_code == 202
    assert made.status(volume.id) == "attaching"
    ended = made.action(demo, volume.id, {"os-terminate_connection": {"connector": CONNECTOR}})
    assert (ended.status_code, ended.content) == (202, b"")
    assert made.status(volume.id) == "available"


# -- admin actions --------------------------------------------------------------------------


def test_members_may_not_use_the_admin_actions(demo: ServiceClient, made: Made) -> None:
    volume = made.volume()
    for name, body, rule in (
            ("os-force_detach", {}, "volume_extension:volume_admin_actions:force_detach"),
            ("os-migrate_volume", {"host": "x"},
             "volume_extension:volume_admin_actions:migrate_volume"),
            ("os-migrate_volume_completion", {"new_volume": volume.id},
             "volume_extension:volume_admin_actions:migrate_volume_completion"),
            ("os-extend_volume_completion", {},
             "volume_extension:volume_admin_actions:extend_volume_completion"),
            ("os-unmanage", {}, "volume_extension:volume_unmanage")):
        resp = made.action(demo, volume.id, {name: body})
        assert resp.json() == _fault("forbidden", 403,
                                     f"Policy doesn't allow {rule} to be performed."), name


def test_force_detach_removes_an_attachment(demo: ServiceClient, admin: ServiceClient,
                                            made: Made) -> None:
    volume = made.volume()
    made.action(demo, volume.id, {"os-attach": {"host_name": "contract-host",
                                                "mountpoint": "/mnt"}})
    (attachment,) = made.wait(volume.id, "in-use").attachments
    unknown = made.action(admin, volume.id, {"os-force_detach": {"attachment_id": MISSING}})
    assert unknown.json() == _fault("conflictingRequest", 409, "ConflictNovaUsingAttachment: "
                                    "Detach volume from instance  using the Compute API")
    resp = made.action(admin, volume.id, {"os-force_detach": {
        "connector": {"host": "contract-host"}, "attachment_id": attachment.attachment_id}})
    assert (resp.status_code, resp.content) == (202, b"")
    done = made.wait(volume.id, "available")
    assert (done.attachments, done.metadata) == ((), {"readonly": "False"})


def test_a_migration_within_the_one_backend_starts_then_fails(admin: ServiceClient,
                                                              made: Made) -> None:
    volume = made.volume()
    host = str(volumes.get(admin, volume.id).extract().host)
    same = made.action(admin, volume.id, {"os-migrate_volume": {"host": host}})
    assert same.json() == _fault("badRequest", 400, f"Invalid volume: Volume {volume.id} "
                                 "status must be available or in-use, must not be migrating, "
                                 "have snapshots, be replicated, be part of a group and "
                                 "destination host/cluster must be different than the current "
                                 "one")
    unknown = made.action(admin, volume.id, {"os-migrate_volume": {
        "host": "contract-nowhere@b#p"}})
    assert unknown.json() == _fault("badRequest", 400, "Invalid host: No available service "
                                    "named 'contract-nowhere@b#p'")
    none = made.action(admin, volume.id, {"os-migrate_volume": {}},
                       headers={"OpenStack-API-Version": "volume 3.16"})
    assert none.json() == _fault("badRequest", 400, "Invalid input received: One and only "
                                 "one of cluster and host must be set.")
    resp = made.action(admin, volume.id, {"os-migrate_volume": {
        "host": host.split("#")[0], "lock_volume": True}})
    assert (resp.status_code, resp.content) == (202, b"")

    def failed() -> tuple[bool, str | None, None]:
        shown = volumes.get(admin, volume.id).extract()
        return shown.migration_status == "error", shown.migration_status, None

    wait_until(failed, what=f"volume {volume.id}", target="migration_status error",
               **made.wait_kw())
    shown = volumes.get(admin, volume.id).extract()
    assert (shown.status, shown.migstat, shown.host) == ("available", "error", host)


def test_migration_completion_without_a_migration(demo: ServiceClient, admin: ServiceClient,
                                                  made: Made) -> None:
    volume = made.volume()
    other = made.volume()
    body = {"os-migrate_volume_completion": {"new_volume": other.id}}
    made.action(admin, volume.id, {"os-reset_status": {"migration_status": "migrating"}})
    dest = made.action(admin, volume.id, body)
    assert dest.json() == _fault("badRequest", 400,
                                 "Invalid volume: Destination volume not mid-migration.")
    bad = made.action(admin, volume.id, {"os-reset_status": {"migration_status": "lost"}})
    assert bad.json() == _fault("badRequest", 400, "Volume migration status: lost is invalid, "
                                "valid statuses are: ('migrating', 'error', 'success', "
                                "'completing', 'none', 'starting').")
    made.action(admin, volume.id, {"os-reset_status": {"migration_status": "none"}})
    made.action(demo, volume.id, {"os-attach": {"host_name": "contract-host",
                                                "mountpoint": "/mnt"}})
    made.wait(volume.id, "in-use")
    resp = made.action(admin, volume.id, body)
    assert (resp.status_code, resp.json()) == (200, {"save_volume_id": other.id})
    moved = made.wait(other.id, "in-use")
    assert [a.device for a in moved.attachments] == ["/mnt"]
    assert moved.metadata == {"readonly": "False", "attached_mode": "rw"}
    assert made.wait(volume.id, "available").attachments == ()
    gone = made.action(admin, volume.id, {"os-migrate_volume_completion": {
        "new_volume": MISSING}})
    assert gone.json() == _fault("itemNotFound", 404, f"Volume {MISSING} could not be found.")


def test_extend_completion_finds_nothing_to_complete(admin: ServiceClient,
                                                     made: Made) -> None:
    volume = made.volume()
    body = {"os-extend_volume_completion": {"error": False}}
    assert made.action(admin, volume.id, body).json() == _fault(
        "badRequest", 400, "Invalid volume: Volume is not being extended.")
    made.action(admin, volume.id, {"os-reset_status": {"status": "extending"}})
    assert made.action(admin, volume.id, body).json() == _fault(
        "badRequest", 400, "Invalid volume: Required volume admin metadata is malformed or "
                           "missing.")
    made.action(admin, volume.id, {"os-reset_status": {"status": "available"}})


def test_unmanage_removes_the_volume_from_cinder(demo: ServiceClient, admin: ServiceClient,
                                                 made: Made) -> None:
    volume = made.volume()
    snap = made.snapshot(volume.id)
    refused = made.action(admin, volume.id, {"os-unmanage": {}})
    assert refused.json() == _fault("badRequest", 400, DELETE_REFUSED)
    snapshots.delete(demo, snap.id).extract_err()
    snapshots.wait_for_delete(demo, snap.id, **made.wait_kw())
    made.snapshot_ids.remove(snap.id)
    resp = made.action(admin, volume.id, {"os-unmanage": None})
    assert (resp.status_code, resp.content) == (202, b"")
    volumes.wait_for_delete(demo, volume.id, **made.wait_kw())
    missing = made.action(admin, MISSING, {"os-unmanage": {}})
    assert missing.json() == _fault("itemNotFound", 404, f"Volume {MISSING} could not be found.")


# -- revert -------------------------------------------------------------------------------------


def test_revert_to_the_latest_snapshot(demo: ServiceClient, admin: ServiceClient,
                                       made: Made) -> None:
    volume = made.volume()
    old = made.action(demo, volume.id, {"revert": {"snapshot_id": None}})
    assert old.json() == _fault("itemNotFound", 404, "The resource could not be found.")
    none = made.action(demo, volume.id, {"revert": {}}, headers=V340)
    assert none.json() == _fault("badRequest", 400,
                                 f"Volume {volume.id} doesn't have any snapshots.")
    first = made.snapshot(volume.id)
    latest = made.snapshot(volume.id)
    not_latest = made.action(demo, volume.id, {"revert": {"snapshot_id": first.id}},
                             headers=V340)
    assert not_latest.json() == _fault("badRequest", 400, f"Specified snapshot {first.id} is "
                                       f"None or not the latest one of volume {volume.id}.")
    made.action(admin, volume.id, {"os-reset_status": {"status": "error"}})
    errored = made.action(demo, volume.id, {"revert": {"snapshot_id": latest.id}},
                          headers=V340)
    assert errored.json() == _fault("conflictingRequest", 409, "Invalid volume: Can't revert "
                                    f"volume {volume.id} to its latest snapshot {latest.id}. "
                                    "Volume's status must be 'available'.")
    made.action(admin, volume.id, {"os-reset_status": {"status": "available"}})
    resp = made.action(demo, volume.id, {"revert": {"snapshot_id": latest.id, "x": 1}},
                       headers=V340)
    assert (resp.status_code, resp.content) == (202, b"")
    made.wait(volume.id, "available")
    snapshots.wait_for_status(demo, latest.id, "available", **made.wait_kw())
    assert made.action(demo, volume.id, {"os-extend": {"new_size": 2}}).status_code == 202
    made.wait(volume.id, "available")
    grown = made.action(demo, volume.id, {"revert": {"snapshot_id": latest.id}},
                        headers=V340)
    assert grown.json() == _fault("badRequest", 400, f"Can't revert volume {volume.id} to its "
                                  f"latest snapshot {latest.id}. The volume size must be equal "
                                  "to the snapshot size.")


# -- actions Cinder 29 no longer has ------------------------------------------------------------


def test_the_replication_actions_are_no_such_action(demo: ServiceClient, made: Made) -> None:
    volume = made.volume()
    for name in ("os-enable_replication", "os-disable_replication", "os-failover_replication",
                 "os-list_replication_targets"):
        resp = made.action(demo, volume.id, {name: {}})
        assert resp.json() == _fault("badRequest", 400, f"There is no such action: {name}. "
                                     "Verify the request body and Content-Type header and "
                                     "try again."), name
