"""The fake Keystone's OS-INHERIT beyond the contract suite: the model's API, what deleting
a target, role or group does to inherited grants, and Keystone 30's listing rules."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from stackdouble.fakes import FakeCloud
from tests.fakes.helpers import login


class Admin:
    """An admin token and short verbs on /v3."""

    def __init__(self, http: requests.Session, cloud: FakeCloud) -> None:
        self.http, self.cloud = http, cloud
        self.token = login(http, cloud, "admin")

    def __call__(self, method: str, path: str) -> requests.Response:
        return self.http.request(method, self.cloud.identity_v3_url + path,
                                 headers={"X-Auth-Token": self.token})

    def assignments(self, query: str) -> list[dict[str, Any]]:
        resp = self("GET", "/role_assignments?" + query)
        assert resp.status_code == 200, resp.text
        found: list[dict[str, Any]] = resp.json()["role_assignments"]
        return found


@pytest.fixture
def admin(cloud: FakeCloud, http: requests.Session) -> Admin:
    return Admin(http, cloud)


def _grant(cloud: FakeCloud, *, domain: str | None = None, project: str | None = None,
           user: str = "ann", role: str = "member") -> None:
    if user not in {u.name for u in cloud.identity.users.values()}:
        cloud.identity.create_user(user, password=user + "-pw")
    cloud.identity.grant_role(role, user, domain=domain, project=project, inherited=True)


def test_an_inherited_system_grant_is_refused_by_the_model(cloud: FakeCloud) -> None:
    cloud.identity.create_user("ann", password="ann-pw")
    with pytest.raises(ValueError, match="only domain and project grants are inherited"):
        cloud.identity.grant_role("member", "ann", system=True, inherited=True)


def test_the_inherited_filter_still_lists_system_grants(cloud: FakeCloud,
                                                        admin: Admin) -> None:
    _grant(cloud, domain="default")
    found = admin.assignments("scope.OS-INHERIT:inherited_to=projects")
    assert {next(iter(a["scope"])) for a in found} == {"domain", "system"}
    assert all(a["scope"].get("OS-INHERIT:inherited_to") == "projects"
               for a in found if "domain" in a["scope"])


def test_a_domain_grant_expands_onto_its_projects_by_name(cloud: FakeCloud,
                                                          admin: Admin) -> None:
    _grant(cloud, domain="default")
    user = cloud.user_id("ann")
    found = admin.assignments(f"effective&user.id={user}&role.id="
                              + cloud.identity.find_role("member").id)
    by_name = sorted(cloud.identity.projects.values(), key=lambda p: p.name)
    assert [a["scope"]["project"]["id"] for a in found] == [p.id for p in by_name]


def test_a_project_grant_reaches_neither_the_project_nor_its_siblings(cloud: FakeCloud,
                                                                      admin: Admin) -> None:
    identity = cloud.identity
    parent = identity.create_project("parent")
    child = identity.create_project("child", parent_id=parent.id)
    identity.create_project("sibling")
    _grant(cloud, project="parent")
    resp = admin("GET", f"/users/{cloud.user_id('ann')}/projects")
    assert [p["id"] for p in resp.json()["projects"]] == [child.id]


@pytest.mark.parametrize("remove", ["project", "domain", "role", "user"])
def test_removing_a_part_of_the_grant_removes_the_grant(cloud: FakeCloud, remove: str) -> None:
    identity = cloud.identity
    domain = identity.create_domain("lab")
    project = identity.create_project("p", domain_id=domain.id)
    role = identity.create_role("auditor")
    identity.create_user("ann", password="ann-pw")
    identity.grant_role(role, "ann", project=project, inherited=True)
    identity.grant_role(role, "ann", domain=domain, inherited=True)
    assert sum(1 for a in identity.assignments if a[4] == role.id) == 2
    if remove == "project":
        identity.delete_project(project.id)
        left = 1
    elif remove == "domain":
        identity.update_domain(domain.id, enabled=False)
        identity.delete_domain(domain.id)
        left = 0
    elif remove == "role":
        identity.delete_role(role.id)
        left = 0
    else:
        identity.delete_user(cloud.user_id("ann"))
        left = 0
    assert sum(1 for a in identity.assignments if a[4] == role.id) == left


def test_a_project_has_no_inherited_listing(cloud: FakeCloud, admin: Admin) -> None:
    _grant(cloud, project="demo")
    resp = admin("GET", f"/OS-INHERIT/projects/{cloud.project_id('demo')}/users/"
                        f"{cloud.user_id('ann')}/roles/inherited_to_projects")
    assert resp.status_code == 404


def test_revoking_the_grant_ends_the_inheriting_token(cloud: FakeCloud, admin: Admin) -> None:
    identity = cloud.identity
    parent = identity.create_project("parent")
    identity.create_project("child", parent_id=parent.id)
    _grant(cloud, project="parent")
    token_id = identity.issue_token("ann", project="child")
    assert identity.validate_auth_token(token_id) is not None
    identity.revoke_role("member", "ann", project="parent", inherited=True)
    assert identity.validate_auth_token(token_id) is None
