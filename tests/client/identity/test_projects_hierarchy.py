"""The projects client's hierarchy options (`projects.GetOpts`) and projects acting as
domains, against the fake Keystone."""

from __future__ import annotations

import pytest

from stackdouble.client import BadRequest, Forbidden, ServiceClient
from stackdouble.client.openstack.identity.v3 import projects
from stackdouble.fakes import FakeCloud


@pytest.fixture
def tree(admin: ServiceClient) -> dict[str, str]:
    """top > middle > leaf in Default."""
    top = projects.create(admin, projects.CreateOpts(name="top")).extract().id
    middle = projects.create(admin, projects.CreateOpts(name="middle", parent_id=top)
                             ).extract().id
    leaf = projects.create(admin, projects.CreateOpts(name="leaf", parent_id=middle)
                           ).extract().id
    return {"top": top, "middle": middle, "leaf": leaf}


def test_get_opts_send_only_the_options_set() -> None:
    assert projects.GetOpts().to_project_get_query() == ""
    assert projects.GetOpts(parents_as_ids=True, include_limits=True
                            ).to_project_get_query() == "?parents_as_ids=true&include_limits=true"


def test_get_without_opts_has_no_hierarchy(admin: ServiceClient, tree: dict[str, str]) -> None:
    project = projects.get(admin, tree["leaf"]).extract()
    assert (project.parents, project.parent_ids, project.subtree, project.subtree_ids) == (
        None, None, None, None)
    assert project.extra == {}


def test_parent_ids_nest_from_the_parent_to_the_domain(admin: ServiceClient,
                                                       tree: dict[str, str]) -> None:
    opts = projects.GetOpts(parents_as_ids=True)
    project = projects.get(admin, tree["leaf"], opts).extract()
    assert project.parent_ids == {tree["middle"]: {tree["top"]: {"default": None}}}
    assert project.parents is None


def test_subtree_ids_nest_down_to_the_leaves(admin: ServiceClient,
                                            tree: dict[str, str]) -> None:
    opts = projects.GetOpts(subtree_as_ids=True)
    assert projects.get(admin, tree["top"], opts).extract().subtree_ids == {
        tree["middle"]: {tree["leaf"]: None}}
    assert projects.get(admin, tree["leaf"], opts).extract().subtree_ids is None


def test_the_list_forms_are_projects_the_caller_has_a_role_on(
        admin: ServiceClient, cloud: FakeCloud, tree: dict[str, str]) -> None:
    cloud.identity.grant_role("member", "admin", project=tree["middle"])
    opts = projects.GetOpts(parents_as_list=True, subtree_as_list=True, include_limits=True)
    project = projects.get(admin, tree["leaf"], opts).extract()
    assert project.parents is not None
    assert [(p.id, p.name, p.limits) for p in project.parents] == [
        (tree["middle"], "middle", [])]
    assert project.subtree == []
    top = projects.get(admin, tree["top"], projects.GetOpts(subtree_as_list=True)).extract()
    assert top.subtree is not None
    assert [p.id for p in top.subtree] == [tree["middle"]]
    assert top.subtree[0].limits is None


def test_both_forms_at_once_are_bad_request(admin: ServiceClient,
                                            tree: dict[str, str]) -> None:
    opts = projects.GetOpts(parents_as_list=True, parents_as_ids=True)
    with pytest.raises(BadRequest) as caught:
        projects.get(admin, tree["leaf"], opts).extract()
    assert "Cannot use parents_as_list and parents_as_ids" in str(caught.value)


def test_a_domain_created_as_a_project_is_a_root(admin: ServiceClient) -> None:
    dom = projects.create(admin, projects.CreateOpts(name="acme", is_domain=True)).extract()
    assert (dom.is_domain, dom.domain_id, dom.parent_id) == (True, None, None)
    again = projects.get(admin, dom.id).extract()
    assert (again.name, again.is_domain) == ("acme", True)
    listed = projects.list(admin, projects.ListOpts(is_domain=True)).items()
    assert sorted(p.id for p in listed) == sorted([dom.id, "default"])


def test_a_project_inside_a_new_domain_has_it_as_parent(admin: ServiceClient) -> None:
    dom = projects.create(admin, projects.CreateOpts(name="acme", is_domain=True)).extract()
    inside = projects.create(admin, projects.CreateOpts(name="inside", domain_id=dom.id)
                             ).extract()
    assert (inside.domain_id, inside.parent_id) == (dom.id, dom.id)
    opts = projects.GetOpts(subtree_as_ids=True)
    assert projects.get(admin, dom.id, opts).extract().subtree_ids == {inside.id: None}


def test_a_domain_is_deleted_through_projects_once_disabled(admin: ServiceClient) -> None:
    dom = projects.create(admin, projects.CreateOpts(name="acme", is_domain=True)).extract()
    with pytest.raises(Forbidden, match="Cannot delete a domain that is enabled"):
        projects.delete(admin, dom.id).extract_err()
    projects.update(admin, dom.id, projects.UpdateOpts(enabled=False)).extract()
    projects.delete(admin, dom.id).extract_err()
    assert [p.id for p in projects.list(admin, projects.ListOpts(is_domain=True)).items()] == [
        "default"]
