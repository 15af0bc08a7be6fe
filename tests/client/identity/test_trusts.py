"""OS-TRUST through the client (`identity/v3/extensions/trusts` and `AuthOptions.trust_id`),
end to end against the in-process fake."""

from __future__ import annotations

import pickle
from datetime import datetime, timezone
from typing import Any

import pytest

from stackdouble.client import (
    AuthOptions,
    Forbidden,
    InvalidInput,
    NotFound,
    ServiceClient,
    Unauthorized,
    openstack,
)
from stackdouble.client.openstack.identity.v2 import tokens as tokens_v2
from stackdouble.client.openstack.identity.v3 import tokens
from stackdouble.client.openstack.identity.v3.extensions import trusts
from stackdouble.fakes import FakeCloud

BOB_PW = "bob-secret"


@pytest.fixture
def bob(cloud: FakeCloud) -> str:
    return cloud.identity.create_user("bob", password=BOB_PW).id


def _create(cloud: FakeCloud, member: ServiceClient, bob: str, **kwargs: Any) -> trusts.Trust:
    opts = trusts.CreateOpts(trustor_user_id=cloud.user_id("demo"), trustee_user_id=bob,
                             project_id=cloud.project_id("demo"), roles=["member"], **kwargs)
    return trusts.create(member, opts).extract()


def _trust_opts(cloud: FakeCloud, bob: str, trust_id: str) -> AuthOptions:
    return AuthOptions(identity_endpoint=cloud.auth_url, user_id=bob, password=BOB_PW,
                       trust_id=trust_id)


