"""The fake Keystone's admin API over REST: bodies, statuses and messages as Keystone's."""

from __future__ import annotations

import json
from typing import Any

import hypothesis.strategies as st
import pytest
import requests
from hypothesis import HealthCheck, given, settings

from stackdouble.fakes import FakeCloud
from tests.fakes.helpers import login, password_body, post_token


class Admin:
    """An admin token and short verbs on /v3."""

    def __init__(self, http: requests.Session, cloud: FakeCloud) -> None:
        self.http, self.cloud = http, cloud
        self.token = login(http, cloud, "admin")

    def __call__(self, method: str, path: str, body: Any = None,
                 token: str | None = None) -> requests.Response:
        return self.http.request(method, self.cloud.identity_v3_url + path, json=body,
                                 headers={"X-Auth-Token": token or self.token})


@pytest.fixture
def admin(cloud: FakeCloud, http: requests.Session) -> Admin:
    return Admin(http, cloud)


@pytest.mark.parametrize(("path", "body", "message"), [
    ("/users", {"user": {"name": "demo"}},
     "Conflict occurred attempting to store user - Duplicate entry found with name demo at "
     "domain ID default."),
    ("/roles", {"role": {"name": "member"}},
     "Conflict occurred attempting to store role - Duplicate entry found with name member."),
    ("/regions", {"region": {"id": "RegionOne"}},  # Keystone's doubled full stop
     "Conflict occurred attempting to store region - Duplicate ID, RegionOne.."),
    ("/domains", {"domain": {"name": "Default"}},
     "Conflict occurred attempting to store project - it is not permitted to have two projects "
     "acting as domains with the same name: Default."),
])
def test_a_duplicate_is_409_with_keystones_text(admin: Admin, path: str, body: Any,
                                                message: str) -> None:
    resp = admin("POST", path, body)
    assert resp.status_code == 409
    assert resp.json()["error"] == {"code": 409, "title": "Conflict", "message": message}


def test_a_duplicate_group_names_its_domain(admin: Admin) -> None:
    admin("POST", "/groups", {"group": {"name": "ops"}})
    assert admin("POST", "/groups", {"group": {"name": "ops"}}).json()["error"]["message"] == (
        "Conflict occurred attempting to store group - Duplicate entry found with name ops at "
        "domain ID default.")


@pytest.mark.parametrize(("path", "body", "message"), [
    ("/projects", {"project": {"name": 5}},
     "Invalid input for field/attribute name. Value: 5. 5 is not of type 'string'"),
    ("/projects", {"project": {"name": "x"}, "extra": 1},
     "Additional properties are not allowed ('extra' was unexpected)"),
    ("/users", {}, "'user' is a required property"),
    ("/users", {"user": {"name": ""}},
     "Invalid input for field/attribute name. Value: . '' should be non-empty"),
    ("/groups", {"group": {"description": "no name"}},
     "Invalid input for field/attribute group. Value: {'description': 'no name'}. "
     "'name' is a required property"),
    ("/endpoints", {"endpoint": {"service_id": "s", "interface": "sideways", "url": "http://x"}},
     "Invalid input for field/attribute interface. Value: sideways. 'sideways' is not one of "
     "['admin', 'internal', 'public']"),
    ("/projects", {"project": {"name": "t", "tags": ["a", "a"]}},
     "Invalid input for field/attribute tags. Value: ['a', 'a']. ['a', 'a'] has non-unique "
     "elements"),
])
def test_a_malformed_body_is_400_and_changes_nothing(admin: Admin, cloud: FakeCloud, path: str,
                                                     body: Any, message: str) -> None:
    before = cloud.dump()
    resp = admin("POST", path, body)
    assert (resp.status_code, resp.json()["error"]["message"]) == (400, message)
    after = cloud.dump()
    assert (before["identity"], before["requests"] + 1) == (after["identity"],
                                                             after["requests"])


