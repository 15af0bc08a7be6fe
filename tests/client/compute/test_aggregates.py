"""Compute host aggregates: the bodies the builders send, Nova's api-ref sample extracted,
and the calls against the fake Nova (admins only, its conflicts and the zones made)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone

import pytest
import responses

from stackdouble.client import (
    BadRequest,
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    ServiceClient,
)
from stackdouble.client.openstack.compute.v2 import aggregates, servers
from stackdouble.client.openstack.compute.v2.extensions import availabilityzones
from stackdouble.fakes import FakeCloud
from tests.client.compute.novaadmin import admin_compute, member_compute
from tests.client.compute.support import BASE, CIRROS, sent_json

#: `doc/api_samples/os-aggregates/v2.41/aggregates-metadata-post-resp.json`.
SAMPLE = {"aggregate": {
    "availability_zone": "london", "created_at": "2016-12-27T23:59:18.623100",
    "deleted": False, "deleted_at": None, "hosts": [], "id": 1,
    "metadata": {"availability_zone": "london", "key": "value"}, "name": "name",
    "updated_at": "2016-12-27T23:59:18.723348",
    "uuid": "26002bdb-62cc-41bd-813a-0ad22db32625"}}
HOST2 = "stackdouble-compute-2"


@pytest.fixture
def cloud() -> Iterator[FakeCloud]:
    """A seeded fake cloud with two compute hosts, answering in-process."""
    with FakeCloud(seed=46) as fake:
        fake.compute.set_hosts(2)
        yield fake


@pytest.fixture
def admin(cloud: FakeCloud) -> ServiceClient:
    """admin at 2.81."""
    return admin_compute(cloud, "2.81")


# -- builders and extraction -------------------------------------------------------------


def test_the_actions_send_their_bodies(mock: responses.RequestsMock,
                                       compute: ServiceClient) -> None:
    for _ in range(3):
        mock.post(f"{BASE}os-aggregates/1/action", json=SAMPLE)
    aggregates.add_host(compute, 1, aggregates.AddHostOpts(host="c1")).extract()
    aggregates.remove_host(compute, 1, aggregates.RemoveHostOpts(host="c1")).extract()
    opts = aggregates.SetMetadataOpts(metadata={"key": "value", "gone": None})
    aggregates.set_metadata(compute, 1, opts).extract()
    assert [sent_json(c) for c in mock.calls] == [
        {"add_host": {"host": "c1"}}, {"remove_host": {"host": "c1"}},
        {"set_metadata": {"metadata": {"key": "value", "gone": None}}}]


def test_the_sample_extracts(mock: responses.RequestsMock, compute: ServiceClient) -> None:
    mock.get(f"{BASE}os-aggregates/1", json=SAMPLE)
    agg = aggregates.get(compute, 1).extract()
    assert (agg.id, agg.name, agg.availability_zone, agg.uuid, agg.deleted) == (
        1, "name", "london", "26002bdb-62cc-41bd-813a-0ad22db32625", False)
    assert agg.metadata == {"availability_zone": "london", "key": "value"}
    assert agg.created_at == datetime(2016, 12, 27, 23, 59, 18, 623100, tzinfo=timezone.utc)
    assert agg.deleted_at is None


def test_update_without_name_or_zone_sends_nothing(compute: ServiceClient) -> None:
    result = aggregates.update(compute, 1, aggregates.UpdateOpts())
    with pytest.raises(InvalidInput):
        result.extract()


def test_create_without_name_sends_nothing(compute: ServiceClient) -> None:
    with pytest.raises(InvalidInput):
        aggregates.create(compute, aggregates.CreateOpts(name="")).extract()


# -- against the fake Nova -----------------------------------------------------------------


def test_a_member_is_refused(cloud: FakeCloud) -> None:
    member = member_compute(cloud, "2.81")
    with pytest.raises(Forbidden) as info:
        list(aggregates.list(member).items())
    assert "os_compute_api:os-aggregates:index" in str(info.value)


def test_create_list_update_delete(admin: ServiceClient) -> None:
    made = aggregates.create(admin, aggregates.CreateOpts(name="agg1")).extract()
    assert (made.hosts, made.metadata, made.availability_zone) == ([], {}, None)
    assert made.uuid is not None
    opts = aggregates.UpdateOpts(name="agg2", availability_zone="az2")
    updated = aggregates.update(admin, made.id, opts).extract()
    assert (updated.name, updated.availability_zone) == ("agg2", "az2")
    assert [a.name for a in aggregates.list(admin).items()] == ["agg2"]
    aggregates.delete(admin, made.id).extract_err()
    with pytest.raises(NotFound):
        aggregates.get(admin, made.id).extract()


def test_a_name_in_use_is_a_conflict(admin: ServiceClient) -> None:
    aggregates.create(admin, aggregates.CreateOpts(name="agg1")).extract()
    with pytest.raises(Conflict) as info:
        aggregates.create(admin, aggregates.CreateOpts(name="agg1")).extract()
    assert info.value.status == 409
    assert "Aggregate agg1 already exists." in str(info.value)


def test_host_errors_arrive_by_status(admin: ServiceClient) -> None:
    agg = aggregates.create(admin, aggregates.CreateOpts(name="a", availability_zone="az1"))
    agg_id = agg.extract().id
    other = aggregates.create(admin, aggregates.CreateOpts(name="b", availability_zone="az2"))
    with pytest.raises(NotFound):
        aggregates.add_host(admin, agg_id, aggregates.AddHostOpts(host="nohost")).extract()
    aggregates.add_host(admin, agg_id, aggregates.AddHostOpts(host=HOST2)).extract()
    with pytest.raises(Conflict):
        aggregates.add_host(admin, other.extract().id,
                            aggregates.AddHostOpts(host=HOST2)).extract()
    with pytest.raises(BadRequest) as info:
        aggregates.delete(admin, agg_id).extract_err()
    assert "Host aggregate is not empty." in str(info.value)


def test_a_zone_made_is_listed_and_booted_into(admin: ServiceClient, cloud: FakeCloud
                                               ) -> None:
    agg = aggregates.create(admin, aggregates.CreateOpts(name="a", availability_zone="az1"))
    aggregates.add_host(admin, agg.extract().id, aggregates.AddHostOpts(host=HOST2)).extract()
    member = member_compute(cloud, "2.81")
    assert [z.name for z in availabilityzones.list(member).items()] == ["az1", "nova"]
    opts = servers.CreateOpts(name="web", image_ref=CIRROS, flavor_ref="1", networks="none",
                              availability_zone="az1")
    server = servers.create(member, opts).extract()
    assert cloud.compute.server(server.id).host == HOST2
    zone = availabilityzones.extract_availability_zone(servers.get(member, server.id))
    assert zone == "az1"
    opts = servers.CreateOpts(name="x", image_ref=CIRROS, flavor_ref="1", networks="none",
                              availability_zone="nowhere")
    with pytest.raises(BadRequest) as info:
        servers.create(member, opts).extract()
    assert "The requested availability zone is not available" in str(info.value)
