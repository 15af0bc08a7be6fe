"""Version discovery and microversions against the fake Cinder."""

from __future__ import annotations

import pytest

from stackdouble.client import NotAcceptable, ProviderClient, ServiceClient
from stackdouble.client.openstack.blockstorage.v3 import versions, volumes
from stackdouble.client.openstack.blockstorage.v3.versions import urls


def test_the_root_is_the_endpoint_without_version_and_project() -> None:
    client = ServiceClient(ProviderClient(), "http://h/volume/v3/abc", type="block-storage")
    assert urls.versions_url(client) == "http://h/volume/"


def test_get_versions_reads_the_300_document(block_storage: ServiceClient) -> None:
    (v3,) = versions.get_versions(block_storage).extract()
    assert (v3.id, v3.status, v3.min_version, v3.version) == ("v3.0", "CURRENT", "3.0", "3.71")


@pytest.mark.parametrize(("wanted", "chosen"), [("3.60", "3.60"), ("3.99", "3.71"),
                                                 ("latest", "3.71")])
def test_negotiate_picks_what_both_accept(block_storage: ServiceClient, wanted: str,
                                          chosen: str) -> None:
    client = versions.negotiate(block_storage, wanted)
    assert client.microversion == chosen
    result = volumes.list(client)
    page = next(iter(result.pages()), None)
    assert page is None or page.headers["OpenStack-API-Version"] == f"volume {chosen}"


def test_below_the_minimum_is_refused(block_storage: ServiceClient) -> None:
    with pytest.raises(versions.MicroversionUnsupported):
        versions.negotiate(block_storage, "2.9")


def test_cinder_refuses_a_microversion_it_does_not_know(block_storage: ServiceClient) -> None:
    result = volumes.get(block_storage.with_microversion("3.80"), "x")
    assert isinstance(result.err, NotAcceptable)
    assert result.err.fault == ("Version 3.80 is not supported by the API. Minimum is 3.0 and "
                                "maximum is 3.71.")
    assert result.headers["OpenStack-API-Version"] == "volume 3.80"