def test_a_domain_must_be_disabled_before_it_is_deleted(admin: Admin, cloud: FakeCloud) -> None:
    domain = admin("POST", "/domains", {"domain": {"name": "acme"}}).json()["domain"]
    admin("POST", "/projects", {"project": {"name": "web", "domain_id": domain["id"]}})
    refused = admin("DELETE", f"/domains/{domain['id']}")
    admin("PATCH", f"/domains/{domain['id']}", {"domain": {"enabled": False}})
    deleted = admin("DELETE", f"/domains/{domain['id']}")
    assert (refused.status_code, deleted.status_code) == (403, 204)
    assert refused.json()["error"]["message"] == (
        "Cannot delete a domain that is enabled, please disable it first.")
    assert all(p.domain_id != domain["id"] for p in cloud.identity.projects.values())


def test_a_project_with_children_cannot_be_deleted(admin: Admin) -> None:
    parent = admin("POST", "/projects", {"project": {"name": "top"}}).json()["project"]
    child = admin("POST", "/projects", {"project": {"name": "leaf", "parent_id": parent["id"]}})
    resp = admin("DELETE", f"/projects/{parent['id']}")
    assert child.json()["project"]["parent_id"] == parent["id"]
    assert resp.status_code == 403
    assert "is not a leaf in the hierarchy" in resp.json()["error"]["message"]


def test_project_tags_subresource(admin: Admin) -> None:
    pid = admin("POST", "/projects", {"project": {"name": "t", "tags": ["a"]}}).json()[
        "project"]["id"]
    added = admin("PUT", f"/projects/{pid}/tags/b")
    checked = admin("HEAD", f"/projects/{pid}/tags/b")
    missing = admin("GET", f"/projects/{pid}/tags/zzz")
    listed = admin("GET", f"/projects/{pid}/tags").json()["tags"]
    replaced = admin("PUT", f"/projects/{pid}/tags", {"tags": ["x"]}).json()["tags"]
    assert (added.status_code, checked.status_code, missing.status_code) == (201, 204, 404)
    assert (listed, replaced) == (["a", "b"], ["x"])


def test_changing_the_password_revokes_the_users_tokens(cloud: FakeCloud,
                                                        http: requests.Session) -> None:
    token = login(http, cloud, "demo")
    url = f"{cloud.identity_v3_url}/users/{cloud.user_id('demo')}/password"
    wrong = http.post(url, json={"user": {"original_password": "nope", "password": "n"}})
    right = http.post(url, json={"user": {"original_password": "demo-secret", "password": "n"}})
    old = http.get(cloud.identity_v3_url + "/auth/projects", headers={"X-Auth-Token": token})
    fresh = post_token(http, cloud, password_body("demo", "n"))
    assert (wrong.status_code, right.status_code) == (401, 204)
    assert (old.status_code, fresh.status_code) == (401, 201)


def test_deleting_a_user_invalidates_its_tokens(admin: Admin, cloud: FakeCloud,
                                                http: requests.Session) -> None:
    token = login(http, cloud, "demo")
    admin("DELETE", f"/users/{cloud.user_id('demo')}")
    assert admin("GET", "/auth/projects", token=token).status_code == 401


def test_effective_assignments_expand_groups_and_implied_roles(admin: Admin,
                                                               cloud: FakeCloud) -> None:
    gid = admin("POST", "/groups", {"group": {"name": "devs"}}).json()["group"]["id"]
    uid, pid = cloud.user_id("demo"), cloud.project_id("admin")
    member = cloud.identity.find_role("member").id
    admin("PUT", f"/groups/{gid}/users/{uid}")
    admin("PUT", f"/projects/{pid}/groups/{gid}/roles/{member}")
    direct = admin("GET", f"/role_assignments?group.id={gid}").json()["role_assignments"]
    effective = admin("GET", f"/role_assignments?user.id={uid}&scope.project.id={pid}"
                             "&effective&include_names").json()["role_assignments"]
    assert [a["group"]["id"] for a in direct] == [gid]
    assert sorted(a["role"]["name"] for a in effective) == ["member", "reader"]
    reader = next(a for a in effective if a["role"]["name"] == "reader")
    assert reader["links"]["membership"] == f"{cloud.identity_v3_url}/groups/{gid}/users/{uid}"
    assert reader["links"]["prior_role"].endswith(f"/implies/{member}")
    assert reader["user"] == {"id": uid, "name": "demo",
                              "domain": {"id": "default", "name": "Default"}}


