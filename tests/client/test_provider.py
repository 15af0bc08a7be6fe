"""ProviderClient against the in-process fake: reauthentication, retries, logging, secrets."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from dataclasses import replace

import pytest

from stackdouble.client import (
    BadRequest,
    InvalidInput,
    ReauthenticationFailed,
    ServiceUnavailable,
    TooManyRequests,
    TransportError,
    Unauthorized,
)
from stackdouble.client.openstack import (
    auth_options_from_env,
    authenticated_client,
    new_identity_v3,
)
from stackdouble.client.openstack.identity.v3 import projects
from stackdouble.fakes import FakeCloud

TOKEN_PATH = "/identity/v3/auth/tokens"


@pytest.fixture
def cloud() -> Iterator[FakeCloud]:
    with FakeCloud(seed=7) as cloud:
        yield cloud


class Sleeps:
    """Records waits instead of sleeping."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def _token_posts(cloud: FakeCloud) -> int:
    return len(cloud.requests.filter(method="POST", path=TOKEN_PATH))


def test_a_token_expired_mid_sequence_costs_exactly_one_reauthentication(
    cloud: FakeCloud,
) -> None:
    provider = authenticated_client(auth_options_from_env(cloud.os_environ(user="admin")))
    identity = new_identity_v3(provider)
    first = provider.token_id
    assert projects.get(identity, cloud.project_id("demo")).extract().name == "demo"
    cloud.clock.advance(cloud.token_ttl + 1)

    assert projects.get(identity, cloud.project_id("demo")).extract().name == "demo"
    assert projects.get(identity, cloud.project_id("admin")).extract().name == "admin"

    assert provider.reauth_count == 1
    assert _token_posts(cloud) == 2
    assert provider.token_id != first


def test_a_cloud_that_answers_401_forever_stops_after_one_reauthentication(
    cloud: FakeCloud,
) -> None:
    provider = authenticated_client(auth_options_from_env(cloud.os_environ(user="admin")))
    identity = new_identity_v3(provider)
    cloud.inject_fault(method="GET", path="/identity/v3/projects*", status=401, times=None)

    with pytest.raises(Unauthorized) as info:
        projects.get(identity, cloud.project_id("demo")).extract()

    assert info.value.note == "after reauthentication"
    assert provider.reauth_count == 1
    assert _token_posts(cloud) == 2
    assert len(cloud.requests.filter(method="GET", path="/identity/v3/projects/*")) == 2


def test_failed_reauthentication_raises_an_unauthorized_naming_both_failures(
    cloud: FakeCloud,
) -> None:
    provider = authenticated_client(auth_options_from_env(cloud.os_environ(user="admin")))
    identity = new_identity_v3(provider)
    cloud.clock.advance(cloud.token_ttl + 1)
    cloud.inject_fault(method="POST", path=TOKEN_PATH, status=401, times=1)

    with pytest.raises(ReauthenticationFailed) as info:
        projects.get(identity, cloud.project_id("demo")).extract()

    assert isinstance(info.value, Unauthorized)
    assert "reauthentication failed" in str(info.value)
    assert isinstance(info.value.__cause__, Unauthorized)


def test_allow_reauth_false_raises_the_first_401(cloud: FakeCloud) -> None:
    opts = replace(auth_options_from_env(cloud.os_environ(user="admin")), allow_reauth=False)
    provider = authenticated_client(opts)
    cloud.clock.advance(cloud.token_ttl + 1)
    with pytest.raises(Unauthorized) as info:
        projects.get(new_identity_v3(provider), cloud.project_id("demo")).extract()
    assert info.value.note is None
    assert provider.reauth_count == 0
    assert _token_posts(cloud) == 1


def test_a_bare_token_cannot_reauthenticate(cloud: FakeCloud) -> None:
    admin = authenticated_client(auth_options_from_env(cloud.os_environ(user="admin")))
    assert admin.token_id is not None
    provider = authenticated_client(
        replace(auth_options_from_env(cloud.os_environ(user="admin")), password=None)
        .with_token(admin.token_id)
    )
    cloud.clock.advance(cloud.token_ttl + 1)
    with pytest.raises(Unauthorized):
        projects.get(new_identity_v3(provider), cloud.project_id("demo")).extract()
    assert provider.reauth_count == 0


def test_concurrent_401s_share_one_reauthentication(cloud: FakeCloud) -> None:
    provider = authenticated_client(auth_options_from_env(cloud.os_environ(user="admin")))
    identity = new_identity_v3(provider)
    cloud.clock.advance(cloud.token_ttl + 1)
    barrier = threading.Barrier(8)
    names: list[str] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            barrier.wait()
            names.append(projects.get(identity, cloud.project_id("demo")).extract().name)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert names == ["demo"] * 8
    assert provider.reauth_count == 1
    assert _token_posts(cloud) == 2


