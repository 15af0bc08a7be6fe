"""Server actions for Nova's multinic API (`addFixedIp`, `removeFixedIp`, until 2.43) and
deferred delete (`restore`, `forceDelete`): what each sends, and how they behave against
the in-process fake Nova."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import responses

from stackdouble.client import ServiceClient
from stackdouble.client._errors import Conflict, NotFound
from stackdouble.client.openstack import (
    auth_options_from_env,
    authenticated_client,
    new_compute_v2,
)
from stackdouble.client.openstack.compute.v2 import servers
from stackdouble.fakes import FakeCloud
from tests.client.compute.support import BASE

SERVER_ID = "9168b536-cd40-4630-b43f-b259807c6e87"
ACTION = f"{BASE}servers/{SERVER_ID}/action"


@pytest.mark.parametrize(("call", "body"), [
    (lambda c: servers.add_fixed_ip(c, SERVER_ID, "net-1"),
     {"addFixedIp": {"networkId": "net-1"}}),
    (lambda c: servers.remove_fixed_ip(c, SERVER_ID, "10.0.0.4"),
     {"removeFixedIp": {"address": "10.0.0.4"}}),
    (lambda c: servers.restore(c, SERVER_ID), {"restore": None}),
    (lambda c: servers.force_delete(c, SERVER_ID), {"forceDelete": None}),
])
def test_each_action_sends_novas_body(mock: responses.RequestsMock, plain: ServiceClient,
                                      call: object, body: object) -> None:
    mock.post(ACTION, status=202)
    call(plain).extract_err()  # type: ignore[operator]
    sent = mock.calls[0].request.body
    assert sent is not None
    assert json.loads(sent) == body


@pytest.fixture
def cloud() -> Iterator[FakeCloud]:
    """A fresh in-process fake cloud."""
    with FakeCloud(seed=7) as fake:
        yield fake


@pytest.fixture
def nova(cloud: FakeCloud) -> ServiceClient:
    """The client as demo, without a microversion (2.1: the multinic API is there)."""
    provider = authenticated_client(auth_options_from_env(cloud.os_environ()), max_retries=0)
    return new_compute_v2(provider)


def test_a_fixed_ip_added_and_removed_shows_in_the_addresses(cloud: FakeCloud,
                                                             nova: ServiceClient) -> None:
    server = cloud.compute.create_server(cloud.project_id("demo"), name="web")
    (vif,) = server.vifs
    servers.add_fixed_ip(nova, server.uuid, vif.network_id).extract_err()
    shown = servers.get(nova, server.uuid).extract().addresses["private"]
    added = [a.address for a in shown if a.version == 4]
    assert len(added) == 2
    servers.remove_fixed_ip(nova, server.uuid, added[0]).extract_err()
    shown = servers.get(nova, server.uuid).extract().addresses["private"]
    assert [a.address for a in shown if a.version == 4] == added[1:]
    with pytest.raises(NotFound):
        servers.add_fixed_ip(nova.with_microversion("2.44"), server.uuid,
                             vif.network_id).extract_err()


def test_restore_and_force_delete_a_soft_deleted_server(cloud: FakeCloud,
                                                        nova: ServiceClient) -> None:
    cloud.compute.set_reclaim_instance_interval(600)
    keep = cloud.compute.create_server(cloud.project_id("demo"), name="keep").uuid
    drop = cloud.compute.create_server(cloud.project_id("demo"), name="drop").uuid
    for server_id in (keep, drop):
        servers.delete(nova, server_id).extract_err()
        assert servers.get(nova, server_id).extract().status == "SOFT_DELETED"
    servers.restore(nova, keep).extract_err()
    servers.force_delete(nova, drop).extract_err()
    assert servers.get(nova, keep).extract().status == "ACTIVE"
    with pytest.raises(NotFound):
        servers.get(nova, drop).extract()
    with pytest.raises(Conflict) as caught:
        servers.restore(nova, keep).extract_err()
    assert caught.value.status == 409
