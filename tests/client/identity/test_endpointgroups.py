"""OS-EP-FILTER through the client (`identity/v3/extensions/endpointgroups/` and
`.../projectendpoints/`), end to end against the in-process fake: what the admin sets up,
the catalog a project's tokens then get, and Keystone's refusals as typed errors."""

from __future__ import annotations

import pytest

from stackdouble.client import BadRequest, Conflict, Forbidden, NotFound, ServiceClient
from stackdouble.client.openstack.identity.v3 import endpoints, tokens
from stackdouble.client.openstack.identity.v3.extensions import endpointgroups, projectendpoints
from stackdouble.fakes import FakeCloud


def _catalog_interfaces(admin: ServiceClient, member: ServiceClient) -> set[str]:
    token_id = member.provider.token_id
    assert token_id is not None
    catalog = tokens.get(admin, token_id).extract_catalog()
    return {e.interface for s in catalog.entries for e in s.endpoints}


def test_an_endpoint_group_narrows_the_projects_catalog_until_removed(
        cloud: FakeCloud, admin: ServiceClient, member: ServiceClient) -> None:
    demo = cloud.project_id("demo")
    assert _catalog_interfaces(admin, member) == {"public", "internal", "admin"}
    group = endpointgroups.create(admin, endpointgroups.CreateOpts(
        name="internal", filters={"interface": "internal"}, description="d")).extract()
    assert (group.name, group.filters, group.description) == (
        "internal", {"interface": "internal"}, "d")
    endpointgroups.add_project(admin, group.id, demo).extract_err()
    with pytest.raises(Conflict):
        endpointgroups.add_project(admin, group.id, demo).extract_err()
    endpointgroups.check_project(admin, group.id, demo).extract_err()
    assert [p.id for p in endpointgroups.list_projects(admin, group.id).items()] == [demo]
    assert _catalog_interfaces(admin, member) == {"internal"}
    matched = list(endpointgroups.list_endpoints(admin, group.id).items())
    assert {e.interface for e in matched} == {"internal"}
    assert {e.id for e in projectendpoints.list(admin, demo).items()} == {e.id for e in matched}
    endpointgroups.remove_project(admin, group.id, demo).extract_err()
    with pytest.raises(NotFound):
        endpointgroups.check_project(admin, group.id, demo).extract_err()
    assert _catalog_interfaces(admin, member) == {"public", "internal", "admin"}


def test_a_project_endpoint_adds_to_the_groups_and_is_dropped_with_its_endpoint(
        cloud: FakeCloud, admin: ServiceClient, member: ServiceClient) -> None:
    demo = cloud.project_id("demo")
    admin_ep = next(e for e in endpoints.list(admin).items() if e.interface == "admin")
    projectendpoints.create(admin, demo, admin_ep.id).extract_err()
    projectendpoints.check(admin, demo, admin_ep.id).extract_err()
    with pytest.raises(Conflict):
        projectendpoints.create(admin, demo, admin_ep.id).extract_err()
    assert _catalog_interfaces(admin, member) == {"admin"}
    group = endpointgroups.create(admin, endpointgroups.CreateOpts(
        name="public", filters={"interface": "public"})).extract()
    endpointgroups.add_project(admin, group.id, demo).extract_err()
    assert _catalog_interfaces(admin, member) == {"admin", "public"}
    endpointgroups.delete(admin, group.id).extract_err()
    assert _catalog_interfaces(admin, member) == {"admin"}
    cloud.identity.delete_endpoint(admin_ep.id)
    with pytest.raises(NotFound):
        projectendpoints.delete(admin, demo, admin_ep.id).extract_err()
    # Nothing left associated: the whole catalog again, less the deleted endpoint.
    assert _catalog_interfaces(admin, member) == {"public", "internal", "admin"}


def test_endpoint_groups_are_listed_updated_and_refused_as_keystone_does(
        admin: ServiceClient, member: ServiceClient) -> None:
    made = endpointgroups.create(admin, endpointgroups.CreateOpts(
        name="a", filters={"interface": "public"})).extract()
    endpointgroups.create(admin, endpointgroups.CreateOpts(
        name="b", filters={"interface": "admin"})).extract()
    named = endpointgroups.list(admin, endpointgroups.ListOpts(name="a")).items()
    assert [g.id for g in named] == [made.id]
    changed = endpointgroups.update(admin, made.id, endpointgroups.UpdateOpts(
        filters={"interface": "internal"})).extract()
    assert changed.filters == {"interface": "internal"}
    assert endpointgroups.get(admin, made.id).extract().filters == {"interface": "internal"}
    for filters in ({}, {"url": "x"}, {"interface": "nope"}):
        with pytest.raises(BadRequest):
            endpointgroups.create(admin, endpointgroups.CreateOpts(
                name="c", filters=filters)).extract()
    with pytest.raises(Forbidden):
        endpointgroups.create(member, endpointgroups.CreateOpts(
            name="c", filters={"interface": "public"})).extract()
    endpointgroups.delete(admin, made.id).extract_err()
    with pytest.raises(NotFound):
        endpointgroups.get(admin, made.id).extract()
