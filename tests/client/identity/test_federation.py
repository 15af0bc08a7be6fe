"""OS-FEDERATION through the client (`identity/v3/extensions/federation`), end to end
against the in-process fake."""

from __future__ import annotations

import pytest

from stackdouble.client import BadRequest, Conflict, Forbidden, NotFound, ServiceClient
from stackdouble.client.openstack.identity.v3 import tokens
from stackdouble.client.openstack.identity.v3.extensions import federation
from stackdouble.fakes import FakeCloud

RULES = [{"local": [{"user": {"name": "{0}"}}], "remote": [{"type": "REMOTE_USER"}]}]


def test_a_mapping_is_created_updated_listed_and_deleted(admin: ServiceClient) -> None:
    created = federation.create_mapping(admin, "m", federation.CreateMappingOpts(
        rules=RULES)).extract()
    assert (created.id, created.rules, created.schema_version) == ("m", RULES, "1.0")
    updated = federation.update_mapping(admin, "m", federation.UpdateMappingOpts(
        rules=RULES, schema_version="3.0")).extract()
    assert updated.schema_version == "3.0"
    assert [m.id for m in federation.list_mappings(admin).items()] == ["m"]
    federation.delete_mapping(admin, "m").extract_err()
    with pytest.raises(NotFound, match=r"Could not find mapping: m\."):
        federation.get_mapping(admin, "m").extract()


def test_a_mapping_keystone_refuses_is_a_bad_request(admin: ServiceClient) -> None:
    opts = federation.CreateMappingOpts(rules=[{"local": [{"user": {"nam": "x"}}],
                                                "remote": []}])
    with pytest.raises(BadRequest, match="'nam' was unexpected"):
        federation.create_mapping(admin, "bad", opts).extract()


def test_an_identity_provider_gets_a_domain_and_loses_its_protocols_with_it(
        cloud: FakeCloud, admin: ServiceClient) -> None:
    federation.create_mapping(admin, "m", federation.CreateMappingOpts(rules=RULES)).extract()
    idp = federation.create_identity_provider(admin, "idp", federation.CreateIdentityProviderOpts(
        remote_ids=["https://a.example"])).extract()
    assert not idp.enabled
    assert cloud.identity.domains[idp.domain_id].name == idp.domain_id
    federation.create_protocol(admin, "idp", "saml2",
                               federation.CreateProtocolOpts(mapping_id="m")).extract()
    listed = list(federation.list_protocols(admin, "idp").items())
    assert [(p.id, p.idp_id, p.mapping_id) for p in listed] == [("saml2", "idp", "m")]
    federation.update_identity_provider(admin, "idp", federation.UpdateIdentityProviderOpts(
        enabled=True)).extract()
    enabled = federation.ListOpts(enabled=True)
    assert [i.id for i in federation.list_identity_providers(admin, enabled).items()] == ["idp"]
    federation.delete_identity_provider(admin, "idp").extract_err()
    with pytest.raises(NotFound):
        federation.get_protocol(admin, "idp", "saml2").extract()
    assert idp.domain_id in cloud.identity.domains


def test_remote_ids_are_unique_across_identity_providers(admin: ServiceClient) -> None:
    opts = federation.CreateIdentityProviderOpts(remote_ids=["https://a.example"],
                                                 domain_id="default")
    federation.create_identity_provider(admin, "one", opts).extract()
    with pytest.raises(Conflict, match="Duplicate remote ID"):
        federation.create_identity_provider(admin, "two", opts).extract()


def test_a_protocol_needs_an_existing_mapping(admin: ServiceClient) -> None:
    federation.create_identity_provider(admin, "idp", federation.CreateIdentityProviderOpts(
        domain_id="default")).extract()
    with pytest.raises(BadRequest, match="Invalid mapping id: nope"):
        federation.create_protocol(admin, "idp", "oidc",
                                   federation.CreateProtocolOpts(mapping_id="nope")).extract()


def test_only_enabled_service_providers_are_in_tokens(admin: ServiceClient,
                                                      member: ServiceClient) -> None:
    opts = federation.CreateServiceProviderOpts(auth_url="https://sp.example/auth",
                                                sp_url="https://sp.example/ecp", enabled=True)
    sp = federation.create_service_provider(admin, "sp", opts).extract()
    assert (sp.enabled, sp.relay_state_prefix) == (True, "ss:mem:")
    me = member.provider.token_id
    assert me is not None
    listed = federation.extract_token_service_providers(tokens.get(member, me))
    assert [(s.id, s.auth_url, s.sp_url) for s in listed] == [
        ("sp", "https://sp.example/auth", "https://sp.example/ecp")]
    federation.update_service_provider(admin, "sp", federation.UpdateServiceProviderOpts(
        enabled=False)).extract()
    assert federation.extract_token_service_providers(tokens.get(member, me)) == []
    federation.delete_service_provider(admin, "sp").extract_err()
    assert list(federation.list_service_providers(admin).items()) == []


def test_a_member_may_not_read_federation(member: ServiceClient) -> None:
    with pytest.raises(Forbidden, match="identity:list_mappings"):
        list(federation.list_mappings(member).items())
