"""POST/GET/HEAD/DELETE /v3/auth/tokens as Keystone 30 answers them."""

from __future__ import annotations

import re

import requests

from stackdouble.fakes import FakeCloud
from tests.fakes.helpers import UNAUTHORIZED, login, password_body, post_token, token_body

TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z")


def test_password_auth_answers_201_with_subject_token(cloud: FakeCloud,
                                                      http: requests.Session) -> None:
    resp = post_token(http, cloud, password_body())
    assert resp.status_code == 201
    assert resp.headers["X-Subject-Token"].startswith("gAAAAA")
    assert len(resp.headers["X-Subject-Token"]) == 183


def test_project_token_has_keystones_keys_in_order(cloud: FakeCloud,
                                                   http: requests.Session) -> None:
    token = post_token(http, cloud, password_body()).json()["token"]
    assert list(token) == ["methods", "user", "audit_ids", "expires_at", "issued_at", "project",
                           "is_domain", "roles", "catalog"]
    assert list(token["user"]) == ["domain", "id", "name", "password_expires_at"]


def test_token_times_end_in_z_with_microseconds(cloud: FakeCloud, http: requests.Session) -> None:
    token = post_token(http, cloud, password_body()).json()["token"]
    assert token["issued_at"] == "2026-11-27T08:56:16.000000Z"
    assert token["expires_at"] == "2026-11-27T09:56:16.000000Z"
    assert TIMESTAMP.fullmatch(token["expires_at"])


def test_member_token_lists_the_implied_reader_role(cloud: FakeCloud,
                                                    http: requests.Session) -> None:
    roles = post_token(http, cloud, password_body()).json()["token"]["roles"]
    assert [r["name"] for r in roles] == ["member", "reader"]


def test_admin_token_lists_every_implied_role(cloud: FakeCloud, http: requests.Session) -> None:
    body = password_body("admin", "admin-secret", project="admin")
    roles = post_token(http, cloud, body).json()["token"]["roles"]
    assert [r["name"] for r in roles] == ["admin", "manager", "member", "reader"]


def test_catalog_substitutes_the_project_id(cloud: FakeCloud, http: requests.Session) -> None:
    token = post_token(http, cloud, password_body()).json()["token"]
    project_id = token["project"]["id"]
    swift = next(s for s in token["catalog"] if s["type"] == "object-store")
    urls = {e["interface"]: e["url"] for e in swift["endpoints"]}
    assert urls == {"public": f"{cloud.base_url}/v1/AUTH_{project_id}",
                    "internal": f"{cloud.base_url}/v1/AUTH_{project_id}",
                    "admin": cloud.base_url}


def test_catalog_lists_devstack_services_with_three_interfaces(cloud: FakeCloud,
                                                               http: requests.Session) -> None:
    catalog = post_token(http, cloud, password_body()).json()["token"]["catalog"]
    assert [(s["type"], s["name"]) for s in catalog] == [
        ("identity", "keystone"), ("compute", "nova"), ("object-store", "swift"),
        ("block-storage", "cinder"), ("volumev3", "cinderv3"), ("image", "glance"),
        ("network", "neutron")]
    for service in catalog:
        assert [e["interface"] for e in service["endpoints"]] == ["public", "internal", "admin"]
        assert list(service["endpoints"][0]) == ["id", "interface", "region_id", "url", "region"]


def test_catalog_repeats_endpoints_in_each_region(http: requests.Session) -> None:
    with FakeCloud(regions=("RegionOne", "RegionTwo")) as cloud:
        catalog = post_token(http, cloud, password_body()).json()["token"]["catalog"]
    compute = next(s for s in catalog if s["type"] == "compute")
    assert sorted({e["region"] for e in compute["endpoints"]}) == ["RegionOne", "RegionTwo"]


def test_nocatalog_leaves_the_catalog_out(cloud: FakeCloud, http: requests.Session) -> None:
    token = post_token(http, cloud, password_body(), "?nocatalog").json()["token"]
    assert "catalog" not in token


def test_password_auth_by_user_id(cloud: FakeCloud, http: requests.Session) -> None:
    user_id = cloud.identity.find_user("demo").id
    body = {"auth": {"identity": {"methods": ["password"], "password": {
        "user": {"id": user_id, "password": "demo-secret"}}},
        "scope": {"project": {"id": cloud.identity.find_project("demo").id}}}}
    assert post_token(http, cloud, body).json()["token"]["user"]["name"] == "demo"


