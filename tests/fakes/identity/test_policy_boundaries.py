"""Keystone's default policies on the admin API: a member gets Keystone's 403 naming the rule,
an admin gets through (`keystone/common/policies/*.py`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests

from stackdouble.fakes import FakeCloud
from tests.fakes.helpers import login

# (rule, method, path under /v3 built from the cloud, body, the admin's status)
Case = tuple[str, str, Callable[[FakeCloud], str], Any, int]


def _ids(cloud: FakeCloud) -> dict[str, str]:
    identity = cloud.identity
    return {"p": cloud.project_id("demo"), "u": cloud.user_id("demo"),
            "r": identity.find_role("reader").id, "m": identity.find_role("member").id,
            "g": identity.find_group("staff").id, "s": identity.find_service("nova").id}


CASES: list[Case] = [
    ("create_project", "POST", lambda c: "/projects", {"project": {"name": "new"}}, 201),
    ("update_project", "PATCH", lambda c: f"/projects/{_ids(c)['p']}",
     {"project": {"description": "x"}}, 200),
    ("delete_project", "DELETE", lambda c: f"/projects/{c.project_id('spare')}", None, 204),
    ("create_project_tag", "PUT", lambda c: f"/projects/{_ids(c)['p']}/tags/blue", None, 201),
    ("create_user", "POST", lambda c: "/users", {"user": {"name": "new"}}, 201),
    ("update_user", "PATCH", lambda c: f"/users/{c.user_id('spare')}",
     {"user": {"enabled": False}}, 200),
    ("delete_user", "DELETE", lambda c: f"/users/{c.user_id('spare')}", None, 204),
    ("list_groups", "GET", lambda c: "/groups", None, 200),
    ("create_group", "POST", lambda c: "/groups", {"group": {"name": "new"}}, 201),
    ("add_user_to_group", "PUT", lambda c: f"/groups/{_ids(c)['g']}/users/{_ids(c)['u']}",
     None, 204),
    ("create_domain", "POST", lambda c: "/domains", {"domain": {"name": "new"}}, 201),
    ("create_role", "POST", lambda c: "/roles", {"role": {"name": "new"}}, 201),
    ("create_grant", "PUT",
     lambda c: f"/projects/{_ids(c)['p']}/users/{_ids(c)['u']}/roles/{_ids(c)['r']}", None, 204),
    ("check_grant", "HEAD",
     lambda c: f"/projects/{_ids(c)['p']}/users/{_ids(c)['u']}/roles/{_ids(c)['m']}", None, 204),
    ("revoke_grant", "DELETE",
     lambda c: f"/projects/{_ids(c)['p']}/users/{_ids(c)['u']}/roles/{_ids(c)['m']}", None, 204),
    ("list_role_assignments", "GET", lambda c: "/role_assignments", None, 200),
    ("list_role_inference_rules", "GET", lambda c: "/role_inferences", None, 200),
    ("create_implied_role", "PUT", lambda c: f"/roles/{_ids(c)['r']}/implies/{_ids(c)['m']}",
     None, 201),
    ("create_service", "POST", lambda c: "/services", {"service": {"type": "x"}}, 201),
    ("create_endpoint", "POST", lambda c: "/endpoints",
     lambda c: {"endpoint": {"service_id": _ids(c)["s"], "interface": "public",
                             "url": "http://x.example/"}}, 201),
    ("create_region", "POST", lambda c: "/regions", {"region": {"id": "RegionTwo"}}, 201),
    ("list_services", "GET", lambda c: "/services", None, 200),
    # keystone/common/policies/grant.py: system grants have rules of their own.
    ("list_system_grants_for_user", "GET", lambda c: f"/system/users/{_ids(c)['u']}/roles",
     None, 200),
    ("check_system_grant_for_user", "GET",
     lambda c: f"/system/users/{_ids(c)['u']}/roles/{_ids(c)['r']}", None, 404),
    ("create_system_grant_for_user", "PUT",
     lambda c: f"/system/users/{_ids(c)['u']}/roles/{_ids(c)['r']}", None, 204),
    ("revoke_system_grant_for_user", "DELETE",
     lambda c: f"/system/users/{_ids(c)['u']}/roles/{_ids(c)['r']}", None, 404),
    ("list_system_grants_for_group", "GET", lambda c: f"/system/groups/{_ids(c)['g']}/roles",
     None, 200),
    ("check_system_grant_for_group", "GET",
     lambda c: f"/system/groups/{_ids(c)['g']}/roles/{_ids(c)['r']}", None, 404),
    ("create_system_grant_for_group", "PUT",
     lambda c: f"/system/groups/{_ids(c)['g']}/roles/{_ids(c)['r']}", None, 204),
    ("revoke_system_grant_for_group", "DELETE",
     lambda c: f"/system/groups/{_ids(c)['g']}/roles/{_ids(c)['r']}", None, 404),
]


@pytest.fixture
def prepared(cloud: FakeCloud) -> FakeCloud:
    cloud.identity.create_group("staff")
    cloud.identity.create_project("spare")
    cloud.identity.create_user("spare", password="pw")
    return cloud


def _send(http: requests.Session, cloud: FakeCloud, case: Case, token: str
          ) -> requests.Response:
    _, method, path, body, _ = case
    if callable(body):
        body = body(cloud)
    return http.request(method, cloud.identity_v3_url + path(cloud), json=body,
                        headers={"X-Auth-Token": token})


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_a_member_gets_keystones_403_naming_the_rule(prepared: FakeCloud, http: requests.Session,
                                                     case: Case) -> None:
    resp = _send(http, prepared, case, login(http, prepared, "demo"))
    assert resp.status_code == 403
    if case[1] != "HEAD":
        assert resp.json() == {"error": {
            "code": 403, "title": "Forbidden",
            "message": f"You are not authorized to perform the requested action: "
                       f"identity:{case[0]}."}}


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_an_admin_gets_through(prepared: FakeCloud, http: requests.Session, case: Case) -> None:
    resp = _send(http, prepared, case, login(http, prepared, "admin"))
    assert resp.status_code == case[4], resp.text


def test_a_member_manages_its_own_application_credentials(cloud: FakeCloud,
                                                          http: requests.Session) -> None:
    token = login(http, cloud, "demo")
    base = f"{cloud.identity_v3_url}/users/{cloud.user_id('demo')}/application_credentials"
    created = http.post(base, json={"application_credential": {"name": "mine"}},
                        headers={"X-Auth-Token": token})
    listed = http.get(base, headers={"X-Auth-Token": token})
    deleted = http.delete(f"{base}/{created.json()['application_credential']['id']}",
                          headers={"X-Auth-Token": token})
    assert (created.status_code, listed.status_code, deleted.status_code) == (201, 200, 204)


def test_a_member_cannot_list_another_users_application_credentials(
        cloud: FakeCloud, http: requests.Session) -> None:
    resp = http.get(f"{cloud.identity_v3_url}/users/{cloud.user_id('admin')}"
                    "/application_credentials", headers={"X-Auth-Token": login(http, cloud)})
    assert resp.json()["error"]["message"] == (
        "You are not authorized to perform the requested action: "
        "identity:list_application_credentials.")


def test_an_admin_cannot_create_an_application_credential_for_another_user(
        cloud: FakeCloud, http: requests.Session) -> None:
    resp = http.post(f"{cloud.identity_v3_url}/users/{cloud.user_id('demo')}"
                     "/application_credentials", json={"application_credential": {"name": "x"}},
                     headers={"X-Auth-Token": login(http, cloud, "admin")})
    assert resp.status_code == 403
    assert resp.json()["error"]["message"].endswith("identity:create_application_credential.")


def test_a_member_changes_its_own_password_without_admin(cloud: FakeCloud,
                                                         http: requests.Session) -> None:
    resp = http.post(f"{cloud.identity_v3_url}/users/{cloud.user_id('demo')}/password",
                     json={"user": {"original_password": "demo-secret", "password": "new"}})
    assert resp.status_code == 204


def test_a_domain_manager_creates_projects_only_in_its_domain(cloud: FakeCloud,
                                                              http: requests.Session) -> None:
    identity = cloud.identity
    other = identity.create_domain("other")
    identity.create_user("boss", password="pw")
    identity.grant_role("manager", "boss", domain="default")
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": "boss", "domain": {"id": "default"}, "password": "pw"}}},
        "scope": {"domain": {"id": "default"}}}}
    token = http.post(cloud.identity_v3_url + "/auth/tokens", json=body).headers[
        "X-Subject-Token"]
    def create(project: dict[str, str]) -> int:
        return http.post(cloud.identity_v3_url + "/projects", json={"project": project},
                         headers={"X-Auth-Token": token}).status_code

    # As Keystone enforces on the body as sent, the manager must name its domain.
    assert create({"name": "a", "domain_id": "default"}) == 201
    assert create({"name": "b"}) == 403
    assert create({"name": "c", "domain_id": other.id}) == 403
