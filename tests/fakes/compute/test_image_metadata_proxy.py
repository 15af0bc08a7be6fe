"""`/images/{id}/metadata` of the fake Nova (`image_metadata.py`, until 2.38): the image's
Glance properties, read and written through the cloud's `images` link, as Nova's
`glance.py` reads an image and sends it back with `purge_props`."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from stackdouble.fakes import FakeCloud
from tests.fakes.image.conftest import Glance

from .conftest import CIRROS, Nova


@pytest.fixture
def glance(cloud: FakeCloud, http: requests.Session) -> Glance:
    """The demo user's raw Glance."""
    return Glance(cloud, http)


@pytest.fixture
def mine(glance: Glance) -> str:
    """An image of demo's, with one property."""
    return str(glance.create(name="mine", visibility="private", os_distro="cirros")["id"])


def _fault(resp: requests.Response) -> tuple[int, str]:
    (inner,) = resp.json().values()
    return resp.status_code, inner["message"]


def _glance_image(glance: Glance, image_id: str) -> dict[str, Any]:
    return dict(glance.get(f"/images/{image_id}").json())


def test_the_metadata_is_glances_extra_properties(nova: Nova, mine: str) -> None:
    resp = nova.get(f"/images/{mine}/metadata")
    assert resp.status_code == 200
    assert resp.json() == {"metadata": {"os_distro": "cirros"}}
    assert nova.get(f"/images/{mine}/metadata/os_distro").json() == {
        "meta": {"os_distro": "cirros"}}


def test_post_merges_and_answers_every_property(nova: Nova, glance: Glance, mine: str) -> None:
    resp = nova.post(f"/images/{mine}/metadata", {"metadata": {"hw_rng_model": "virtio"}})
    assert resp.status_code == 200
    assert resp.json() == {"metadata": {"os_distro": "cirros", "hw_rng_model": "virtio"}}
    shown = _glance_image(glance, mine)
    assert (shown["os_distro"], shown["hw_rng_model"]) == ("cirros", "virtio")


def test_put_replaces_every_property(nova: Nova, glance: Glance, mine: str) -> None:
    resp = nova.call("PUT", f"/images/{mine}/metadata", json={"metadata": {"a": "1"}})
    assert (resp.status_code, resp.json()) == (200, {"metadata": {"a": "1"}})
    shown = _glance_image(glance, mine)
    assert shown["a"] == "1"
    assert "os_distro" not in shown


def test_one_item_is_set_and_deleted(nova: Nova, glance: Glance, mine: str) -> None:
    resp = nova.call("PUT", f"/images/{mine}/metadata/os_version", json={"meta": {
        "os_version": "0.6"}})
    assert (resp.status_code, resp.json()) == (200, {"meta": {"os_version": "0.6"}})
    assert _glance_image(glance, mine)["os_version"] == "0.6"
    deleted = nova.call("DELETE", f"/images/{mine}/metadata/os_version")
    assert (deleted.status_code, deleted.content) == (204, b"")
    assert "os_version" not in _glance_image(glance, mine)


def test_missing_keys_and_images(nova: Nova, mine: str) -> None:
    assert _fault(nova.get(f"/images/{mine}/metadata/nope")) == (
        404, "The resource could not be found.")
    assert _fault(nova.call("DELETE", f"/images/{mine}/metadata/nope")) == (
        404, "Invalid metadata key")
    missing = "0a1b2c3d-0000-4000-8000-000000000000"
    assert _fault(nova.get(f"/images/{missing}/metadata")) == (404, "Image not found.")
    assert _fault(nova.post(f"/images/{missing}/metadata", {"metadata": {"a": "b"}})) == (
        404, "Image not found.")


def test_the_body_key_must_match_the_uri(nova: Nova, mine: str) -> None:
    resp = nova.call("PUT", f"/images/{mine}/metadata/a", json={"meta": {"b": "1"}})
    assert _fault(resp) == (400, "Request body and URI mismatch")
    two = nova.call("PUT", f"/images/{mine}/metadata/a", json={"meta": {"a": "1", "b": "2"}})
    assert two.status_code == 400


def test_another_projects_image_is_not_the_callers_to_change(nova: Nova, glance: Glance
                                                              ) -> None:
    before = _glance_image(glance, CIRROS)  # public, admin's
    resp = nova.post(f"/images/{CIRROS}/metadata", {"metadata": {"mine": "yes"}})
    assert _fault(resp) == (403, f"Not authorized for image {CIRROS}.")
    assert "mine" not in _glance_image(glance, CIRROS)
    assert _glance_image(glance, CIRROS)["updated_at"] == before["updated_at"]


def test_the_metadata_items_quota_counts_every_property(nova: Nova, cloud: FakeCloud,
                                                        glance: Glance, mine: str) -> None:
    cloud.compute.set_quota(cloud.project_id("demo"), metadata_items=2)
    ok = nova.post(f"/images/{mine}/metadata", {"metadata": {"a": "1"}})
    assert ok.status_code == 200
    over = nova.post(f"/images/{mine}/metadata", {"metadata": {"b": "2"}})
    assert _fault(over) == (403, "Image metadata limit exceeded")
    assert "b" not in _glance_image(glance, mine)
    # a replacement of the same size fits
    assert nova.call("PUT", f"/images/{mine}/metadata", json={"metadata": {
        "c": "3", "d": "4"}}).status_code == 200


def test_a_shared_image_becomes_private_as_nova_sends_it_back(nova: Nova, glance: Glance
                                                              ) -> None:
    shared = str(glance.create(name="s", visibility="shared")["id"])
    assert nova.post(f"/images/{shared}/metadata", {"metadata": {"a": "1"}}).status_code == 200
    assert _glance_image(glance, shared)["visibility"] == "private"


@pytest.mark.parametrize("body", [{"metadata": {"a": 1}}, {"metadata": {"bad/key": "x"}},
                                  {"metadata": {}, "other": 1}, {"meta": {"a": "1"}}])
def test_bodies_are_checked_as_novas_schema(nova: Nova, mine: str, body: Any) -> None:
    assert nova.post(f"/images/{mine}/metadata", body).status_code == 400


def test_the_api_is_gone_from_2_39(nova: Nova, mine: str) -> None:
    assert nova.get(f"/images/{mine}/metadata", version="2.38").status_code == 200
    for method, path, body in (("GET", "/metadata", None),
                               ("POST", "/metadata", {"metadata": {}}),
                               ("PUT", "/metadata", {"metadata": {}}),
                               ("GET", "/metadata/os_distro", None),
                               ("PUT", "/metadata/a", {"meta": {"a": "b"}}),
                               ("DELETE", "/metadata/os_distro", None)):
        resp = nova.call(method, f"/images/{mine}{path}", json=body, version="2.39")
        assert _fault(resp) == (404, "The resource could not be found."), (method, path)
