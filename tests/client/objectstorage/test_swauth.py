"""Swift's v1.0 auth through the client (`swauth`), against the fake's tempauth."""

from __future__ import annotations

import logging
import pickle

import pytest
import requests

from stackdouble.client import (
    InvalidInput,
    ProviderClient,
    ReauthenticationFailed,
    ServiceClient,
    Unauthorized,
    UnexpectedBody,
)
from stackdouble.client.openstack import new_client
from stackdouble.client.openstack.objectstorage.v1 import accounts, containers, objects, swauth
from stackdouble.fakes import FakeCloud
from tests.client.objectstorage.conftest import sent

TESTER = swauth.AuthOpts(user="test:tester", key="testing")


@pytest.fixture
def provider(cloud: FakeCloud) -> ProviderClient:
    """An unauthenticated provider rooted at the fake Swift."""
    return new_client(cloud.base_url)


def test_get_auth_gives_the_token_and_storage_url(
    cloud: FakeCloud, provider: ProviderClient
) -> None:
    auth = swauth.get_auth(provider, TESTER).extract()
    assert auth.token.startswith("AUTH_tk")
    assert auth.storage_url == cloud.base_url + "/v1/AUTH_test"
    assert (auth.expires_in, auth.cdn_url) == (86399, None)
    assert auth.token not in repr(auth)
    request = sent(cloud)
    assert (request.method, request.url) == ("GET", cloud.base_url + "/auth/v1.0")
    assert request.headers["X-Auth-User"] == "test:tester"
    assert request.headers["X-Auth-Key"] == "***"


def test_get_auth_never_sends_the_providers_token(
    cloud: FakeCloud, provider: ProviderClient
) -> None:
    provider.set_token("a-keystone-token")
    swauth.get_auth(provider, TESTER).extract()
    assert "X-Auth-Token" not in sent(cloud).headers


def test_get_auth_through_a_service_client_rooted_at_swift(cloud: FakeCloud,
                                                           provider: ProviderClient) -> None:
    root = ServiceClient(provider, cloud.base_url)
    assert swauth.get_auth(root, TESTER).extract().storage_url.endswith("/AUTH_test")


def test_a_wrong_key_is_unauthorized_and_never_shown(
    cloud: FakeCloud, provider: ProviderClient
) -> None:
    result = swauth.get_auth(provider, swauth.AuthOpts(user="test:tester", key="not-it"))
    with pytest.raises(Unauthorized) as caught:
        result.extract()
    err = caught.value
    assert (err.status, err.method) == (401, "GET")
    assert err.headers["Www-Authenticate"] == 'Swift realm="test"'
    assert str(err.request_id).startswith("tx")
    assert "not-it" not in str(err) + repr(err) + repr(pickle.loads(pickle.dumps(err)))
    assert provider.reauth_count == 0


@pytest.mark.parametrize(
    ("user", "key", "field"),
    [("", "k", "user"), ("test:tester", "", "key"), ("test:tester", "s3cret\nX-Evil: 1", "key"),
     ("test:tester", " s3cret", "key"), ("a\rb", "k", "user")],
)
def test_credentials_a_header_cannot_carry_are_invalid_input(
    cloud: FakeCloud, provider: ProviderClient, user: str, key: str, field: str
) -> None:
    before = len(cloud.requests)
    result = swauth.get_auth(provider, swauth.AuthOpts(user=user, key=key))
    with pytest.raises(InvalidInput) as caught:
        result.extract()
    assert caught.value.field == field
    assert "s3cret" not in str(caught.value)
    assert len(cloud.requests) == before


def test_a_utf8_account_logs_in(cloud: FakeCloud, provider: ProviderClient) -> None:
    cloud.object_storage.tempauth.add_user("équipe", "zoë", "clé", admin=True)
    auth = swauth.get_auth(provider, swauth.AuthOpts(user="équipe:zoë", key="clé")).extract()
    assert auth.storage_url.endswith("/v1/AUTH_%C3%A9quipe")


def test_the_login_headers_are_read_case_insensitively_and_checked() -> None:
    auth = swauth.AuthResult.from_headers({"x-storage-token": "t", "X-STORAGE-URL": "u",
                                           "X-CDN-Management-Url": "c",
                                           "X-Auth-Token-Expires": "soon"})
    assert (auth.token, auth.storage_url, auth.cdn_url, auth.expires_in) == ("t", "u", "c", None)
    with pytest.raises(UnexpectedBody, match="X-Storage-Url"):
        swauth.AuthResult.from_headers({"X-Auth-Token": "t"})


