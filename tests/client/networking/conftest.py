"""Fixtures for the Networking client tests: a Networking v2 client whose catalog gives
`http://neutron.test/networking` (devstack's layout), and `responses`.

The answers are Neutron's api-ref samples and bodies built from Neutron's source
(`samples/README.md`); the fake Neutron is tested on its own.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import responses

from stackdouble.client import EndpointOpts, ProviderClient, ServiceClient
from stackdouble.client.openstack import new_networking_v2


@pytest.fixture
def mock() -> Iterator[responses.RequestsMock]:
    """`responses`, failing the test when a registered response is not requested."""
    with responses.RequestsMock(assert_all_requests_are_fired=True) as rsps:
        yield rsps


@pytest.fixture
def network_client() -> ServiceClient:
    """A Networking v2 client at `http://neutron.test/networking/`, without retries."""
    provider = ProviderClient(max_retries=0)
    provider.set_token("a-token")
    provider.endpoint_locator = lambda opts: "http://neutron.test/networking"
    return new_networking_v2(provider, EndpointOpts(region="RegionOne"))
