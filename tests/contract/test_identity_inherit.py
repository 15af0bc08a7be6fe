"""Keystone OS-INHERIT: role grants inherited to the projects of a domain or below a project.

The admin makes a user, a group holding it and a parent project with one child for each
test, and removes them afterwards. Keystone 30's quirks shown here: OS-INHERIT never looks
the user or group up (a grant to a missing one is 204), a caller the policy refuses gets 403
even when the role is missing, an inherited grant on a project reaches the projects below it
but not the project itself, and a token whose last role goes away validates as "Could not
find token".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import requests

from stackdouble.client import ProviderClient, ServiceClient
from stackdouble.client.openstack import new_identity_v3
from tests.contract.conftest import call

USER, PASSWORD = "contract-inherit-user", "contract-inherit-pw-1"
GROUP = "contract-inherit-group"
PARENT, CHILD = "contract-inherit-parent", "contract-inherit-child"
FORBIDDEN = "You are not authorized to perform the requested action"


def v3(identity: ServiceClient) -> str:
    return identity.endpoint.rstrip("/")


@pytest.fixture
def admin(openstack_login: Callable[..., ProviderClient]) -> ServiceClient:
    """Keystone v3 as the admin."""
    return new_identity_v3(openstack_login(user="admin", cloud="realcloud-admin"))


def _remove_stale(admin: ServiceClient) -> None:
    base = v3(admin)
    for name in (CHILD, PARENT):
        for stale in call(admin, "GET", f"{base}/projects?name={name}").json()["projects"]:
            call(admin, "DELETE", f"{base}/projects/{stale['id']}")
    for stale in call(admin, "GET", f"{base}/users?name={USER}").json()["users"]:
        call(admin, "DELETE", f"{base}/users/{stale['id']}")
    for stale in call(admin, "GET", f"{base}/groups?name={GROUP}").json()["groups"]:
        call(admin, "DELETE", f"{base}/groups/{stale['id']}")


@pytest.fixture
def ids(admin: ServiceClient) -> Iterator[dict[str, str]]:
    """The new user (in the new group), the parent and child projects, and the ids of the
    member and reader roles."""
    base = v3(admin)
    _remove_stale(admin)
    user = call(admin, "POST", base + "/users",
                json={"user": {"name": USER, "password": PASSWORD}}).json()["user"]["id"]
    group = call(admin, "POST", base + "/groups",
                 json={"group": {"name": GROUP}}).json()["group"]["id"]
    assert call(admin, "PUT", f"{base}/groups/{group}/users/{user}").status_code == 204
    parent = call(admin, "POST", base + "/projects",
                  json={"project": {"name": PARENT}}).json()["project"]["id"]
    child = call(admin, "POST", base + "/projects",
                 json={"project": {"name": CHILD, "parent_id": parent}}).json()["project"]["id"]
    roles = {r["name"]: r["id"] for r in call(admin, "GET", base + "/roles").json()["roles"]}
    yield {"user": user, "group": group, "parent": parent, "child": child,
           "member": roles["member"], "reader": roles["reader"]}
    for path in (f"/projects/{child}", f"/projects/{parent}", f"/users/{user}",
                 f"/groups/{group}"):
        assert call(admin, "DELETE", base + path).status_code == 204


def _domain_grant(base: str, ids: dict[str, str], role: str = "member") -> str:
    return (f"{base}/OS-INHERIT/domains/default/users/{ids['user']}/roles/{ids[role]}"
            "/inherited_to_projects")


def _project_group_grant(base: str, ids: dict[str, str]) -> str:
    return (f"{base}/OS-INHERIT/projects/{ids['parent']}/groups/{ids['group']}/roles/"
            f"{ids['reader']}/inherited_to_projects")


def project_token(identity: ServiceClient, project: str) -> requests.Response:
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": USER, "domain": {"id": "default"}, "password": PASSWORD}}},
        "scope": {"project": {"name": project, "domain": {"id": "default"}}}}}
    return call(identity, "POST", v3(identity) + "/auth/tokens", json=body,
                authenticated=False)


def test_a_domain_grant_is_made_checked_listed_and_revoked(admin: ServiceClient,
                                                           ids: dict[str, str]) -> None:
    base = v3(admin)
    grant = _domain_grant(base, ids)
    assert call(admin, "PUT", grant).status_code == 204
    assert call(admin, "PUT", grant).status_code == 204  # a repeat is silent
    assert call(admin, "HEAD", grant).status_code == 204
    assert call(admin, "GET", grant).status_code == 204
    listing = f"{base}/OS-INHERIT/domains/default/users/{ids['user']}/roles/inherited_to_projects"
    listed = call(admin, "GET", listing).json()
    assert [r["id"] for r in listed["roles"]] == [ids["member"]]
    assert listed["links"] == {"self": listing, "previous": None, "next": None}
    assert call(admin, "HEAD", listing).status_code == 200
    plain = call(admin, "GET", f"{base}/domains/default/users/{ids['user']}/roles").json()
    assert plain["roles"] == []
    other = call(admin, "GET", _domain_grant(base, ids, "reader"))
    assert (other.status_code, other.json()["error"]["message"]) == (
        404, f"Could not find role assignment with role: {ids['reader']}, user or group: "
             f"{ids['user']}, project, domain, or system: default.")
    assert call(admin, "DELETE", grant).status_code == 204
    again = call(admin, "DELETE", grant)
    assert again.status_code == 404
    assert again.json()["error"]["title"] == "Not Found"
    assert call(admin, "GET", listing).json()["roles"] == []


def test_what_keystone_looks_up_and_what_it_does_not(admin: ServiceClient,
                                                     openstack_identity: ServiceClient,
                                                     ids: dict[str, str]) -> None:
    base = v3(admin)
    inherit = base + "/OS-INHERIT"
    member = ids["member"]

    def answer(client: ServiceClient, method: str, path: str) -> tuple[int, str]:
        resp = call(client, method, inherit + path)
        return resp.status_code, resp.json()["error"]["message"] if resp.content else ""

    user_grant = f"/domains/default/users/{ids['user']}/roles"
    assert answer(admin, "PUT", f"{user_grant}/nope/inherited_to_projects") == (
        404, "Could not find role: nope.")
    assert answer(admin, "PUT", f"/domains/nope/users/{ids['user']}/roles/{member}"
                                "/inherited_to_projects") == (
        404, "Could not find domain: nope.")
    assert answer(admin, "PUT", f"/projects/nope/users/{ids['user']}/roles/{member}"
                                "/inherited_to_projects") == (
        404, "Could not find project: nope.")
    assert answer(admin, "GET", f"/domains/nope/users/{ids['user']}/roles"
                                "/inherited_to_projects") == (
        404, "Could not find domain: nope.")
    missing_group = (f"/projects/{ids['parent']}/groups/nobody/roles/{member}"
                     "/inherited_to_projects")
    assert answer(admin, "PUT", missing_group) == (204, "")
    assert answer(admin, "DELETE", missing_group) == (204, "")
    assert answer(openstack_identity, "PUT", f"{user_grant}/{member}/inherited_to_projects") == (
        403, f"{FORBIDDEN}: identity:create_grant.")
    assert answer(openstack_identity, "PUT", f"{user_grant}/nope/inherited_to_projects") == (
        403, f"{FORBIDDEN}: identity:create_grant.")
    assert answer(openstack_identity, "GET", f"{user_grant}/inherited_to_projects") == (
        403, f"{FORBIDDEN}: identity:list_grants.")
    assert answer(openstack_identity, "DELETE",
                  f"{user_grant}/{member}/inherited_to_projects") == (
        403, f"{FORBIDDEN}: identity:revoke_grant.")


def test_role_assignments_list_inherited_grants_and_expand_them(admin: ServiceClient,
                                                                ids: dict[str, str]) -> None:
    base = v3(admin)
    assert call(admin, "PUT", _domain_grant(base, ids)).status_code == 204
    assert call(admin, "PUT", _project_group_grant(base, ids)).status_code == 204
    user, group, parent, child = ids["user"], ids["group"], ids["parent"], ids["child"]
    member, reader = ids["member"], ids["reader"]
    mine = call(admin, "GET", f"{base}/role_assignments?user.id={user}").json()
    assert mine["role_assignments"] == [{
        "links": {"assignment": _domain_grant(base, ids)},
        "scope": {"domain": {"id": "default"}, "OS-INHERIT:inherited_to": "projects"},
        "user": {"id": user}, "role": {"id": member}}]
    on_parent = call(admin, "GET", f"{base}/role_assignments?scope.project.id={parent}").json()
    assert on_parent["role_assignments"] == [{
        "links": {"assignment": _project_group_grant(base, ids)},
        "scope": {"project": {"id": parent}, "OS-INHERIT:inherited_to": "projects"},
        "group": {"id": group}, "role": {"id": reader}}]
    only_plain = call(admin, "GET", f"{base}/role_assignments?user.id={user}"
                                    "&scope.OS-INHERIT:inherited_to=other").json()
    assert only_plain["role_assignments"] == []

    def effective(query: str) -> list[tuple[str, str, str]]:
        found = call(admin, "GET", f"{base}/role_assignments?effective&user.id={user}&{query}")
        assert found.status_code == 200
        return [(a["scope"]["project"]["id"], a["role"]["id"],
                 a["links"]["assignment"].removeprefix(base))
                for a in found.json()["role_assignments"]]

    from_domain = _domain_grant("", ids)
    from_parent = _project_group_grant("", ids)
    assert effective(f"scope.project.id={child}") == [
        (child, member, from_domain), (child, reader, from_parent),
        (child, reader, from_domain)]
    assert effective(f"scope.project.id={parent}") == [
        (parent, member, from_domain), (parent, reader, from_domain)]
    subtree = effective(f"scope.project.id={parent}&include_subtree"
                        "&scope.OS-INHERIT:inherited_to=projects")
    assert sorted(subtree) == sorted([
        (parent, member, from_domain), (child, member, from_domain),
        (child, reader, from_parent), (parent, reader, from_domain),
        (child, reader, from_domain)])
    everywhere = call(admin, "GET", f"{base}/role_assignments?effective&user.id={user}").json()
    via_group = [a for a in everywhere["role_assignments"] if "membership" in a["links"]]
    assert [(a["scope"], a["links"]["membership"]) for a in via_group] == [
        ({"project": {"id": child}, "OS-INHERIT:inherited_to": "projects"},
         f"{base}/groups/{group}/users/{user}")]
    refused = call(admin, "GET", f"{base}/role_assignments?effective&user.id={user}"
                                 "&scope.domain.id=default&scope.OS-INHERIT:inherited_to=projects")
    assert (refused.status_code, refused.json()["error"]["message"]) == (
        400, "Combining effective, domain and inherited filters will always result in an "
             "empty list.")
    projects = call(admin, "GET", f"{base}/users/{user}/projects").json()["projects"]
    assert {parent, child} <= {p["id"] for p in projects}


def test_a_token_carries_the_inherited_role_until_the_grant_goes(
        admin: ServiceClient, openstack_identity: ServiceClient,
        ids: dict[str, str]) -> None:
    base = v3(admin)
    assert project_token(openstack_identity, PARENT).status_code == 401
    assert call(admin, "PUT", _domain_grant(base, ids)).status_code == 204
    issued = project_token(openstack_identity, PARENT)
    assert issued.status_code == 201
    token = issued.json()["token"]
    assert token["project"]["id"] == ids["parent"]
    assert {r["name"] for r in token["roles"]} == {"member", "reader"}
    token_id = issued.headers["X-Subject-Token"]
    valid = call(admin, "GET", base + "/auth/tokens", headers={"X-Subject-Token": token_id})
    assert valid.status_code == 200
    assert call(admin, "DELETE", _domain_grant(base, ids)).status_code == 204
    dead = call(admin, "GET", base + "/auth/tokens", headers={"X-Subject-Token": token_id})
    assert (dead.status_code, dead.json()["error"]["message"]) == (
        404, f"Could not find token: {token_id}.")
    assert project_token(openstack_identity, PARENT).status_code == 401
