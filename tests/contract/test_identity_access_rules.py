"""Application credential access rules (`/v3/users/{id}/access_rules`), as Keystone 30
answers, and what a token from a credential with rules may do at Keystone itself.

The demo user makes the credentials (with a fixed secret, so that a recording replays);
each test removes its credentials and rules. Keystone's own auth middleware enforces the
rules of service `identity` against the request's path (`/identity/v3/...` under
realcloud's mount), and validates such a token only for a caller announcing
`OpenStack-Identity-Access-Rules`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests

from stackdouble.client import ProviderClient, ServiceClient
from stackdouble.client.openstack import new_identity_v3
from tests.contract.conftest import call

SECRET = "contract-access-rules-secret"
NAME = "contract-access-rules"
DENIED = "You are not authorized to perform the requested action: identity:"


def v3(identity: ServiceClient) -> str:
    return identity.endpoint.rstrip("/")


@pytest.fixture
def admin(openstack_login: Callable[..., ProviderClient]) -> ServiceClient:
    """Keystone v3 as the admin (a project admin, not a system one)."""
    return new_identity_v3(openstack_login(user="admin", cloud="realcloud-admin"))


def _clean(identity: ServiceClient, me: str) -> None:
    base = v3(identity)
    creds = f"{base}/users/{me}/application_credentials"
    for cred in call(identity, "GET", creds).json()["application_credentials"]:
        if cred["name"].startswith(NAME):
            call(identity, "DELETE", f"{creds}/{cred['id']}")
    for rule in call(identity, "GET", f"{base}/users/{me}/access_rules").json()["access_rules"]:
        call(identity, "DELETE", f"{base}/users/{me}/access_rules/{rule['id']}")


@pytest.fixture
def me(openstack_identity: ServiceClient) -> Iterator[str]:
    """The demo user's id; its contract credentials and access rules are removed around."""
    token = call(openstack_identity, "GET", v3(openstack_identity) + "/auth/tokens", headers={
        "X-Subject-Token": openstack_identity.provider.token_id}).json()["token"]
    user_id = str(token["user"]["id"])
    _clean(openstack_identity, user_id)
    yield user_id
    _clean(openstack_identity, user_id)


def create(identity: ServiceClient, me: str, name: str, rules: list[dict[str, Any]]
           ) -> requests.Response:
    return call(identity, "POST", f"{v3(identity)}/users/{me}/application_credentials",
                json={"application_credential": {"name": name, "secret": SECRET,
                                                 "access_rules": rules}})


def own_user_rule(identity: ServiceClient, me: str) -> dict[str, str]:
    """Reading one's own user, by the path Keystone's middleware sees."""
    return {"service": "identity", "method": "GET",
            "path": f"{urlsplit(v3(identity)).path}/users/{me}"}


def test_access_rules_are_kept_listed_and_shared_by_the_users_credentials(
        openstack_identity: ServiceClient, admin: ServiceClient, me: str) -> None:
    identity = openstack_identity
    base = v3(identity)
    rules = [own_user_rule(identity, me),
             {"service": "object-store", "method": "GET", "path": "/v1/**"}]
    made = create(identity, me, NAME, rules)
    assert made.status_code == 201
    cred = made.json()["application_credential"]
    assert [{k: r[k] for k in ("service", "method", "path")} for r in cred["access_rules"]
            ] == rules
    assert all(len(r["id"]) == 32 for r in cred["access_rules"])
    shown = call(identity, "GET", f"{base}/users/{me}/application_credentials/{cred['id']}")
    assert shown.json()["application_credential"]["access_rules"] == cred["access_rules"]
    listed = call(identity, "GET", f"{base}/users/{me}/access_rules").json()
    first = {**cred["access_rules"][0],
             "links": {"self": f"{base}/access_rules/{cred['access_rules'][0]['id']}"}}
    assert listed["access_rules"][0] == first
    assert len(listed["access_rules"]) == 2
    assert listed["links"]["self"] == f"{base}/users/{me}/access_rules"
    swift_only = call(identity, "GET", f"{base}/users/{me}/access_rules?service=object-store")
    assert [r["path"] for r in swift_only.json()["access_rules"]] == ["/v1/**"]
    one = call(identity, "GET", f"{base}/users/{me}/access_rules/{first['id']}")
    assert one.json() == {"access_rule": first}
    # A second credential naming the rule by id, or an identical rule, shares it.
    again = create(identity, me, NAME + "-2", [{"id": first["id"]}, rules[1]])
    assert again.status_code == 201
    assert again.json()["application_credential"]["access_rules"] == cred["access_rules"]
    assert len(call(identity, "GET", f"{base}/users/{me}/access_rules").json()[
        "access_rules"]) == 2
    # A project admin is neither the owner nor the system.
    assert call(admin, "GET", f"{base}/users/{me}/access_rules").json()["error"][
        "message"] == DENIED + "list_access_rules."
    assert call(identity, "GET", f"{base}/users/{me}/access_rules/contractnorule").json()[
        "error"]["message"] == "Could not find Access Rule: contractnorule."


