"""Flavors: the real sample's quirks, paging on flavors_links, admin create and delete."""

from __future__ import annotations

import pytest
import responses

from stackdouble.client import Forbidden, InvalidInput, ServiceClient
from stackdouble.client.openstack.compute.v2 import flavors
from tests.client.compute.support import BASE, nova_error, sample, sent_json

DETAIL = f"{BASE}flavors/detail"


def test_the_real_flavor_listing_extracts_with_empty_swap_as_zero(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    mock.get(DETAIL, json=sample("flavors-detail-real"))
    [tiny] = flavors.extract_flavors(flavors.list(compute).all_pages())
    assert (tiny.id, tiny.name, tiny.ram, tiny.disk, tiny.vcpus) == ("1", "m1.tiny", 512, 1, 1)
    assert (tiny.swap, tiny.ephemeral, tiny.rxtx_factor) == (0, 0, 1.0)
    assert (tiny.is_public, tiny.disabled, tiny.extra_specs) == (True, False, None)


def test_list_follows_flavors_links(mock: responses.RequestsMock, compute: ServiceClient) -> None:
    first = sample("flavors-detail-real")
    first["flavors_links"] = [{"rel": "next", "href": f"{DETAIL}?limit=1&marker=1"}]
    second = {"flavors": [{**sample("flavors-detail-real")["flavors"][0], "id": "2",
                           "name": "m1.small", "swap": 512}]}
    mock.get(f"{DETAIL}?limit=1&marker=1", json=second)
    mock.get(f"{DETAIL}?limit=1", json=first)
    found = [(f.id, f.swap) for f in flavors.list(compute, flavors.ListOpts(limit=1)).items()]
    assert found == [("1", 0), ("2", 512)]


def test_list_options_use_nova_names(mock: responses.RequestsMock, compute: ServiceClient) -> None:
    mock.get(DETAIL, json={"flavors": []})
    opts = flavors.ListOpts(min_disk=10, min_ram=2048, is_public="none", sort_key="ram",
                            sort_dir="desc")
    [*flavors.list(compute, opts).items()]
    assert str(mock.calls[0].request.url).endswith(
        "?minDisk=10&minRam=2048&is_public=none&sort_key=ram&sort_dir=desc")


def test_get_reads_extra_specs_from_2_61(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    raw = {**sample("flavors-detail-real")["flavors"][0], "description": "tiny",
           "extra_specs": {"hw:cpu_policy": "dedicated"}}
    mock.get(f"{BASE}flavors/1", json={"flavor": raw})
    flavor = flavors.get(compute, "1").extract()
    assert flavor.extra_specs == {"hw:cpu_policy": "dedicated"}
    assert flavor.description == "tiny"


def test_create_posts_nova_keys_and_accepts_200(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    created = {**sample("flavors-detail-real")["flavors"][0], "id": "42", "name": "m1.custom"}
    mock.post(f"{BASE}flavors", json={"flavor": created}, status=200)
    opts = flavors.CreateOpts(name="m1.custom", ram=2048, vcpus=2, disk=20, id="42", swap=0,
                              ephemeral=5, rxtx_factor=2.0, is_public=False)
    flavor = flavors.create(compute, opts).extract()
    assert flavor.id == "42"
    assert sent_json(mock.calls[0]) == {"flavor": {
        "name": "m1.custom", "ram": 2048, "vcpus": 2, "disk": 20, "id": "42", "swap": 0,
        "OS-FLV-EXT-DATA:ephemeral": 5, "rxtx_factor": 2.0, "os-flavor-access:is_public": False,
    }}


def test_create_by_a_member_arrives_as_forbidden(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    message = "Policy doesn't allow os_compute_api:os-flavor-manage:create to be performed."
    mock.post(f"{BASE}flavors", status=403, json=nova_error("forbidden", 403, message))
    opts = flavors.CreateOpts(name="x", ram=1, vcpus=1, disk=0)
    with pytest.raises(Forbidden) as info:
        flavors.create(compute, opts).extract()
    assert info.value.fault == message


def test_create_with_a_negative_size_sends_nothing(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    result = flavors.create(compute, flavors.CreateOpts(name="x", ram=-1, vcpus=1, disk=0))
    with pytest.raises(InvalidInput):
        result.extract()
    assert len(mock.calls) == 0


def test_delete_accepts_202(mock: responses.RequestsMock, compute: ServiceClient) -> None:
    mock.delete(f"{BASE}flavors/42", status=202)
    flavors.delete(compute, "42").extract_err()
