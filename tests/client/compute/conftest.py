"""Fixtures for the Compute client tests: a client without auth, and `responses`.

No fake Nova exists yet, so each test registers the responses Nova would send, shaped as
Nova's api-ref samples (`samples/`), and asserts the request the builder sent.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import responses

from stackdouble.client import ProviderClient, ServiceClient
from tests.client.compute.support import ENDPOINT, MICROVERSION


@pytest.fixture
def mock() -> Iterator[responses.RequestsMock]:
    """`responses`, failing the test when a registered response is not requested."""
    with responses.RequestsMock(assert_all_requests_are_fired=True) as rsps:
        yield rsps


@pytest.fixture
def plain() -> ServiceClient:
    """A Compute client without a microversion (Nova's minimum, 2.1)."""
    return ServiceClient(ProviderClient(max_retries=0), ENDPOINT, type="compute")


@pytest.fixture
def compute(plain: ServiceClient) -> ServiceClient:
    """A Compute client at microversion 2.79."""
    return plain.with_microversion(MICROVERSION)