def test_a_group_role_reaches_its_members_tokens(admin: Admin, cloud: FakeCloud,
                                                 http: requests.Session) -> None:
    gid = admin("POST", "/groups", {"group": {"name": "ops"}}).json()["group"]["id"]
    admin("PUT", f"/groups/{gid}/users/{cloud.user_id('demo')}")
    admin("PUT", f"/projects/{cloud.project_id('service')}/groups/{gid}/roles/"
                 f"{cloud.identity.find_role('reader').id}")
    resp = post_token(http, cloud, password_body(project="service"))
    assert [r["name"] for r in resp.json()["token"]["roles"]] == ["reader"]


def test_implied_roles_are_created_checked_and_deleted(admin: Admin, cloud: FakeCloud) -> None:
    prior = admin("POST", "/roles", {"role": {"name": "auditor"}}).json()["role"]["id"]
    reader = cloud.identity.find_role("reader").id
    created = admin("PUT", f"/roles/{prior}/implies/{reader}")
    again = admin("PUT", f"/roles/{prior}/implies/{reader}")
    checked = admin("HEAD", f"/roles/{prior}/implies/{reader}")
    listed = admin("GET", f"/roles/{prior}/implies").json()["role_inference"]["implies"]
    deleted = admin("DELETE", f"/roles/{prior}/implies/{reader}")
    gone = admin("GET", f"/roles/{prior}/implies/{reader}")
    assert created.json()["role_inference"]["implies"]["name"] == "reader"
    assert (created.status_code, again.status_code, checked.status_code) == (201, 409, 204)
    assert [r["id"] for r in listed] == [reader]
    assert (deleted.status_code, gone.status_code) == (204, 404)
    assert gone.json()["error"]["message"] == f"{prior} does not imply {reader}."


def test_admin_cannot_be_an_implied_role(admin: Admin, cloud: FakeCloud) -> None:
    admin_role = cloud.identity.find_role("admin").id
    resp = admin("PUT", f"/roles/{cloud.identity.find_role('reader').id}/implies/{admin_role}")
    assert resp.status_code == 403
    assert resp.json()["error"]["message"] == f"{admin_role} cannot be an implied roles."


def test_an_application_credential_shows_its_secret_once(admin: Admin, cloud: FakeCloud) -> None:
    base = f"/users/{cloud.user_id('admin')}/application_credentials"
    created = admin("POST", base, {"application_credential": {"name": "ci"}}).json()[
        "application_credential"]
    shown = admin("GET", f"{base}/{created['id']}").json()["application_credential"]
    assert len(created["secret"]) == 86
    assert "secret" not in shown
    assert [r["name"] for r in created["roles"]] == ["admin", "manager", "member", "reader"]
    assert sorted(r["id"] for r in created["roles"]) == [r["id"] for r in shown["roles"]]


def test_an_application_credential_cannot_hold_a_role_the_token_lacks(
        cloud: FakeCloud, http: requests.Session) -> None:
    resp = http.post(f"{cloud.identity_v3_url}/users/{cloud.user_id('demo')}"
                     "/application_credentials",
                     json={"application_credential": {"name": "x", "roles": [{"name": "admin"}]}},
                     headers={"X-Auth-Token": login(http, cloud)})
    assert (resp.status_code, resp.json()["error"]["message"]) == (
        400, "Invalid application credential: Cannot create an application credential with "
             "unassigned role")


def test_a_new_endpoint_shows_in_new_tokens_with_the_project_filled_in(
        admin: Admin, cloud: FakeCloud, http: requests.Session) -> None:
    sid = admin("POST", "/services", {"service": {"type": "dns", "name": "designate"}}).json()[
        "service"]["id"]
    admin("POST", "/endpoints", {"endpoint": {"service_id": sid, "interface": "public",
                                              "url": "http://dns.example/$(project_id)s",
                                              "region_id": "RegionOne"}})
    catalog = post_token(http, cloud, password_body()).json()["token"]["catalog"]
    dns = next(s for s in catalog if s["type"] == "dns")
    assert dns["endpoints"][0]["url"] == f"http://dns.example/{cloud.project_id('demo')}"


