"""Keystone OS-FEDERATION: identity providers and their protocols, mappings (validated as
Keystone validates them) and service providers, as Keystone 30 answers.

All of it is admin-only. Keystone 30's quirks shown here: an identity provider without a
`domain_id` gets a domain of its own that outlives it (the test removes it), only listings
give an identity provider's `protocols` link, a protocol's links leave out
`OS-FEDERATION/identity_providers/...`, a mapping in use may be deleted, and an enabled
service provider appears in every token.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests

from stackdouble.client import ProviderClient, ServiceClient
from stackdouble.client.openstack import new_identity_v3
from tests.contract.conftest import call

IDP = "k2-contract-idp"
IDP2 = "k2-contract-idp2"
MAPPING = "k2-contract-mapping"
SP = "k2-contract-sp"
RULES = [{"local": [{"user": {"name": "{0}"}}, {"group": {"id": "k2-group"}}],
          "remote": [{"type": "REMOTE_USER"}]}]
SP_BODY = {"auth_url": "https://sp.example/v3/OS-FEDERATION/identity_providers/x/protocols/"
                       "saml2/auth",
           "sp_url": "https://sp.example/Shibboleth.sso/SAML2/ECP", "enabled": True}


def fed(identity: ServiceClient) -> str:
    return identity.endpoint.rstrip("/") + "/OS-FEDERATION"


@pytest.fixture
def admin(openstack_login: Callable[..., ProviderClient]) -> ServiceClient:
    """Keystone v3 as the admin."""
    return new_identity_v3(openstack_login(user="admin", cloud="realcloud-admin"))


def _remove_idp(admin: ServiceClient, idp_id: str) -> None:
    got = call(admin, "GET", f"{fed(admin)}/identity_providers/{idp_id}")
    if got.status_code != 200:
        return
    domain_id = got.json()["identity_provider"]["domain_id"]
    call(admin, "DELETE", f"{fed(admin)}/identity_providers/{idp_id}")
    if domain_id != "default":
        domain = admin.endpoint.rstrip("/") + f"/domains/{domain_id}"
        call(admin, "PATCH", domain, json={"domain": {"enabled": False}})
        call(admin, "DELETE", domain)


@pytest.fixture
def clean(admin: ServiceClient) -> Iterator[None]:
    """Nothing of this test's before it, nothing after (auto-created domains included)."""
    def remove() -> None:
        for idp_id in (IDP, IDP2):
            _remove_idp(admin, idp_id)
        call(admin, "DELETE", f"{fed(admin)}/mappings/{MAPPING}")
        call(admin, "DELETE", f"{fed(admin)}/service_providers/{SP}")

    remove()
    yield
    remove()


def put_idp(admin: ServiceClient, idp_id: str, **ref: Any) -> requests.Response:
    return call(admin, "PUT", f"{fed(admin)}/identity_providers/{idp_id}",
                json={"identity_provider": ref})