def test_create_sends_roles_expiry_and_uses(cloud: FakeCloud, member: ServiceClient,
                                            bob: str) -> None:
    when = datetime(2030, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    trust = _create(cloud, member, bob, expires_at=when, remaining_uses=3, impersonation=True)
    assert trust.trustor_user_id == cloud.user_id("demo")
    assert (trust.expires_at, trust.remaining_uses, trust.impersonation) == (when, 3, True)
    assert [r.name for r in trust.roles] == ["member"]


def test_create_map_leaves_out_unset_fields() -> None:
    body = trusts.CreateOpts(trustor_user_id="a", trustee_user_id="b",
                             role_ids=["r1"]).to_trust_create_map()
    assert body == {"trust": {"trustor_user_id": "a", "trustee_user_id": "b",
                              "impersonation": False, "roles": [{"id": "r1"}]}}


def test_create_for_another_trustor_is_forbidden(cloud: FakeCloud, member: ServiceClient,
                                                 bob: str) -> None:
    opts = trusts.CreateOpts(trustor_user_id=bob, trustee_user_id=bob,
                             project_id=cloud.project_id("demo"), roles=["member"])
    with pytest.raises(Forbidden) as caught:
        trusts.create(member, opts).extract()
    assert caught.value.status == 403
    assert "identity:create_trust" in str(caught.value)


def test_a_role_the_trustor_lacks_is_not_found(cloud: FakeCloud, member: ServiceClient,
                                               bob: str) -> None:
    opts = trusts.CreateOpts(trustor_user_id=cloud.user_id("demo"), trustee_user_id=bob,
                             project_id=cloud.project_id("demo"), roles=["admin"])
    with pytest.raises(NotFound) as caught:
        trusts.create(member, opts).extract()
    assert caught.value.status == 404


def test_get_list_and_roles(cloud: FakeCloud, member: ServiceClient, admin: ServiceClient,
                            bob: str) -> None:
    trust = _create(cloud, member, bob)
    role_id = trust.roles[0].id
    assert trusts.get(member, trust.id).extract().id == trust.id
    mine = trusts.list(member, trusts.ListOpts(trustor_user_id=cloud.user_id("demo")))
    assert [t.id for t in mine.items()] == [trust.id]
    assert [t.roles for t in trusts.list(admin).items()] == [()]
    assert [r.name for r in trusts.list_roles(member, trust.id).items()] == ["member"]
    assert trusts.get_role(member, trust.id, role_id).extract().name == "member"
    assert trusts.check_role(member, trust.id, role_id).extract() is True
    assert trusts.check_role(member, trust.id, "nope").extract() is False


def test_listing_every_trust_as_a_member_is_the_first_pages_error(
        member: ServiceClient) -> None:
    with pytest.raises(Forbidden) as caught:
        next(trusts.list(member).items())
    assert "identity:list_trusts" in str(caught.value)


def test_a_trust_scoped_client_carries_the_trust(cloud: FakeCloud, member: ServiceClient,
                                                 bob: str) -> None:
    trust = _create(cloud, member, bob, impersonation=True)
    result = tokens.create(member, _trust_opts(cloud, bob, trust.id))
    found = trusts.extract_token_trust(result)
    assert found == trusts.TokenTrust(id=trust.id, trustor_user_id=cloud.user_id("demo"),
                                      trustee_user_id=bob, impersonation=True)
    assert result.extract_user().id == cloud.user_id("demo")  # impersonation
    provider = openstack.authenticated_client(_trust_opts(cloud, bob, trust.id))
    compute = openstack.new_compute_v2(provider)
    assert compute.endpoint.endswith("/compute/v2.1/")


def test_a_plain_token_has_no_trust(member: ServiceClient, cloud: FakeCloud) -> None:
    opts = openstack.auth_options_from_env(cloud.os_environ())
    assert trusts.extract_token_trust(tokens.create(member, opts)) is None


def test_deleting_the_trust_kills_the_trustees_token(cloud: FakeCloud, member: ServiceClient,
                                                     admin: ServiceClient, bob: str) -> None:
    trust = _create(cloud, member, bob)
    token_id = tokens.create(member, _trust_opts(cloud, bob, trust.id)).extract_token().id
    assert tokens.validate(admin, token_id) is True
    trusts.delete(member, trust.id).extract_err()
    assert tokens.validate(admin, token_id) is False
    with pytest.raises(Unauthorized):
        tokens.create(member, _trust_opts(cloud, bob, trust.id)).extract_token()
    with pytest.raises(NotFound):
        trusts.get(member, trust.id).extract()


def test_a_used_up_trust_refuses_the_next_token(cloud: FakeCloud, member: ServiceClient,
                                                bob: str) -> None:
    trust = _create(cloud, member, bob, remaining_uses=1)
    tokens.create(member, _trust_opts(cloud, bob, trust.id)).extract_token()
    with pytest.raises(Unauthorized):
        tokens.create(member, _trust_opts(cloud, bob, trust.id)).extract_token()


def test_trust_id_is_its_own_scope() -> None:
    opts = AuthOptions(user_id="u", password="p", trust_id="t")
    body = tokens.to_token_v3_create_map(opts)
    assert opts.scope == "trust"
    assert body["auth"]["scope"] == {"OS-TRUST:trust": {"id": "t"}}


@pytest.mark.parametrize("other", [{"project_id": "p"}, {"project_name": "p"},
                                   {"tenant_id": "p"}, {"scope_domain_id": "d"},
                                   {"system_scope": "all"}])
def test_trust_id_with_another_scope_is_invalid_input(other: dict[str, Any]) -> None:
    with pytest.raises(InvalidInput) as caught:
        AuthOptions(user_id="u", password="p", trust_id="t", **other)
    assert caught.value.field == "trust_id"
    assert next(iter(other)) in str(caught.value)
    assert isinstance(caught.value, ValueError)
    assert str(pickle.loads(pickle.dumps(caught.value))) == str(caught.value)


def test_keystone_v2_cannot_scope_to_a_trust() -> None:
    with pytest.raises(InvalidInput, match="cannot scope a token to a trust"):
        tokens_v2.to_token_v2_create_map(AuthOptions(username="u", password="p",
                                                     trust_id="t"))


def test_an_application_credential_with_a_trust_is_invalid_input() -> None:
    opts = AuthOptions(application_credential_id="c", application_credential_secret="s",
                       trust_id="t")
    with pytest.raises(InvalidInput, match="trust scope"):
        tokens.to_token_v3_create_map(opts)
