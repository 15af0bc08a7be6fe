"""Flavors' extra specs, project access and description through the client, against the
fake Nova; the bodies as gophercloud's `flavors` sends them."""

from __future__ import annotations

from collections.abc import Iterator

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
from stackdouble.client.openstack.compute.v2 import flavors
from stackdouble.fakes import FakeCloud
from tests.client.compute.novaadmin import admin_compute, demo_project, member_compute
from tests.client.compute.support import BASE, sent_json


@pytest.fixture
def cloud() -> Iterator[FakeCloud]:
    """A seeded fake cloud answering in-process."""
    with FakeCloud(seed=21) as fake:
        yield fake


@pytest.fixture
def private(cloud: FakeCloud) -> str:
    """A private flavor nobody has access to."""
    opts = flavors.CreateOpts(name="m1.private", ram=256, vcpus=1, disk=1, is_public=False)
    return flavors.create(admin_compute(cloud), opts).extract().id


def test_access_makes_a_private_flavor_visible(cloud: FakeCloud, private: str) -> None:
    admin, member = admin_compute(cloud), member_compute(cloud)
    with pytest.raises(NotFound):
        flavors.get(member, private).extract()
    demo = demo_project(cloud)
    added = flavors.add_access(admin, private, flavors.AddAccessOpts(tenant=demo)).extract()
    assert [(a.flavor_id, a.tenant_id) for a in added] == [(private, demo)]
    assert flavors.get(member, private).extract().name == "m1.private"
    assert private in {f.id for f in flavors.list(member).items()}
    with pytest.raises(Conflict):
        flavors.add_access(admin, private, flavors.AddAccessOpts(tenant=demo)).extract()
    left = flavors.remove_access(admin, private, flavors.RemoveAccessOpts(tenant=demo))
    assert left.extract() == []
    assert [*flavors.list_accesses(admin, private).items()] == []


def test_access_refusals_are_typed(cloud: FakeCloud, private: str) -> None:
    admin = admin_compute(cloud)
    with pytest.raises(BadRequest, match="is not a valid project"):
        flavors.add_access(admin, private, flavors.AddAccessOpts(tenant="nope")).extract()
    with pytest.raises(NotFound, match=r"Access list not available for public flavors\."):
        [*flavors.list_accesses(admin, "1").items()]
    with pytest.raises(Forbidden):
        [*flavors.list_accesses(member_compute(cloud), private).items()]
    with pytest.raises(InvalidInput):
        flavors.add_access(admin, private, flavors.AddAccessOpts(tenant="")).extract()


def test_extra_specs_round_trip(cloud: FakeCloud) -> None:
    admin, member = admin_compute(cloud, "2.86"), member_compute(cloud)
    specs = flavors.CreateExtraSpecsOpts(specs={"hw:cpu_policy": "dedicated", "note": "x"})
    assert flavors.create_extra_specs(admin, "1", specs).extract() == {
        "hw:cpu_policy": "dedicated", "note": "x"}
    one = flavors.UpdateExtraSpecOpts(key="note", value="y")
    assert flavors.update_extra_spec(admin, "1", one).extract() == {"note": "y"}
    assert flavors.get_extra_spec(member, "1", "note").extract() == {"note": "y"}
    flavors.delete_extra_spec(admin, "1", "note").extract_err()
    assert flavors.list_extra_specs(member, "1").extract() == {"hw:cpu_policy": "dedicated"}
    with pytest.raises(NotFound, match="has no extra specs with key note"):
        flavors.get_extra_spec(member, "1", "note").extract()


def test_invalid_extra_specs_are_refused_from_2_86(cloud: FakeCloud) -> None:
    bad = flavors.CreateExtraSpecsOpts(specs={"hw:cpu_policy": "pinned"})
    with pytest.raises(BadRequest, match="Validation failed"):
        flavors.create_extra_specs(admin_compute(cloud, "2.86"), "1", bad).extract()
    with pytest.raises(Forbidden):
        flavors.create_extra_specs(member_compute(cloud), "1",
                                   flavors.CreateExtraSpecsOpts(specs={"a": "b"})).extract()


def test_update_sets_the_description_from_2_55(cloud: FakeCloud) -> None:
    opts = flavors.UpdateOpts(description="the smallest")
    assert flavors.update(admin_compute(cloud, "2.55"), "1", opts).extract().description == (
        "the smallest")
    with pytest.raises(NotFound):
        flavors.update(admin_compute(cloud, "2.54"), "1", opts).extract()


def test_extra_spec_keys_are_quoted_in_urls(mock: responses.RequestsMock,
                                            compute: ServiceClient) -> None:
    mock.put(f"{BASE}flavors/1/os-extra_specs/a%2Fb", json={"a/b": "1"})
    opts = flavors.UpdateExtraSpecOpts(key="a/b", value="1")
    assert flavors.update_extra_spec(compute, "1", opts).extract() == {"a/b": "1"}
    assert sent_json(mock.calls[0]) == {"a/b": "1"}


def test_numbers_nova_echoes_come_back_as_text(mock: responses.RequestsMock,
                                               compute: ServiceClient) -> None:
    mock.post(f"{BASE}flavors/1/os-extra_specs", json={"extra_specs": {"hw:numa_nodes": 2}})
    opts = flavors.CreateExtraSpecsOpts(specs={"hw:numa_nodes": "2"})
    assert flavors.create_extra_specs(compute, "1", opts).extract() == {"hw:numa_nodes": "2"}