def test_domain_scope_has_domain_and_no_project_templated_endpoints(
        cloud: FakeCloud, http: requests.Session) -> None:
    cloud.identity.grant_role("reader", "demo", domain="default")
    token = post_token(http, cloud, password_body(scope={"domain": {"id": "default"}})).json()
    body = token["token"]
    assert body["domain"] == {"id": "default", "name": "Default"}
    assert "project" not in body
    urls = [e["url"] for s in body["catalog"] for e in s["endpoints"]]
    assert not any("AUTH_" in url or "/volume/" in url for url in urls)


def test_system_scope_for_admin(cloud: FakeCloud, http: requests.Session) -> None:
    body = password_body("admin", "admin-secret", scope={"system": {"all": True}})
    token = post_token(http, cloud, body).json()["token"]
    assert token["system"] == {"all": True}
    assert "admin" in [r["name"] for r in token["roles"]]


def test_system_scope_without_a_system_role_is_401(cloud: FakeCloud,
                                                   http: requests.Session) -> None:
    resp = post_token(http, cloud, password_body(scope={"system": {"all": True}}))
    assert (resp.status_code, resp.json()) == (401, UNAUTHORIZED)


def test_unscoped_token_has_no_roles_catalog_or_project(cloud: FakeCloud,
                                                        http: requests.Session) -> None:
    token = post_token(http, cloud, password_body(project=None)).json()["token"]
    assert list(token) == ["methods", "user", "audit_ids", "expires_at", "issued_at"]


def test_no_scope_uses_the_default_project(cloud: FakeCloud, http: requests.Session) -> None:
    cloud.identity.create_user("carol", password="pw", default_project_id="demo")
    cloud.identity.grant_role("member", "carol", project="demo")
    token = post_token(http, cloud, password_body("carol", "pw", project=None)).json()["token"]
    assert token["project"]["name"] == "demo"


def test_explicit_unscoped_ignores_the_default_project(cloud: FakeCloud,
                                                       http: requests.Session) -> None:
    cloud.identity.create_user("carol", password="pw", default_project_id="demo")
    cloud.identity.grant_role("member", "carol", project="demo")
    token = post_token(http, cloud, password_body("carol", "pw", scope="unscoped")).json()
    assert "project" not in token["token"]


def test_wrong_password_is_401_with_keystones_envelope(cloud: FakeCloud,
                                                       http: requests.Session) -> None:
    resp = post_token(http, cloud, password_body(password="wrong"))
    assert (resp.status_code, resp.json()) == (401, UNAUTHORIZED)
    assert resp.headers["WWW-Authenticate"] == f'Keystone uri="{cloud.base_url}/identity/v3"'


def test_unknown_user_is_401(cloud: FakeCloud, http: requests.Session) -> None:
    resp = post_token(http, cloud, password_body(user="nobody"))
    assert (resp.status_code, resp.json()) == (401, UNAUTHORIZED)


def test_disabled_user_is_401(cloud: FakeCloud, http: requests.Session) -> None:
    cloud.identity.disable_user("demo")
    resp = post_token(http, cloud, password_body())
    assert (resp.status_code, resp.json()) == (401, UNAUTHORIZED)


def test_user_without_a_role_on_the_project_is_401(cloud: FakeCloud,
                                                   http: requests.Session) -> None:
    resp = post_token(http, cloud, password_body(project="admin"))
    assert (resp.status_code, resp.json()) == (401, UNAUTHORIZED)


def test_unknown_project_is_401(cloud: FakeCloud, http: requests.Session) -> None:
    resp = post_token(http, cloud, password_body(project="nope"))
    assert (resp.status_code, resp.json()) == (401, UNAUTHORIZED)


def test_token_method_rescopes_an_unscoped_token(cloud: FakeCloud,
                                                 http: requests.Session) -> None:
    unscoped = post_token(http, cloud, password_body(project=None))
    scope = {"project": {"name": "demo", "domain": {"id": "default"}}}
    resp = post_token(http, cloud, token_body(unscoped.headers["X-Subject-Token"], scope))
    token = resp.json()["token"]
    assert resp.status_code == 201
    assert token["methods"] == ["token", "password"]
    assert token["expires_at"] == unscoped.json()["token"]["expires_at"]
    assert token["audit_ids"][1] == unscoped.json()["token"]["audit_ids"][0]


def test_token_method_with_an_expired_token_is_404(cloud: FakeCloud,
                                                   http: requests.Session) -> None:
    token_id = login(http, cloud)
    cloud.clock.advance(3600)
    resp = post_token(http, cloud, token_body(token_id))
    assert resp.status_code == 404
    assert resp.json() == {"error": {"code": 404, "message": "Failed to validate token",
                                     "title": "Not Found"}}


def test_token_method_with_an_unknown_token_is_404(cloud: FakeCloud,
                                                   http: requests.Session) -> None:
    resp = post_token(http, cloud, token_body("gAAAAABnot-a-token"))
    assert resp.status_code == 404
    assert resp.json()["error"]["message"] == "Could not recognize Fernet token"


