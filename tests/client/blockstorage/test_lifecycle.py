"""The life of a volume through the client, against the fake Cinder and Nova: create, wait,
attach to a server, detach, snapshot, delete; each illegal step is refused as Cinder or
Nova refuses it, with a typed error carrying the status, the body, the message and the
request id. Nothing sleeps: waits move the fake clock."""

from __future__ import annotations

import re
from typing import Any

import pytest

from stackdouble.client import (
    BadRequest,
    Conflict,
    HTTPError,
    NotFound,
    OverLimit,
    Result,
    ServiceClient,
)
from stackdouble.client.openstack.blockstorage.v3 import snapshots, volumes
from stackdouble.client.openstack.compute.v2 import servers
from stackdouble.client.openstack.compute.v2.extensions import volumeattach
from stackdouble.fakes import FakeCloud

IN_USE = ("Invalid volume: Volume status must be available or error or error_restoring or "
          "error_extending or error_managing and must not be migrating, attached, belong to a "
          "group, have snapshots, awaiting a transfer, or be disassociated from snapshots "
          "after volume transfer.")


def refused(result: Result, cls: type[HTTPError], kind: str, message: str) -> HTTPError:
    """Assert the call failed with `cls`, Cinder's or Nova's envelope and `message`; the
    error names the request id the response carried."""
    err = result.err
    assert isinstance(err, cls), err
    if message.endswith("(Request-ID: req-"):  # Nova quotes Cinder's error and its request id
        assert re.fullmatch(re.escape(message) + r"[0-9a-f-]{36}\)", str(err.fault)), err.fault
        message = str(err.fault)
    assert err.body == {kind: {"code": err.status, "message": message}}
    assert (err.kind, err.fault) == (kind, message)
    assert err.request_id is not None
    assert err.request_id.startswith("req-")
    assert err.request_id == result.headers["x-openstack-request-id"]
    assert message in str(err)
    assert err.request_id in str(err)
    with pytest.raises(cls):
        result.raise_for_error()
    return err


def _wait(cloud: FakeCloud, client: ServiceClient, volume_id: str, status: str) -> volumes.Volume:
    return volumes.wait_for_status(client, volume_id, status, timeout=120, interval=5,
                                   sleep=cloud.clock.advance, clock=cloud.clock.time)


def _attach(compute: ServiceClient, server_id: str, volume_id: str, **opts: Any) -> Any:
    return volumeattach.create(compute, server_id,
                               volumeattach.CreateOpts(volume_id=volume_id, **opts))