# -- the storage client ---------------------------------------------------------------------------


def test_new_object_storage_v1_works_on_the_storage_url(
    cloud: FakeCloud, provider: ProviderClient
) -> None:
    storage = swauth.new_object_storage_v1(provider, TESTER)
    assert storage.endpoint == cloud.base_url + "/v1/AUTH_test/"
    assert storage.type == "object-store"
    assert provider.token_id is not None
    containers.create(storage, "c").extract()
    objects.create(storage, "c", "o", b"hello").extract()
    assert list(objects.list(storage, "c").items()) == ["o"]
    assert accounts.get(storage).extract().object_count == 1
    assert cloud.object_storage.get_object("AUTH_test", "c", "o").data == b"hello"


def test_a_v1_client_and_a_keystone_client_share_the_demo_account(
    provider: ProviderClient, storage: ServiceClient
) -> None:
    swift_v1 = swauth.new_object_storage_v1(
        provider, swauth.AuthOpts(user="demo:demo", key="demo-secret"))
    assert swift_v1.endpoint == storage.endpoint
    containers.create(swift_v1, "from-v1").extract()
    containers.create(storage, "from-keystone").extract()
    names = ["from-keystone", "from-v1"]
    assert list(containers.list(swift_v1).items()) == names
    assert list(containers.list(storage).items()) == names


def test_an_expired_token_is_replaced_by_logging_in_again(
    cloud: FakeCloud, provider: ProviderClient
) -> None:
    storage = swauth.new_object_storage_v1(provider, TESTER)
    first = provider.token_id
    assert first is not None
    cloud.clock.advance(86400)
    containers.create(storage, "after").extract()
    assert provider.reauth_count == 1
    assert provider.token_id not in (None, first)


def test_without_reauth_an_expired_token_is_unauthorized(
    cloud: FakeCloud, provider: ProviderClient
) -> None:
    opts = swauth.AuthOpts(user="test:tester", key="testing", allow_reauth=False)
    storage = swauth.new_object_storage_v1(provider, opts)
    cloud.object_storage.tempauth.expire_all_tokens()
    err = containers.create(storage, "c").err
    assert isinstance(err, Unauthorized)
    assert err.headers["Www-Authenticate"].startswith('Swift realm="AUTH_test"')


def test_a_reauth_that_fails_is_reported(cloud: FakeCloud, provider: ProviderClient) -> None:
    storage = swauth.new_object_storage_v1(provider, TESTER)
    cloud.object_storage.tempauth.remove_user("test", "tester")
    err = containers.create(storage, "c").err
    assert isinstance(err, ReauthenticationFailed)
    assert "testing" not in str(err)


def test_new_object_storage_v1_raises_for_a_wrong_key(provider: ProviderClient) -> None:
    with pytest.raises(Unauthorized):
        swauth.new_object_storage_v1(provider, swauth.AuthOpts(user="test:tester", key="x"))
    assert provider.token_id is None


def test_no_key_or_token_reaches_the_debug_log(
    cloud: FakeCloud, provider: ProviderClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="stackdouble.client"):
        storage = swauth.new_object_storage_v1(provider, TESTER)
        containers.create(storage, "c").extract()
    assert provider.token_id is not None
    assert "testing" not in caplog.text
    assert provider.token_id not in caplog.text


def test_the_flow_end_to_end_against_the_served_fake() -> None:
    cloud = FakeCloud(seed=11)
    with cloud.serve() as served, requests.Session() as session:
        session.trust_env = False
        provider = new_client(served.url, session=session)
        storage = swauth.new_object_storage_v1(provider, TESTER)
        assert storage.endpoint == served.url + "/v1/AUTH_test/"
        containers.create(storage, "c").extract()
        objects.create(storage, "c", "été", b"over a socket").extract()
        cloud.object_storage.tempauth.expire_all_tokens()
        assert objects.download(storage, "c", "été").extract_content() == b"over a socket"
        assert provider.reauth_count == 1
        with pytest.raises(Unauthorized):
            swauth.get_auth(provider, swauth.AuthOpts(user="test:tester", key="no")).extract()
