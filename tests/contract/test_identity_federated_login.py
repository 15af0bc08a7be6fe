"""Keystone's federated login (the `mapped` method), as Keystone 30 answers it behind a web
server passing the IdP's claims as request headers: Keystone reads its assertion from the
WSGI environ (`[federation] assertion_prefix` empty, so `OIDC-User: x` is `HTTP_OIDC_USER`),
and `mapped` is among its default `[auth] methods`, so realcloud's Keystone takes it as
configured.

Shown here: the unscoped federated token (`OS-FEDERATION` in its user, no
`password_expires_at`), the shadow user in the identity provider's domain, the project the
mapping creates and grants, listed by `/v3/auth/projects` and scoped to with the token
method; a mapping matching nothing is a 401, a disabled identity provider a 403; deleting a
domain deletes its identity providers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests

from stackdouble.client import ProviderClient, ServiceClient
from stackdouble.client.openstack import new_identity_v3
from tests.contract.conftest import call

IDP = "k4-contract-idp"
MAPPING = "k4-contract-mapping"
PROJECT = "k4-contract-project"
DOMAIN = "k4-contract-domain"
RULES = [{"remote": [{"type": "HTTP_OIDC_USER"}, {"type": "HTTP_OIDC_GROUPS",
                                                 "any_one_of": ["staff"]}],
          "local": [{"user": {"name": "{0}"},
                     "projects": [{"name": PROJECT, "roles": [{"name": "member"}]}]}]}]


def v3(identity: ServiceClient) -> str:
    return identity.endpoint.rstrip("/")


@pytest.fixture
def admin(openstack_login: Callable[..., ProviderClient]) -> ServiceClient:
    """Keystone v3 as the admin."""
    return new_identity_v3(openstack_login(user="admin", cloud="realcloud-admin"))


def _remove_domain(admin: ServiceClient, domain_id: str) -> None:
    url = f"{v3(admin)}/domains/{domain_id}"
    call(admin, "PATCH", url, json={"domain": {"enabled": False}})
    call(admin, "DELETE", url)


def _remove(admin: ServiceClient) -> None:
    fed = v3(admin) + "/OS-FEDERATION"
    got = call(admin, "GET", f"{fed}/identity_providers/{IDP}")
    if got.status_code == 200:
        call(admin, "DELETE", f"{fed}/identity_providers/{IDP}")
        _remove_domain(admin, got.json()["identity_provider"]["domain_id"])
    call(admin, "DELETE", f"{fed}/mappings/{MAPPING}")
    found = call(admin, "GET", f"{v3(admin)}/domains?name={DOMAIN}").json().get("domains", [])
    for domain in found:
        _remove_domain(admin, domain["id"])


@pytest.fixture
def idp(admin: ServiceClient) -> Iterator[str]:
    """An enabled identity provider (its domain auto-created) with protocol `mapped`;
    yields its domain id. Nothing of it is left after the test."""
    _remove(admin)
    fed = v3(admin) + "/OS-FEDERATION"
    assert call(admin, "PUT", f"{fed}/mappings/{MAPPING}",
                json={"mapping": {"rules": RULES}}).status_code == 201
    made = call(admin, "PUT", f"{fed}/identity_providers/{IDP}",
                json={"identity_provider": {"enabled": True}})
    assert made.status_code == 201
    assert call(admin, "PUT", f"{fed}/identity_providers/{IDP}/protocols/mapped",
                json={"protocol": {"mapping_id": MAPPING}}).status_code == 201
    yield made.json()["identity_provider"]["domain_id"]
    _remove(admin)


def login(admin: ServiceClient, headers: dict[str, str]) -> requests.Response:
    url = f"{v3(admin)}/OS-FEDERATION/identity_providers/{IDP}/protocols/mapped/auth"
    return call(admin, "POST", url, headers=headers)


def test_a_federated_login_is_scoped_to_the_project_its_mapping_grants(
        admin: ServiceClient, idp: str) -> None:
    resp = login(admin, {"OIDC-User": "k4-alice", "OIDC-Groups": "dev;staff"})
    assert resp.status_code == 201, resp.text
    token: dict[str, Any] = resp.json()["token"]
    assert token["methods"] == ["mapped"]
    assert "project" not in token
    user = token["user"]
    assert user["name"] == "k4-alice"
    assert user["domain"]["id"] == idp
    assert "password_expires_at" not in user
    assert user["OS-FEDERATION"] == {"groups": [], "identity_provider": {"id": IDP},
                                     "protocol": {"id": "mapped"}}
    unscoped = resp.headers["X-Subject-Token"]
    projects = call(admin, "GET", f"{v3(admin)}/auth/projects",
                    headers={"X-Auth-Token": unscoped})
    assert projects.status_code == 200
    listed = projects.json()["projects"]
    assert [(p["name"], p["domain_id"]) for p in listed] == [(PROJECT, idp)]
    body = {"auth": {"identity": {"methods": ["token"], "token": {"id": unscoped}},
                     "scope": {"project": {"id": listed[0]["id"]}}}}
    scoped = call(admin, "POST", f"{v3(admin)}/auth/tokens", json=body,
                  headers={"X-Auth-Token": unscoped})
    assert scoped.status_code == 201, scoped.text
    token = scoped.json()["token"]
    assert token["project"]["name"] == PROJECT
    assert sorted(token["methods"]) == ["mapped", "token"]
    assert {r["name"] for r in token["roles"]} >= {"member", "reader"}
    assert token["user"]["OS-FEDERATION"]["identity_provider"] == {"id": IDP}


def test_the_mapped_method_with_no_matching_rule_is_a_401(admin: ServiceClient,
                                                         idp: str) -> None:
    body = {"auth": {"identity": {"methods": ["mapped"], "mapped": {
        "identity_provider": IDP, "protocol": "mapped"}}}}
    resp = call(admin, "POST", f"{v3(admin)}/auth/tokens", json=body,
                headers={"OIDC-User": "k4-bob", "OIDC-Groups": "dev"})
    assert resp.status_code == 401
    assert resp.json()["error"]["message"] == (
        "The request you have made requires authentication.")


def test_a_disabled_identity_provider_is_a_403(admin: ServiceClient, idp: str) -> None:
    fed = v3(admin) + "/OS-FEDERATION"
    call(admin, "PATCH", f"{fed}/identity_providers/{IDP}",
         json={"identity_provider": {"enabled": False}})
    resp = login(admin, {"OIDC-User": "k4-carol", "OIDC-Groups": "staff"})
    assert resp.status_code == 403
    assert resp.json()["error"]["message"] == (
        "You are not authorized to perform the requested action.")


def test_deleting_a_domain_deletes_its_identity_providers(admin: ServiceClient) -> None:
    _remove(admin)
    made = call(admin, "POST", f"{v3(admin)}/domains", json={"domain": {"name": DOMAIN}})
    assert made.status_code == 201
    domain_id = made.json()["domain"]["id"]
    fed = v3(admin) + "/OS-FEDERATION"
    assert call(admin, "PUT", f"{fed}/identity_providers/{IDP}",
                json={"identity_provider": {"domain_id": domain_id}}).status_code == 201
    _remove_domain(admin, domain_id)
    gone = call(admin, "GET", f"{fed}/identity_providers/{IDP}")
    assert gone.status_code == 404
    assert gone.json()["error"]["message"] == f"Could not find Identity Provider: {IDP}."