def test_the_life_of_a_volume(cloud: FakeCloud, block_storage: ServiceClient,
                              compute: ServiceClient, server_id: str) -> None:
    cloud.block_storage.set_create_time(10)
    cloud.block_storage.set_action_time(5)

    # create, then wait: `creating` for 10 s of fake time
    volume = volumes.create(block_storage, volumes.CreateOpts(size=1, name="data")).extract()
    assert volume.status == "creating"
    err = refused(_attach(compute, server_id, volume.id), BadRequest, "badRequest",
                  f"Invalid input received: Invalid volume: Volume {volume.id} status must "
                  "be available or downloading to reserve, but the current status is "
                  "creating. (HTTP 400) (Request-ID: req-")
    assert err.status == 400
    refused(snapshots.create(block_storage, snapshots.CreateOpts(volume_id=volume.id)),
            BadRequest, "badRequest", "Invalid volume: The snapshot cannot be created because "
            "volume has not been scheduled to any host.")
    volume = _wait(cloud, block_storage, volume.id, "available")
    assert volume.attachments == ()

    # attach through Nova: the device comes back at once, `in-use` 5 s later
    attachment = _attach(compute, server_id, volume.id, tag="db",
                         delete_on_termination=False).extract()
    assert (attachment.device, attachment.tag, attachment.delete_on_termination) == (
        "/dev/vdb", "db", False)
    assert volumes.get(block_storage, volume.id).extract().status == "attaching"
    volume = _wait(cloud, block_storage, volume.id, "in-use")
    assert [(a.server_id, a.device) for a in volume.attachments] == [(server_id, "/dev/vdb")]
    assert [v.id for v in servers.get(compute, server_id).extract().attached_volumes] == [
        volume.id]

    # illegal while attached: a second server, deleting, extending, a plain snapshot
    other = cloud.compute.create_server(cloud.project_id("demo"), name="other").uuid
    refused(_attach(compute, other, volume.id), BadRequest, "badRequest",
            f"Invalid volume: volume {volume.id} is already attached to instances: "
            f"{server_id}")
    refused(volumes.delete(block_storage, volume.id), BadRequest, "badRequest", IN_USE)
    refused(volumes.extend_size(block_storage, volume.id, volumes.ExtendSizeOpts(new_size=2)),
            BadRequest, "badRequest", f"Invalid volume: Volume {volume.id} status must be "
            "'{'status': 'available'}' to extend, currently in-use.")
    refused(snapshots.create(block_storage, snapshots.CreateOpts(volume_id=volume.id)),
            BadRequest, "badRequest", f"Invalid volume: Volume {volume.id} status must be "
            "available, but current status is: in-use.")

    # detach: `detaching`, a second detach is refused, then `available`
    volumeattach.delete(compute, server_id, volume.id).extract_err()
    assert volumes.get(block_storage, volume.id).extract().status == "detaching"
    refused(volumeattach.delete(compute, server_id, volume.id), BadRequest, "badRequest",
            "Invalid volume: Invalid input received: Invalid volume: Unable to detach volume. "
            "Volume status must be 'in-use' and attach_status must be 'attached' to detach. "
            "(HTTP 400) (Request-ID: req-")
    volume = _wait(cloud, block_storage, volume.id, "available")
    assert servers.get(compute, server_id).extract().attached_volumes == ()
    refused(volumeattach.delete(compute, server_id, volume.id), NotFound, "itemNotFound",
            f"Instance {server_id} is not attached to volume {volume.id}")

    # snapshot, then the volume cannot go while it has one
    snap = snapshots.create(block_storage, snapshots.CreateOpts(volume_id=volume.id,
                                                                name="nightly")).extract()
    refused(snapshots.delete(block_storage, snap.id), BadRequest, "badRequest",
            "Invalid snapshot: Snapshot status must be available or error and must not be "
            "part of a group.")
    snap = snapshots.wait_for_status(block_storage, snap.id, "available", timeout=60,
                                     sleep=cloud.clock.advance, clock=cloud.clock.time)
    assert (snap.size, snap.progress) == (1, "100%")
    refused(volumes.delete(block_storage, volume.id), BadRequest, "badRequest", IN_USE)

    # delete the snapshot, then the volume
    snapshots.delete(block_storage, snap.id).extract_err()
    snapshots.wait_for_delete(block_storage, snap.id, timeout=60, sleep=cloud.clock.advance,
                              clock=cloud.clock.time)
    volumes.delete(block_storage, volume.id).extract_err()
    assert volumes.get(block_storage, volume.id).extract().status == "deleting"
    volumes.wait_for_delete(block_storage, volume.id, timeout=60, sleep=cloud.clock.advance,
                            clock=cloud.clock.time)
    gone = f"Volume {volume.id} could not be found."
    refused(volumes.get(block_storage, volume.id), NotFound, "itemNotFound", gone)
    refused(volumes.delete(block_storage, volume.id), NotFound, "itemNotFound", gone)
    refused(_attach(compute, server_id, volume.id), NotFound, "itemNotFound", gone)
    assert cloud.block_storage.usage(cloud.project_id("demo")) == {
        "volumes": 0, "gigabytes": 0, "snapshots": 0}


def test_a_locked_server_refuses_attach_with_409(cloud: FakeCloud, block_storage: ServiceClient,
                                                 compute: ServiceClient, server_id: str) -> None:
    volume = volumes.create(block_storage, volumes.CreateOpts(size=1)).extract()
    servers.lock(compute, server_id).extract_err()
    refused(_attach(compute, server_id, volume.id), Conflict, "conflictingRequest",
            f"Instance {server_id} is locked")


def test_a_building_server_refuses_attach_with_409(cloud: FakeCloud,
                                                   block_storage: ServiceClient,
                                                   compute: ServiceClient) -> None:
    cloud.compute.set_build_time(60)
    building = cloud.compute.create_server(cloud.project_id("demo"), name="slow").uuid
    volume = volumes.create(block_storage, volumes.CreateOpts(size=1)).extract()
    refused(_attach(compute, building, volume.id), Conflict, "conflictingRequest",
            f"Cannot 'attach_volume' instance {building} while it is in vm_state building")


