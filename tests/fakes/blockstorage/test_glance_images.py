"""Cinder's volumes from an image read the fake Glance's images through the cloud's link."""

from __future__ import annotations

import requests

from stackdouble.fakes import FakeCloud
from tests.fakes.blockstorage.conftest import Cinder
from tests.fakes.image.conftest import Glance


def test_a_volume_from_an_image_uploaded_through_glance(cloud: FakeCloud,
                                                        http: requests.Session,
                                                        cinder: Cinder) -> None:
    glance = Glance(cloud, http)
    image = glance.active(b"0123456789", name="golden", os_distro="x")
    volume_id = cinder.create(imageRef=image["id"])
    volume = cinder.get(f"/volumes/{volume_id}").json()["volume"]
    metadata = volume["volume_image_metadata"]
    assert (volume["bootable"], metadata["image_id"], metadata["image_name"]) == (
        "true", image["id"], "golden")
    assert (metadata["checksum"], metadata["os_distro"]) == (image["checksum"], "x")


def test_a_volume_from_an_image_deleted_in_glance_is_refused(cloud: FakeCloud,
                                                             http: requests.Session,
                                                             cinder: Cinder) -> None:
    glance = Glance(cloud, http)
    image = glance.active(b"0123456789", name="golden")
    assert glance.call("DELETE", f"/images/{image['id']}").status_code == 204
    resp = cinder.post("/volumes", {"volume": {"size": 1, "imageRef": image["id"]}})
    assert resp.status_code == 400
    assert resp.json()["badRequest"]["message"] == (
        "Invalid image identifier or unable to access requested image.")
