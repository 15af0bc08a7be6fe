"""Keystone projects acting as domains, and the project hierarchy.

The admin makes a domain through `POST /v3/projects` (`is_domain`), or a tree of projects in
Default, for each test, and removes them afterwards. Keystone 30's rules shown here: a
domain is a project with no domain and no parent, listed only with `is_domain=true`; names
are unique per domain (not per parent); the tree is five projects deep below the domain; a
disabled project (or domain) closes its branch; `parents_as_ids`/`subtree_as_ids` give every
project as nested ids while the list forms give only those the caller has a role on; and a
hierarchy flag is on unless it is `0`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import requests

from stackdouble.client import ProviderClient, ServiceClient
from stackdouble.client.openstack import new_identity_v3
from tests.contract.conftest import call

DOMAIN = "contract-tree-domain"
INSIDE = "contract-tree-inside"
TREE = ("contract-tree-a", "contract-tree-b", "contract-tree-c")
DEEP = tuple(f"contract-tree-l{i}" for i in range(1, 7))
FORBIDDEN = "You are not authorized to perform the requested action: identity:get_project."


def v3(identity: ServiceClient) -> str:
    return identity.endpoint.rstrip("/")


def message(resp: requests.Response) -> tuple[int, str]:
    return resp.status_code, resp.json()["error"]["message"]


@pytest.fixture
def admin(openstack_login: Callable[..., ProviderClient]) -> ServiceClient:
    """Keystone v3 as the admin."""
    return new_identity_v3(openstack_login(user="admin", cloud="realcloud-admin"))


def _remove_projects(admin: ServiceClient, names: tuple[str, ...]) -> None:
    """Delete the named projects of Default, leaves first (disabling them first)."""
    base = v3(admin)
    for name in reversed(names):
        for stale in call(admin, "GET", f"{base}/projects?name={name}").json()["projects"]:
            call(admin, "PATCH", f"{base}/projects/{stale['id']}",
                 json={"project": {"enabled": False}})
            call(admin, "DELETE", f"{base}/projects/{stale['id']}")


def _remove_domain(admin: ServiceClient) -> None:
    base = v3(admin)
    for stale in call(admin, "GET", f"{base}/projects?is_domain=true&name={DOMAIN}"
                      ).json()["projects"]:
        call(admin, "PATCH", f"{base}/projects/{stale['id']}",
             json={"project": {"enabled": False}})
        call(admin, "DELETE", f"{base}/projects/{stale['id']}")


@pytest.fixture
def domain(admin: ServiceClient) -> Iterator[str]:
    """A new domain made as a project acting as one; removed (disabled, then deleted)."""
    _remove_domain(admin)
    made = call(admin, "POST", v3(admin) + "/projects",
                json={"project": {"name": DOMAIN, "is_domain": True, "description": "d"}})
    assert made.status_code == 201, made.text
    yield made.json()["project"]["id"]
    _remove_domain(admin)


@pytest.fixture
def tree(admin: ServiceClient) -> Iterator[dict[str, str]]:
    """a > b > c in Default; removed leaves first."""
    _remove_projects(admin, TREE)
    ids: dict[str, str] = {}
    parent = None
    for name in TREE:
        body = {"name": name, **({"parent_id": parent} if parent else {})}
        made = call(admin, "POST", v3(admin) + "/projects", json={"project": body})
        assert made.status_code == 201, made.text
        parent = ids[name[-1]] = made.json()["project"]["id"]
    yield ids
    _remove_projects(admin, TREE)


def test_a_project_made_as_a_domain_is_the_domain(admin: ServiceClient, domain: str) -> None:
    base = v3(admin)
    project = call(admin, "GET", f"{base}/projects/{domain}").json()["project"]
    assert {k: project[k] for k in ("id", "name", "domain_id", "parent_id", "is_domain",
                                    "enabled", "description", "tags", "options")} == {
        "id": domain, "name": DOMAIN, "domain_id": None, "parent_id": None, "is_domain": True,
        "enabled": True, "description": "d", "tags": [], "options": {}}
    assert project["links"]["self"] == f"{base}/projects/{domain}"
    as_domain = call(admin, "GET", f"{base}/domains/{domain}").json()["domain"]
    assert (as_domain["name"], as_domain["description"]) == (DOMAIN, "d")
    assert "is_domain" not in as_domain
    listed = call(admin, "GET", f"{base}/projects?is_domain=true").json()["projects"]
    assert {domain, "default"} <= {p["id"] for p in listed}
    assert all(p["is_domain"] and p["domain_id"] is None for p in listed)
    plain = call(admin, "GET", f"{base}/projects?name={DOMAIN}").json()["projects"]
    assert plain == []


def test_what_keystone_refuses_of_a_domain(admin: ServiceClient, domain: str) -> None:
    base = v3(admin)
    assert message(call(admin, "POST", base + "/projects",
                        json={"project": {"name": DOMAIN, "is_domain": True}})) == (
        409, "Conflict occurred attempting to store project - it is not permitted to have "
             f"two projects acting as domains with the same name: {DOMAIN}.")
    assert message(call(admin, "POST", base + "/projects", json={"project": {
        "name": DOMAIN + "-2", "is_domain": True, "domain_id": "default"}})) == (
        400, "only root projects are allowed to act as domains.")
    assert message(call(admin, "PATCH", f"{base}/projects/{domain}",
                        json={"project": {"is_domain": False}})) == (
        400, "Update of `is_domain` is not allowed.")
    assert message(call(admin, "DELETE", f"{base}/projects/{domain}")) == (
        403, "Cannot delete a domain that is enabled, please disable it first.")
    bad = call(admin, "GET", base + "/projects?is_domain=maybe")
    assert bad.status_code == 400
    assert bad.json()["error"]["message"].startswith(
        "Invalid input for field/attribute is_domain. Value: maybe. 'maybe' is not one of ")


def test_a_domains_tags_are_its_projects_tags(admin: ServiceClient, domain: str) -> None:
    base = v3(admin)
    tags = f"{base}/projects/{domain}/tags"
    put = call(admin, "PUT", tags, json={"tags": ["blue", "green"]})
    assert (put.status_code, put.json()["tags"]) == (200, ["blue", "green"])
    assert call(admin, "PUT", tags + "/red").status_code == 201
    assert call(admin, "GET", tags + "/red").status_code == 204
    assert call(admin, "GET", f"{base}/domains/{domain}").json()["domain"]["tags"] == [
        "blue", "green", "red"]
    assert call(admin, "DELETE", tags + "/red").status_code == 204
    assert message(call(admin, "DELETE", tags + "/red")) == (
        404, "Could not find project tag: red.")
    assert call(admin, "DELETE", tags).status_code == 204
    assert call(admin, "GET", tags).json()["tags"] == []


def test_a_domain_made_as_a_project_holds_projects_until_deleted(admin: ServiceClient,
                                                                 domain: str) -> None:
    base = v3(admin)
    made = call(admin, "POST", base + "/projects",
                json={"project": {"name": INSIDE, "domain_id": domain}})
    assert made.status_code == 201
    inside = made.json()["project"]
    assert (inside["domain_id"], inside["parent_id"], inside["is_domain"]) == (
        domain, domain, False)
    subtree = call(admin, "GET", f"{base}/projects/{domain}?subtree_as_ids").json()["project"]
    assert subtree["subtree"] == {inside["id"]: None}
    renamed = call(admin, "PATCH", f"{base}/projects/{domain}", json={"project": {
        "description": "dd", "enabled": False}})
    assert renamed.status_code == 200
    assert (renamed.json()["project"]["enabled"], renamed.json()["project"]["extra"]) == (
        False, {})
    assert message(call(admin, "POST", base + "/projects", json={"project": {
        "name": INSIDE + "-2", "domain_id": domain}})) == (
        400, f"cannot create a project in a branch containing a disabled project: {domain}")
    assert call(admin, "DELETE", f"{base}/projects/{domain}").status_code == 204
    assert message(call(admin, "GET", f"{base}/projects/{inside['id']}")) == (
        404, f"Could not find project: {inside['id']}.")
    assert message(call(admin, "GET", f"{base}/domains/{domain}")) == (
        404, f"Could not find domain: {domain}.")


def test_a_parent_elsewhere_is_refused(admin: ServiceClient, domain: str,
                                       tree: dict[str, str]) -> None:
    base = v3(admin)
    assert message(call(admin, "POST", base + "/projects", json={"project": {
        "name": INSIDE, "parent_id": domain}})) == (
        400, f"Cannot create project, the parent ({domain}) is acting as a domain, but this "
             "project's domain id (default) does not match the parent's id.")
    assert message(call(admin, "POST", base + "/projects", json={"project": {
        "name": INSIDE, "domain_id": domain, "parent_id": tree["a"]}})) == (
        400, f"Cannot create project, since it specifies its domain_id {domain}, but "
             "specifies a parent in a different domain (default).")
    assert message(call(admin, "POST", base + "/projects", json={"project": {
        "name": INSIDE, "parent_id": "contract-tree-nope"}})) == (
        400, "Could not find project: contract-tree-nope.")


def test_the_id_trees_hold_every_project(admin: ServiceClient, tree: dict[str, str]) -> None:
    base = v3(admin)
    leaf = call(admin, "GET", f"{base}/projects/{tree['c']}?parents_as_ids").json()["project"]
    assert leaf["parents"] == {tree["b"]: {tree["a"]: {"default": None}}}
    top = call(admin, "GET", f"{base}/projects/{tree['a']}?subtree_as_ids").json()["project"]
    assert top["subtree"] == {tree["b"]: {tree["c"]: None}}
    assert call(admin, "GET", f"{base}/projects/{tree['c']}?subtree_as_ids=1"
                ).json()["project"]["subtree"] is None
    assert call(admin, "GET", base + "/projects/default?parents_as_ids"
                ).json()["project"]["parents"] is None
    # Any value but 0 is on, `false` included.
    on = call(admin, "GET", f"{base}/projects/{tree['c']}?parents_as_ids=false").json()
    assert on["project"]["parents"] == leaf["parents"]
    off = call(admin, "GET", f"{base}/projects/{tree['c']}?parents_as_ids=0").json()
    assert "parents" not in off["project"]


def test_the_lists_hold_the_projects_the_caller_has_a_role_on(
        admin: ServiceClient, tree: dict[str, str]) -> None:
    base = v3(admin)
    assert call(admin, "GET", f"{base}/projects/{tree['c']}?parents_as_list"
                ).json()["project"]["parents"] == []
    (me,) = call(admin, "GET", base + "/users?name=admin").json()["users"]
    reader = next(r for r in call(admin, "GET", base + "/roles?name=reader").json()["roles"])
    grant = f"{base}/projects/{tree['b']}/users/{me['id']}/roles/{reader['id']}"
    assert call(admin, "PUT", grant).status_code == 204
    parents = call(admin, "GET", f"{base}/projects/{tree['c']}?parents_as_list&include_limits"
                   ).json()["project"]["parents"]
    assert [p["project"]["id"] for p in parents] == [tree["b"]]
    listed = parents[0]["project"]
    assert (listed["name"], listed["parent_id"], listed["limits"]) == (TREE[1], tree["a"], [])
    assert listed["links"]["self"] == f"{base}/projects/{tree['b']}"
    subtree = call(admin, "GET", f"{base}/projects/{tree['a']}?subtree_as_list"
                   ).json()["project"]["subtree"]
    assert [p["project"]["id"] for p in subtree] == [tree["b"]]
    assert "limits" not in subtree[0]["project"]
    assert call(admin, "DELETE", grant).status_code == 204


@pytest.mark.parametrize("kind", ["parents", "subtree"])
def test_both_forms_at_once_are_refused_after_the_lookup(admin: ServiceClient,
                                                         tree: dict[str, str],
                                                         kind: str) -> None:
    base = v3(admin)
    query = f"?{kind}_as_list&{kind}_as_ids"
    assert message(call(admin, "GET", f"{base}/projects/{tree['c']}{query}")) == (
        400, f"Cannot use {kind}_as_list and {kind}_as_ids query params at the same time.")
    assert message(call(admin, "GET", f"{base}/projects/contract-tree-nope{query}")) == (
        404, "Could not find project: contract-tree-nope.")


def test_names_are_unique_per_domain_and_the_tree_closes_when_disabled(
        admin: ServiceClient, tree: dict[str, str]) -> None:
    base = v3(admin)
    dup = call(admin, "POST", base + "/projects", json={"project": {"name": f" {TREE[2]} "}})
    assert dup.status_code == 409
    assert dup.json()["error"]["message"].startswith(
        "Conflict occurred attempting to store project - it is not permitted to have two "
        f"projects with either the same name or same id in the same domain: name is {TREE[2]}, "
        "project id ")
    assert message(call(admin, "PATCH", f"{base}/projects/{tree['b']}",
                        json={"project": {"enabled": False}})) == (
        403, f"Cannot disable project {tree['b']} since its subtree contains enabled projects.")
    assert message(call(admin, "DELETE", f"{base}/projects/{tree['a']}")) == (
        403, f"Cannot delete the project {tree['a']} since it is not a leaf in the hierarchy. "
             "Use the cascade option if you want to delete a whole subtree.")
    for key in ("c", "b"):
        assert call(admin, "PATCH", f"{base}/projects/{tree[key]}",
                    json={"project": {"enabled": False}}).status_code == 200
    assert message(call(admin, "POST", base + "/projects", json={"project": {
        "name": INSIDE, "parent_id": tree["c"]}})) == (
        400, f"cannot create a project in a branch containing a disabled project: {tree['b']}")
    assert message(call(admin, "PATCH", f"{base}/projects/{tree['c']}",
                        json={"project": {"enabled": True}})) == (
        403, f"Cannot enable project {tree['c']} since it has disabled parents")


def test_the_tree_is_five_projects_deep_below_the_domain(admin: ServiceClient) -> None:
    base = v3(admin)
    _remove_projects(admin, DEEP)
    parent = None
    try:
        for name in DEEP[:5]:
            body = {"name": name, **({"parent_id": parent} if parent else {})}
            made = call(admin, "POST", base + "/projects", json={"project": body})
            assert made.status_code == 201, made.text
            parent = made.json()["project"]["id"]
        assert message(call(admin, "POST", base + "/projects", json={"project": {
            "name": DEEP[5], "parent_id": parent}})) == (
            403, f"Max hierarchy depth reached for {parent} branch.")
    finally:
        _remove_projects(admin, DEEP)


def test_a_member_sees_neither_its_domain_as_a_project_nor_the_list(
        openstack_identity: ServiceClient) -> None:
    base = v3(openstack_identity)
    assert message(call(openstack_identity, "GET", base + "/projects/default")) == (
        403, FORBIDDEN)
    assert message(call(openstack_identity, "GET", base + "/projects?is_domain=true")) == (
        403, "You are not authorized to perform the requested action: identity:list_projects.")
