"""Nova's images are Glance's: boots, snapshots and the image proxy read and write the fake
Glance's images through the cloud's `images` link, as a real Nova asks Glance."""

from __future__ import annotations

import pytest
import requests

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.image.models.imagedata import qcow2_header
from tests.fakes.compute.conftest import CIRROS, Nova
from tests.fakes.image.conftest import Glance

_GiB = 1024**3


@pytest.fixture
def glance(cloud: FakeCloud, http: requests.Session) -> Glance:
    """The demo user's raw Glance."""
    return Glance(cloud, http)


def _uploaded(glance: Glance, name: str = "mine", **image: object) -> str:
    """A qcow2 image created and uploaded through Glance's HTTP API; its id."""
    made = glance.create(name=name, disk_format="qcow2", container_format="bare", **image)
    data = qcow2_header(_GiB) + bytes(512)
    assert glance.put_data(made["id"], data).status_code == 204
    return str(made["id"])


def _proxy_ids(nova: Nova, query: str = "") -> list[str]:
    return [i["id"] for i in nova.get(f"/images/detail{query}").json()["images"]]


def test_a_server_boots_from_an_image_uploaded_through_glance(glance: Glance,
                                                              nova: Nova) -> None:
    image_id = _uploaded(glance)
    server_id = nova.create("from-glance", imageRef=image_id)
    server = nova.get(f"/servers/{server_id}").json()["server"]
    assert (server["status"], server["image"]["id"]) == ("ACTIVE", image_id)


def test_a_queued_glance_image_does_not_boot(glance: Glance, nova: Nova) -> None:
    queued = glance.create(name="empty", disk_format="qcow2", container_format="bare")["id"]
    resp = nova.post("/servers", {"server": {"name": "x", "imageRef": queued,
                                             "flavorRef": "1"}})
    assert resp.status_code == 400
    assert resp.json()["badRequest"]["message"] == f"Image {queued} is not active."


def test_glance_min_ram_is_checked_against_the_flavor(glance: Glance, nova: Nova) -> None:
    image_id = _uploaded(glance, min_ram=4096)
    resp = nova.post("/servers", {"server": {"name": "x", "imageRef": image_id,
                                             "flavorRef": "1"}})
    assert resp.status_code == 400
    assert resp.json()["badRequest"]["message"] == (
        "Flavor's memory is too small for requested image.")


def test_create_image_makes_a_glance_image_that_goes_active(cloud: FakeCloud, glance: Glance,
                                                            nova: Nova) -> None:
    server_id = nova.create("web")
    cloud.compute.set_action_time(5)
    resp = nova.action(server_id, {"createImage": {"name": "snap", "metadata": {"k": "v"}}},
                       version="2.45")
    image_id = resp.json()["image_id"]
    saving = glance.get(f"/images/{image_id}").json()
    assert (saving["status"], saving["visibility"], saving["owner"]) == (
        "queued", "private", cloud.project_id("demo"))
    assert (saving["instance_uuid"], saving["image_type"], saving["base_image_ref"],
            saving["k"]) == (server_id, "snapshot", CIRROS, "v")
    assert saving["hw_rng_model"] == "virtio"  # inherited from the base image
    proxied = nova.get(f"/images/{image_id}").json()["image"]
    assert (proxied["status"], proxied["progress"]) == ("SAVING", 25)
    cloud.clock.advance(5)
    active = glance.get(f"/images/{image_id}").json()
    assert (active["status"], active["disk_format"], active["virtual_size"]) == (
        "active", "qcow2", _GiB)
    assert active["size"] > 0
    proxied = nova.get(f"/images/{image_id}").json()["image"]
    assert (proxied["status"], proxied["progress"], proxied["OS-EXT-IMG-SIZE:size"]) == (
        "ACTIVE", 100, active["size"])


def test_novas_proxy_lists_the_images_glance_lists(cloud: FakeCloud, glance: Glance,
                                                   nova: Nova, admin_nova: Nova,
                                                   http: requests.Session) -> None:
    _uploaded(glance, "private-one")
    server_id = nova.create("web")
    nova.action(server_id, {"createImage": {"name": "snap"}})
    admin_glance = Glance(cloud, http, user="admin")
    _uploaded(admin_glance, "admins-own")
    for nova_as, glance_as in ((nova, glance), (admin_nova, admin_glance)):
        listed = [i["id"] for i in glance_as.get("/images").json()["images"]]
        assert _proxy_ids(nova_as) == listed
    assert len(_proxy_ids(nova)) == 5  # three seeded, the private one, the snapshot


