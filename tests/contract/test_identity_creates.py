"""Keystone's creates where the fake used to differ: `PUT /v3/regions/{id}`, an endpoint's
legacy `region` field, a user, group or project in a domain that does not exist, and an
application credential's `expires_at` as Keystone 30 echoes it (no zone suffix)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from stackdouble.client import ProviderClient, ServiceClient
from stackdouble.client.openstack import new_identity_v3
from tests.contract.conftest import call

REGION = "contract-put-region"
LEGACY = "contract-legacy-region"


def v3(identity: ServiceClient) -> str:
    return identity.endpoint.rstrip("/")


@pytest.fixture
def admin(openstack_login: Callable[..., ProviderClient]) -> Iterator[ServiceClient]:
    """Keystone v3 as the admin; the test's regions are removed before and after."""
    client = new_identity_v3(openstack_login(user="admin", cloud="realcloud-admin"))
    base = v3(client)

    def clean() -> None:
        for endpoint in call(client, "GET", f"{base}/endpoints?region_id={LEGACY}"
                             ).json()["endpoints"]:
            call(client, "DELETE", f"{base}/endpoints/{endpoint['id']}")
        for region in (REGION, LEGACY):
            call(client, "DELETE", f"{base}/regions/{region}")

    clean()
    yield client
    clean()


def test_put_creates_a_region_under_the_urls_id(admin: ServiceClient) -> None:
    base = v3(admin)
    made = call(admin, "PUT", f"{base}/regions/{REGION}",
                json={"region": {"description": "made by PUT"}})
    assert made.status_code == 201
    assert {k: made.json()["region"][k] for k in ("id", "description", "parent_region_id")} == {
        "id": REGION, "description": "made by PUT", "parent_region_id": None}
    again = call(admin, "PUT", f"{base}/regions/{REGION}", json={"region": {}})
    assert again.status_code == 409
    assert again.json()["error"]["message"] == (
        f"Conflict occurred attempting to store region - Duplicate ID, {REGION}..")
    other = call(admin, "PUT", f"{base}/regions/{REGION}-2", json={"region": {"id": "x"}})
    assert other.status_code == 400
    assert other.json()["error"]["message"] == (
        f'Conflicting region IDs specified: "{REGION}-2" != "x"')
    assert call(admin, "GET", f"{base}/regions/{REGION}-2").status_code == 404


def test_an_endpoints_legacy_region_field_creates_the_region(admin: ServiceClient) -> None:
    base = v3(admin)
    service = call(admin, "GET", f"{base}/services?type=identity").json()["services"][0]
    made = call(admin, "POST", f"{base}/endpoints", json={"endpoint": {
        "service_id": service["id"], "interface": "internal", "url": "http://legacy.test",
        "region": LEGACY}})
    assert made.status_code == 201
    endpoint = made.json()["endpoint"]
    assert (endpoint["region_id"], endpoint["region"]) == (LEGACY, LEGACY)
    assert call(admin, "GET", f"{base}/regions/{LEGACY}").status_code == 200
    missing = call(admin, "POST", f"{base}/endpoints", json={"endpoint": {
        "service_id": service["id"], "interface": "internal", "url": "http://legacy.test",
        "region_id": REGION}})
    assert missing.status_code == 400


@pytest.mark.parametrize(("kind", "status"), [("users", 404), ("groups", 404),
                                              ("projects", 400)])
def test_a_create_in_a_missing_domain(admin: ServiceClient, kind: str, status: int) -> None:
    made = call(admin, "POST", f"{v3(admin)}/{kind}", json={
        kind[:-1]: {"name": "contract-nowhere", "domain_id": "contractnosuchdomain"}})
    assert made.status_code == status
    assert made.json()["error"]["message"] == "Could not find domain: contractnosuchdomain."


def test_an_application_credentials_expiry_comes_back_without_a_zone(
        openstack_identity: ServiceClient) -> None:
    base = v3(openstack_identity)
    me = call(openstack_identity, "GET", f"{base}/auth/tokens", headers={
        "X-Subject-Token": openstack_identity.provider.token_id}).json()["token"]["user"]["id"]
    url = f"{base}/users/{me}/application_credentials"
    for stale in call(openstack_identity, "GET", url + "?name=contract-expiring"
                      ).json()["application_credentials"]:
        call(openstack_identity, "DELETE", f"{url}/{stale['id']}")
    made = call(openstack_identity, "POST", url, json={"application_credential": {
        "name": "contract-expiring", "expires_at": "2030-01-02T03:04:05"}})
    assert made.status_code == 201
    credential = made.json()["application_credential"]
    assert credential["expires_at"] == "2030-01-02T03:04:05.000000"
    shown = call(openstack_identity, "GET", f"{url}/{credential['id']}")
    assert shown.json()["application_credential"]["expires_at"] == "2030-01-02T03:04:05.000000"
    assert call(openstack_identity, "DELETE", f"{url}/{credential['id']}").status_code == 204
