"""The fake Cinder's volume actions beyond create, extend and attach: retype (states on
the clock, per-type quota usage, Cinder's checks), the readonly flag and the attach mode in
`metadata`, connections, force detach, migration and its completion, extend completion,
unmanage, revert to the latest snapshot, and the replication actions Cinder no longer
has."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st

from stackdouble.fakes import FakeCloud
from tests.fakes.blockstorage.conftest import Cinder, fault

MISSING = "00000000-0000-0000-0000-000000000000"
CONNECTOR = {"host": "h1", "ip": "127.0.0.1", "initiator": "iqn.1993-08.org.debian:01:h1"}
RETYPE_REFUSED = ("Invalid volume: Retype needs volume to be in available or in-use state, "
                  "not be part of an active migration or a consistency group, requested type "
                  "has to be different that the one from the volume, and for in-use volumes "
                  "front-end qos specs cannot change.")


def _volume(cinder: Cinder, volume_id: str) -> dict[str, Any]:
    resp = cinder.get(f"/volumes/{volume_id}")
    assert resp.status_code == 200, resp.text
    volume: dict[str, Any] = resp.json()["volume"]
    return volume


def _status(cinder: Cinder, volume_id: str) -> str:
    return str(_volume(cinder, volume_id)["status"])


def _snapshot(cinder: Cinder, volume_id: str) -> str:
    resp = cinder.post("/snapshots", {"snapshot": {"volume_id": volume_id}})
    assert resp.status_code == 202, resp.text
    return str(resp.json()["snapshot"]["id"])


@pytest.fixture
def gold(cloud: FakeCloud) -> str:
    """A public volume type `gold`."""
    return cloud.block_storage.add_volume_type("gold").id


# -- retype ---------------------------------------------------------------------------------


def test_a_retype_goes_through_retyping_and_moves_the_type_quota(
        cinder: Cinder, cloud: FakeCloud, gold: str) -> None:
    storage = cloud.block_storage
    storage.set_action_time(5)
    volume_id = cinder.create(size=2)
    _snapshot(cinder, volume_id)
    cloud.clock.advance(5)
    resp = cinder.action(volume_id, {"os-retype": {"new_type": "gold",
                                                   "migration_policy": "on-demand"}})
    assert (resp.status_code, resp.content) == (202, b"")
    assert _status(cinder, volume_id) == "retyping"
    usage = storage.quota_usage(cinder.project_id)
    assert (usage["volumes_gold"], usage["gigabytes_gold"], usage["snapshots_gold"]) == (1, 4, 1)
    assert (usage["volumes___DEFAULT__"], usage["gigabytes___DEFAULT__"]) == (0, 0)
    assert (usage["volumes"], usage["gigabytes"]) == (1, 4)
    cloud.clock.advance(5)
    volume = _volume(cinder, volume_id)
    assert (volume["status"], volume["volume_type"]) == ("available", "gold")
    (snap,) = cinder.get(f"/snapshots?volume_id={volume_id}").json()["snapshots"]
    cinder.call("DELETE", f"/snapshots/{snap['id']}")
    cloud.clock.advance(5)
    usage = storage.quota_usage(cinder.project_id)
    assert (usage["snapshots_gold"], usage["gigabytes_gold"]) == (0, 2)


def test_an_in_use_volume_retypes_back_to_in_use(cinder: Cinder, gold: str) -> None:
    volume_id = cinder.create()
    cinder.action(volume_id, {"os-attach": {"host_name": "h2", "mountpoint": "/mnt"}})
    assert cinder.action(volume_id, {"os-retype": {"new_type": gold}}).status_code == 202
    volume = _volume(cinder, volume_id)
    assert (volume["status"], volume["volume_type"]) == ("in-use", "gold")


def test_retype_refusals(cinder: Cinder, cloud: FakeCloud, gold: str) -> None:
    volume_id = cinder.create()
    same = cinder.action(volume_id, {"os-retype": {"new_type": "__DEFAULT__"}})
    assert same.json() == fault("badRequest", 400, RETYPE_REFUSED)
    by_name = cinder.action(volume_id, {"os-retype": {"new_type": "nope"}})
    assert by_name.json() == fault("itemNotFound", 404,
                                   "Volume type with name nope could not be found.")
    by_id = cinder.action(volume_id, {"os-retype": {"new_type": MISSING}})
    assert by_id.json() == fault("itemNotFound", 404,
                                 f"Volume type {MISSING} could not be found.")
    private = cloud.block_storage.add_volume_type("secret", is_public=False)
    hidden = cinder.action(volume_id, {"os-retype": {"new_type": "secret"}})
    assert hidden.json() == fault("itemNotFound", 404,
                                  f"Volume type {private.id} could not be found.")
    bad = cinder.action(volume_id, {"os-retype": {"new_type": "gold",
                                                  "migration_policy": "sometimes"}})
    assert bad.json() == fault("badRequest", 400, "Invalid input for field/attribute "
                               "migration_policy. Value: sometimes. 'sometimes' is not one of "
                               "['on-demand', 'never']")
    cloud.block_storage.force_error(volume_id)
    errored = cinder.action(volume_id, {"os-retype": {"new_type": "gold"}})
    assert errored.json() == fault("badRequest", 400, RETYPE_REFUSED)
    assert _volume(cinder, volume_id)["volume_type"] == "__DEFAULT__"


def test_a_private_type_shared_with_the_project_is_usable(cinder: Cinder,
                                                          cloud: FakeCloud) -> None:
    private = cloud.block_storage.add_volume_type("shared", is_public=False)
    private.projects.append(cinder.project_id)
    volume_id = cinder.create()
    assert cinder.action(volume_id, {"os-retype": {"new_type": "shared"}}).status_code == 202
    assert _volume(cinder, volume_id)["volume_type"] == "shared"


def test_retype_over_the_type_quota_is_413(cinder: Cinder, cloud: FakeCloud,
                                           gold: str) -> None:
    storage = cloud.block_storage
    volume_id = cinder.create()
    storage.update_quota(cinder.project_id, {"volumes_gold": 0})
    count = cinder.action(volume_id, {"os-retype": {"new_type": "gold"}})
    assert count.status_code == 413
    assert count.json() == {"overLimit": {
        "code": 413, "message": "VolumeLimitExceeded: Maximum number of volumes allowed (0) "
                                "exceeded for quota 'volumes_gold'.", "retryAfter": "0"}}
    storage.update_quota(cinder.project_id, {"volumes_gold": -1, "gigabytes_gold": 0})
    size = cinder.action(volume_id, {"os-retype": {"new_type": "gold"}})
    assert size.json()["overLimit"]["message"] == (
        "VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed "
        "gigabytes_gold quota. Requested 1G, quota is 0G and 0G has been consumed.")
    assert storage.quota_usage(cinder.project_id).get("volumes_gold", 0) == 0
    assert _status(cinder, volume_id) == "available"


def test_multiattach_changes_only_on_available_volumes(cinder: Cinder,
                                                       cloud: FakeCloud) -> None:
    cloud.block_storage.add_volume_type("shared", extra_specs={"multiattach": "<is> True"})
    volume_id = cinder.create()
    cinder.action(volume_id, {"os-attach": {"host_name": "h2", "mountpoint": "/mnt"}})
    resp = cinder.action(volume_id, {"os-retype": {"new_type": "shared"}})
    assert resp.json() == fault("badRequest", 400, "Invalid input received: Invalid "
                                "volume_type passed, retypes affecting multiattach are only "
                                "allowed on available volumes, the specified volume however "
                                "currently has a status of: in-use.")
    other = cinder.create()
    assert cinder.action(other, {"os-retype": {"new_type": "shared"}}).status_code == 202
    assert _volume(cinder, other)["multiattach"] is True


def test_front_end_qos_blocks_an_in_use_retype(cinder: Cinder, cloud: FakeCloud,
                                               gold: str) -> None:
    storage = cloud.block_storage
    specs = storage.create_qos_specs("limits", {"consumer": "front-end",
                                                "total_iops_sec": "100"})
    storage.associate_qos_specs(specs.id, gold)
    in_use = cinder.create()
    cinder.action(in_use, {"os-attach": {"host_name": "h2", "mountpoint": "/mnt"}})
    refused = cinder.action(in_use, {"os-retype": {"new_type": "gold"}})
    assert refused.json() == fault("badRequest", 400, RETYPE_REFUSED)
    available = cinder.create()
    assert cinder.action(available, {"os-retype": {"new_type": "gold"}}).status_code == 202


# -- readonly flag, attach mode and connections -------------------------------------------


def test_the_readonly_flag_shows_in_metadata_and_forces_ro_attaches(cinder: Cinder) -> None:
    volume_id = cinder.create(metadata={"readonly": "mine", "k": "v"})
    resp = cinder.action(volume_id, {"os-update_readonly_flag": {"readonly": "yes"}})
    assert (resp.status_code, resp.content) == (202, b"")
    assert _volume(cinder, volume_id)["metadata"] == {"readonly": "True", "k": "v"}
    assert cinder.get(f"/volumes/{volume_id}/metadata").json() == {
        "metadata": {"readonly": "mine", "k": "v"}}
    listed = cinder.get("/volumes/detail").json()["volumes"]
    assert listed[0]["metadata"]["readonly"] == "True"
    rw = cinder.action(volume_id, {"os-attach": {"host_name": "h2", "mountpoint": "/mnt"}})
    assert rw.json() == fault("badRequest", 400,
                              f"Invalid attaching mode 'rw' for volume {volume_id}.")
    ro = cinder.action(volume_id, {"os-attach": {"host_name": "h2", "mountpoint": "/mnt",
                                                 "mode": "ro"}})
    assert ro.status_code == 202
    volume = _volume(cinder, volume_id)
    assert volume["metadata"] == {"readonly": "True", "k": "v", "attached_mode": "ro"}
    in_use = cinder.action(volume_id, {"os-update_readonly_flag": {"readonly": False}})
    assert in_use.json() == fault("badRequest", 400, f"Invalid volume: Volume {volume_id} "
                                  "status must be available to update readonly flag, but "
                                  "current status is: in-use.")
    cinder.action(volume_id, {"os-detach": {}})
    assert _volume(cinder, volume_id)["metadata"] == {"readonly": "True", "k": "v"}


def test_an_attach_records_the_mode_and_readonly_false(cinder: Cinder) -> None:
    volume_id = cinder.create()
    cinder.action(volume_id, {"os-attach": {"host_name": "h2", "mountpoint": "/mnt"}})
    assert _volume(cinder, volume_id)["metadata"] == {"readonly": "False",
                                                      "attached_mode": "rw"}


def test_initialize_connection_answers_the_lvm_target(cinder: Cinder,
                                                      admin_cinder: Cinder) -> None:
    volume_id = cinder.create()
    resp = cinder.action(volume_id, {"os-initialize_connection": {
        "connector": {**CONNECTOR, "enforce_multipath": True}}})
    assert resp.status_code == 200
    info = resp.json()["connection_info"]
    assert (info["driver_volume_type"], info["enforce_multipath"]) == ("iscsi", True)
    data = info["data"]
    assert data["target_iqn"] == f"iqn.2010-10.org.openstack:volume-{volume_id}"
    assert {k: data[k] for k in ("qos_specs", "access_mode", "encrypted", "cacheable",
                                 "enforce_multipath")} == {
        "qos_specs": None, "access_mode": "rw", "encrypted": False, "cacheable": False,
        "enforce_multipath": True}
    assert _status(cinder, volume_id) == "available"
    cinder.action(volume_id, {"os-update_readonly_flag": {"readonly": True}})
    again = cinder.action(volume_id, {"os-initialize_connection": {"connector": CONNECTOR}})
    assert again.json()["connection_info"]["data"]["access_mode"] == "rw"  # a member's
    assert again.json()["connection_info"]["enforce_multipath"] is False
    as_admin = admin_cinder.action(volume_id, {"os-initialize_connection": {
        "connector": CONNECTOR}})
    assert as_admin.json()["connection_info"]["data"]["access_mode"] == "ro"


def test_initialize_connection_refusals(cinder: Cinder, admin_cinder: Cinder) -> None:
    volume_id = cinder.create()
    missing = cinder.action(volume_id, {"os-initialize_connection": {}})
    assert missing.json() == fault("badRequest", 400, "Invalid input for field/attribute "
                                   "os-initialize_connection. Value: {}. 'connector' is a "
                                   "required property")
    text = cinder.action(volume_id, {"os-initialize_connection": {"connector": "abc"}})
    assert text.status_code == 400
    admin_cinder.action(volume_id, {"os-reset_status": {"status": "maintenance"}})
    kept = cinder.action(volume_id, {"os-initialize_connection": {"connector": CONNECTOR}})
    assert kept.json() == fault("badRequest", 400, "Invalid volume: The volume connection "
                                "cannot be initialized in maintenance mode.")


def test_terminate_connection_unreserves(cinder: Cinder) -> None:
    volume_id = cinder.create()
    cinder.action(volume_id, {"os-reserve": {}})
    assert _status(cinder, volume_id) == "attaching"
    resp = cinder.action(volume_id, {"os-terminate_connection": {"connector": CONNECTOR}})
    assert (resp.status_code, resp.content) == (202, b"")
    assert _status(cinder, volume_id) == "available"


def test_novas_attachment_is_novas_to_end(cinder: Cinder, admin_cinder: Cinder,
                                          server_id: str) -> None:
    volume_id = cinder.create()
    cinder.attach(server_id, volume_id)
    assert _status(cinder, volume_id) == "in-use"
    conflict = fault("conflictingRequest", 409, "ConflictNovaUsingAttachment: Detach volume "
                     f"from instance {server_id} using the Compute API")
    resp = cinder.action(volume_id, {"os-terminate_connection": {"connector": None}})
    assert resp.json() == conflict
    forced = admin_cinder.action(volume_id, {"os-force_detach": {}})
    assert forced.json() == conflict
    assert _status(cinder, volume_id) == "in-use"


# -- force detach ---------------------------------------------------------------------------


def test_force_detach_removes_the_attachment(cinder: Cinder, admin_cinder: Cinder) -> None:
    volume_id = cinder.create()
    cinder.action(volume_id, {"os-attach": {"host_name": "h2", "mountpoint": "/mnt"}})
    (attachment,) = _volume(cinder, volume_id)["attachments"]
    refused = cinder.action(volume_id, {"os-force_detach": {}})
    assert refused.json() == fault("forbidden", 403, "Policy doesn't allow volume_extension:"
                                   "volume_admin_actions:force_detach to be performed.")
    unknown = admin_cinder.action(volume_id, {"os-force_detach": {"attachment_id": MISSING}})
    assert unknown.json() == fault("conflictingRequest", 409, "ConflictNovaUsingAttachment: "
                                   "Detach volume from instance  using the Compute API")
    resp = admin_cinder.action(volume_id, {"os-force_detach": {
        "connector": {"host": "h2"}, "attachment_id": attachment["attachment_id"]}})
    assert (resp.status_code, resp.content) == (202, b"")
    volume = _volume(cinder, volume_id)
    assert (volume["status"], volume["attachments"]) == ("available", [])
    assert "attached_mode" not in volume["metadata"]


def test_force_detach_of_a_detached_volume_makes_it_available(cinder: Cinder,
                                                              admin_cinder: Cinder,
                                                              cloud: FakeCloud) -> None:
    volume_id = cinder.create()
    cloud.block_storage.force_error(volume_id)
    assert admin_cinder.action(volume_id, {"os-force_detach": {}}).status_code == 202
    assert _status(cinder, volume_id) == "available"


# -- migration ------------------------------------------------------------------------------


def _host(admin_cinder: Cinder, volume_id: str) -> str:
    return str(admin_cinder.get(f"/volumes/{volume_id}").json()["volume"][
        "os-vol-host-attr:host"])


def test_a_migration_within_the_one_backend_starts_then_fails(cinder: Cinder,
                                                              admin_cinder: Cinder,
                                                              cloud: FakeCloud) -> None:
    cloud.block_storage.set_action_time(5)
    volume_id = cinder.create()
    cloud.clock.advance(5)
    host = _host(admin_cinder, volume_id)
    same = admin_cinder.action(volume_id, {"os-migrate_volume": {"host": host}})
    assert same.json() == fault("badRequest", 400, f"Invalid volume: Volume {volume_id} "
                                "status must be available or in-use, must not be migrating, "
                                "have snapshots, be replicated, be part of a group and "
                                "destination host/cluster must be different than the current "
                                "one")
    resp = admin_cinder.action(volume_id, {"os-migrate_volume": {
        "host": host.split("#")[0], "lock_volume": True}})
    assert (resp.status_code, resp.content) == (202, b"")
    shown = admin_cinder.get(f"/volumes/{volume_id}").json()["volume"]
    assert (shown["status"], shown["os-vol-mig-status-attr:migstat"]) == ("maintenance",
                                                                          "starting")
    cloud.clock.advance(5)
    shown = admin_cinder.get(f"/volumes/{volume_id}").json()["volume"]
    assert (shown["status"], shown["migration_status"]) == ("available", "error")
    assert shown["os-vol-host-attr:host"] == host


def test_migration_refusals(cinder: Cinder, admin_cinder: Cinder) -> None:
    volume_id = cinder.create()
    refused = cinder.action(volume_id, {"os-migrate_volume": {"host": "x"}})
    assert refused.status_code == 403
    unknown = admin_cinder.action(volume_id, {"os-migrate_volume": {"host": "other@b#p"}})
    assert unknown.json() == fault("badRequest", 400,
                                   "Invalid host: No available service named 'other@b#p'")
    no_host = admin_cinder.action(volume_id, {"os-migrate_volume": {}})
    assert no_host.json() == fault("badRequest", 400, "Invalid input for field/attribute "
                                   "os-migrate_volume. Value: {}. 'host' is a required "
                                   "property")
    both = admin_cinder.action(volume_id, {"os-migrate_volume": {}}, version="3.16")
    assert both.json() == fault("badRequest", 400, "Invalid input received: One and only one "
                                "of cluster and host must be set.")
    cluster = admin_cinder.action(volume_id, {"os-migrate_volume": {"cluster": "c1"}},
                                  version="3.16")
    assert cluster.json() == fault("badRequest", 400,
                                   "Invalid host: No available service named 'c1'")
    missing = admin_cinder.action(MISSING, {"os-migrate_volume": {"host": "x"}})
    assert missing.status_code == 404


def test_migration_completion(cinder: Cinder, admin_cinder: Cinder) -> None:
    volume_id = cinder.create()
    other = cinder.create()
    cinder.action(volume_id, {"os-attach": {"host_name": "h2", "mountpoint": "/mnt"}})
    body = {"os-migrate_volume_completion": {"new_volume": other}}
    assert cinder.action(volume_id, body).status_code == 403
    resp = admin_cinder.action(volume_id, body)
    assert (resp.status_code, resp.json()) == (200, {"save_volume_id": other})
    assert (_status(cinder, volume_id), _status(cinder, other)) == ("available", "in-use")
    assert _volume(cinder, volume_id)["metadata"] == {"readonly": "False"}
    moved = admin_cinder.get(f"/volumes/{other}").json()["volume"]
    assert moved["metadata"] == {"readonly": "False", "attached_mode": "rw"}
    assert [(a["host_name"], a["device"]) for a in moved["attachments"]] == [("h2", "/mnt")]
    admin_cinder.action(volume_id, {"os-reset_status": {"migration_status": "migrating"}})
    dest = admin_cinder.action(volume_id, body)
    assert dest.json() == fault("badRequest", 400,
                                "Invalid volume: Destination volume not mid-migration.")
    admin_cinder.action(other, {"os-reset_status": {"migration_status": "starting"}})
    target = admin_cinder.action(volume_id, body)
    assert target.json() == fault("badRequest", 400, "Invalid volume: Destination has "
                                  f"migration_status starting, expected target:{volume_id}.")
    admin_cinder.action(volume_id, {"os-reset_status": {"migration_status": "none"}})
    source = admin_cinder.action(volume_id, body)
    assert source.json() == fault("badRequest", 400,
                                  "Invalid volume: Source volume not mid-migration.")
    gone = admin_cinder.action(volume_id, {"os-migrate_volume_completion": {
        "new_volume": MISSING}})
    assert gone.json() == fault("itemNotFound", 404, f"Volume {MISSING} could not be found.")


def test_reset_status_checks_the_migration_status(admin_cinder: Cinder) -> None:
    volume_id = admin_cinder.create()
    resp = admin_cinder.action(volume_id, {"os-reset_status": {"migration_status": "lost"}})
    assert resp.json() == fault("badRequest", 400, "Volume migration status: lost is invalid, "
                                "valid statuses are: ('migrating', 'error', 'success', "
                                "'completing', 'none', 'starting').")


# -- extend completion ----------------------------------------------------------------------


def test_extend_completion_has_nothing_to_complete(cinder: Cinder,
                                                   admin_cinder: Cinder) -> None:
    volume_id = cinder.create()
    body: dict[str, Any] = {"os-extend_volume_completion": {"error": False}}
    assert cinder.action(volume_id, body).json() == fault(
        "forbidden", 403, "Policy doesn't allow volume_extension:volume_admin_actions:"
        "extend_volume_completion to be performed.")
    assert admin_cinder.action(volume_id, body).json() == fault(
        "badRequest", 400, "Invalid volume: Volume is not being extended.")
    admin_cinder.action(volume_id, {"os-reset_status": {"status": "extending"}})
    assert admin_cinder.action(volume_id, body).json() == fault(
        "badRequest", 400, "Invalid volume: Required volume admin metadata is malformed or "
        "missing.")


# -- unmanage -------------------------------------------------------------------------------


def test_unmanage_removes_the_volume_and_its_quota(cinder: Cinder, admin_cinder: Cinder,
                                                   cloud: FakeCloud) -> None:
    cloud.block_storage.set_action_time(5)
    volume_id = cinder.create(size=3)
    cloud.clock.advance(5)
    refused = cinder.action(volume_id, {"os-unmanage": {}})
    assert refused.json() == fault("forbidden", 403, "Policy doesn't allow "
                                   "volume_extension:volume_unmanage to be performed.")
    resp = admin_cinder.action(volume_id, {"os-unmanage": None})
    assert (resp.status_code, resp.content) == (202, b"")
    assert resp.headers["Content-Type"].startswith("text/html")
    assert _status(cinder, volume_id) == "unmanaging"
    cloud.clock.advance(5)
    assert cinder.get(f"/volumes/{volume_id}").status_code == 404
    assert cloud.block_storage.quota_usage(cinder.project_id)["gigabytes"] == 0


def test_unmanage_refuses_what_delete_refuses(cinder: Cinder, admin_cinder: Cinder) -> None:
    volume_id = cinder.create()
    _snapshot(cinder, volume_id)
    resp = admin_cinder.action(volume_id, {"os-unmanage": {}})
    assert resp.json() == fault("badRequest", 400, "Invalid volume: Volume status must be "
                                "available or error or error_restoring or error_extending or "
                                "error_managing and must not be migrating, attached, belong "
                                "to a group, have snapshots, awaiting a transfer, or be "
                                "disassociated from snapshots after volume transfer.")


# -- revert ---------------------------------------------------------------------------------


def test_revert_to_the_latest_snapshot(cinder: Cinder, cloud: FakeCloud) -> None:
    cloud.block_storage.set_action_time(5)
    volume_id = cinder.create()
    first = _snapshot(cinder, volume_id)
    cloud.clock.advance(1)
    latest = _snapshot(cinder, volume_id)
    cloud.clock.advance(5)
    old = cinder.action(volume_id, {"revert": {"snapshot_id": latest}})
    assert old.json() == fault("itemNotFound", 404, "The resource could not be found.")
    not_latest = cinder.action(volume_id, {"revert": {"snapshot_id": first}}, version="3.40")
    assert not_latest.json() == fault("badRequest", 400, f"Specified snapshot {first} is None "
                                      f"or not the latest one of volume {volume_id}.")
    resp = cinder.action(volume_id, {"revert": {"snapshot_id": latest, "x": 1}},
                         version="3.40")
    assert (resp.status_code, resp.content) == (202, b"")
    assert _status(cinder, volume_id) == "reverting"
    assert cinder.get(f"/snapshots/{latest}").json()["snapshot"]["status"] == "restoring"
    busy = cinder.action(volume_id, {"revert": {"snapshot_id": latest}}, version="3.40")
    assert busy.json() == fault("conflictingRequest", 409, f"Invalid volume: Can't revert "
                                f"volume {volume_id} to its latest snapshot {latest}. Volume's "
                                "status must be 'available'.")
    cloud.clock.advance(5)
    assert _status(cinder, volume_id) == "available"
    assert cinder.get(f"/snapshots/{latest}").json()["snapshot"]["status"] == "available"


def test_revert_refusals(cinder: Cinder, cloud: FakeCloud) -> None:
    volume_id = cinder.create()
    none = cinder.action(volume_id, {"revert": {}}, version="3.40")
    assert none.json() == fault("badRequest", 400,
                                f"Volume {volume_id} doesn't have any snapshots.")
    snap = _snapshot(cinder, volume_id)
    assert cloud.block_storage.snapshot_status(snap) == "available"
    cloud.block_storage.snapshots[snap].status = "error"
    errored = cinder.action(volume_id, {"revert": {"snapshot_id": snap}}, version="3.40")
    assert errored.json() == fault("conflictingRequest", 409, f"Invalid snapshot: Can't "
                                   f"revert volume {volume_id} to its latest snapshot {snap}. "
                                   "Snapshot's status must be 'available'.")
    assert _status(cinder, volume_id) == "available"  # Cinder leaves it `reverting`
    cloud.block_storage.snapshots[snap].status = "available"
    cinder.action(volume_id, {"os-extend": {"new_size": 2}})
    grown = cinder.action(volume_id, {"revert": {"snapshot_id": snap}}, version="3.40")
    assert grown.json() == fault("badRequest", 400, f"Can't revert volume {volume_id} to its "
                                 f"latest snapshot {snap}. The volume size must be equal to the "
                                 "snapshot size.")


# -- actions Cinder 29 no longer has ---------------------------------------------------------


@pytest.mark.parametrize("name", ["os-enable_replication", "os-disable_replication",
                                  "os-failover_replication", "os-list_replication_targets"])
def test_replication_actions_are_no_such_action(cinder: Cinder, name: str) -> None:
    volume_id = cinder.create()
    resp = cinder.action(volume_id, {name: {}})
    assert resp.json() == fault("badRequest", 400, f"There is no such action: {name}. Verify "
                                "the request body and Content-Type header and try again.")


# -- properties -----------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(steps=st.lists(st.sampled_from(["retype_gold", "retype_default", "advance", "attach",
                                       "detach", "snapshot"]), max_size=12))
def test_type_usage_always_matches_the_volume(steps: list[str]) -> None:
    """Whatever retypes, attaches and snapshots happen, each type's usage counts exactly
    the volume (and its snapshots) that has, or is being retyped to, that type; and all of
    it goes with the volume."""
    with FakeCloud(seed=7) as cloud, requests.Session() as http:
        http.trust_env = False
        cinder = Cinder(cloud, http)
        storage = cloud.block_storage
        storage.add_volume_type("gold")
        storage.set_action_time(3)
        volume_id = cinder.create()
        cloud.clock.advance(3)
        target, snaps = "__DEFAULT__", 0
        for step in steps:
            if step == "advance":
                cloud.clock.advance(3)
            elif step == "attach":
                cinder.action(volume_id, {"os-attach": {"host_name": "h", "mountpoint": "/m"}})
            elif step == "detach":
                cinder.action(volume_id, {"os-detach": {}})
            elif step == "snapshot":
                made = cinder.post("/snapshots", {"snapshot": {"volume_id": volume_id,
                                                               "force": True}})
                snaps += made.status_code == 202
            else:
                name = "gold" if step == "retype_gold" else "__DEFAULT__"
                resp = cinder.action(volume_id, {"os-retype": {"new_type": name}})
                if resp.status_code == 202:
                    target = name
            usage = storage.quota_usage(cinder.project_id)
            for name in ("gold", "__DEFAULT__"):
                mine = name == target
                assert usage[f"volumes_{name}"] == (1 if mine else 0)
                assert usage[f"snapshots_{name}"] == (snaps if mine else 0)
                assert usage[f"gigabytes_{name}"] == ((1 + snaps) if mine else 0)
        cloud.clock.advance(3)
        cinder.action(volume_id, {"os-detach": {}})
        assert cinder.call("DELETE", f"/volumes/{volume_id}?cascade=true").status_code == 202
        cloud.clock.advance(3)
        assert set(storage.quota_usage(cinder.project_id).values()) <= {0}