def test_system_token_cannot_make_a_project_token(cloud: FakeCloud,
                                                  http: requests.Session) -> None:
    body = password_body("admin", "admin-secret", scope={"system": {"all": True}})
    system_token = post_token(http, cloud, body).headers["X-Subject-Token"]
    resp = post_token(http, cloud, token_body(system_token, {"project": {
        "name": "admin", "domain": {"id": "default"}}}))
    assert resp.status_code == 403
    assert resp.json()["error"]["message"] == (
        "You are not authorized to perform the requested action: Using a system-scoped token "
        "to create a project-scoped or domain-scoped token is not allowed..")


def test_get_auth_tokens_validates_the_subject_token(cloud: FakeCloud,
                                                     http: requests.Session) -> None:
    token_id = login(http, cloud)
    resp = http.get(cloud.identity_v3_url + "/auth/tokens",
                    headers={"X-Auth-Token": token_id, "X-Subject-Token": token_id})
    assert resp.status_code == 200
    assert resp.headers["X-Subject-Token"] == token_id
    assert resp.json()["token"]["project"]["name"] == "demo"


def test_head_auth_tokens_answers_200_without_a_body(cloud: FakeCloud,
                                                     http: requests.Session) -> None:
    token_id = login(http, cloud)
    resp = http.head(cloud.identity_v3_url + "/auth/tokens",
                     headers={"X-Auth-Token": token_id, "X-Subject-Token": token_id})
    assert (resp.status_code, resp.content) == (200, b"")
    assert int(resp.headers["Content-Length"]) > 0


def test_delete_auth_tokens_revokes_with_204(cloud: FakeCloud, http: requests.Session) -> None:
    token_id = login(http, cloud)
    headers = {"X-Auth-Token": token_id, "X-Subject-Token": token_id}
    assert http.delete(cloud.identity_v3_url + "/auth/tokens", headers=headers).status_code == 204


def test_a_revoked_token_no_longer_authenticates(cloud: FakeCloud,
                                                 http: requests.Session) -> None:
    token_id = login(http, cloud)
    http.delete(cloud.identity_v3_url + "/auth/tokens",
                headers={"X-Auth-Token": token_id, "X-Subject-Token": token_id})
    resp = http.get(cloud.identity_v3_url + "/auth/projects", headers={"X-Auth-Token": token_id})
    assert (resp.status_code, resp.json()) == (401, UNAUTHORIZED)
    assert resp.headers["WWW-Authenticate"] == f'Keystone uri="{cloud.base_url}/identity"'


def test_validating_a_revoked_token_is_404(cloud: FakeCloud, http: requests.Session) -> None:
    admin = login(http, cloud, "admin")
    token_id = login(http, cloud)
    cloud.identity.revoke_token(token_id)
    resp = http.get(cloud.identity_v3_url + "/auth/tokens",
                    headers={"X-Auth-Token": admin, "X-Subject-Token": token_id})
    assert resp.status_code == 404
    assert resp.json() == {"error": {"code": 404, "message": "Failed to validate token",
                                     "title": "Not Found"}}


def test_validating_an_unknown_token_is_404(cloud: FakeCloud, http: requests.Session) -> None:
    admin = login(http, cloud, "admin")
    resp = http.get(cloud.identity_v3_url + "/auth/tokens",
                    headers={"X-Auth-Token": admin, "X-Subject-Token": "bogus"})
    assert resp.status_code == 404
    assert resp.json()["error"]["message"] == "Could not recognize Fernet token"


def test_allow_expired_validates_a_recently_expired_token(cloud: FakeCloud,
                                                          http: requests.Session) -> None:
    token_id = login(http, cloud)
    cloud.clock.advance(3600)
    admin = cloud.identity.issue_token("admin", project="admin")
    resp = http.get(cloud.identity_v3_url + "/auth/tokens?allow_expired=true",
                    headers={"X-Auth-Token": admin, "X-Subject-Token": token_id})
    assert resp.status_code == 200


def test_a_member_cannot_validate_another_users_token(cloud: FakeCloud,
                                                      http: requests.Session) -> None:
    admin_token = login(http, cloud, "admin")
    demo_token = login(http, cloud)
    resp = http.get(cloud.identity_v3_url + "/auth/tokens",
                    headers={"X-Auth-Token": demo_token, "X-Subject-Token": admin_token})
    assert resp.status_code == 403
    assert resp.json() == {"error": {
        "code": 403, "title": "Forbidden",
        "message": "You are not authorized to perform the requested action: "
                   "identity:validate_token."}}