def test_an_identity_provider_is_created_listed_updated_and_deleted(
        openstack_identity: ServiceClient, admin: ServiceClient, clean: None) -> None:
    base = fed(admin)
    created = put_idp(admin, IDP, remote_ids=["https://idp.example/k2"], description="d")
    assert created.status_code == 201
    idp = created.json()["identity_provider"]
    url = f"{base}/identity_providers/{IDP}"
    assert idp["enabled"] is False
    assert idp["remote_ids"] == ["https://idp.example/k2"]
    assert idp["authorization_ttl"] is None
    assert idp["links"] == {"self": url}
    domain = call(admin, "GET", admin.endpoint.rstrip("/") + f"/domains/{idp['domain_id']}")
    assert domain.json()["domain"]["description"] == (
        f"Auto generated federated domain for Identity Provider: {IDP}")
    assert domain.json()["domain"]["name"] == idp["domain_id"]
    assert call(admin, "GET", url).json()["identity_provider"] == idp
    listed = call(admin, "GET", base + "/identity_providers").json()["identity_providers"]
    mine = [i for i in listed if i["id"] == IDP]
    assert mine == [{**idp, "links": {"self": url, "protocols": url + "/protocols"}}]
    assert [i["id"] for i in call(admin, "GET", base + "/identity_providers?enabled=true")
            .json()["identity_providers"] if i["id"] == IDP] == []

    again = put_idp(admin, IDP)
    assert again.status_code == 409
    assert again.json()["error"]["message"] == (
        "Conflict occurred attempting to store identity_provider - Duplicate entry: None.")
    same_remote = put_idp(admin, IDP2, remote_ids=["https://idp.example/k2"],
                          domain_id="default")
    assert same_remote.status_code == 409
    assert "Duplicate remote ID" in same_remote.text
    no_domain = put_idp(admin, IDP2, domain_id="k2-no-such-domain")
    assert no_domain.status_code == 404
    assert no_domain.json()["error"]["message"] == "Could not find domain: k2-no-such-domain."
    bad = put_idp(admin, IDP2, enabled="maybe")
    assert bad.status_code == 400
    assert bad.json()["error"]["message"].startswith(
        "Invalid input for field/attribute enabled. Value: maybe. 'maybe' is not one of")

    patched = call(admin, "PATCH", url, json={"identity_provider": {
        "enabled": True, "remote_ids": ["https://idp.example/k2b"]}})
    assert patched.status_code == 200
    assert patched.json()["identity_provider"]["enabled"] is True
    assert patched.json()["identity_provider"]["remote_ids"] == ["https://idp.example/k2b"]
    moved = call(admin, "PATCH", url, json={"identity_provider": {"domain_id": "default"}})
    assert moved.status_code == 400
    assert "Additional properties are not allowed ('domain_id' was unexpected)" in moved.text
    by_member = call(openstack_identity, "GET", base + "/identity_providers")
    assert by_member.status_code == 403
    assert "identity:list_identity_providers" in by_member.text
    assert call(admin, "DELETE", url).status_code == 204
    gone = call(admin, "GET", url)
    assert gone.status_code == 404
    assert gone.json()["error"]["message"] == f"Could not find Identity Provider: {IDP}."
    # The auto-created domain outlives the identity provider.
    assert call(admin, "GET", admin.endpoint.rstrip("/") + f"/domains/{idp['domain_id']}"
                ).status_code == 200
    domain_url = admin.endpoint.rstrip("/") + f"/domains/{idp['domain_id']}"
    call(admin, "PATCH", domain_url, json={"domain": {"enabled": False}})
    assert call(admin, "DELETE", domain_url).status_code == 204


def test_mappings_are_validated_as_keystone_validates_them(admin: ServiceClient,
                                                           clean: None) -> None:
    base = fed(admin)
    url = f"{base}/mappings/{MAPPING}"

    def put(ref: Any) -> requests.Response:
        return call(admin, "PUT", url, json={"mapping": ref})

    created = put({"rules": RULES})
    assert created.status_code == 201
    assert created.json()["mapping"] == {"id": MAPPING, "rules": RULES, "schema_version": "1.0",
                                         "links": {"self": url}}
    assert put({"rules": RULES}).json()["error"]["message"] == (
        "Conflict occurred attempting to store mapping - Duplicate entry.")
    bad = call(admin, "PUT", f"{base}/mappings/k2-bad", json={"mapping": {
        "rules": [{"local": [{"user": {"nam": "x"}}], "remote": []}]}})
    assert bad.status_code == 400
    assert bad.json()["error"]["message"] == (
        "Additional properties are not allowed ('nam' was unexpected)\n[] should be non-empty\n")
    ambiguous = call(admin, "PUT", f"{base}/mappings/k2-bad", json={"mapping": {"rules": [
        {"local": [], "remote": [{"type": "a", "any_one_of": ["x"], "not_any_of": ["y"]}]}]}})
    assert ambiguous.json()["error"]["message"] == (
        "{'type': 'a', 'any_one_of': ['x'], 'not_any_of': ['y']} is not valid under any of "
        "the given schemas\n")
    empty = call(admin, "PUT", f"{base}/mappings/k2-bad", json={"mapping": {}})
    assert empty.json()["error"]["message"] == "'rules' is a required property\n"
    v2 = call(admin, "PATCH", url, json={"mapping": {"rules": RULES, "schema_version": "2.0"}})
    assert v2.status_code == 200
    assert v2.json()["mapping"]["schema_version"] == "2.0"
    listed = call(admin, "GET", base + "/mappings").json()["mappings"]
    assert [m for m in listed if m["id"] == MAPPING] == [v2.json()["mapping"]]
    assert call(admin, "DELETE", url).status_code == 204
    gone = call(admin, "GET", url)
    assert gone.status_code == 404
    assert gone.json()["error"]["message"] == f"Could not find mapping: {MAPPING}."


