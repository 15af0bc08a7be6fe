"""The fake Keystone's projects acting as domains, its project hierarchy queries, its token
catalogs and its policy scopes, as Keystone 30.0.0 answers (`keystone/api/projects.py`,
`keystone/resource/core.py`, `keystone/catalog/backends/sql.py`, the `scope_types` of
`keystone/common/policies/*.py`; each answer checked against a real Keystone 30)."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.identity.policy import SCOPE_TYPES
from tests.fakes.helpers import login, password_body, post_token

BOOLEANS = ("[True, 'True', 'TRUE', 'true', False, 'False', 'FALSE', 'false', '', '1', '0', "
            "'y', 'Y', 'n', 'N', 'on', 'ON', 'off', 'OFF', 'yes', 'no']")


class Api:
    """The v3 API as one caller."""

    def __init__(self, http: requests.Session, cloud: FakeCloud, token: str) -> None:
        self.http, self.v3, self.token = http, cloud.identity_v3_url, token

    def __call__(self, method: str, path: str, body: Any = None) -> requests.Response:
        return self.http.request(method, self.v3 + path, json=body,
                                 headers={"X-Auth-Token": self.token})

    def create(self, **project: Any) -> str:
        resp = self("POST", "/projects", {"project": project})
        assert resp.status_code == 201, resp.text
        return str(resp.json()["project"]["id"])


@pytest.fixture
def admin(http: requests.Session, cloud: FakeCloud) -> Api:
    return Api(http, cloud, login(http, cloud, "admin"))


def error(resp: requests.Response) -> tuple[int, str]:
    return resp.status_code, resp.json()["error"]["message"]


def scoped(http: requests.Session, cloud: FakeCloud, user: str, password: str,
           scope: Any) -> Api:
    resp = post_token(http, cloud, password_body(user, password, scope=scope))
    assert resp.status_code == 201, resp.text
    return Api(http, cloud, resp.headers["X-Subject-Token"])


# -- projects acting as domains -------------------------------------------------------------


def test_a_project_created_as_a_domain_is_a_domain_with_the_same_id(admin: Api) -> None:
    resp = admin("POST", "/projects", {"project": {"name": "acme", "is_domain": True,
                                                   "description": "d"}})
    assert resp.status_code == 201
    project = resp.json()["project"]
    assert (project["is_domain"], project["domain_id"], project["parent_id"]) == (
        True, None, None)
    assert project["links"]["self"].endswith(f"/v3/projects/{project['id']}")
    domain = admin("GET", f"/domains/{project['id']}").json()["domain"]
    assert (domain["name"], domain["description"], domain["enabled"]) == ("acme", "d", True)
    assert admin("GET", f"/projects/{project['id']}").json()["project"] == project


def test_listing_with_is_domain_lists_the_domains_and_only_them(admin: Api) -> None:
    dom = admin.create(name="acme", is_domain=True)
    listed = admin("GET", "/projects?is_domain=true").json()["projects"]
    assert sorted(p["id"] for p in listed) == sorted([dom, "default"])
    assert all(p["is_domain"] and p["domain_id"] is None for p in listed)
    plain = admin("GET", "/projects").json()["projects"]
    assert dom not in [p["id"] for p in plain]
    assert not any(p["is_domain"] for p in plain)
    assert [p["id"] for p in admin("GET", "/projects?is_domain=1&name=acme").json()[
        "projects"]] == [dom]
    assert admin("GET", "/projects?is_domain=true&domain_id=default").json()["projects"] == []


def test_a_bad_is_domain_value_is_keystones_400(admin: Api) -> None:
    assert error(admin("GET", "/projects?is_domain=maybe")) == (
        400, f"Invalid input for field/attribute is_domain. Value: maybe. 'maybe' is not one "
             f"of {BOOLEANS}")


def test_domain_names_are_unique_among_domains_only(admin: Api) -> None:
    admin.create(name="acme", is_domain=True)
    message = ("Conflict occurred attempting to store project - it is not permitted to have "
               "two projects acting as domains with the same name: acme.")
    assert error(admin("POST", "/projects", {"project": {"name": "acme", "is_domain": True}})
                 ) == (409, message)
    assert error(admin("POST", "/domains", {"domain": {"name": "acme"}})) == (409, message)
    admin.create(name="acme")  # a project of Default may share a domain's name


@pytest.mark.parametrize("where", [{"domain_id": "default"}, {"parent_id": "default"}])
def test_a_domain_is_a_root(admin: Api, where: dict[str, str]) -> None:
    body = {"project": {"name": "acme", "is_domain": True, **where}}
    assert error(admin("POST", "/projects", body)) == (
        400, "only root projects are allowed to act as domains.")


def test_project_names_are_unique_per_domain_not_per_parent(admin: Api) -> None:
    parent = admin.create(name="parent")
    first = admin.create(name="team", parent_id=parent)
    status, message = error(admin("POST", "/projects", {"project": {"name": " team "}}))
    # The message names the refused project's new id, not the existing one's.
    assert (status, message[:-33]) == (
        409, "Conflict occurred attempting to store project - it is not permitted to have "
             "two projects with either the same name or same id in the same domain: name is "
             "team, project id ")
    assert first not in message


def test_a_domain_is_updated_through_the_projects_api(admin: Api) -> None:
    dom = admin.create(name="acme", is_domain=True)
    resp = admin("PATCH", f"/projects/{dom}", {"project": {"name": "acme2", "description": "x"}})
    assert resp.status_code == 200
    assert resp.json()["project"]["extra"] == {}
    assert admin("GET", f"/domains/{dom}").json()["domain"]["name"] == "acme2"
    assert error(admin("PATCH", f"/projects/{dom}", {"project": {"is_domain": False}})) == (
        400, "Update of `is_domain` is not allowed.")


def test_a_project_cannot_become_a_domain_nor_move(admin: Api) -> None:
    project = admin.create(name="team")
    assert error(admin("PATCH", f"/projects/{project}", {"project": {"is_domain": True}})) == (
        400, "Update of `is_domain` is not allowed.")
    assert error(admin("PATCH", f"/projects/{project}", {"project": {"domain_id": "x"}})) == (
        400, "Cannot change Domain ID")
    same = admin("PATCH", f"/projects/{project}", {"project": {"is_domain": False}})
    assert same.status_code == 200


def test_a_domain_is_deleted_through_the_projects_api_once_disabled(admin: Api) -> None:
    dom = admin.create(name="acme", is_domain=True)
    child = admin.create(name="inside", domain_id=dom)
    assert error(admin("DELETE", f"/projects/{dom}")) == (
        403, "Cannot delete a domain that is enabled, please disable it first.")
    assert admin("PATCH", f"/projects/{dom}", {"project": {"enabled": False}}).status_code == 200
    assert admin("DELETE", f"/projects/{dom}").status_code == 204
    assert error(admin("GET", f"/projects/{child}")) == (404, f"Could not find project: {child}.")
    assert error(admin("GET", f"/domains/{dom}")) == (404, f"Could not find domain: {dom}.")


def test_a_domains_tags_are_kept_through_the_projects_api(admin: Api) -> None:
    dom = admin.create(name="acme", is_domain=True)
    assert admin("PUT", f"/projects/{dom}/tags", {"tags": ["b", "a"]}).json()["tags"] == [
        "a", "b"]
    assert admin("PUT", f"/projects/{dom}/tags/c").status_code == 201
    assert sorted(admin("GET", f"/domains/{dom}").json()["domain"]["tags"]) == ["a", "b", "c"]
    assert admin("DELETE", f"/projects/{dom}/tags/c").status_code == 204
    assert error(admin("DELETE", f"/projects/{dom}/tags/c")) == (
        404, "Could not find project tag: c.")
    # The tag is checked before the project is looked up.
    assert admin("PUT", "/projects/nope/tags/a,b").status_code == 400
    assert error(admin("PUT", "/projects/nope/tags/a")) == (404, "Could not find project: nope.")


def test_a_disabled_domain_blocks_new_projects_and_reenabling_its_projects(admin: Api) -> None:
    dom = admin.create(name="acme", is_domain=True)
    child = admin.create(name="inside", domain_id=dom)
    assert admin("PATCH", f"/projects/{child}", {"project": {"enabled": False}}
                 ).status_code == 200
    admin("PATCH", f"/projects/{dom}", {"project": {"enabled": False}})
    assert error(admin("POST", "/projects", {"project": {"name": "x", "domain_id": dom}})) == (
        400, f"cannot create a project in a branch containing a disabled project: {dom}")
    assert error(admin("PATCH", f"/projects/{child}", {"project": {"enabled": True}})) == (
        403, f"Cannot enable project {child} since it has disabled parents")


def test_a_parent_in_another_domain_is_refused(admin: Api) -> None:
    dom = admin.create(name="acme", is_domain=True)
    inside = admin.create(name="inside", domain_id=dom)
    # Without a domain_id the project's domain is the token's or Default, never the parent's.
    assert error(admin("POST", "/projects", {"project": {"name": "x", "parent_id": inside}})) == (
        400, "Cannot create project, since it specifies its domain_id default, but specifies "
             f"a parent in a different domain ({dom}).")
    assert error(admin("POST", "/projects", {"project": {"name": "x", "parent_id": dom}})) == (
        400, f"Cannot create project, the parent ({dom}) is acting as a domain, but this "
             "project's domain id (default) does not match the parent's id.")
    assert error(admin("POST", "/projects", {"project": {"name": "x", "parent_id": "nope"}})) == (
        400, "Could not find project: nope.")


def test_the_tree_is_five_projects_deep_below_the_domain(admin: Api) -> None:
    parent = None
    for level in range(1, 6):
        parent = admin.create(name=f"l{level}", **({"parent_id": parent} if parent else {}))
    assert error(admin("POST", "/projects", {"project": {"name": "l6", "parent_id": parent}})) == (
        403, f"Max hierarchy depth reached for {parent} branch.")


def test_disabling_a_project_needs_its_subtree_disabled(admin: Api) -> None:
    parent = admin.create(name="parent")
    child = admin.create(name="child", parent_id=parent)
    assert error(admin("PATCH", f"/projects/{parent}", {"project": {"enabled": False}})) == (
        403, f"Cannot disable project {parent} since its subtree contains enabled projects.")
    admin("PATCH", f"/projects/{child}", {"project": {"enabled": False}})
    assert admin("PATCH", f"/projects/{parent}", {"project": {"enabled": False}}
                 ).status_code == 200
    assert error(admin("POST", "/projects", {"project": {"name": "x", "parent_id": child}})) == (
        400, f"cannot create a project in a branch containing a disabled project: {parent}")


def test_a_domain_as_project_is_for_admins_and_system_readers(
        http: requests.Session, cloud: FakeCloud) -> None:
    member = Api(http, cloud, login(http, cloud))
    assert error(member("GET", "/projects/default")) == (
        403, "You are not authorized to perform the requested action: identity:get_project.")
    cloud.identity.grant_role("reader", "demo", domain="default")
    reader = scoped(http, cloud, "demo", "demo-secret", {"domain": {"id": "default"}})
    assert reader("GET", "/projects/default").status_code == 403
    assert reader("GET", "/projects?is_domain=true").json()["projects"] == []
    assert reader("GET", "/projects?domain_id=elsewhere").json()["projects"] == []


# -- the hierarchy --------------------------------------------------------------------------


@pytest.fixture
def tree(admin: Api) -> dict[str, str]:
    """a > b > c in Default."""
    a = admin.create(name="a")
    b = admin.create(name="b", parent_id=a)
    return {"a": a, "b": b, "c": admin.create(name="c", parent_id=b)}


def test_parents_as_ids_nest_up_to_the_domain(admin: Api, tree: dict[str, str]) -> None:
    project = admin("GET", f"/projects/{tree['c']}?parents_as_ids").json()["project"]
    assert project["parents"] == {tree["b"]: {tree["a"]: {"default": None}}}
    domain = admin("GET", "/projects/default?parents_as_ids").json()["project"]
    assert domain["parents"] is None


def test_subtree_as_ids_nest_down_to_the_leaves(admin: Api, tree: dict[str, str]) -> None:
    project = admin("GET", f"/projects/{tree['a']}?subtree_as_ids").json()["project"]
    assert project["subtree"] == {tree["b"]: {tree["c"]: None}}
    leaf = admin("GET", f"/projects/{tree['c']}?subtree_as_ids=1").json()["project"]
    assert leaf["subtree"] is None
    domain = admin("GET", "/projects/default?subtree_as_ids").json()["project"]["subtree"]
    assert domain[tree["a"]] == {tree["b"]: {tree["c"]: None}}


def test_the_lists_hold_only_projects_the_caller_has_a_role_on(
        admin: Api, tree: dict[str, str], cloud: FakeCloud) -> None:
    assert admin("GET", f"/projects/{tree['c']}?parents_as_list").json()["project"][
        "parents"] == []
    cloud.identity.grant_role("reader", "admin", project=tree["b"])
    parents = admin("GET", f"/projects/{tree['c']}?parents_as_list").json()["project"]["parents"]
    assert [p["project"]["id"] for p in parents] == [tree["b"]]
    assert parents[0]["project"]["links"]["self"].endswith(f"/v3/projects/{tree['b']}")
    subtree = admin("GET", f"/projects/{tree['a']}?subtree_as_list&include_limits").json()[
        "project"]["subtree"]
    assert [(p["project"]["id"], p["project"]["limits"]) for p in subtree] == [(tree["b"], [])]


def test_include_limits_lists_each_projects_limits_without_links(
        admin: Api, tree: dict[str, str], cloud: FakeCloud) -> None:
    service = cloud.identity.find_service("nova").id
    admin("POST", "/registered_limits", {"registered_limits": [
        {"service_id": service, "resource_name": "cores", "default_limit": 10}]})
    made = admin("POST", "/limits", {"limits": [
        {"service_id": service, "project_id": tree["b"], "resource_name": "cores",
         "resource_limit": 5}]})
    assert made.status_code == 201, made.text
    cloud.identity.grant_role("reader", "admin", project=tree["b"])
    parents = admin("GET", f"/projects/{tree['c']}?parents_as_list&include_limits").json()[
        "project"]["parents"]
    (limit,) = parents[0]["project"]["limits"]
    assert (limit["project_id"], limit["resource_name"], limit["resource_limit"]) == (
        tree["b"], "cores", 5)
    assert "links" not in limit


def test_a_flag_is_on_unless_it_is_zero(admin: Api, tree: dict[str, str]) -> None:
    on = admin("GET", f"/projects/{tree['c']}?parents_as_ids=false").json()["project"]
    assert on["parents"] == {tree["b"]: {tree["a"]: {"default": None}}}
    off = admin("GET", f"/projects/{tree['c']}?parents_as_ids=0").json()["project"]
    assert "parents" not in off


@pytest.mark.parametrize("kind", ["parents", "subtree"])
def test_both_forms_at_once_are_a_400_after_the_404(admin: Api, tree: dict[str, str],
                                                    kind: str) -> None:
    query = f"?{kind}_as_list&{kind}_as_ids"
    assert error(admin("GET", f"/projects/{tree['c']}{query}")) == (
        400, f"Cannot use {kind}_as_list and {kind}_as_ids query params at the same time.")
    assert error(admin("GET", f"/projects/nope{query}")) == (404, "Could not find project: nope.")


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(shape=st.lists(st.integers(min_value=0, max_value=8), min_size=1, max_size=9))
def test_the_id_trees_agree_with_each_projects_parent(cloud: FakeCloud, shape: list[int]) -> None:
    """Whatever the tree, `subtree_as_ids` of the domain holds every project once, under
    its parent, and `parents_as_ids` of each is its chain of parents up to the domain."""
    identity = cloud.identity
    made: list[str] = []
    for i, pick in enumerate(shape):
        # Under an earlier project while the tree allows it, else at the top of Default.
        parent = made[pick] if pick < len(made) and len(
            identity.project_parent_ids(made[pick])) < 5 else None
        made.append(identity.create_project(f"h{i}-{len(identity.projects)}",
                                            parent_id=parent).id)

    def flatten(tree: dict[str, Any] | None, parent: str) -> list[tuple[str, str]]:
        return [pair for kid, below in (tree or {}).items()
                for pair in [(kid, parent), *flatten(below, kid)]]

    pairs = dict(flatten(identity.subtree_as_ids("default"), "default"))
    assert {p: identity.projects[p].parent_id for p in made} == {p: pairs[p] for p in made}
    for project in made:
        chain, tree = [], identity.parents_as_ids(project)
        while tree:
            (up, tree), = tree.items()
            chain.append(up)
        assert chain[-1] == "default"
        assert chain[0] == identity.projects[project].parent_id


# -- the catalog ----------------------------------------------------------------------------


def test_a_service_without_endpoints_stays_in_the_catalog_with_none(
        admin: Api, http: requests.Session, cloud: FakeCloud) -> None:
    admin("POST", "/services", {"service": {"type": "empty", "name": "hollow"}})
    admin("POST", "/services", {"service": {"type": "empty"}})
    body = post_token(http, cloud, password_body()).json()["token"]
    empty = [{k: s[k] for k in ("endpoints", "type", "name")}
             for s in body["catalog"] if s["type"] == "empty"]
    assert empty == [{"endpoints": [], "type": "empty", "name": "hollow"},
                     {"endpoints": [], "type": "empty", "name": ""}]
    token = login(http, cloud)
    catalog = http.get(cloud.identity_v3_url + "/auth/catalog",
                       headers={"X-Auth-Token": token}).json()["catalog"]
    assert [s["name"] for s in catalog if s["type"] == "empty"] == ["hollow", ""]


def test_a_disabled_service_leaves_the_catalog(admin: Api, http: requests.Session,
                                               cloud: FakeCloud) -> None:
    made = admin("POST", "/services", {"service": {"type": "empty", "enabled": False}})
    assert made.status_code == 201
    body = post_token(http, cloud, password_body()).json()["token"]
    assert [s for s in body["catalog"] if s["type"] == "empty"] == []


def test_an_endpoint_filtered_project_drops_services_left_empty(
        admin: Api, http: requests.Session, cloud: FakeCloud) -> None:
    keystone = next(e for e in cloud.identity.endpoints.values()
                    if cloud.identity.services[e.service_id].type == "identity")
    demo = cloud.project_id("demo")
    assert admin("PUT", f"/OS-EP-FILTER/projects/{demo}/endpoints/{keystone.id}"
                 ).status_code == 204
    admin("POST", "/services", {"service": {"type": "empty"}})
    catalog = post_token(http, cloud, password_body()).json()["token"]["catalog"]
    assert [s["type"] for s in catalog] == ["identity"]


def test_a_v2_catalog_leaves_out_a_service_without_endpoints(
        admin: Api, http: requests.Session, cloud: FakeCloud) -> None:
    """Keystone's v2.0 `get_catalog` built the catalog from the endpoints (Pike's
    `keystone/catalog/backends/sql.py`): a service without one never showed."""
    if "v2.0" not in cloud.identity_versions:
        pytest.skip("this cloud serves no v2.0")
    admin("POST", "/services", {"service": {"type": "empty", "name": "hollow"}})
    body = {"auth": {"passwordCredentials": {"username": "demo", "password": "demo-secret"},
                     "tenantName": "demo"}}
    access = http.post(cloud.identity_v2_url + "/tokens", json=body).json()["access"]
    assert "empty" not in [s["type"] for s in access["serviceCatalog"]]


# -- the scopes of the policies -------------------------------------------------------------


@pytest.fixture
def domain_admin(http: requests.Session, cloud: FakeCloud) -> Api:
    """The admin user on a Default-domain token (it has the admin role there)."""
    return scoped(http, cloud, "admin", "admin-secret", {"domain": {"id": "default"}})


@pytest.mark.parametrize(("method", "path", "body"), [
    ("GET", "/services", None),
    ("GET", "/endpoints", None),
    ("POST", "/domains", {"domain": {"name": "new"}}),
    ("POST", "/roles", {"role": {"name": "new"}}),
    ("POST", "/regions", {"region": {"id": "RegionTwo"}}),
    ("GET", "/role_inferences", None),
])
def test_a_domain_scoped_admin_is_refused_what_keystone_scopes_to_system_and_project(
        domain_admin: Api, method: str, path: str, body: Any) -> None:
    status, message = error(domain_admin(method, path, body))
    assert status == 403
    assert message.startswith("You are not authorized to perform the requested action: ")


@pytest.mark.parametrize("path", ["/users", "/projects", "/domains", "/regions", "/groups"])
def test_a_domain_scoped_admin_reads_what_takes_every_scope(domain_admin: Api,
                                                            path: str) -> None:
    assert domain_admin("GET", path).status_code == 200


def test_a_project_admin_lists_every_user(admin: Api) -> None:
    """`identity:list_users` is `rule:admin_required or system reader or domain reader`, and
    `admin_required` is any token with the admin role."""
    names = [u["name"] for u in admin("GET", "/users").json()["users"]]
    assert {"admin", "demo"} <= set(names)


def test_a_system_reader_reads_but_does_not_write(http: requests.Session,
                                                  cloud: FakeCloud) -> None:
    identity = cloud.identity
    identity.create_user("auditor", password="auditor-pw")
    identity.grant_role("reader", "auditor", system=True)
    reader = scoped(http, cloud, "auditor", "auditor-pw", {"system": {"all": True}})
    for path in ("/users", "/projects", "/domains", "/services", "/role_assignments"):
        assert reader("GET", path).status_code == 200, path
    for path, body, rule in (("/users", {"user": {"name": "x"}}, "create_user"),
                             ("/projects", {"project": {"name": "x"}}, "create_project"),
                             ("/domains", {"domain": {"name": "x"}}, "create_domain")):
        assert error(reader("POST", path, body)) == (
            403, f"You are not authorized to perform the requested action: identity:{rule}.")
    assert reader("GET", "/auth/system").json()["system"] == [{"all": True}]


def test_a_system_grant_missing_names_the_system(admin: Api, cloud: FakeCloud) -> None:
    user, role = cloud.user_id("demo"), cloud.identity.find_role("reader").id
    assert error(admin("GET", f"/system/users/{user}/roles/{role}")) == (
        404, f"Could not find role assignment with role: {role}, user or group: {user}, "
             "project, domain, or system: system.")


def test_every_scoped_rule_is_a_keystone_scope() -> None:
    assert {frozenset(s) for s in SCOPE_TYPES.values()} == {
        frozenset({"system", "project"}), frozenset({"project"})}
