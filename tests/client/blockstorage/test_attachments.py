"""The attachments package against the fake Cinder."""

from __future__ import annotations

import pytest

from stackdouble.client import BadRequest, Conflict, InvalidInput, NotFound, ServiceClient
from stackdouble.client.openstack.blockstorage.v3 import attachments, volumes
from stackdouble.client.openstack.compute.v2.extensions import volumeattach
from stackdouble.fakes import FakeCloud


@pytest.fixture
def client(block_storage: ServiceClient) -> ServiceClient:
    """Cinder at 3.54 (attachments, `os-complete`, `mode`)."""
    return block_storage.with_microversion("3.54")


@pytest.fixture
def volume_id(client: ServiceClient) -> str:
    """An available volume of demo's."""
    return volumes.create(client, volumes.CreateOpts(size=1)).extract().id


def test_reserve_connect_complete_detach(client: ServiceClient, volume_id: str) -> None:
    made = attachments.create(client, attachments.CreateOpts(
        volume_uuid=volume_id, mode="ro")).extract()
    assert (made.status, made.attach_mode, made.attached_at) == ("reserved", "ro", None)
    answer = attachments.update(client, made.id, attachments.UpdateOpts(
        connector={"host": "h1", "mountpoint": "/dev/vdb"})).extract()
    assert (answer.status, answer.connection_info["access_mode"]) == ("reserved", "ro")
    connected = attachments.get(client, made.id).extract()
    assert (connected.status, connected.attach_mode) == ("attaching", "ro")
    attachments.complete(client, made.id).extract_err()
    done = attachments.wait_for_status(client, made.id, "attached", timeout=1)
    assert done.attached_at is not None
    assert attachments.delete(client, made.id).extract() == []
    assert isinstance(attachments.get(client, made.id).err, NotFound)


def test_below_3_27_there_are_no_attachments(block_storage: ServiceClient) -> None:
    pager = attachments.list(block_storage)
    with pytest.raises(NotFound):
        list(pager.items())


def test_a_reserved_volume_cannot_be_reserved_twice(client: ServiceClient,
                                                    volume_id: str) -> None:
    attachments.create(client, attachments.CreateOpts(volume_uuid=volume_id)).extract()
    err = attachments.create(client, attachments.CreateOpts(volume_uuid=volume_id)).err
    assert isinstance(err, BadRequest)


def test_novas_attachments_show_and_must_be_detached_through_nova(
        client: ServiceClient, compute: ServiceClient, server_id: str,
        volume_id: str) -> None:
    volumeattach.create(compute, server_id, volumeattach.CreateOpts(
        volume_id=volume_id)).extract()
    (listed,) = attachments.list(client, attachments.ListOpts(volume_id=volume_id)).items()
    assert (listed.instance, listed.status) == (server_id, "attached")
    assert isinstance(attachments.delete(client, listed.id).err, Conflict)


def test_list_filters_by_status(client: ServiceClient, cloud: FakeCloud) -> None:
    one = volumes.create(client, volumes.CreateOpts(size=1)).extract().id
    two = volumes.create(client, volumes.CreateOpts(size=1)).extract().id
    first = attachments.create(client, attachments.CreateOpts(volume_uuid=one)).extract()
    attachments.create(client, attachments.CreateOpts(
        volume_uuid=two, connector={"host": "h"})).extract()
    reserved = attachments.list_simple(client, attachments.ListOpts(status="reserved")).items()
    assert [a.id for a in reserved] == [first.id]


def test_bad_options_fail_before_the_request(client: ServiceClient, cloud: FakeCloud) -> None:
    before = len(cloud.requests)
    assert isinstance(attachments.create(client, attachments.CreateOpts(
        volume_uuid="v", mode="rx")).err, InvalidInput)
    assert isinstance(attachments.update(client, "a", attachments.UpdateOpts(
        connector={})).err, InvalidInput)
    assert len(cloud.requests) == before
