"""Unified limits through the client (`identity/v3/registeredlimits/` and `.../limits/`),
end to end against the in-process fake: what an operator sets, what a project reads, and
Keystone's refusals as typed errors."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackdouble.client import (
    BadRequest,
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    ServiceClient,
)
from stackdouble.client.openstack.identity.v3 import limits, registeredlimits, services
from stackdouble.fakes import FakeCloud


@pytest.fixture
def compute_id(admin: ServiceClient) -> str:
    found: str = next(s.id for s in services.list(admin).items() if s.type == "compute")
    return found


def _register(admin: ServiceClient, service_id: str, name: str = "cores",
              default: int = 20, region_id: str | None = None
              ) -> registeredlimits.RegisteredLimit:
    [reg] = registeredlimits.batch_create(admin, [registeredlimits.CreateOpts(
        service_id=service_id, resource_name=name, default_limit=default,
        region_id=region_id)]).extract()
    return reg


def test_registered_limits_are_made_in_batches_and_read_by_members(
        admin: ServiceClient, member: ServiceClient, compute_id: str) -> None:
    made = registeredlimits.batch_create(admin, [
        registeredlimits.CreateOpts(service_id=compute_id, resource_name="cores",
                                    default_limit=20, region_id="RegionOne"),
        registeredlimits.CreateOpts(service_id=compute_id, resource_name="ram",
                                    default_limit=51200, description="MiB")]).extract()
    assert [(r.resource_name, r.region_id, r.default_limit) for r in made] == [
        ("cores", "RegionOne", 20), ("ram", None, 51200)]
    listed = registeredlimits.list(member, registeredlimits.ListOpts(
        resource_name="ram")).items()
    assert [r.id for r in listed] == [made[1].id]
    assert registeredlimits.get(member, made[1].id).extract().description == "MiB"


def test_a_duplicate_or_a_members_registration_is_refused_whole(
        cloud: FakeCloud, admin: ServiceClient, member: ServiceClient, compute_id: str) -> None:
    _register(admin, compute_id)
    batch = [registeredlimits.CreateOpts(service_id=compute_id, resource_name="ram",
                                         default_limit=1),
             registeredlimits.CreateOpts(service_id=compute_id, resource_name="cores",
                                         default_limit=5)]
    with pytest.raises(Conflict):
        registeredlimits.batch_create(admin, batch).extract()
    assert [r.resource_name for r in cloud.identity.registered_limits.values()] == ["cores"]
    with pytest.raises(Forbidden):
        registeredlimits.batch_create(member, batch[:1]).extract()
    with pytest.raises(BadRequest) as caught:
        _register(admin, "9" * 32, name="disk")
    assert "service_id" in str(caught.value)


def test_an_empty_batch_is_refused_before_sending(admin: ServiceClient) -> None:
    with pytest.raises(InvalidInput):
        registeredlimits.batch_create(admin, []).extract()
    with pytest.raises(InvalidInput):
        limits.batch_create(admin, []).extract()


def test_a_limit_names_a_project_or_a_domain_before_sending(admin: ServiceClient,
                                                           compute_id: str) -> None:
    for owners in ({}, {"project_id": "p", "domain_id": "d"}):
        opts = limits.CreateOpts(service_id=compute_id, resource_name="cores",
                                 resource_limit=1, **owners)
        with pytest.raises(InvalidInput) as caught:
            limits.batch_create(admin, [opts]).extract()
        assert caught.value.field == "project_id"


def test_a_project_reads_its_own_limit_and_not_anothers(
        cloud: FakeCloud, admin: ServiceClient, member: ServiceClient, compute_id: str) -> None:
    _register(admin, compute_id)
    demo, other = cloud.project_id("demo"), cloud.project_id("admin")
    mine, theirs = limits.batch_create(admin, [
        limits.CreateOpts(service_id=compute_id, resource_name="cores", resource_limit=40,
                          project_id=demo),
        limits.CreateOpts(service_id=compute_id, resource_name="cores", resource_limit=80,
                          project_id=other)]).extract()
    assert [lim.id for lim in limits.list(member).items()] == [mine.id]
    assert {lim.id for lim in limits.list(admin).items()} == {mine.id, theirs.id}
    assert limits.get(member, mine.id).extract().resource_limit == 40
    with pytest.raises(Forbidden):
        limits.get(member, theirs.id).extract()
    only = limits.list(admin, limits.ListOpts(project_id=other)).items()
    assert [lim.resource_limit for lim in only] == [80]


def test_a_limit_needs_a_registration_and_pins_it(admin: ServiceClient, cloud: FakeCloud,
                                                  compute_id: str) -> None:
    opts = limits.CreateOpts(service_id=compute_id, resource_name="cores", resource_limit=5,
                             project_id=cloud.project_id("demo"))
    with pytest.raises(Forbidden) as caught:
        limits.batch_create(admin, [opts]).extract()
    assert "no corresponding registered limit" in str(caught.value)
    reg = _register(admin, compute_id)
    [limit] = limits.batch_create(admin, [opts]).extract()
    with pytest.raises(Conflict):
        limits.batch_create(admin, [opts]).extract()
    with pytest.raises(Forbidden):
        registeredlimits.delete(admin, reg.id).extract_err()
    with pytest.raises(Forbidden):
        registeredlimits.update(admin, reg.id,
                                registeredlimits.UpdateOpts(default_limit=1)).extract()
    limits.delete(admin, limit.id).extract_err()
    registeredlimits.delete(admin, reg.id).extract_err()
    with pytest.raises(NotFound):
        registeredlimits.get(admin, reg.id).extract()


def test_an_update_of_zero_keeps_the_limit_as_keystone_does(
        admin: ServiceClient, cloud: FakeCloud, compute_id: str) -> None:
    _register(admin, compute_id)
    [limit] = limits.batch_create(admin, [limits.CreateOpts(
        service_id=compute_id, resource_name="cores", resource_limit=5,
        project_id=cloud.project_id("demo"))]).extract()
    kept = limits.update(admin, limit.id, limits.UpdateOpts(resource_limit=0,
                                                            description="why")).extract()
    assert (kept.resource_limit, kept.description) == (5, "why")
    assert limits.update(admin, limit.id, limits.UpdateOpts(
        resource_limit=-1)).extract().resource_limit == -1


def test_deleting_a_project_deletes_its_limits(admin: ServiceClient, cloud: FakeCloud,
                                               compute_id: str) -> None:
    _register(admin, compute_id)
    team = cloud.identity.create_project("team")
    [limit] = limits.batch_create(admin, [limits.CreateOpts(
        service_id=compute_id, resource_name="cores", resource_limit=5,
        project_id=team.id)]).extract()
    cloud.identity.update_project(team.id, enabled=False)
    cloud.identity.delete_project(team.id)
    with pytest.raises(NotFound):
        limits.get(admin, limit.id).extract()


def test_the_enforcement_model(member: ServiceClient) -> None:
    model = limits.get_enforcement_model(member).extract()
    assert model.name == "flat"
    assert "project hierarchy" in model.description


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.integers(min_value=-5, max_value=2**31 + 5))
def test_any_default_in_keystones_range_is_kept_and_others_refused(
        admin: ServiceClient, compute_id: str, value: int) -> None:
    opts = registeredlimits.CreateOpts(service_id=compute_id, resource_name="prop",
                                       default_limit=value)
    result = registeredlimits.batch_create(admin, [opts])
    if -1 <= value <= 2**31 - 1:
        [reg] = result.extract()
        assert registeredlimits.get(admin, reg.id).extract().default_limit == value
        registeredlimits.delete(admin, reg.id).extract_err()
    else:
        with pytest.raises(BadRequest):
            result.extract()
