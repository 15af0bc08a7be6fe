"""Fixtures for the Image client tests: a Glance v2 client at `http://glance.test/image`
(devstack's layout, as the samples were rewritten to) and `responses`.

The answers are the real Glance 33 samples of `samples/`; behaviour against a fake Glance
comes when the fake lands (the contract suite, `tests/contract/test_image.py`, runs the same
calls against real Glance).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import responses

from stackdouble.client import EndpointOpts, ProviderClient, ServiceClient
from stackdouble.client.openstack import new_image_v2


@pytest.fixture
def mock() -> Iterator[responses.RequestsMock]:
    """`responses`, failing the test when a registered response is not requested."""
    with responses.RequestsMock(assert_all_requests_are_fired=True) as rsps:
        yield rsps


@pytest.fixture
def image_client() -> ServiceClient:
    """An Image v2 client whose catalog gives `http://glance.test/image`, without retries."""
    provider = ProviderClient(max_retries=0)
    provider.set_token("a-token")
    provider.endpoint_locator = lambda opts: "http://glance.test/image"
    return new_image_v2(provider, EndpointOpts(region="RegionOne"))
