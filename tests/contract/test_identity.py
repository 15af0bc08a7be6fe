"""Keystone: authentication, the catalog, token validation and revocation, errors."""

from __future__ import annotations

from stackdouble.client import ProviderClient, ServiceClient
from tests.contract.conftest import account, call


def test_token_carries_user_project_roles_and_catalog(openstack_identity: ServiceClient,
                                                      openstack_provider: ProviderClient
                                                      ) -> None:
    token = openstack_provider.token_id
    resp = call(openstack_identity, "GET", openstack_identity.endpoint.rstrip("/")
                + "/auth/tokens", headers={"X-Subject-Token": token})
    assert resp.status_code == 200
    body = resp.json()["token"]
    assert body["methods"] == ["password"]
    assert body["user"]["name"] == "demo"
    assert body["user"]["domain"] == {"id": "default", "name": "Default"}
    assert body["project"]["name"] == "demo"
    assert body["project"]["domain"] == {"id": "default", "name": "Default"}
    roles = {r["name"] for r in body["roles"]}
    assert {"member", "reader"} <= roles  # member implies reader
    assert body["expires_at"].endswith("Z")
    types = {entry["type"] for entry in body["catalog"]}
    assert {"identity", "object-store"} <= types
    (swift,) = [e for e in body["catalog"] if e["type"] == "object-store"]
    public = [e for e in swift["endpoints"] if e["interface"] == "public"]
    assert public[0]["url"].endswith("/v1/AUTH_" + body["project"]["id"])
    assert {e["interface"] for e in swift["endpoints"]} == {"public", "internal", "admin"}


def test_catalog_endpoint(openstack_identity: ServiceClient) -> None:
    resp = call(openstack_identity, "GET", openstack_identity.endpoint.rstrip("/")
                + "/auth/catalog")
    assert resp.status_code == 200
    catalog = resp.json()["catalog"]
    assert {"identity", "object-store"} <= {entry["type"] for entry in catalog}


def test_validate_then_revoke(openstack_identity: ServiceClient,
                              openstack_provider: ProviderClient,
                              openstack_object_storage: ServiceClient) -> None:
    tokens = openstack_identity.endpoint.rstrip("/") + "/auth/tokens"
    old = openstack_provider.token_id
    assert old
    head = call(openstack_identity, "HEAD", tokens, headers={"X-Subject-Token": old})
    assert head.status_code == 200
    revoked = call(openstack_identity, "DELETE", tokens, headers={"X-Subject-Token": old})
    assert revoked.status_code == 204
    # Swift refuses the revoked token (not sent to Swift before: authtoken caches tokens)
    refused = call(openstack_object_storage, "HEAD", account(openstack_object_storage),
                   authenticated=False, headers={"X-Auth-Token": old})
    assert refused.status_code == 401
    # a new login; Keystone then says the old token does not exist
    openstack_provider.reauthenticate(old)
    gone = call(openstack_identity, "HEAD", tokens, headers={"X-Subject-Token": old})
    assert gone.status_code == 404
    assert openstack_provider.reauth_count == 1
    again = call(openstack_identity, "GET", tokens, headers={"X-Subject-Token": old})
    assert again.status_code == 404
    assert again.json()["error"]["code"] == 404
    assert again.json()["error"]["title"] == "Not Found"


def test_wrong_password_is_401(openstack_identity: ServiceClient) -> None:
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": "demo", "domain": {"id": "default"}, "password": "wrong"}}}}}
    resp = call(openstack_identity, "POST", openstack_identity.endpoint.rstrip("/")
                + "/auth/tokens", json=body, authenticated=False)
    assert resp.status_code == 401
    assert resp.json() == {"error": {
        "code": 401, "title": "Unauthorized",
        "message": "The request you have made requires authentication."}}


def test_no_token_is_401(openstack_identity: ServiceClient) -> None:
    resp = call(openstack_identity, "GET", openstack_identity.endpoint.rstrip("/")
                + "/auth/tokens", authenticated=False)
    assert resp.status_code == 401
    assert resp.json()["error"]["code"] == 401


def test_version_document(openstack_identity: ServiceClient) -> None:
    resp = call(openstack_identity, "GET", openstack_identity.endpoint.rstrip("/"),
                authenticated=False)
    assert resp.status_code == 200
    version = resp.json()["version"]
    assert version["id"].startswith("v3.")
    assert version["status"] == "stable"
