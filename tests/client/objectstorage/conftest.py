"""A Swift endpoint served by `responses`, and helpers to answer as Swift does."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pytest
import responses

from stackdouble.client import ProviderClient, ServiceClient
from tests.client.objectstorage.samples import ACCOUNT


@pytest.fixture
def mock() -> Iterator[responses.RequestsMock]:
    """A `responses` mock that fails any request nobody registered."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


@pytest.fixture
def storage() -> ServiceClient:
    """An Object Storage client for `http://swift.test/v1/AUTH_test`, without auth."""
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
            match=[responses.matchers.query_string_matcher(_query(url))],
        )
    )


def _query(url: str) -> str:
    return url.partition("?")[2]


def sent(mock: responses.RequestsMock, index: int = -1) -> Any:
    """The request a call sent (`.method`, `.url`, `.headers`, `.body`)."""
    return mock.calls[index].request
