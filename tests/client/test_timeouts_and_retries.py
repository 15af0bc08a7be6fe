"""A client that never hangs and never sends a create twice: timeouts and the retry rule."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import requests
import responses

from stackdouble.client import (
    ConnectTimeout,
    ProviderClient,
    ReadTimeout,
    ServiceClient,
    ServiceUnavailable,
    TooManyRequests,
    TransportError,
)
from stackdouble.client._provider import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_READ_TIMEOUT,
    IDEMPOTENT_METHODS,
)
from stackdouble.client.openstack import auth_options_from_env, authenticated_client
from stackdouble.client.openstack.compute.v2 import servers
from stackdouble.client.openstack.objectstorage.v1 import objects
from stackdouble.fakes import FakeCloud

BASE = "http://nova.test/v2.1/"
CREATE = servers.CreateOpts(name="web", image_ref="img-1", flavor_ref="1", networks="none")


class Sleeps:
    """Records waits instead of sleeping."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
def stalled() -> Iterator[str]:
    """The URL of a loopback server that accepts connections and never answers."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.05)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            held.append(conn)  # read nothing, answer nothing

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/v2.1/"
    finally:
        stop.set()
        thread.join()
        for conn in held:
            conn.close()
        listener.close()


@pytest.fixture
def mock() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def _compute(**provider: Any) -> ServiceClient:
    provider.setdefault("sleep", Sleeps())
    return ServiceClient(ProviderClient(**provider), BASE, type="compute")


# --- timeouts ------------------------------------------------------------------------------


def test_the_default_timeouts_are_10_s_to_connect_and_120_s_per_read() -> None:
    assert ProviderClient().timeout == (DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT)
    assert (DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT) == (10.0, 120.0)


def test_none_keeps_the_defaults_as_an_unset_api_timeout_does() -> None:
    assert ProviderClient(timeout=None).timeout == (10.0, 120.0)
    assert ProviderClient(timeout=30).timeout == 30
    assert ProviderClient(timeout=(None, None)).timeout == (None, None)


def test_a_stalled_server_raises_read_timeout_naming_the_url_and_the_limit(
    stalled: str,
) -> None:
    compute = ServiceClient(ProviderClient(timeout=(2.0, 0.3)), stalled, type="compute")
    started = time.monotonic()
    with pytest.raises(ReadTimeout) as caught:
        list(servers.list(compute).items())
    assert time.monotonic() - started < 5
    err = caught.value
    assert isinstance(err, TransportError)
    assert (err.method, err.url, err.timeout) == ("GET", stalled + "servers/detail", 0.3)
    assert str(err) == f"GET {stalled}servers/detail: no response within 0.3 s (read timeout)"


def test_a_single_number_timeout_applies_to_reads(stalled: str) -> None:
    compute = ServiceClient(ProviderClient(timeout=0.2), stalled, type="compute")
    with pytest.raises(ReadTimeout, match=r"no response within 0\.2 s") as caught:
        servers.get(compute, "s1").extract()
    assert caught.value.timeout == 0.2


def test_a_per_request_timeout_overrides_the_providers(stalled: str) -> None:
    provider = ProviderClient(timeout=(5.0, 60.0))
    with pytest.raises(ReadTimeout) as caught:
        provider.request("GET", stalled, timeout=(1.0, 0.2))
    assert caught.value.timeout == 0.2


def test_a_read_timeout_is_not_retried(stalled: str) -> None:
    sleeps = Sleeps()
    provider = ProviderClient(timeout=0.2, sleep=sleeps)
    with pytest.raises(ReadTimeout):
        provider.request("GET", stalled)
    assert sleeps.waits == []


def test_api_timeout_from_clouds_yaml_reaches_the_provider() -> None:
    from stackdouble.client.config import from_env

    config = from_env({"OS_AUTH_URL": "https://k.example/v3", "OS_TOKEN": "t",
                       "OS_API_TIMEOUT": "2.5"})
    assert ProviderClient(timeout=config.api_timeout).timeout == 2.5
    unset = from_env({"OS_AUTH_URL": "https://k.example/v3", "OS_TOKEN": "t"})
    assert ProviderClient(timeout=unset.api_timeout).timeout == (10.0, 120.0)


class _RaisingSession(requests.Session):
    def __init__(self, exc: Exception) -> None:
        super().__init__()
        self.exc = exc
        self.timeouts: list[Any] = []

    def request(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        self.timeouts.append(kwargs.get("timeout"))
        raise self.exc


def test_a_connect_timeout_names_the_connect_limit() -> None:
    session = _RaisingSession(requests.ConnectTimeout("connect timed out"))
    provider = ProviderClient(session=session)
    with pytest.raises(ConnectTimeout) as caught:
        provider.request("POST", BASE + "servers", json={"server": {}})
    assert session.timeouts == [(10.0, 120.0)]
    assert caught.value.timeout == 10.0
    assert str(caught.value) == (
        f"POST {BASE}servers: no connection within 10 s (connect timeout)"
    )


# --- the retry rule ------------------------------------------------------------------------


def _count(mock: responses.RequestsMock, method: str, url: str, statuses: list[int]) -> list[int]:
    """Answer `url` with `statuses` in turn (the last one for ever); the list of hits."""
    hits: list[int] = []

    def answer(request: Any) -> tuple[int, dict[str, str], str]:
        status = statuses[min(len(hits), len(statuses) - 1)]
        hits.append(status)
        body = '{"server": {"id": "s1"}}' if status < 300 else '{"x": {"message": "busy"}}'
        if request.method == "HEAD":
            body = ""
        return status, {"Content-Type": "application/json"}, body

    mock.add_callback(method, url, callback=answer)
    return hits


def test_a_post_answered_503_is_sent_once(mock: responses.RequestsMock) -> None:
    # A gateway that forwarded the create and then answered 503: sending it again would
    # make a second server.
    hits = _count(mock, "POST", BASE + "servers", [503, 202])
    compute = _compute(max_retries=3)
    with pytest.raises(ServiceUnavailable):
        servers.create(compute, CREATE).extract()
    assert hits == [503]


@pytest.mark.parametrize("method", ["POST", "PATCH"])
def test_non_idempotent_methods_are_not_retried_on_503(
    mock: responses.RequestsMock, method: str
) -> None:
    hits = _count(mock, method, BASE + "thing", [503, 200])
    with pytest.raises(ServiceUnavailable):
        _compute().provider.request(method, BASE + "thing", ok_codes=(200,))
    assert hits == [503]


@pytest.mark.parametrize("method", sorted(IDEMPOTENT_METHODS))
def test_idempotent_methods_are_retried_on_503(mock: responses.RequestsMock, method: str) -> None:
    hits = _count(mock, method, BASE + "thing", [503, 503, 200])
    sleeps = Sleeps()
    response = _compute(sleep=sleeps).provider.request(method, BASE + "thing", ok_codes=(200,))
    assert response.status_code == 200
    assert hits == [503, 503, 200]
    assert sleeps.waits == [0.5, 1.0]


@pytest.mark.parametrize("status", [429, 498])
@pytest.mark.parametrize("method", ["POST", "PATCH", "GET"])
def test_rate_limits_are_retried_for_every_method(
    mock: responses.RequestsMock, method: str, status: int
) -> None:
    hits = _count(mock, method, BASE + "thing", [status, 200])
    response = _compute().provider.request(method, BASE + "thing", ok_codes=(200,))
    assert response.status_code == 200
    assert hits == [status, 200]


def test_a_create_rate_limited_is_sent_again_and_makes_one_server(
    mock: responses.RequestsMock,
) -> None:
    hits = _count(mock, "POST", BASE + "servers", [429, 202])
    assert servers.create(_compute(), CREATE).extract().id == "s1"
    assert hits == [429, 202]


def test_retry_non_idempotent_on_the_provider_retries_a_post_on_503(
    mock: responses.RequestsMock,
) -> None:
    hits = _count(mock, "POST", BASE + "servers", [503, 202])
    compute = _compute(retry_non_idempotent=True)
    assert servers.create(compute, CREATE).extract().id == "s1"
    assert hits == [503, 202]


def test_retry_non_idempotent_per_request_overrides_the_provider(
    mock: responses.RequestsMock,
) -> None:
    opted_in = _count(mock, "POST", BASE + "in", [503, 200])
    opted_out = _count(mock, "POST", BASE + "out", [503, 200])
    response = _compute().provider.request("POST", BASE + "in", ok_codes=(200,),
                                           retry_non_idempotent=True)
    assert response.status_code == 200
    with pytest.raises(ServiceUnavailable):
        _compute(retry_non_idempotent=True).provider.request(
            "POST", BASE + "out", ok_codes=(200,), retry_non_idempotent=False)
    assert (opted_in, opted_out) == ([503, 200], [503])


def test_retry_non_idempotent_false_raises_the_first_503_with_no_retry_note(
    mock: responses.RequestsMock,
) -> None:
    _count(mock, "POST", BASE + "thing", [503])
    with pytest.raises(ServiceUnavailable) as caught:
        _compute().provider.request("POST", BASE + "thing", ok_codes=(200,))
    assert caught.value.note is None
    assert caught.value.method == "POST"


def test_rate_limit_retries_stay_bounded_for_a_post(mock: responses.RequestsMock) -> None:
    hits = _count(mock, "POST", BASE + "thing", [429])
    with pytest.raises(TooManyRequests) as caught:
        _compute(max_retries=2).provider.request("POST", BASE + "thing", ok_codes=(200,))
    assert hits == [429, 429, 429]
    assert caught.value.note == "after 2 retries"


def test_a_swift_copy_is_retried_on_503_like_a_put() -> None:
    with FakeCloud(seed=3) as cloud:
        sleeps = Sleeps()
        provider = authenticated_client(auth_options_from_env(cloud.os_environ()), sleep=sleeps)
        from stackdouble.client.openstack import new_object_storage_v1
        from stackdouble.client.openstack.objectstorage.v1 import containers

        storage = new_object_storage_v1(provider)
        containers.create(storage, "c").extract()
        objects.create(storage, "c", "a", b"hello").extract()
        fault = cloud.inject_fault(method="COPY", path="/v1/*", status=503, times=1)
        objects.copy(storage, "c", "a", objects.CopyOpts(destination="/c/b")).extract()
        assert fault.hits == 1
        assert sleeps.waits == [0.5]
        assert objects.download(storage, "c", "b").extract_content() == b"hello"


def test_a_create_against_the_fake_answering_503_makes_no_second_attempt() -> None:
    with FakeCloud(seed=3) as cloud:
        from stackdouble.client.openstack import new_compute_v2

        opts = auth_options_from_env(cloud.os_environ())
        compute = new_compute_v2(authenticated_client(opts, sleep=Sleeps()))
        cloud.inject_fault(method="POST", path="/compute/*/servers", status=503, times=None)
        with pytest.raises(ServiceUnavailable):
            servers.create(compute, CREATE).extract()
        assert len(cloud.requests.filter(method="POST", path="/compute/*/servers")) == 1
