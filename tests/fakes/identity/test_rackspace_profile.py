"""The Rackspace profile's identity: `POST /v2.0/tokens` as Rackspace Cloud Identity answers
it (token, default tenant, catalog under Rackspace's names, user), its faults, and the
logins the cloud hands out."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
import requests

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.identity.rackspace import create_account

API_KEY_AUTH = {"auth": {"RAX-KSKEY:apiKeyCredentials": {"username": "demo",
                                                         "apiKey": "demo-api-key"}}}
PASSWORD_AUTH = {"auth": {"passwordCredentials": {"username": "demo",
                                                  "password": "demo-secret"}}}


@pytest.fixture
def cloud() -> Iterator[FakeCloud]:
    with FakeCloud(profile="rackspace", seed=5) as cloud:
        yield cloud


def _tokens(cloud: FakeCloud, body: Any) -> requests.Response:
    return requests.post(cloud.identity_v2_url + "/tokens", json=body)


def _access(cloud: FakeCloud, body: Any = API_KEY_AUTH) -> dict[str, Any]:
    resp = _tokens(cloud, body)
    assert resp.status_code == 200, resp.text
    access: dict[str, Any] = resp.json()["access"]
    return access


def _tenant(cloud: FakeCloud) -> str:
    tenant: str = cloud.credentials()["project_id"]
    return tenant


def test_api_key_without_tenant_scopes_the_token_to_the_default_tenant(cloud: FakeCloud) -> None:
    token = _access(cloud)["token"]
    assert list(token) == ["id", "expires", "tenant", "RAX-AUTH:authenticatedBy"]
    assert token["tenant"] == {"id": _tenant(cloud), "name": _tenant(cloud)}
    assert token["RAX-AUTH:authenticatedBy"] == ["APIKEY"]


def test_password_login_is_authenticated_by_password(cloud: FakeCloud) -> None:
    assert _access(cloud, PASSWORD_AUTH)["token"]["RAX-AUTH:authenticatedBy"] == ["PASSWORD"]


def test_token_expires_in_a_day_in_milliseconds_with_z(cloud: FakeCloud) -> None:
    expires = _access(cloud)["token"]["expires"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", expires)
    left = datetime.fromisoformat(expires.replace("Z", "+00:00")) - cloud.clock.now()
    assert timedelta(hours=23, minutes=59) < left <= timedelta(hours=24)


def test_catalog_names_services_as_rackspace_does(cloud: FakeCloud) -> None:
    catalog = _access(cloud)["serviceCatalog"]
    names = {entry["name"]: entry["type"] for entry in catalog}
    expected = {"cloudServersOpenStack": "compute", "cloudFiles": "object-store",
                "cloudFilesCDN": "rax:object-cdn", "cloudBlockStorage": "volume",
                "cloudImages": "image"}
    if "network" in {s.type for s in FakeCloud().identity.services.values()}:
        expected["cloudNetworks"] = "network"  # once the fake serves Neutron
    assert names == expected
    assert all(list(entry) == ["name", "endpoints", "type"] for entry in catalog)


def test_every_endpoint_carries_region_and_tenant_and_no_admin_url(cloud: FakeCloud) -> None:
    tenant = _tenant(cloud)
    for entry in _access(cloud)["serviceCatalog"]:
        assert [e["region"] for e in entry["endpoints"]] == ["DFW", "ORD", "IAD"]
        for endpoint in entry["endpoints"]:
            assert endpoint["tenantId"] == tenant
            assert set(endpoint) <= {"region", "tenantId", "publicURL", "internalURL"}


def test_cloud_files_has_an_internal_url_and_the_tenants_account(cloud: FakeCloud) -> None:
    files = next(e for e in _access(cloud)["serviceCatalog"] if e["name"] == "cloudFiles")
    endpoint = files["endpoints"][0]
    assert endpoint["internalURL"] == endpoint["publicURL"]
    assert endpoint["publicURL"].endswith("/AUTH_" + _tenant(cloud))


def test_user_has_default_region_and_rackspace_roles(cloud: FakeCloud) -> None:
    user = _access(cloud)["user"]
    assert (user["name"], user["RAX-AUTH:defaultRegion"]) == ("demo", "DFW")
    roles = {(r["name"], r.get("tenantId")) for r in user["roles"]}
    assert roles == {("object-store:default", _tenant(cloud)),
                     ("compute:default", _tenant(cloud)), ("identity:user-admin", None)}


def test_the_token_reaches_the_fake_services_behind_the_catalog(cloud: FakeCloud) -> None:
    access = _access(cloud)
    files = next(e for e in access["serviceCatalog"] if e["name"] == "cloudFiles")
    resp = requests.put(files["endpoints"][0]["publicURL"] + "/photos",
                        headers={"X-Auth-Token": access["token"]["id"]})
    assert resp.status_code == 201
    assert cloud.object_storage.names(_tenant(cloud)) == ["photos"]


@pytest.mark.parametrize(("body", "message"), [
    ({"auth": {"RAX-KSKEY:apiKeyCredentials": {"username": "demo", "apiKey": "nope"}}},
     "Error code: 'AUTH-008'; Username or api key is invalid."),
    ({"auth": {"RAX-KSKEY:apiKeyCredentials": {"username": "nobody", "apiKey": "x"}}},
     "Error code: 'AUTH-008'; Username or api key is invalid."),
    ({"auth": {"passwordCredentials": {"username": "demo", "password": "nope"}}},
     "Error code: 'AUTH-004'; Unable to authenticate user with credentials provided."),
    ({"auth": {"token": {"id": "not-a-token"}, "tenantId": "x"}},
     "Error code: 'AUTH-005'; Token not authenticated."),
])
def test_bad_credentials_get_rackspaces_unauthorized(cloud: FakeCloud, body: Any,
                                                     message: str) -> None:
    before = cloud.identity.tokens_issued
    resp = _tokens(cloud, body)
    assert (resp.status_code, resp.json()) == (
        401, {"unauthorized": {"code": 401, "message": message}})
    assert cloud.identity.tokens_issued == before


def test_a_tenant_of_another_account_is_not_authorized(cloud: FakeCloud) -> None:
    other = create_account(cloud.identity, "alice", api_key="alice-key")
    body = {"auth": {**API_KEY_AUTH["auth"], "tenantId": other.id}}
    resp = _tokens(cloud, body)
    assert (resp.status_code, resp.json()["unauthorized"]["message"]) == (
        401, "Error code: 'AUTH-007'; Not authorized for the tenant.")


def test_a_named_tenant_of_the_user_scopes_the_token(cloud: FakeCloud) -> None:
    body = {"auth": {**API_KEY_AUTH["auth"], "tenantName": _tenant(cloud)}}
    assert _access(cloud, body)["token"]["tenant"]["id"] == _tenant(cloud)


def test_tenant_id_and_name_together_are_a_bad_request(cloud: FakeCloud) -> None:
    body = {"auth": {**API_KEY_AUTH["auth"], "tenantId": _tenant(cloud),
                     "tenantName": _tenant(cloud)}}
    resp = _tokens(cloud, body)
    assert (resp.status_code, list(resp.json())) == (400, ["badRequest"])


def test_token_credentials_need_a_tenant_and_keep_the_first_method(cloud: FakeCloud) -> None:
    token_id = _access(cloud)["token"]["id"]
    assert _tokens(cloud, {"auth": {"token": {"id": token_id}}}).status_code == 400
    body = {"auth": {"token": {"id": token_id}, "tenantId": _tenant(cloud)}}
    assert _access(cloud, body)["token"]["RAX-AUTH:authenticatedBy"] == ["APIKEY"]


def test_disabled_user_with_good_credentials_is_user_disabled(cloud: FakeCloud) -> None:
    cloud.identity.disable_user("demo")
    resp = _tokens(cloud, API_KEY_AUTH)
    assert (resp.status_code, resp.json()) == (
        403, {"userDisabled": {"code": 403, "message": "User 'demo' is disabled."}})


@pytest.mark.parametrize("body", [b"not json", b"[]", b'{"auth": {}}', b'{"auth": []}'])
def test_unreadable_auth_is_a_bad_request(cloud: FakeCloud, body: bytes) -> None:
    resp = requests.post(cloud.identity_v2_url + "/tokens", data=body,
                         headers={"Content-Type": "application/json"})
    assert (resp.status_code, list(resp.json())) == (400, ["badRequest"])


def test_tenants_without_a_token_get_rackspaces_401(cloud: FakeCloud) -> None:
    resp = requests.get(cloud.identity_v2_url + "/tenants")
    assert (resp.status_code, resp.json()["unauthorized"]["message"]) == (
        401, "No valid token provided. Please use the 'X-Auth-Token' header with a valid token.")


def test_tenants_lists_the_account_tenant(cloud: FakeCloud) -> None:
    token = _access(cloud)["token"]["id"]
    resp = requests.get(cloud.identity_v2_url + "/tenants", headers={"X-Auth-Token": token})
    assert [t["id"] for t in resp.json()["tenants"]] == [_tenant(cloud)]


def test_only_v2_is_offered(cloud: FakeCloud) -> None:
    assert requests.get(cloud.identity_v3_url).status_code == 404
    with pytest.raises(ValueError, match="profile 'rackspace'"):
        FakeCloud(profile="rackspace", identity_versions=["v3"])


def test_unknown_profile_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match="use one of: openstack, rackspace"):
        FakeCloud(profile="rackspac")


def test_injected_faults_answer_in_rackspaces_envelope(cloud: FakeCloud) -> None:
    cloud.inject_fault("POST", "/identity/v2.0/tokens", status=503)
    resp = _tokens(cloud, API_KEY_AUTH)
    assert (resp.status_code, list(resp.json())) == (503, ["serviceUnavailable"])


def test_reset_keeps_the_profile_and_reseeds_the_account(cloud: FakeCloud) -> None:
    tenant = _tenant(cloud)
    create_account(cloud.identity, "alice", api_key="alice-key")
    cloud.reset()
    assert cloud.dump()["profile"] == "rackspace"
    assert _tenant(cloud) == tenant
    with pytest.raises(LookupError):
        cloud.credentials("alice")


def test_os_environ_logs_in_with_api_key_in_the_default_region(cloud: FakeCloud) -> None:
    env = cloud.os_environ()
    assert env == {"OS_AUTH_URL": cloud.auth_url, "OS_AUTH_TYPE": "rackspace_apikey",
                   "OS_USERNAME": "demo", "OS_API_KEY": "demo-api-key",
                   "OS_REGION_NAME": "DFW", "OS_INTERFACE": "public",
                   "OS_IDENTITY_API_VERSION": "2.0"}


def test_clouds_yaml_logs_in_with_api_key_and_no_project(cloud: FakeCloud) -> None:
    text = cloud.clouds_yaml()
    assert '      api_key: "demo-api-key"' in text
    assert "    auth_type: rackspace_apikey" in text
    assert '    region_name: "DFW"' in text
    assert "password" not in text
    assert "project_name" not in text


def test_the_openstack_profile_is_unchanged() -> None:
    cloud = FakeCloud(seed=5)
    assert (cloud.profile.name, cloud.regions, cloud.token_ttl, cloud.identity_versions) == (
        "openstack", ("RegionOne",), 3600, ("v3", "v2.0"))
    assert cloud.os_environ()["OS_AUTH_TYPE"] == "password"
