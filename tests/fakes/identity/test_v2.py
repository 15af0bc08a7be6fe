"""Keystone v2.0 (removed upstream, still faked) and Rackspace API keys."""

from __future__ import annotations

import re

import requests

from stackdouble.fakes import FakeCloud
from tests.fakes.helpers import UNAUTHORIZED, v2_password_body


def post(http: requests.Session, cloud: FakeCloud, body: object) -> requests.Response:
    return http.post(cloud.identity_v2_url + "/tokens", json=body)


def test_password_with_tenant_name_answers_200_access(cloud: FakeCloud,
                                                      http: requests.Session) -> None:
    resp = post(http, cloud, v2_password_body())
    access = resp.json()["access"]
    assert resp.status_code == 200
    assert list(access) == ["token", "serviceCatalog", "user", "metadata"]
    assert access["token"]["tenant"]["name"] == "demo"
    assert access["user"]["username"] == "demo"
    assert access["user"]["roles"] == [{"name": "member"}, {"name": "reader"}]
    assert access["metadata"]["is_admin"] == 0


def test_v2_times_end_in_z(cloud: FakeCloud, http: requests.Session) -> None:
    token = post(http, cloud, v2_password_body()).json()["access"]["token"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", token["expires"])
    assert token["issued_at"].endswith("Z")


def test_v2_catalog_has_one_endpoint_per_region_with_three_urls(cloud: FakeCloud,
                                                                http: requests.Session) -> None:
    access = post(http, cloud, v2_password_body()).json()["access"]
    tenant_id = access["token"]["tenant"]["id"]
    swift = next(s for s in access["serviceCatalog"] if s["type"] == "object-store")
    assert swift["endpoints_links"] == []
    (endpoint,) = swift["endpoints"]
    assert list(endpoint) == ["id", "region", "publicURL", "internalURL", "adminURL"]
    assert endpoint["publicURL"] == f"{cloud.base_url}/v1/AUTH_{tenant_id}"
    assert endpoint["adminURL"] == cloud.base_url


def test_password_with_tenant_id(cloud: FakeCloud, http: requests.Session) -> None:
    body = {"auth": {"passwordCredentials": {"username": "demo", "password": "demo-secret"},
                     "tenantId": cloud.identity.find_project("demo").id}}
    assert post(http, cloud, body).json()["access"]["token"]["tenant"]["name"] == "demo"


def test_without_a_tenant_the_token_is_unscoped(cloud: FakeCloud, http: requests.Session) -> None:
    access = post(http, cloud, v2_password_body(tenant=None)).json()["access"]
    assert "tenant" not in access["token"]
    assert access["serviceCatalog"] == []


def test_rackspace_api_key(cloud: FakeCloud, http: requests.Session) -> None:
    body = {"auth": {"RAX-KSKEY:apiKeyCredentials": {"username": "demo",
                                                     "apiKey": "demo-api-key"},
                     "tenantName": "demo"}}
    resp = post(http, cloud, body)
    assert (resp.status_code, resp.json()["access"]["user"]["name"]) == (200, "demo")


def test_wrong_api_key_is_401(cloud: FakeCloud, http: requests.Session) -> None:
    body = {"auth": {"RAX-KSKEY:apiKeyCredentials": {"username": "demo", "apiKey": "nope"}}}
    resp = post(http, cloud, body)
    assert (resp.status_code, resp.json()) == (401, UNAUTHORIZED)
    assert resp.headers["WWW-Authenticate"] == f'Keystone uri="{cloud.base_url}/identity"'


def test_token_credentials_rescope_to_a_tenant(cloud: FakeCloud, http: requests.Session) -> None:
    unscoped = post(http, cloud, v2_password_body(tenant=None)).json()["access"]["token"]["id"]
    resp = post(http, cloud, {"auth": {"token": {"id": unscoped}, "tenantName": "demo"}})
    assert resp.json()["access"]["token"]["tenant"]["name"] == "demo"


def test_wrong_password_is_401(cloud: FakeCloud, http: requests.Session) -> None:
    resp = post(http, cloud, v2_password_body(password="nope"))
    assert (resp.status_code, resp.json()) == (401, UNAUTHORIZED)


def test_tenant_without_a_role_is_401(cloud: FakeCloud, http: requests.Session) -> None:
    resp = post(http, cloud, v2_password_body(tenant="admin"))
    assert resp.status_code == 401


def test_missing_username_is_400_with_keystones_message(cloud: FakeCloud,
                                                        http: requests.Session) -> None:
    resp = post(http, cloud, {"auth": {"passwordCredentials": {"password": "x"}}})
    assert resp.status_code == 400
    # Keystone 12, the last with v2.0 tokens, words it ". The server..." (9.x: " - the").
    assert resp.json() == {"error": {"code": 400, "title": "Bad Request", "message": (
        "Expecting to find username or userId in passwordCredentials. The server could not "
        "comply with the request since it is either malformed or otherwise incorrect. The "
        "client is assumed to be in error.")}}


def test_unknown_credentials_kind_is_400(cloud: FakeCloud, http: requests.Session) -> None:
    resp = post(http, cloud, {"auth": {"somethingElse": {}}})
    assert resp.status_code == 400
    assert resp.json()["error"]["message"].startswith("Expecting to find auth in request body.")


def tenants(http: requests.Session, url: str, token: str) -> requests.Response:
    return http.get(url, headers={"X-Auth-Token": token})


def test_tenants_lists_the_users_tenants(cloud: FakeCloud, http: requests.Session) -> None:
    token = post(http, cloud, v2_password_body()).json()["access"]["token"]["id"]
    body = tenants(http, cloud.identity_v2_url + "/tenants", token).json()
    assert body == {"tenants": [{"id": cloud.identity.find_project("demo").id, "name": "demo",
                                 "description": "", "enabled": True}], "tenants_links": []}


def test_tenants_pages_with_a_next_link_while_more_remain(cloud: FakeCloud,
                                                          http: requests.Session) -> None:
    for i in range(4):
        cloud.identity.create_project(f"t{i}")
        cloud.identity.grant_role("member", "demo", project=f"t{i}")
    token = cloud.identity.issue_token("demo", project="demo")
    url: str | None = cloud.identity_v2_url + "/tenants?limit=2"
    seen: list[str] = []
    while url:
        body = tenants(http, url, token).json()
        seen += [t["id"] for t in body["tenants"]]
        url = next((link["href"] for link in body["tenants_links"] if link["rel"] == "next"),
                   None)
    assert len(seen) == 5
    assert seen == sorted(seen)


def test_tenants_unknown_marker_is_400(cloud: FakeCloud, http: requests.Session) -> None:
    token = cloud.identity.issue_token("demo", project="demo")
    resp = tenants(http, cloud.identity_v2_url + "/tenants?marker=nope", token)
    assert resp.status_code == 400
    assert resp.json()["error"]["message"] == "Marker could not be found"


def test_admin_validates_a_token(cloud: FakeCloud, http: requests.Session) -> None:
    admin = cloud.identity.issue_token("admin", project="admin")
    demo = post(http, cloud, v2_password_body()).json()["access"]["token"]["id"]
    resp = http.get(f"{cloud.identity_v2_url}/tokens/{demo}", headers={"X-Auth-Token": admin})
    assert (resp.status_code, resp.json()["access"]["user"]["name"]) == (200, "demo")


def test_head_validates_without_a_body(cloud: FakeCloud, http: requests.Session) -> None:
    admin = cloud.identity.issue_token("admin", project="admin")
    demo = cloud.identity.issue_token("demo", project="demo")
    resp = http.head(f"{cloud.identity_v2_url}/tokens/{demo}", headers={"X-Auth-Token": admin})
    assert (resp.status_code, resp.content) == (200, b"")


def test_validating_an_unknown_token_is_404(cloud: FakeCloud, http: requests.Session) -> None:
    admin = cloud.identity.issue_token("admin", project="admin")
    resp = http.get(f"{cloud.identity_v2_url}/tokens/abc", headers={"X-Auth-Token": admin})
    assert resp.status_code == 404
    assert resp.json() == {"error": {"code": 404, "message": "Could not find token: abc.",
                                     "title": "Not Found"}}


def test_a_member_validating_is_403(cloud: FakeCloud, http: requests.Session) -> None:
    demo = cloud.identity.issue_token("demo", project="demo")
    resp = http.get(f"{cloud.identity_v2_url}/tokens/{demo}", headers={"X-Auth-Token": demo})
    assert resp.status_code == 403


def test_belongs_to_another_tenant_is_401(cloud: FakeCloud, http: requests.Session) -> None:
    admin = cloud.identity.issue_token("admin", project="admin")
    demo = cloud.identity.issue_token("demo", project="demo")
    resp = http.get(f"{cloud.identity_v2_url}/tokens/{demo}?belongsTo=other",
                    headers={"X-Auth-Token": admin})
    assert resp.status_code == 401
