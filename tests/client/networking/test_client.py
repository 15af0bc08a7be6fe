"""`new_networking_v2`: Neutron's root from the catalog, resources under `v2.0/`."""

from __future__ import annotations

import pytest

from stackdouble.client import EndpointOpts, ProviderClient
from stackdouble.client.openstack import new_networking_v2


@pytest.mark.parametrize("catalog_url", [
    "http://cloud/networking", "http://cloud/networking/", "http://cloud/networking/v2.0",
    "http://cloud/networking/v2.0/",
])
def test_resources_are_built_under_v2_0_of_the_root(catalog_url: str) -> None:
    provider = ProviderClient()
    asked: list[EndpointOpts] = []

    def locate(opts: EndpointOpts) -> str:
        asked.append(opts)
        return catalog_url

    provider.endpoint_locator = locate
    client = new_networking_v2(provider, EndpointOpts(region="RegionOne"))
    assert client.endpoint == "http://cloud/networking/"
    assert client.service_url("networks") == "http://cloud/networking/v2.0/networks"
    assert (client.type, asked[0].type) == ("network", "network")
