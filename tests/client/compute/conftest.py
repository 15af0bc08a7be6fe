"""Fixtures for the Compute client tests: a client without auth, and `responses`.

Tests of what a builder sends and of parsing register the bodies Nova sends, shaped as
Nova's api-ref and real samples (`samples/`). Tests of behaviour (paging, waiting, state
changes, negotiation) run against the in-process fake Nova (`test_seed.py`, `test_wait.py`).
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