def test_a_device_in_use_is_a_409(cloud: FakeCloud, block_storage: ServiceClient,
                                  compute: ServiceClient, server_id: str) -> None:
    first = volumes.create(block_storage, volumes.CreateOpts(size=1)).extract()
    second = volumes.create(block_storage, volumes.CreateOpts(size=1)).extract()
    assert _attach(compute, server_id, first.id).extract().device == "/dev/vdb"
    refused(_attach(compute, server_id, second.id, device="/dev/vdb"), Conflict,
            "conflictingRequest", "The supplied device path (/dev/vdb) is in use.")
    assert _attach(compute, server_id, second.id).extract().device == "/dev/vdc"


def test_an_errored_volume_cannot_be_attached(cloud: FakeCloud, block_storage: ServiceClient,
                                              compute: ServiceClient, server_id: str) -> None:
    volume = volumes.create(block_storage, volumes.CreateOpts(size=1)).extract()
    cloud.block_storage.force_error(volume.id)
    refused(_attach(compute, server_id, volume.id), BadRequest, "badRequest",
            "Invalid input received: Invalid volume: Volume attachments can not be created "
            f"if the volume is in an error state. The Volume {volume.id} currently has a "
            "status of: error  (HTTP 400) (Request-ID: req-")


def test_the_volume_quota_is_cinders_413(cloud: FakeCloud, block_storage: ServiceClient) -> None:
    cloud.block_storage.set_quota(cloud.project_id("demo"), volumes=1)
    volumes.create(block_storage, volumes.CreateOpts(size=1)).extract()
    result = volumes.create(block_storage, volumes.CreateOpts(size=1))
    err = result.err
    assert isinstance(err, OverLimit)
    message = "VolumeLimitExceeded: Maximum number of volumes allowed (1) exceeded for quota " \
              "'volumes'."
    assert err.body == {"overLimit": {"code": 413, "message": message, "retryAfter": "0"}}
    assert (err.fault, err.retry_after) == (message, 0.0)
    assert err.request_id == result.headers["x-openstack-request-id"]


def test_the_gigabytes_quota_names_what_was_asked_and_used(cloud: FakeCloud,
                                                           block_storage: ServiceClient) -> None:
    cloud.block_storage.set_quota(cloud.project_id("demo"), gigabytes=10)
    volumes.create(block_storage, volumes.CreateOpts(size=8)).extract()
    err = volumes.create(block_storage, volumes.CreateOpts(size=3)).err
    assert isinstance(err, OverLimit)
    assert err.fault == ("VolumeSizeExceedsAvailableQuota: Requested volume or snapshot "
                         "exceeds allowed gigabytes quota. Requested 3G, quota is 10G and 8G "
                         "has been consumed.")


def test_deleting_a_server_detaches_its_volumes(cloud: FakeCloud, block_storage: ServiceClient,
                                                compute: ServiceClient, server_id: str) -> None:
    keep = volumes.create(block_storage, volumes.CreateOpts(size=1, name="keep")).extract()
    drop = volumes.create(block_storage, volumes.CreateOpts(size=1, name="drop")).extract()
    _attach(compute, server_id, keep.id).extract()
    _attach(compute, server_id, drop.id, delete_on_termination=True).extract()
    servers.delete(compute, server_id).extract_err()
    assert _wait(cloud, block_storage, keep.id, "available").attachments == ()
    volumes.wait_for_delete(block_storage, drop.id, timeout=60, sleep=cloud.clock.advance,
                            clock=cloud.clock.time)


def test_another_projects_volume_is_not_found(cloud: FakeCloud, block_storage: ServiceClient,
                                              admin_block_storage: ServiceClient) -> None:
    theirs = volumes.create(admin_block_storage, volumes.CreateOpts(size=1)).extract()
    refused(volumes.get(block_storage, theirs.id), NotFound, "itemNotFound",
            f"Volume {theirs.id} could not be found.")
    refused(volumes.delete(block_storage, theirs.id), NotFound, "itemNotFound",
            f"Volume {theirs.id} could not be found.")
