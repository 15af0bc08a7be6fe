"""OS-OAUTH1 through the client (`identity/v3/extensions/oauth1`), end to end against the
in-process fake: consumers, the three legs, logging a provider in with an access token, and
a user's access tokens."""

from __future__ import annotations

import pytest

from stackdouble.client import (
    Forbidden,
    InvalidInput,
    NotFound,
    ServiceClient,
    Unauthorized,
    UnexpectedBody,
    openstack,
)
from stackdouble.client.openstack.identity.v3 import tokens
from stackdouble.client.openstack.identity.v3.extensions import oauth1
from stackdouble.client.openstack.identity.v3.extensions.oauth1.results import TokenResult
from stackdouble.fakes import FakeCloud


def _access(cloud: FakeCloud, admin: ServiceClient,
            consumer: oauth1.Consumer) -> oauth1.Token:
    assert consumer.secret is not None
    request = oauth1.request_token(admin, oauth1.RequestTokenOpts(
        consumer_key=consumer.id, consumer_secret=consumer.secret,
        requested_project_id=cloud.project_id("admin"))).extract()
    verifier = oauth1.authorize_token(admin, request.oauth_token, oauth1.AuthorizeTokenOpts(
        role_ids=[cloud.identity.find_role("member").id])).extract().oauth_verifier
    return oauth1.create_access_token(admin, oauth1.CreateAccessTokenOpts(
        consumer_key=consumer.id, consumer_secret=consumer.secret, token=request.oauth_token,
        token_secret=request.oauth_token_secret, verifier=verifier)).extract()


def _opts(consumer: oauth1.Consumer, access: oauth1.Token, **kw: object) -> oauth1.AuthOptions:
    assert consumer.secret is not None
    return oauth1.AuthOptions(consumer_key=consumer.id, consumer_secret=consumer.secret,
                              token=access.oauth_token, token_secret=access.oauth_token_secret,
                              **kw)  # type: ignore[arg-type]


def test_a_consumer_is_created_listed_updated_and_deleted(admin: ServiceClient) -> None:
    consumer = oauth1.create_consumer(admin, oauth1.CreateConsumerOpts(
        description="app")).extract()
    assert consumer.secret is not None
    assert len(consumer.secret) == 32
    shown = oauth1.get_consumer(admin, consumer.id).extract()
    assert (shown.description, shown.secret) == ("app", None)
    assert [c.id for c in oauth1.list_consumers(admin).items()] == [consumer.id]
    updated = oauth1.update_consumer(admin, consumer.id,
                                     oauth1.UpdateConsumerOpts(description=None)).extract()
    assert updated.description is None
    oauth1.delete_consumer(admin, consumer.id).extract_err()
    with pytest.raises(NotFound, match="Consumer not found"):
        oauth1.get_consumer(admin, consumer.id).extract()


def test_a_member_cannot_manage_consumers(member: ServiceClient) -> None:
    with pytest.raises(Forbidden, match="identity:create_consumer"):
        oauth1.create_consumer(member).extract()


def test_a_provider_logs_in_with_an_access_token_and_reauthenticates(
        cloud: FakeCloud, admin: ServiceClient) -> None:
    consumer = oauth1.create_consumer(admin).extract()
    access = _access(cloud, admin, consumer)
    provider = openstack.new_client(cloud.identity_v3_url)
    oauth1.authenticate(provider, _opts(consumer, access, allow_reauth=True))
    identity = openstack.new_identity_v3(provider)
    first = provider.token_id
    assert first is not None
    me = tokens.get(identity, first)
    assert me.extract_token().methods == ("oauth1",)
    project = me.extract_project()
    assert project is not None
    assert project.id == cloud.project_id("admin")
    oauth1_ext = oauth1.extract_token_oauth1(me)
    assert oauth1_ext == oauth1.TokenOAuth1(access_token_id=access.oauth_token,
                                           consumer_id=consumer.id)
    cloud.identity.revoke_token(first)
    tokens.get(identity, first)  # a 401 makes the provider log in again, signed anew
    assert provider.token_id not in (None, first)


def test_a_wrong_secret_is_unauthorized(cloud: FakeCloud, admin: ServiceClient) -> None:
    consumer = oauth1.create_consumer(admin).extract()
    access = _access(cloud, admin, consumer)
    forged = oauth1.AuthOptions(consumer_key=consumer.id, consumer_secret="not-it",
                                token=access.oauth_token, token_secret=access.oauth_token_secret)
    with pytest.raises(Unauthorized):
        oauth1.create(admin, forged).extract_token()


def test_a_revoked_access_token_lists_no_more_and_logs_in_no_more(
        cloud: FakeCloud, admin: ServiceClient) -> None:
    consumer = oauth1.create_consumer(admin).extract()
    access = _access(cloud, admin, consumer)
    admin_id = cloud.user_id("admin")
    listed = oauth1.list_access_tokens(admin, admin_id).items()
    assert [(t.id, t.consumer_id, t.project_id) for t in listed] == [
        (access.oauth_token, consumer.id, cloud.project_id("admin"))]
    role = next(iter(oauth1.list_access_token_roles(admin, admin_id,
                                                   access.oauth_token).items()))
    assert oauth1.get_access_token_role(admin, admin_id, access.oauth_token,
                                        role.id).extract().name == "member"
    assert oauth1.get_access_token(admin, admin_id, access.oauth_token).extract().expires_at
    oauth1.revoke_access_token(admin, admin_id, access.oauth_token).extract_err()
    assert list(oauth1.list_access_tokens(admin, admin_id).items()) == []
    with pytest.raises(NotFound, match="Access token not found"):
        oauth1.create(admin, _opts(consumer, access)).extract_token()


def test_an_unsupported_signature_method_is_the_results_error(admin: ServiceClient) -> None:
    opts = oauth1.RequestTokenOpts(consumer_key="c", consumer_secret="s",
                                   requested_project_id="p", signature_method="RSA-SHA1")
    with pytest.raises(InvalidInput, match="RSA-SHA1"):
        oauth1.request_token(admin, opts).extract()


def test_a_body_that_is_not_keystones_form_is_unexpected() -> None:
    result = TokenResult(body="nothing here", status=201)
    with pytest.raises(UnexpectedBody):
        result.extract()


def test_secrets_stay_out_of_reprs(cloud: FakeCloud, admin: ServiceClient) -> None:
    consumer = oauth1.create_consumer(admin).extract()
    access = _access(cloud, admin, consumer)
    assert consumer.secret is not None
    text = repr(consumer) + repr(access) + repr(_opts(consumer, access))
    assert consumer.secret not in text
    assert access.oauth_token_secret not in text
