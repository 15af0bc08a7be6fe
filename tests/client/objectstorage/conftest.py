"""The Object Storage client against the in-process fake Swift, and `responses` for the few
answers the fake never gives (a corrupted transfer, a manifest, a server that forgets a
Content-Type)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime, timezone
from typing import Any

import pytest
import responses

from stackdouble.client import ProviderClient, ServiceClient
from stackdouble.client.openstack import (
    auth_options_from_env,
    authenticated_client,
    new_object_storage_v1,
)
from stackdouble.fakes import FakeClock, FakeCloud
from stackdouble.fakes.requestlog import RequestRecord
from tests.client.objectstorage.samples import ACCOUNT, APPLE, BANANA, CHERRY

#: The fake clock's start: the second the real samples were recorded in.
START = datetime(2026, 11, 27, 8, 56, 17, tzinfo=timezone.utc)


@pytest.fixture
def cloud() -> Iterator[FakeCloud]:
    """A fake cloud answering in-process, its clock frozen at START."""
    with FakeCloud(seed=7, clock=FakeClock(start=START, ticking=False)) as fake:
        yield fake


@pytest.fixture
def storage(cloud: FakeCloud) -> ServiceClient:
    """An Object Storage client for the demo project, from the fake's catalog."""
    return new_object_storage_v1(authenticated_client(auth_options_from_env(cloud.os_environ())))


@pytest.fixture
def samples(cloud: FakeCloud) -> str:
    """The container of the real samples: apple, banana and cherry (3 objects, 32 bytes)."""
    swift = cloud.object_storage
    swift.create_container("demo", "samples")
    for name, data in (("apple", APPLE), ("banana", BANANA), ("cherry", CHERRY)):
        swift.put_object("demo", "samples", name, data, content_type="text/plain")
    return "samples"


def sent(cloud: FakeCloud, index: int = -1) -> RequestRecord:
    """A request the fake received (`.method`, `.url`, `.query`, `.headers`)."""
    return cloud.requests[index]


# -- canned answers ------------------------------------------------------------------------


@pytest.fixture
def mock() -> Iterator[responses.RequestsMock]:
    """A `responses` mock that fails any request nobody registered."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


@pytest.fixture
def canned() -> ServiceClient:
    """A client for `http://swift.test/v1/AUTH_test`, without auth, for canned answers."""
    return ServiceClient(ProviderClient(max_retries=0), ACCOUNT, type="object-store")


def reply(
    mock: responses.RequestsMock,
    method: str,
    url: str,
    status: int,
    headers: Mapping[str, str] | None = None,
    body: bytes = b"",
) -> None:
    """Register one canned answer; the URL must match exactly, query included."""
    mock.add(
        responses.Response(
            method,
            url,
            status=status,
            headers=dict(headers or {}),
            body=body,
            content_type=None,
            match=[responses.matchers.query_string_matcher(url.partition("?")[2])],
        )
    )


def canned_request(mock: responses.RequestsMock, index: int = -1) -> Any:
    """The request a call sent to a canned answer (`.method`, `.url`, `.headers`, `.body`)."""
    return mock.calls[index].request