def test_missing_x_auth_token_is_401(cloud: FakeCloud, http: requests.Session) -> None:
    resp = http.get(cloud.identity_v3_url + "/auth/tokens", headers={"X-Subject-Token": "x"})
    assert (resp.status_code, resp.json()) == (401, UNAUTHORIZED)
    assert resp.headers["WWW-Authenticate"] == f'Keystone uri="{cloud.base_url}/identity/v3"'


def test_token_is_valid_until_its_expiry(cloud: FakeCloud, http: requests.Session) -> None:
    token_id = login(http, cloud)
    cloud.clock.advance(3599)
    resp = http.get(cloud.identity_v3_url + "/auth/projects", headers={"X-Auth-Token": token_id})
    assert resp.status_code == 200


def test_token_is_rejected_once_the_clock_passes_expiry(cloud: FakeCloud,
                                                        http: requests.Session) -> None:
    token_id = login(http, cloud)
    cloud.clock.advance(3600)
    resp = http.get(cloud.identity_v3_url + "/auth/projects", headers={"X-Auth-Token": token_id})
    assert (resp.status_code, resp.json()) == (401, UNAUTHORIZED)


def test_disabling_the_project_invalidates_its_tokens(cloud: FakeCloud,
                                                      http: requests.Session) -> None:
    token_id = login(http, cloud)
    cloud.identity.disable_project("demo")
    resp = http.get(cloud.identity_v3_url + "/auth/projects", headers={"X-Auth-Token": token_id})
    assert resp.status_code == 401


def test_disabled_then_enabled_user_keeps_old_tokens_revoked(cloud: FakeCloud,
                                                            http: requests.Session) -> None:
    token_id = login(http, cloud)
    cloud.identity.disable_user("demo")
    cloud.identity.enable_user("demo")
    resp = http.get(cloud.identity_v3_url + "/auth/projects", headers={"X-Auth-Token": token_id})
    assert resp.status_code == 401


def test_auth_catalog_lists_the_tokens_catalog(cloud: FakeCloud, http: requests.Session) -> None:
    token_id = login(http, cloud)
    body = http.get(cloud.identity_v3_url + "/auth/catalog",
                    headers={"X-Auth-Token": token_id}).json()
    assert [s["type"] for s in body["catalog"]][:2] == ["identity", "compute"]
    assert body["links"] == {"self": cloud.identity_v3_url + "/auth/catalog"}


def test_auth_catalog_needs_a_project_scoped_token(cloud: FakeCloud,
                                                   http: requests.Session) -> None:
    unscoped = post_token(http, cloud, password_body(project=None)).headers["X-Subject-Token"]
    resp = http.get(cloud.identity_v3_url + "/auth/catalog", headers={"X-Auth-Token": unscoped})
    assert resp.status_code == 403
    assert resp.json()["error"]["message"] == (
        "You are not authorized to perform the requested action.")


def test_auth_projects_lists_where_the_user_has_roles(cloud: FakeCloud,
                                                      http: requests.Session) -> None:
    token_id = login(http, cloud)
    body = http.get(cloud.identity_v3_url + "/auth/projects",
                    headers={"X-Auth-Token": token_id}).json()
    assert [p["name"] for p in body["projects"]] == ["demo"]
    assert body["links"]["self"] == cloud.identity_v3_url + "/auth/projects"


def test_auth_domains_lists_domains_with_roles(cloud: FakeCloud, http: requests.Session) -> None:
    cloud.identity.grant_role("reader", "demo", domain="default")
    token_id = login(http, cloud)
    body = http.get(cloud.identity_v3_url + "/auth/domains",
                    headers={"X-Auth-Token": token_id}).json()
    assert [d["id"] for d in body["domains"]] == ["default"]


def test_auth_system_shows_admins_system_role(cloud: FakeCloud, http: requests.Session) -> None:
    token_id = login(http, cloud, "admin")
    body = http.get(cloud.identity_v3_url + "/auth/system",
                    headers={"X-Auth-Token": token_id}).json()
    assert body["system"] == [{"all": True}]


def test_two_methods_for_different_users_are_401(cloud: FakeCloud,
                                                 http: requests.Session) -> None:
    admin_token = cloud.identity.issue_token("admin", project="admin")
    body = password_body(project=None)
    body["auth"]["identity"]["methods"] = ["password", "token"]
    body["auth"]["identity"]["token"] = {"id": admin_token}
    resp = post_token(http, cloud, body)
    assert (resp.status_code, resp.json()) == (401, UNAUTHORIZED)


def test_admin_gets_a_default_domain_token_as_on_devstack(cloud: FakeCloud,
                                                          http: requests.Session) -> None:
    body = password_body("admin", "admin-secret", scope={"domain": {"name": "Default"}})
    token = post_token(http, cloud, body).json()["token"]
    assert token["domain"] == {"id": "default", "name": "Default"}