def test_groups_page_as_keystone_27(admin: Admin, cloud: FakeCloud) -> None:
    for name in "abc":
        cloud.identity.create_group(name)
    first = admin("GET", "/groups?limit=2").json()
    missing = admin("GET", "/groups?marker=nope")
    assert first["truncated"] is True
    assert first["links"]["next"].startswith(cloud.identity_v3_url + "/groups?limit=2&marker=")
    assert (missing.status_code, missing.json()["error"]["message"]) == (
        404, "Marker nope could not be found.")


def test_system_scope_for_an_admin_token(cloud: FakeCloud, http: requests.Session) -> None:
    resp = post_token(http, cloud, password_body("admin", "admin-secret",
                                                 scope={"system": {"all": True}}))
    system = http.get(cloud.identity_v3_url + "/auth/system",
                      headers={"X-Auth-Token": resp.headers["X-Subject-Token"]}).json()
    assert resp.json()["token"]["system"] == {"all": True}
    assert system["system"] == [{"all": True}]


_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.text(" ab,/", max_size=3),
              st.sampled_from(["true", "off", "x" * 70, "public", "http://x"])),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["name", "domain_id", "enabled", "tags", "interface",
                                         "url", "service_id", "description", "zzz"]),
                        inner, max_size=3)),
    max_leaves=6)


@settings(max_examples=300, deadline=None)
@given(which=st.sampled_from(["PROJECT_CREATE", "USER_UPDATE", "GROUP_CREATE", "DOMAIN_UPDATE",
                              "ENDPOINT_CREATE", "ROLE_CREATE"]),
       key=st.sampled_from(["project", "user", "group", "domain", "endpoint", "role", "x"]),
       inner=_VALUES, more=st.booleans())
def test_admin_schema_errors_read_as_jsonschemas(which: str, key: str, inner: Any,
                                                 more: bool) -> None:
    import jsonschema  # a test dependency: Keystone's messages are jsonschema's

    from stackdouble.fakes.identity import schema

    target = getattr(schema, which)
    body = {key: inner, **({"zzz": 1} if more else {})}
    theirs = next(iter(jsonschema.Draft202012Validator(target).iter_errors(body)), None)
    mine = schema.first_error(target, body)
    assert (mine is None) == (theirs is None)
    if mine is not None and theirs is not None:
        assert (mine.message, list(mine.path)) == (theirs.message, list(theirs.path))


def test_an_application_credential_cannot_expire_in_the_past(cloud: FakeCloud,
                                                             http: requests.Session) -> None:
    resp = http.post(f"{cloud.identity_v3_url}/users/{cloud.user_id('demo')}"
                     "/application_credentials",
                     json={"application_credential": {"name": "old",
                                                      "expires_at": "2001-01-01T00:00:00Z"}},
                     headers={"X-Auth-Token": login(http, cloud)})
    assert resp.status_code == 400
    assert resp.json()["error"]["message"].startswith("The 'expires_at' must not be before now.")


_KEYS = st.sampled_from(["project", "user", "group", "domain", "role", "region", "service",
                         "endpoint", "application_credential", "name", "id", "enabled",
                         "tags", "domain_id", "parent_id", "roles", "expires_at", "password",
                         "original_password", "interface", "url", "service_id", "region_id",
                         "type", "description", "secret", "unrestricted"])
_SHAPED = st.recursive(
    st.none() | st.booleans() | st.integers(-2, 2) | _KEYS | st.lists(_KEYS, max_size=2),
    lambda children: st.dictionaries(_KEYS, children, max_size=4), max_leaves=12)
_TARGETS = ["/projects", "/users", "/groups", "/domains", "/roles", "/regions", "/services",
            "/endpoints", "PATCH /projects/{p}", "PATCH /users/{d}", "PATCH /domains/{o}",
            "POST /users/{u}/application_credentials", "POST /users/{u}/password",
            "PUT /projects/{p}/tags", "PATCH /regions/RegionOne"]


@pytest.fixture(scope="module")
def fuzz_cloud() -> Any:
    with FakeCloud(seed=21, base_url="http://fuzz.stackdouble.test") as fake, \
            requests.Session() as http:
        fake.identity.create_domain("other", domain_id="other")
        yield fake, login(http, fake, "admin")


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=st.sampled_from(_TARGETS),
       body=st.binary(max_size=24) | _SHAPED.map(lambda v: json.dumps(v).encode()))