def test_429_with_retry_after_waits_that_long_then_succeeds(cloud: FakeCloud) -> None:
    sleeps = Sleeps()
    provider = authenticated_client(auth_options_from_env(cloud.os_environ(user="admin")),
                                    sleep=sleeps)
    cloud.inject_fault(method="GET", path="/identity/v3/projects*", status=429, times=2,
                       retry_after=3)
    project = projects.get(new_identity_v3(provider), cloud.project_id("demo")).extract()
    assert project.name == "demo"
    assert sleeps.waits == [3.0, 3.0]


def test_429_without_retry_after_backs_off_exponentially_and_is_bounded(
    cloud: FakeCloud,
) -> None:
    sleeps = Sleeps()
    provider = authenticated_client(auth_options_from_env(cloud.os_environ(user="admin")),
                                    sleep=sleeps)
    cloud.inject_fault(method="GET", path="/identity/v3/projects*", status=429, times=None)
    with pytest.raises(TooManyRequests) as info:
        projects.get(new_identity_v3(provider), cloud.project_id("demo")).extract()
    assert sleeps.waits == [0.5, 1.0, 2.0]
    assert info.value.note == "after 3 retries"
    assert len(cloud.requests.filter(method="GET", path="/identity/v3/projects/*")) == 4


def test_503_is_retried_like_429(cloud: FakeCloud) -> None:
    sleeps = Sleeps()
    provider = authenticated_client(auth_options_from_env(cloud.os_environ(user="admin")),
                                    sleep=sleeps, max_retries=1)
    cloud.inject_fault(method="GET", path="/identity/v3/projects*", status=503, times=None)
    with pytest.raises(ServiceUnavailable):
        projects.get(new_identity_v3(provider), cloud.project_id("demo")).extract()
    assert sleeps.waits == [0.5]


def test_a_retry_after_beyond_the_cap_is_raised_without_waiting(cloud: FakeCloud) -> None:
    sleeps = Sleeps()
    provider = authenticated_client(auth_options_from_env(cloud.os_environ(user="admin")),
                                    sleep=sleeps, max_retry_wait=10)
    cloud.inject_fault(method="GET", path="/identity/v3/projects*", status=429, times=1,
                       retry_after=3600)
    with pytest.raises(TooManyRequests) as info:
        projects.get(new_identity_v3(provider), cloud.project_id("demo")).extract()
    assert info.value.retry_after == 3600
    assert sleeps.waits == []


def test_wrong_password_is_unauthorized_with_keystones_message(cloud: FakeCloud) -> None:
    opts = replace(auth_options_from_env(cloud.os_environ()), password="not-the-password")
    with pytest.raises(Unauthorized) as info:
        authenticated_client(opts)
    assert info.value.fault == "The request you have made requires authentication."
    assert info.value.kind == "Unauthorized"
    assert info.value.request_id is not None
    assert "not-the-password" not in str(info.value) + repr(info.value.body)


def test_a_malformed_auth_body_gets_keystones_400_envelope(cloud: FakeCloud) -> None:
    provider = authenticated_client(auth_options_from_env(cloud.os_environ()))
    with pytest.raises(BadRequest) as info:
        provider.request("POST", cloud.identity_v3_url + "/auth/tokens",
                         json={"auth": {"identity": {"methods": "password"}}},
                         authenticated=False)
    assert info.value.kind == "Bad Request"
    assert info.value.fault is not None
    assert info.value.fault.startswith("Invalid input for field")


def test_options_without_credentials_fail_before_sending(cloud: FakeCloud) -> None:
    opts = replace(auth_options_from_env(cloud.os_environ()), password=None)
    with pytest.raises(InvalidInput, match="no credentials"):
        authenticated_client(opts)
    assert _token_posts(cloud) == 0


def test_an_unknown_host_is_a_transport_error(cloud: FakeCloud) -> None:
    opts = replace(auth_options_from_env(cloud.os_environ()),
                   identity_endpoint="http://nowhere.stackdouble.test/v3")
    with pytest.raises(TransportError) as info:
        authenticated_client(opts)
    assert info.value.url.startswith("http://nowhere.stackdouble.test/")


def test_debug_log_has_one_line_per_request_and_no_secrets(
    cloud: FakeCloud, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="stackdouble.client")
    opts = auth_options_from_env(cloud.os_environ(user="admin"))
    provider = authenticated_client(opts)
    projects.get(new_identity_v3(provider), cloud.project_id("demo")).extract()

    lines = [r.getMessage() for r in caplog.records if r.name == "stackdouble.client"]
    assert len(lines) == len(cloud.requests)
    text = "\n".join(lines)
    assert provider.token_id is not None
    assert provider.token_id not in text
    assert opts.password is not None
    assert opts.password not in text
    assert "'X-Auth-Token': '***'" in text
    assert '"password": "***"' in text


def test_reprs_hold_no_secrets(cloud: FakeCloud) -> None:
    opts = auth_options_from_env(cloud.os_environ())
    provider = authenticated_client(opts)
    token = provider.auth_result.extract_token()
    assert provider.token_id is not None
    assert opts.password is not None
    for shown in (repr(opts), repr(provider), repr(token), repr(provider.auth_result)):
        assert provider.token_id not in shown
        assert opts.password not in shown
