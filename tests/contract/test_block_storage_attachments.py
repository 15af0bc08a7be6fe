"""Cinder's attachments API (3.27; `os-complete` 3.44): reserve, connect with a connector,
complete, delete, list and show, and how the volume's status follows.

The attachments made here name no server when they carry a connection (Cinder asks Nova
before deleting a connected attachment of a server, and realcloud has no Nova). Volumes
are `contract-<test>-...`, removed with their attachments afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from stackdouble.client import ServiceClient
from stackdouble.client.openstack.blockstorage.v3 import attachments, volumes
from stackdouble.pytest_plugin import ModeClock
from tests.contract.conftest import call

WAIT = 60.0
MISSING = "00000000-0000-0000-0000-000000000000"
SERVER = "5f0f2a3c-0b8e-4d6e-9a59-6a4d7c1b2e90"
CONNECTOR = {"host": "contract-host", "ip": "127.0.0.1", "initiator": "iqn.contract:01",
             "platform": "x86_64", "os_type": "linux", "multipath": False,
             "mountpoint": "/dev/vdb"}
V = {"OpenStack-API-Version": "volume 3.44"}
DETAIL_KEYS = {"id", "status", "instance", "volume_id", "attached_at", "detached_at",
               "attach_mode", "connection_info"}


class Made:
    """The test's volumes and attachments, removed afterwards."""

    def __init__(self, client: ServiceClient, clock: ModeClock, prefix: str) -> None:
        self.client = client.with_microversion("3.44")
        self.clock = clock
        self.prefix = prefix
        self.volume_ids: list[str] = []
        self.attachment_ids: list[str] = []

    def volume(self, suffix: str = "") -> volumes.Volume:
        made = volumes.create(self.client, volumes.CreateOpts(
            size=1, name=self.prefix + suffix)).extract()
        self.volume_ids.append(made.id)
        return self.wait(made.id, "available")

    def wait(self, volume_id: str, status: str) -> volumes.Volume:
        return volumes.wait_for_status(self.client, volume_id, status, timeout=WAIT,
                                       interval=0.5, sleep=self.clock.sleep,
                                       clock=self.clock.clock)

    def cleanup(self) -> None:
        for attachment_id in self.attachment_ids:
            attachments.delete(self.client, attachment_id)
        for volume_id in self.volume_ids:
            if volumes.delete(self.client, volume_id).err is None:
                volumes.wait_for_delete(self.client, volume_id, timeout=WAIT, interval=0.5,
                                        sleep=self.clock.sleep, clock=self.clock.clock)


@pytest.fixture
def demo(openstack_block_storage: ServiceClient) -> ServiceClient:
    """Cinder as demo."""
    return openstack_block_storage


@pytest.fixture
def made(demo: ServiceClient, openstack_clock: ModeClock,
         request: pytest.FixtureRequest) -> Iterator[Made]:
    """Volumes named `contract-<test>-...` and their attachments, removed afterwards."""
    prefix = f"contract-{request.node.originalname.removeprefix('test_')}"[:200]
    tracker = Made(demo, openstack_clock, prefix)
    yield tracker
    tracker.cleanup()


def _endpoint(client: ServiceClient) -> str:
    return client.endpoint.rstrip("/")


def _status(made: Made, volume_id: str) -> str:
    return volumes.get(made.client, volume_id).extract().status


def test_attachments_need_microversion_3_27(demo: ServiceClient) -> None:
    old = call(demo, "GET", f"{_endpoint(demo)}/attachments")
    assert old.status_code == 404
    assert old.json() == {"itemNotFound": {"code": 404,
                                           "message": "The resource could not be found."}}
    new = call(demo, "GET", f"{_endpoint(demo)}/attachments",
               headers={"OpenStack-API-Version": "volume 3.27"})
    assert new.status_code == 200
    assert isinstance(new.json()["attachments"], list)


def test_a_reservation_holds_the_volume_until_deleted(demo: ServiceClient,
                                                      made: Made) -> None:
    volume = made.volume()
    url = f"{_endpoint(demo)}/attachments"
    created = call(demo, "POST", url, headers=V, json={"attachment": {
        "volume_uuid": volume.id, "instance_uuid": SERVER}})
    assert created.status_code == 200
    reserved = created.json()["attachment"]
    made.attachment_ids.append(reserved["id"])
    assert set(reserved) == DETAIL_KEYS
    assert (reserved["status"], reserved["instance"], reserved["volume_id"]) == (
        "reserved", SERVER, volume.id)
    assert (reserved["attach_mode"], reserved["connection_info"]) == ("null", {})
    assert (reserved["attached_at"], reserved["detached_at"]) == ("", "")
    assert _status(made, volume.id) == "reserved"
    assert list(volumes.get(made.client, volume.id).extract().attachments) == []
    second = call(demo, "POST", url, headers=V, json={"attachment": {"volume_uuid": volume.id}})
    assert second.status_code == 400
    assert second.json() == {"badRequest": {
        "code": 400, "message": f"Invalid volume: Volume {volume.id} status must be available "
                                "or downloading to reserve, but the current status is "
                                "reserved."}}
    listed = call(demo, "GET", f"{url}?volume_id={volume.id}", headers=V).json()
    assert listed == {"attachments": [{"id": reserved["id"], "status": "reserved",
                                       "instance": SERVER, "volume_id": volume.id}]}
    deleted = call(demo, "DELETE", f"{url}/{reserved['id']}", headers=V)
    assert (deleted.status_code, deleted.json()) == (200, {"attachments": []})
    assert _status(made, volume.id) == "available"
    gone = call(demo, "GET", f"{url}/{reserved['id']}", headers=V)
    assert gone.status_code == 404
    assert gone.json() == {"itemNotFound": {
        "code": 404, "message": "Volume attachment could not be found with filter: "
                                f"attachment_id = {reserved['id']}."}}


