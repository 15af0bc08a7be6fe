"""Federated login through the client (`extensions/federation`'s `authenticate`), against the
in-process fake: claims as request headers, the unscoped token, then a project scope."""

from __future__ import annotations

import pytest

from stackdouble.client import AuthOptions, Forbidden, ServiceClient, Unauthorized, openstack
from stackdouble.client.openstack.identity.v3 import tokens
from stackdouble.client.openstack.identity.v3.extensions import federation
from stackdouble.fakes import FakeCloud

RULES = [{"remote": [{"type": "HTTP_OIDC_EMAIL"}],
          "local": [{"user": {"name": "{0}"}, "projects": [
              {"name": "sandbox", "roles": [{"name": "member"}]}]}]}]


@pytest.fixture
def idp(admin: ServiceClient) -> str:
    federation.create_mapping(admin, "oidc", federation.CreateMappingOpts(rules=RULES)
                              ).extract()
    made = federation.create_identity_provider(
        admin, "sso", federation.CreateIdentityProviderOpts(enabled=True)).extract()
    federation.create_protocol(admin, "sso", "mapped",
                               federation.CreateProtocolOpts(mapping_id="oidc")).extract()
    return made.domain_id or ""


def test_authenticate_gives_a_federated_token_that_scopes_to_the_mapped_project(
        cloud: FakeCloud, admin: ServiceClient, idp: str) -> None:
    login = federation.authenticate(admin, "sso", "mapped", claims={"OIDC-Email": "a@x"})
    user = login.extract_user()
    assert (user.name, user.domain.id if user.domain else None) == ("a@x", idp)
    assert federation.extract_token_federation(login) == federation.TokenFederation(
        identity_provider="sso", protocol="mapped", group_ids=[])
    provider = openstack.authenticated_client(AuthOptions(
        identity_endpoint=cloud.auth_url, token_id=login.extract_token().id,
        project_name="sandbox", project_domain_id=idp))
    scoped = tokens.get(openstack.new_identity_v3(provider), provider.token_id or "")
    project = scoped.extract_project()
    assert project is not None
    assert project.name == "sandbox"


def test_claims_no_rule_matches_are_unauthorized(admin: ServiceClient, idp: str) -> None:
    with pytest.raises(Unauthorized) as caught:
        federation.authenticate(admin, "sso", "mapped", claims={"OIDC-Sub": "x"}).extract()
    assert caught.value.status == 401


def test_a_disabled_identity_provider_is_forbidden(admin: ServiceClient, idp: str) -> None:
    federation.update_identity_provider(
        admin, "sso", federation.UpdateIdentityProviderOpts(enabled=False)).extract()
    with pytest.raises(Forbidden):
        federation.authenticate(admin, "sso", "mapped", claims={"OIDC-Email": "a@x"}).extract()


def test_a_password_token_has_no_federation(admin: ServiceClient) -> None:
    result = tokens.get(admin, admin.provider.token_id or "")
    assert federation.extract_token_federation(result) is None