def test_protocols_name_a_mapping_under_an_identity_provider(admin: ServiceClient,
                                                             clean: None) -> None:
    base = fed(admin)
    v3 = admin.endpoint.rstrip("/")
    assert put_idp(admin, IDP, domain_id="default").status_code == 201
    assert call(admin, "PUT", f"{base}/mappings/{MAPPING}",
                json={"mapping": {"rules": RULES}}).status_code == 201
    protocols = f"{base}/identity_providers/{IDP}/protocols"
    created = call(admin, "PUT", protocols + "/saml2", json={"protocol": {"mapping_id": MAPPING}})
    assert created.status_code == 201
    links = {"self": f"{v3}/protocols/saml2", "identity_provider": f"{v3}/{IDP}"}
    assert created.json()["protocol"] == {"id": "saml2", "mapping_id": MAPPING, "links": links}
    bad_mapping = call(admin, "PUT", protocols + "/oidc", json={"protocol": {"mapping_id": "x"}})
    assert bad_mapping.status_code == 400
    assert bad_mapping.json()["error"]["message"] == "Invalid mapping id: x"
    no_idp = call(admin, "PUT", f"{base}/identity_providers/k2-nope/protocols/oidc",
                  json={"protocol": {"mapping_id": MAPPING}})
    assert no_idp.status_code == 404
    assert no_idp.json()["error"]["message"] == "Could not find Identity Provider: k2-nope."
    listed = call(admin, "GET", protocols).json()
    assert listed["protocols"] == [{"id": "saml2", "idp_id": IDP, "mapping_id": MAPPING,
                                    "remote_id_attribute": None, "links": links}]
    assert listed["links"]["self"] == protocols
    patched = call(admin, "PATCH", protocols + "/saml2", json={"protocol": {
        "mapping_id": MAPPING, "remote_id_attribute": "Shib-Identity-Provider"}})
    assert patched.json()["protocol"] == created.json()["protocol"]
    assert call(admin, "GET", protocols).json()["protocols"][0][
        "remote_id_attribute"] == "Shib-Identity-Provider"
    missing = call(admin, "GET", protocols + "/k2-nope")
    assert missing.status_code == 404
    assert missing.json()["error"]["message"] == (
        f"Could not find federated protocol k2-nope for Identity Provider: {IDP}.")
    assert call(admin, "DELETE", f"{base}/mappings/{MAPPING}").status_code == 204
    assert call(admin, "DELETE", protocols + "/saml2").status_code == 204
    assert call(admin, "GET", protocols).json()["protocols"] == []


def test_an_enabled_service_provider_is_in_every_token(
        openstack_identity: ServiceClient, admin: ServiceClient, clean: None) -> None:
    base = fed(admin)
    url = f"{base}/service_providers/{SP}"
    created = call(admin, "PUT", url, json={"service_provider": SP_BODY})
    assert created.status_code == 201
    assert created.json()["service_provider"] == {
        **SP_BODY, "id": SP, "description": None, "relay_state_prefix": "ss:mem:",
        "links": {"self": url}}
    bad = call(admin, "PUT", f"{base}/service_providers/k2-bad",
               json={"service_provider": {"auth_url": "notaurl"}})
    assert bad.status_code == 400
    assert bad.json()["error"]["message"] == (
        "Invalid input for field/attribute auth_url. Value: notaurl. 'notaurl' does not match "
        "'^[a-zA-Z0-9+.-]+:.+'")
    listed = call(admin, "GET", base + "/service_providers").json()["service_providers"]
    assert [s for s in listed if s["id"] == SP] == [created.json()["service_provider"]]
    token = call(admin, "GET", admin.endpoint.rstrip("/") + "/auth/tokens?nocatalog", headers={
        "X-Subject-Token": openstack_identity.provider.token_id}).json()["token"]
    assert {"auth_url": SP_BODY["auth_url"], "id": SP,
            "sp_url": SP_BODY["sp_url"]} in token["service_providers"]
    disabled = call(admin, "PATCH", url, json={"service_provider": {"enabled": False}})
    assert disabled.json()["service_provider"]["enabled"] is False
    token = call(admin, "GET", admin.endpoint.rstrip("/") + "/auth/tokens?nocatalog", headers={
        "X-Subject-Token": openstack_identity.provider.token_id}).json()["token"]
    assert SP not in [s["id"] for s in token.get("service_providers", [])]
    assert call(admin, "DELETE", url).status_code == 204
    gone = call(admin, "GET", url)
    assert gone.json()["error"]["message"] == f"Could not find Service Provider: {SP}."


def test_the_federation_aliases_list_what_a_token_may_scope_to(
        openstack_identity: ServiceClient) -> None:
    base = fed(openstack_identity)
    projects = call(openstack_identity, "GET", base + "/projects").json()
    assert [p["name"] for p in projects["projects"]] == ["demo"]
    assert projects["links"]["self"] == base + "/projects"
    domains = call(openstack_identity, "GET", base + "/domains").json()
    assert domains["domains"] == []
