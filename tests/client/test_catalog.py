"""Endpoint location rules over v2 and v3 catalogs."""

from __future__ import annotations

import pytest

from stackdouble.client import (
    AmbiguousEndpoint,
    EndpointNotFound,
    EndpointOpts,
    InvalidInput,
    ServiceCatalog,
    ServiceNotFound,
)

RACKSPACE_V2 = [
    {"type": "compute", "name": "cloudServers",
     "endpoints": [{"publicURL": "https://servers.api.rackspacecloud.com/v1.0/123"}]},
    {"type": "compute", "name": "cloudServersOpenStack", "endpoints": [
        {"region": "DFW", "publicURL": "https://dfw.servers.api.rackspacecloud.com/v2/123"},
        {"region": "ORD", "publicURL": "https://ord.servers.api.rackspacecloud.com/v2/123"}]},
    {"type": "object-store", "name": "cloudFiles", "endpoints": [
        {"region": "DFW", "publicURL": "https://storage101.dfw1.clouddrive.com/v1/Moss",
         "internalURL": "https://snet-storage101.dfw1.clouddrive.com/v1/Moss"}]},
]

V3 = [
    {"type": "volumev3", "name": "cinderv3", "endpoints": [
        {"interface": "public", "region_id": "RegionOne", "region": "RegionOne",
         "url": "https://cinder.example/v3/p1"}]},
    {"type": "block-storage", "name": "cinder", "endpoints": [
        {"interface": "public", "region_id": "RegionOne", "region": "RegionOne",
         "url": "https://cinder.example/v3/p1"},
        {"interface": "admin", "region_id": "RegionOne", "region": "RegionOne",
         "url": "https://cinder-admin.example/v3/p1"}]},
    {"type": "compute", "name": "nova", "endpoints": [
        {"interface": "public", "region_id": "r-east", "region": "East",
         "url": "https://east.nova.example/v2.1"},
        {"interface": "public", "region_id": "r-west", "region": "West",
         "url": "https://west.nova.example/v2.1"}]},
    {"type": "volumev2", "name": "cinderv2", "endpoints": [
        {"interface": "public", "region_id": "RegionOne", "url": "https://old.example/v2/p1"}]},
]


def test_rackspace_catalog_with_two_compute_services_is_ambiguous_without_a_name() -> None:
    catalog = ServiceCatalog.from_v2(RACKSPACE_V2)
    with pytest.raises(AmbiguousEndpoint) as info:
        catalog.locate(EndpointOpts(type="compute", region="DFW"))
    message = str(info.value)
    assert "cloudServers'" in message
    assert "cloudServersOpenStack" in message
    assert len(info.value.available) == 2


def test_rackspace_catalog_name_and_region_pick_one_endpoint() -> None:
    catalog = ServiceCatalog.from_v2(RACKSPACE_V2)
    opts = EndpointOpts(type="compute", name="cloudServersOpenStack", region="ORD")
    assert catalog.locate(opts) == "https://ord.servers.api.rackspacecloud.com/v2/123"


def test_v2_internal_url_is_the_internal_interface() -> None:
    catalog = ServiceCatalog.from_v2(RACKSPACE_V2)
    opts = EndpointOpts(type="object-store", region="DFW", availability="internal")
    assert catalog.locate(opts).startswith("https://snet-storage101")


def test_region_matches_region_id_as_well_as_region_name() -> None:
    catalog = ServiceCatalog.from_v3(V3)
    assert catalog.locate(EndpointOpts(type="compute", region="r-west")) == (
        "https://west.nova.example/v2.1")
    assert catalog.locate(EndpointOpts(type="compute", region="East")) == (
        "https://east.nova.example/v2.1")


def test_two_regions_without_a_region_asked_is_ambiguous_and_lists_both() -> None:
    catalog = ServiceCatalog.from_v3(V3)
    with pytest.raises(AmbiguousEndpoint) as info:
        catalog.locate(EndpointOpts(type="compute"))
    assert "East" in str(info.value)
    assert "West" in str(info.value)


def test_official_type_wins_over_aliases_and_identical_urls_count_once() -> None:
    catalog = ServiceCatalog.from_v3(V3)
    for asked in ("block-storage", "volumev3", "volume"):
        assert catalog.locate(EndpointOpts(type=asked).apply_defaults("block-storage")) == (
            "https://cinder.example/v3/p1")


def test_alias_is_used_when_the_official_type_is_absent() -> None:
    catalog = ServiceCatalog.from_v3([V3[3]])
    assert catalog.locate(EndpointOpts(type="block-storage")) == "https://old.example/v2/p1"


def test_missing_service_names_type_region_interface_and_what_exists() -> None:
    catalog = ServiceCatalog.from_v3(V3)
    with pytest.raises(ServiceNotFound) as info:
        catalog.locate(EndpointOpts(type="image", region="RegionOne"))
    message = str(info.value)
    assert "type 'image'" in message
    assert "region 'RegionOne'" in message
    assert "interface 'public'" in message
    assert "compute 'nova' in East, West (public)" in message
    assert info.value.asked == {"type": "image", "name": None, "region": "RegionOne",
                                "interface": "public"}


def test_missing_region_names_the_regions_and_interfaces_offered() -> None:
    catalog = ServiceCatalog.from_v3(V3)
    with pytest.raises(EndpointNotFound) as info:
        catalog.locate(EndpointOpts(type="block-storage", region="RegionTwo",
                                    availability="internal"))
    message = str(info.value)
    assert "region 'RegionTwo'" in message
    assert "interface 'internal'" in message
    assert "admin in RegionOne" in message


def test_endpoint_errors_are_lookup_errors() -> None:
    with pytest.raises(LookupError):
        ServiceCatalog.from_v3([]).locate(EndpointOpts(type="compute"))


def test_unknown_availability_is_rejected_when_the_options_are_built() -> None:
    with pytest.raises(InvalidInput, match="public, internal or admin"):
        EndpointOpts(availability="private")


def test_location_is_deterministic_whatever_the_catalog_order() -> None:
    forward = ServiceCatalog.from_v3(V3)
    backward = ServiceCatalog.from_v3(list(reversed(V3)))
    opts = EndpointOpts(type="block-storage", region="RegionOne")
    assert forward.locate(opts) == backward.locate(opts)