def test_a_rule_in_use_may_not_be_deleted_and_outlives_its_credentials(
        openstack_identity: ServiceClient, me: str) -> None:
    identity = openstack_identity
    base = v3(identity)
    cred = create(identity, me, NAME, [own_user_rule(identity, me)]).json()[
        "application_credential"]
    rule_url = f"{base}/users/{me}/access_rules/{cred['access_rules'][0]['id']}"
    in_use = call(identity, "DELETE", rule_url)
    assert (in_use.status_code, in_use.json()["error"]["message"]) == (
        403, "May not delete access rule in use")
    assert call(identity, "DELETE",
                f"{base}/users/{me}/application_credentials/{cred['id']}").status_code == 204
    assert call(identity, "GET", rule_url).status_code == 200
    assert call(identity, "DELETE", rule_url).status_code == 204
    assert call(identity, "GET", rule_url).status_code == 404


def test_what_a_rules_body_must_be(openstack_identity: ServiceClient, me: str) -> None:
    bad_path = create(openstack_identity, me, NAME, [
        {"service": "identity", "path": "nope", "method": "GET"}])
    assert bad_path.status_code == 400
    assert bad_path.json()["error"]["message"] == (
        "Invalid input for field/attribute path. Value: nope. 'nope' does not match "
        "'^/\\\\.*'")
    bad_method = create(openstack_identity, me, NAME, [
        {"service": "identity", "path": "/x", "method": "get"}])
    assert bad_method.json()["error"]["message"] == (
        "Invalid input for field/attribute method. Value: get. 'get' is not one of "
        "['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT']")
    empty = create(openstack_identity, me, NAME, [])
    assert empty.status_code == 201
    assert "access_rules" not in empty.json()["application_credential"]


def test_a_restricted_token_may_make_only_the_requests_its_rules_allow(
        openstack_identity: ServiceClient, admin: ServiceClient, me: str) -> None:
    identity = openstack_identity
    base = v3(identity)
    cred = create(identity, me, NAME, [own_user_rule(identity, me)]).json()[
        "application_credential"]
    issued = call(identity, "POST", base + "/auth/tokens", headers={"X-Auth-Token": ""}, json={
        "auth": {"identity": {"methods": ["application_credential"], "application_credential":
                              {"id": cred["id"], "secret": SECRET}}}})
    assert issued.status_code == 201
    body = issued.json()["token"]
    assert body["application_credential"] == {
        "id": cred["id"], "name": NAME, "restricted": True,
        "access_rules": cred["access_rules"]}
    token = issued.headers["X-Subject-Token"]

    def as_cred(method: str, url: str, **headers: str) -> requests.Response:
        return call(identity, method, url, headers={"X-Auth-Token": token, **headers})

    assert as_cred("GET", f"{base}/users/{me}").json()["user"]["id"] == me
    refused = as_cred("GET", f"{base}/users/{me}/projects")
    assert refused.status_code == 401
    assert refused.json()["error"]["message"] == (
        "The request you have made requires authentication.")
    assert refused.headers["WWW-Authenticate"].startswith('Keystone uri="')
    # Validating it: only for a caller that says it enforces access rules.
    unaware = as_cred("GET", base + "/auth/tokens", **{"X-Subject-Token": token})
    assert (unaware.status_code, unaware.json()["error"]["message"]) == (
        404, "Failed to validate token")
    aware = call(admin, "GET", base + "/auth/tokens?nocatalog", headers={
        "X-Subject-Token": token, "OpenStack-Identity-Access-Rules": "1.0"})
    assert aware.status_code == 200
    assert aware.json()["token"]["application_credential"]["access_rules"] == cred[
        "access_rules"]
