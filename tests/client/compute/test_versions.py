"""Version discovery at Nova's root, and microversion negotiation."""

from __future__ import annotations

import pytest
import responses

from stackdouble.client import InvalidInput, ServiceClient
from stackdouble.client.openstack.compute.v2 import versions
from tests.client.compute.support import sample

ROOT = "http://nova.test/"


def test_get_versions_reads_the_unversioned_root(
    mock: responses.RequestsMock, plain: ServiceClient
) -> None:
    mock.get(ROOT, json=sample("versions"))
    found = [(v.id, v.status, v.min_version, v.version)
             for v in versions.get_versions(plain).extract()]
    assert found == [("v2.0", "SUPPORTED", "", ""), ("v2.1", "CURRENT", "2.1", "2.96")]
    assert mock.calls[0].request.url == ROOT


def test_get_version_reads_the_endpoint_itself(
    mock: responses.RequestsMock, plain: ServiceClient
) -> None:
    v21 = sample("versions")["versions"][1]
    mock.get("http://nova.test/v2.1/", json={"version": v21})
    assert versions.get_version(plain).extract().version == "2.96"


@pytest.mark.parametrize(
    ("endpoint", "root"),
    [
        ("http://nova.test/v2.1", "http://nova.test/"),
        ("https://cloud.test/compute/v2.1/", "https://cloud.test/compute/"),
        ("http://nova.test:8774/v2.1/59651f6770bb4b8aa74915d40d2898d1", "http://nova.test:8774/"),
        ("http://nova.test:8774/v2/59651f6770bb4b8aa74915d40d2898d1/", "http://nova.test:8774/"),
    ],
)
def test_the_root_is_the_endpoint_without_its_version(endpoint: str, root: str) -> None:
    from stackdouble.client import ProviderClient
    from stackdouble.client.openstack.compute.v2.versions import urls

    assert urls.versions_url(ServiceClient(ProviderClient(), endpoint, type="compute")) == root


@pytest.mark.parametrize(
    ("wanted", "chosen"), [("2.53", "2.53"), ("2.100", "2.96"), ("latest", "2.96"), ("2.1", "2.1")]
)
def test_negotiate_picks_the_lower_of_wanted_and_max(
    mock: responses.RequestsMock, plain: ServiceClient, wanted: str, chosen: str
) -> None:
    mock.get(ROOT, json=sample("versions"))
    client = versions.negotiate(plain, wanted)
    assert client.microversion == chosen
    assert client.microversion_headers() == {
        "OpenStack-API-Version": f"compute {chosen}", "X-OpenStack-Nova-API-Version": chosen}
    assert plain.microversion is None


def test_negotiate_below_the_minimum_raises_a_typed_error(
    mock: responses.RequestsMock, plain: ServiceClient
) -> None:
    body = sample("versions")
    body["versions"][1]["min_version"] = "2.60"
    mock.get(ROOT, json=body)
    with pytest.raises(versions.MicroversionUnsupported) as info:
        versions.negotiate(plain, "2.53")
    assert (info.value.wanted, info.value.min_version, info.value.max_version) == (
        "2.53", "2.60", "2.96")
    assert isinstance(info.value, ValueError)


def test_an_endpoint_without_microversions_refuses_any(
    mock: responses.RequestsMock,
) -> None:
    from stackdouble.client import ProviderClient

    legacy = ServiceClient(ProviderClient(), "http://nova.test/v2/", type="compute")
    mock.get(ROOT, json=sample("versions"))
    with pytest.raises(versions.MicroversionUnsupported):
        versions.negotiate(legacy, "2.10")


def test_microversions_compare_as_numbers() -> None:
    assert versions.parse_microversion("2.10") > versions.parse_microversion("2.9")
    with pytest.raises(InvalidInput):
        versions.parse_microversion("two.ten")
