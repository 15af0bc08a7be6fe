"""The compute image proxy's metadata (`/images/{id}/metadata`, until 2.38): what each
call sends, and what it extracts from bodies shaped as Nova's api-ref samples
(`image-metadata-*` in `doc/api_samples/images/`)."""

from __future__ import annotations

import json

import pytest
import responses

from stackdouble.client import ServiceClient
from stackdouble.client._errors import NotFound
from stackdouble.client.openstack.compute.v2 import images
from tests.client.compute.support import BASE

IMAGE_ID = "70a599e0-31e7-49b7-b260-868f441e862b"
URL = f"{BASE}images/{IMAGE_ID}/metadata"
SAMPLE = {"metadata": {"architecture": "x86_64", "auto_disk_config": "True",
                       "kernel_id": "nokernel", "ramdisk_id": "nokernel"}}


def _sent(mock: responses.RequestsMock) -> object:
    body = mock.calls[-1].request.body
    assert body is not None
    return json.loads(body)


def test_metadata_extracts_every_item(mock: responses.RequestsMock,
                                      plain: ServiceClient) -> None:
    mock.get(URL, json=SAMPLE)
    assert images.metadata(plain, IMAGE_ID).extract() == SAMPLE["metadata"]


def test_update_metadata_posts_the_items(mock: responses.RequestsMock,
                                         plain: ServiceClient) -> None:
    merged = {"metadata": {**SAMPLE["metadata"], "Label": "UpdatedImage"}}
    mock.post(URL, json=merged)
    got = images.update_metadata(plain, IMAGE_ID, {"Label": "UpdatedImage"}).extract()
    assert got == merged["metadata"]
    assert _sent(mock) == {"metadata": {"Label": "UpdatedImage"}}


def test_reset_metadata_puts_the_items(mock: responses.RequestsMock,
                                       plain: ServiceClient) -> None:
    mock.put(URL, json={"metadata": {"auto_disk_config": "False"}})
    got = images.reset_metadata(plain, IMAGE_ID, {"auto_disk_config": "False"}).extract()
    assert got == {"auto_disk_config": "False"}
    assert _sent(mock) == {"metadata": {"auto_disk_config": "False"}}


def test_one_item_is_read_set_and_deleted(mock: responses.RequestsMock,
                                          plain: ServiceClient) -> None:
    mock.get(f"{URL}/kernel_id", json={"meta": {"kernel_id": "nokernel"}})
    mock.put(f"{URL}/auto_disk_config", json={"meta": {"auto_disk_config": "False"}})
    mock.delete(f"{URL}/kernel_id", status=204)
    assert images.metadatum(plain, IMAGE_ID, "kernel_id").extract() == {
        "kernel_id": "nokernel"}
    assert images.create_metadatum(plain, IMAGE_ID, "auto_disk_config", "False").extract() == {
        "auto_disk_config": "False"}
    assert _sent(mock) == {"meta": {"auto_disk_config": "False"}}
    images.delete_metadatum(plain, IMAGE_ID, "kernel_id").extract_err()


def test_a_key_is_quoted_in_the_url(mock: responses.RequestsMock,
                                    plain: ServiceClient) -> None:
    mock.get(f"{URL}/a%20b", json={"meta": {"a b": "c"}})
    assert images.metadatum(plain, IMAGE_ID, "a b").extract() == {"a b": "c"}


def test_a_missing_key_raises_not_found(mock: responses.RequestsMock,
                                        plain: ServiceClient) -> None:
    mock.delete(f"{URL}/nope", status=404, json={"itemNotFound": {
        "code": 404, "message": "Invalid metadata key"}})
    with pytest.raises(NotFound) as caught:
        images.delete_metadatum(plain, IMAGE_ID, "nope").extract_err()
    assert caught.value.status == 404