def test_connect_then_complete_makes_the_volume_in_use(demo: ServiceClient,
                                                       made: Made) -> None:
    volume = made.volume()
    url = f"{_endpoint(demo)}/attachments"
    reserved = attachments.create(made.client, attachments.CreateOpts(
        volume_uuid=volume.id)).extract()
    made.attachment_ids.append(reserved.id)
    updated = call(demo, "PUT", f"{url}/{reserved.id}", headers=V,
                   json={"attachment": {"connector": CONNECTOR}})
    assert updated.status_code == 200
    answer = updated.json()["attachment"]
    assert set(answer) == DETAIL_KEYS
    # Cinder answers with the attachment as it read it before connecting, but the
    # connection info: the driver's data, flattened with its type and the attachment id
    assert (answer["status"], answer["attach_mode"], answer["attached_at"]) == (
        "reserved", "null", "")
    info = answer["connection_info"]
    assert (info["attachment_id"], info["access_mode"], info["enforce_multipath"]) == (
        reserved.id, "rw", False)
    assert isinstance(info["driver_volume_type"], str)
    connected = call(demo, "GET", f"{url}/{reserved.id}", headers=V).json()["attachment"]
    assert (connected["status"], connected["attach_mode"]) == ("attaching", "rw")
    assert connected["attached_at"] != ""
    assert connected["connection_info"] == info
    assert _status(made, volume.id) == "attaching"
    completed = call(demo, "POST", f"{url}/{reserved.id}/action", headers=V,
                     json={"os-complete": None})
    assert (completed.status_code, completed.content) == (204, b"")
    shown = volumes.get(made.client, volume.id).extract()
    assert shown.status == "in-use"
    assert [a.attachment_id for a in shown.attachments] == [reserved.id]
    assert attachments.get(made.client, reserved.id).extract().status == "attached"
    summary = call(demo, "GET", f"{url}?volume_id={volume.id}", headers=V).json()
    assert [a["status"] for a in summary["attachments"]] == ["attached"]
    detail = attachments.list(made.client, attachments.ListOpts(volume_id=volume.id)).items()
    assert [(a.id, a.attach_mode) for a in detail] == [(reserved.id, "rw")]
    deleted = attachments.delete(made.client, reserved.id)
    assert deleted.extract() == []
    made.attachment_ids.remove(reserved.id)
    assert _status(made, volume.id) == "available"


def test_a_connector_at_create_connects_at_once(demo: ServiceClient, made: Made) -> None:
    volume = made.volume()
    created = call(demo, "POST", f"{_endpoint(demo)}/attachments", headers={
        "OpenStack-API-Version": "volume 3.54"}, json={"attachment": {
            "volume_uuid": volume.id, "connector": CONNECTOR, "mode": "ro"}})
    assert created.status_code == 200
    body = created.json()["attachment"]
    made.attachment_ids.append(body["id"])
    assert (body["status"], body["attach_mode"], body["instance"]) == ("reserved", "ro", None)
    # connected before Cinder's API stored the mode: the connection is the connector's
    assert body["connection_info"]["access_mode"] == "rw"
    shown = attachments.get(made.client, body["id"]).extract()
    assert (shown.status, shown.attach_mode) == ("attaching", "ro")
    assert _status(made, volume.id) == "attaching"
    missing = call(demo, "PUT", f"{_endpoint(demo)}/attachments/{MISSING}", headers=V,
                   json={"attachment": {"connector": CONNECTOR}})
    assert missing.status_code == 404
    assert missing.json() == {"itemNotFound": {
        "code": 404, "message": "Volume attachment could not be found with filter: "
                                f"attachment_id = {MISSING}."}}
    no_volume = call(demo, "POST", f"{_endpoint(demo)}/attachments", headers=V,
                     json={"attachment": {"volume_uuid": MISSING}})
    assert no_volume.json() == {"itemNotFound": {
        "code": 404, "message": f"Volume {MISSING} could not be found."}}