def test_the_proxy_filters_and_pages_as_nova_asks_glance(glance: Glance, nova: Nova) -> None:
    server_id = nova.create("web")
    snapshot = nova.action(server_id, {"createImage": {"name": "snap"}},
                           version="2.45").json()["image_id"]
    assert _proxy_ids(nova, f"?server=http://x/servers/{server_id}") == [snapshot]
    assert _proxy_ids(nova, "?type=snapshot") == [snapshot]
    assert _proxy_ids(nova, "?name=cirros-0.6.2-x86_64-disk&status=ACTIVE") == [CIRROS]
    assert len(_proxy_ids(nova, "?minRam=512")) == 2
    everything = _proxy_ids(nova)
    page = nova.get("/images?limit=2").json()
    assert [i["id"] for i in page["images"]] == everything[:2]
    assert page["images_links"][0]["href"].endswith(f"marker={everything[1]}")
    assert _proxy_ids(nova, f"?marker={everything[1]}") == everything[2:]
    unknown = nova.get("/images?marker=nope")
    assert unknown.status_code == 400
    assert unknown.json()["badRequest"]["message"] == "Marker nope could not be found."


def test_an_image_deleted_in_glance_is_gone_from_nova(glance: Glance, nova: Nova) -> None:
    image_id = _uploaded(glance)
    assert nova.get(f"/images/{image_id}").status_code == 200
    assert glance.call("DELETE", f"/images/{image_id}").status_code == 204
    shown = nova.get(f"/images/{image_id}")
    assert (shown.status_code, shown.json()) == (
        404, {"itemNotFound": {"code": 404, "message": "Image not found."}})
    resp = nova.post("/servers", {"server": {"name": "x", "imageRef": image_id,
                                             "flavorRef": "1"}})
    assert (resp.status_code, resp.json()) == (
        400, {"badRequest": {"code": 400, "message": "Can not find requested image"}})


def test_a_server_keeps_working_when_its_image_is_deleted(cloud: FakeCloud, glance: Glance,
                                                          nova: Nova) -> None:
    image_id = _uploaded(glance)
    server_id = nova.create("web", imageRef=image_id)
    assert glance.call("DELETE", f"/images/{image_id}").status_code == 204
    assert nova.action(server_id, {"reboot": {"type": "SOFT"}}).status_code == 202
    server = nova.get(f"/servers/{server_id}").json()["server"]
    assert (server["status"], server["image"]["id"]) == ("ACTIVE", image_id)
    assert nova.action(server_id, {"createImage": {"name": "snap"}}).status_code == 202


def test_the_proxy_deletes_in_glance_what_glance_lets_the_caller_delete(
        glance: Glance, nova: Nova) -> None:
    image_id = _uploaded(glance)
    assert nova.call("DELETE", f"/images/{image_id}").status_code == 204
    assert glance.get(f"/images/{image_id}").status_code == 404
    public = nova.call("DELETE", f"/images/{CIRROS}")
    assert (public.status_code, public.json()) == (403, {"forbidden": {
        "code": 403, "message": "You are not allowed to delete the image."}})
    assert glance.get(f"/images/{CIRROS}").status_code == 200
    missing = nova.call("DELETE", f"/images/{image_id}")
    assert missing.json() == {"itemNotFound": {"code": 404, "message": "Image not found."}}


def test_unshelve_deletes_the_snapshot_in_glance_once_it_completes(
        cloud: FakeCloud, glance: Glance, nova: Nova) -> None:
    server_id = nova.create("web")
    nova.action(server_id, {"shelve": None})
    snapshot = next(i["id"] for i in glance.get("/images").json()["images"]
                    if i["name"] == "web-shelved")
    cloud.compute.set_action_time(5)
    nova.action(server_id, {"unshelve": None})
    assert glance.get(f"/images/{snapshot}").json()["status"] == "active"
    cloud.clock.advance(5)  # nothing reads the server: Glance's own answer changes
    assert glance.get(f"/images/{snapshot}").status_code == 404