def test_admin_calls_with_arbitrary_bodies_never_get_a_500(fuzz_cloud: Any, target: str,
                                                           body: bytes) -> None:
    cloud, token = fuzz_cloud
    method, _, path = target.rpartition(" ")
    path = path.format(p=cloud.project_id("demo"), u=cloud.user_id("admin"),
                       d=cloud.user_id("demo"), o="other")
    before = cloud.identity.dump()
    resp = requests.request(method or "POST", cloud.identity_v3_url + path, data=body,
                            headers={"Content-Type": "application/json",
                                     "X-Auth-Token": token})
    assert resp.status_code < 500
    if resp.status_code >= 400:
        assert cloud.identity.dump() == before


def test_users_and_groups_mark_only_pages_that_have_more(admin: Admin, cloud: FakeCloud) -> None:
    """Real Keystone 30: the identity backend asks for one row more, the resource one not."""
    users = admin("GET", "/users?limit=2").json()  # exactly the two users
    projects = admin("GET", "/projects?limit=3").json()  # exactly the three projects
    assert (users["links"]["next"], "truncated" in users) == (None, False)
    assert (projects["links"]["next"] is not None, projects["truncated"]) == (True, True)


def test_bootstrap_roles_are_immutable(admin: Admin, cloud: FakeCloud) -> None:
    reader = cloud.identity.find_role("reader").id
    shown = admin("GET", f"/roles/{reader}").json()["role"]
    resp = admin("DELETE", f"/roles/{reader}")
    assert shown["options"] == {"immutable": True}
    assert (resp.status_code, resp.json()["error"]["message"]) == (
        403, f'Unable to delete immutable role resource: `{reader}. Set resource option '
             '"immutable" to false first.')


def test_a_member_asking_for_an_unknown_project_gets_403_before_404(
        cloud: FakeCloud, http: requests.Session) -> None:
    resp = http.get(cloud.identity_v3_url + "/projects/nope",
                    headers={"X-Auth-Token": login(http, cloud)})
    assert resp.status_code == 403
    assert resp.json()["error"]["message"].endswith("identity:get_project.")


def test_an_unknown_role_is_404_even_for_a_member(cloud: FakeCloud,
                                                  http: requests.Session) -> None:
    resp = http.delete(cloud.identity_v3_url + "/roles/nope",
                       headers={"X-Auth-Token": login(http, cloud)})
    assert (resp.status_code, resp.json()["error"]["message"]) == (
        404, "Could not find role: nope.")


def test_user_and_group_filters_together_are_keystones_query_error(admin: Admin) -> None:
    resp = admin("GET", "/role_assignments?group.id=g&user.id=u")
    assert resp.json()["error"]["message"] == (
        "ImmutableMultiDict([('group.id', 'g'), ('user.id', 'u')]) is valid under each of "
        "{'required': ['group.id']}, {'required': ['user.id']}")


def test_an_endpoint_in_an_unknown_region_is_400(admin: Admin, cloud: FakeCloud) -> None:
    sid = cloud.identity.find_service("nova").id
    resp = admin("POST", "/endpoints", {"endpoint": {"service_id": sid, "interface": "public",
                                                     "url": "http://x", "region_id": "nope"}})
    assert resp.json()["error"]["message"] == (
        "Expecting to find endpoint region_id in region table. The server could not comply "
        "with the request since it is either malformed or otherwise incorrect. The client is "
        "assumed to be in error.")


def test_a_password_change_body_is_checked_by_keystones_older_validator(
        cloud: FakeCloud, http: requests.Session) -> None:
    resp = http.post(f"{cloud.identity_v3_url}/users/{cloud.user_id('demo')}/password",
                     json={"user": {"password": "y"}})
    assert resp.json()["error"]["message"] == (
        "'original_password' is a required property\n\nFailed validating 'required' in "
        "schema:\n    {'type': 'object',\n     'properties': {'original_password': "
        "{'type': 'string'},\n                    'password': {'type': 'string'}},\n     "
        "'required': ['original_password', 'password'],\n     'additionalProperties': "
        "False}\n\nOn instance:\n    {'password': 'y'}")
