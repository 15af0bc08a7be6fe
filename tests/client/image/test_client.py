"""`new_image_v2`: Glance's unversioned root from the catalog, resources under `v2/`."""

from __future__ import annotations

import pytest

from stackdouble.client import EndpointOpts, ProviderClient, ServiceClient
from stackdouble.client.openstack import new_image_v2
from stackdouble.client.openstack.image.v2._glance import service_root


def _client(catalog_url: str) -> ServiceClient:
    provider = ProviderClient()
    asked: list[EndpointOpts] = []

    def locate(opts: EndpointOpts) -> str:
        asked.append(opts)
        return catalog_url

    provider.endpoint_locator = locate
    client = new_image_v2(provider, EndpointOpts(region="RegionOne"))
    assert asked[0].type == "image"
    return client


@pytest.mark.parametrize("catalog_url", [
    "http://glance.test/image", "http://glance.test/image/", "http://glance.test/image/v2",
    "http://glance.test/image/v2.1/"])
def test_the_client_sits_on_glances_root(catalog_url: str) -> None:
    client = _client(catalog_url)
    assert client.endpoint == "http://glance.test/image/"
    assert client.service_url("images") == "http://glance.test/image/v2/images"
    assert client.type == "image"


def test_a_port_root_without_a_path_works() -> None:
    client = _client("http://glance.test:9292")
    assert client.service_url("images") == "http://glance.test:9292/v2/images"


def test_links_resolve_under_the_root_of_a_versioned_client() -> None:
    versioned = ServiceClient(ProviderClient(), "http://glance.test/image/v2/", type="image")
    assert service_root(versioned) == "http://glance.test/image/"
