"""The compute image proxy: list with images_links, get, delete."""

from __future__ import annotations

from datetime import datetime, timezone

import responses

from stackdouble.client import ServiceClient
from stackdouble.client.openstack.compute.v2 import images
from tests.client.compute.support import BASE, sample

IMAGE_ID = "70a599e0-31e7-49b7-b260-868f441e862b"


def test_get_extracts_the_sample(mock: responses.RequestsMock, plain: ServiceClient) -> None:
    mock.get(f"{BASE}images/{IMAGE_ID}", json=sample("image-get"))
    image = images.get(plain, IMAGE_ID).extract()
    assert (image.id, image.name, image.status, image.progress) == (
        IMAGE_ID, "fakeimage7", "ACTIVE", 100)
    assert (image.min_disk, image.min_ram, image.size) == (0, 0, 74185822)
    assert image.created == datetime(2011, 1, 1, 1, 2, 3, tzinfo=timezone.utc)
    assert image.metadata["architecture"] == "x86_64"
    assert image.server is None


def test_list_follows_images_links(mock: responses.RequestsMock, plain: ServiceClient) -> None:
    detail = f"{BASE}images/detail"
    one = sample("image-get")["image"]
    two = {**one, "id": "155d900f-4e14-4e4c-a73d-069cbf4541e6", "name": "snap",
           "server": {"id": "s-1", "links": []}}
    mock.get(f"{detail}?limit=1&marker={IMAGE_ID}", json={"images": [two]})
    mock.get(f"{detail}?limit=1", json={"images": [one], "images_links": [
        {"rel": "next", "href": f"{detail}?limit=1&marker={IMAGE_ID}"}]})
    found = [(i.name, i.server) for i in images.list(plain, images.ListOpts(limit=1)).items()]
    assert found == [("fakeimage7", None), ("snap", {"id": "s-1", "links": []})]


def test_delete_accepts_204(mock: responses.RequestsMock, plain: ServiceClient) -> None:
    mock.delete(f"{BASE}images/{IMAGE_ID}", status=204)
    images.delete(plain, IMAGE_ID).extract_err()
