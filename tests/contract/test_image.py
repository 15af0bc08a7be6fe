"""Glance (Image v2): the image lifecycle and its statuses, data up and down with its hashes,
listings with filters, sorting and `next` links, JSON-patch updates, (de)activation,
members, visibility and protection rules, the glance-direct import, and Glance's errors.

Recorded from a real Glance 33.0.0 (`python -m stackdouble.realcloud start`). Each test
makes images named and tagged `contract-<test>` and deletes them afterwards; listings
filter by that tag, so other images of the cloud do not matter. Waits go through
`openstack_clock`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests

from stackdouble.client import EndpointOpts, ProviderClient, ServiceClient
from stackdouble.client.openstack import new_image_v2
from stackdouble.client.openstack.image.v2 import imagedata, imageimport, images, members
from stackdouble.pytest_plugin import ModeClock
from tests.contract.conftest import call

MISSING = "00000000-0000-0000-0000-000000000000"
JSON_PATCH = {"Content-Type": "application/openstack-images-v2.1-json-patch"}
OCTETS = {"Content-Type": "application/octet-stream"}
DATA = b"contract image data " * 64
WAIT = 60.0

#: The keys of every image, in Glance's order (extra properties come before them).
IMAGE_KEYS = ["name", "disk_format", "container_format", "visibility", "size", "virtual_size",
              "status", "checksum", "protected", "min_ram", "min_disk", "owner", "os_hidden",
              "os_hash_algo", "os_hash_value", "id", "created_at", "updated_at", "tags", "self",
              "file", "schema"]


def glance_error(status: str, message: str, detail: str = "") -> dict[str, str]:
    """Glance's (webob's) JSON error body: the explanation, then `<br /><br />` and the
    detail, and the status line as `code`."""
    title = status.split(" ", 1)[1]
    return {"message": f"{message}<br /><br />\n{detail}\n\n", "code": status, "title": title}


class Images:
    """Makes images for one test and deletes them after (unprotected first)."""

    def __init__(self, client: ServiceClient, clock: ModeClock, prefix: str) -> None:
        self.client = client
        self.clock = clock
        self.prefix = prefix
        self.ids: list[str] = []

    def url(self, *parts: str) -> str:
        """`<root>/v2/images[/parts...]`."""
        return self.client.service_url("images", *parts)

    def create(self, suffix: str = "", **body: Any) -> dict[str, Any]:
        """A new image named `<prefix><suffix>`, tagged `<prefix>`; its JSON."""
        sent = {"name": self.prefix + suffix, "tags": [self.prefix], **body}
        resp = call(self.client, "POST", self.url(), json=sent)
        assert resp.status_code == 201, resp.text
        made: dict[str, Any] = resp.json()
        self.ids.append(made["id"])
        return made

    def with_data(self, suffix: str = "", data: bytes = DATA) -> dict[str, Any]:
        """A new raw/bare image with `data` uploaded; its JSON once active."""
        made = self.create(suffix, disk_format="raw", container_format="bare")
        uploaded = call(self.client, "PUT", self.url(made["id"], "file"), data=data,
                        headers=OCTETS)
        assert uploaded.status_code == 204, uploaded.text
        shown: dict[str, Any] = call(self.client, "GET", self.url(made["id"])).json()
        return shown

    def patch(self, image_id: str, *ops: dict[str, Any]) -> requests.Response:
        """PATCH the image with `ops` as Glance's JSON patch."""
        return call(self.client, "PATCH", self.url(image_id), json=list(ops),
                    headers=JSON_PATCH)

    def cleanup(self) -> None:
        """Delete what the test made and is still there."""
        for image_id in self.ids:
            self.patch(image_id, {"op": "replace", "path": "/protected", "value": False})
            call(self.client, "DELETE", self.url(image_id))


@pytest.fixture
def image(openstack_provider: ProviderClient) -> ServiceClient:
    """The Glance client of the mode's cloud (demo user)."""
    return new_image_v2(openstack_provider, EndpointOpts(region="RegionOne"))


@pytest.fixture
def admin_image(openstack_login: Callable[..., ProviderClient]) -> ServiceClient:
    """The Glance client of the cloud's admin (project admin)."""
    return new_image_v2(openstack_login(user="admin", cloud="realcloud-admin"),
                        EndpointOpts(region="RegionOne"))


@pytest.fixture
def made(image: ServiceClient, openstack_clock: ModeClock,
         request: pytest.FixtureRequest) -> Iterator[Images]:
    """Images named and tagged `contract-<test>`, deleted afterwards."""
    prefix = f"contract-{request.node.originalname.removeprefix('test_')}"[:200]
    tracker = Images(image, openstack_clock, prefix)
    yield tracker
    tracker.cleanup()


def test_create_is_201_queued_shared_with_nulls(image: ServiceClient, made: Images) -> None:
    resp = call(image, "POST", made.url(), json={
        "name": made.prefix, "tags": [made.prefix], "disk_format": "qcow2",
        "container_format": "bare", "min_ram": 64, "os_distro": "cirros"})
    assert resp.status_code == 201
    body = resp.json()
    made.ids.append(body["id"])
    assert resp.headers["Content-Type"] == "application/json"
    assert resp.headers["Location"].endswith(f"/v2/images/{body['id']}")
    assert resp.headers["OpenStack-image-import-methods"] == "glance-direct,web-download"
    assert resp.headers["x-openstack-request-id"].startswith("req-")
    assert list(body) == ["os_distro", *IMAGE_KEYS]
    assert (body["status"], body["visibility"], body["protected"], body["os_hidden"]) == (
        "queued", "shared", False, False)
    for unknown in ("size", "virtual_size", "checksum", "os_hash_algo", "os_hash_value"):
        assert body[unknown] is None, unknown
    assert (body["min_ram"], body["min_disk"], body["tags"]) == (64, 0, [made.prefix])
    assert body["owner"] == image.provider.auth_result.extract_project().id
    assert (body["self"], body["file"], body["schema"]) == (
        f"/v2/images/{body['id']}", f"/v2/images/{body['id']}/file", "/v2/schemas/image")
    assert body["created_at"] == body["updated_at"]
    assert body["created_at"].endswith("Z")
    assert len(body["created_at"]) == 20


def test_upload_makes_it_active_with_its_hashes(image: ServiceClient, made: Images) -> None:
    queued = made.create(disk_format="raw", container_format="bare")
    assert queued["status"] == "queued"
    url = made.url(queued["id"], "file")
    empty = call(image, "GET", url)
    assert (empty.status_code, empty.content) == (204, b"")
    uploaded = call(image, "PUT", url, data=DATA, headers=OCTETS)
    assert (uploaded.status_code, uploaded.content) == (204, b"")
    shown = call(image, "GET", made.url(queued["id"])).json()
    assert (shown["status"], shown["size"], shown["virtual_size"]) == (
        "active", len(DATA), len(DATA))
    assert shown["checksum"] == hashlib.md5(DATA).hexdigest()
    assert shown["os_hash_algo"] == "sha512"
    assert shown["os_hash_value"] == hashlib.sha512(DATA).hexdigest()


def test_download_sends_the_data_and_its_md5(image: ServiceClient, made: Images) -> None:
    active = made.with_data()
    got = call(image, "GET", made.url(active["id"], "file"))
    assert got.status_code == 200
    assert got.content == DATA
    assert got.headers["Content-Type"] == "application/octet-stream"
    assert got.headers["Content-MD5"] == hashlib.md5(DATA).hexdigest()
    assert got.headers["Content-Length"] == str(len(DATA))
    ranged = call(image, "GET", made.url(active["id"], "file"), headers={"Range": "bytes=0-7"})
    assert (ranged.status_code, ranged.content) == (206, DATA[:8])
    assert ranged.headers["Content-Range"] == f"bytes 0-7/{len(DATA)}"
    typed = images.get(image, active["id"]).extract()
    with imagedata.download(image, active["id"],
                            imagedata.DownloadOpts.from_image(typed)) as result:
        assert b"".join(result.iter_content(100)) == DATA  # both hashes checked


def test_upload_to_an_active_image_is_409(image: ServiceClient, made: Images) -> None:
    active = made.with_data()
    again = call(image, "PUT", made.url(active["id"], "file"), data=b"more", headers=OCTETS)
    assert again.status_code == 409
    assert again.json() == glance_error(
        "409 Conflict", "Image status transition from active to saving is not allowed")


def test_upload_needs_formats_and_octets(image: ServiceClient, made: Images) -> None:
    bare = made.create()
    no_formats = call(image, "PUT", made.url(bare["id"], "file"), data=b"x", headers=OCTETS)
    assert no_formats.status_code == 400
    assert no_formats.json() == glance_error(
        "400 Bad Request",
        "Properties disk_format, container_format must be set prior to saving data.")
    text = call(image, "PUT", made.url(bare["id"], "file"), data=b"x",
                headers={"Content-Type": "text/plain"})
    assert text.status_code == 415
    assert text.json()["code"] == "415 Unsupported Media Type"
    assert call(image, "GET", made.url(bare["id"])).json()["status"] == "queued"


def test_list_pages_by_next_link_sorted_by_name(image: ServiceClient, made: Images) -> None:
    ids = {name: made.create(f"-{name}")["id"] for name in ("b", "c", "a")}
    url = f"{made.url()}?tag={made.prefix}&sort=name:asc&limit=2"
    first = call(image, "GET", url)
    assert first.status_code == 200
    body = first.json()
    assert [i["name"] for i in body["images"]] == [f"{made.prefix}-a", f"{made.prefix}-b"]
    assert body["first"] == f"/v2/images?tag={made.prefix}&sort=name%3Aasc&limit=2"
    assert body["next"] == (f"/v2/images?tag={made.prefix}&sort=name%3Aasc&limit=2"
                            f"&marker={ids['b']}")
    assert body["schema"] == "/v2/schemas/images"
    second = call(image, "GET", images.ImagePage(
        body, client=image).next_page_url() or "").json()
    assert [i["name"] for i in second["images"]] == [f"{made.prefix}-c"]
    assert "next" not in second
    walked = images.list(image, images.ListOpts(tags=[made.prefix], sort_key="name",
                                                sort_dir="desc", limit=1))
    assert [i.name for i in walked.items()] == [
        f"{made.prefix}-c", f"{made.prefix}-b", f"{made.prefix}-a"]


def test_a_full_last_page_still_has_a_next_link(image: ServiceClient, made: Images) -> None:
    made.create("-1")
    made.create("-2")
    full = call(image, "GET", f"{made.url()}?tag={made.prefix}&limit=2").json()
    assert len(full["images"]) == 2
    assert "next" in full
    after = call(image, "GET", images.ImagePage(full, client=image).next_page_url() or "")
    assert after.json()["images"] == []
    assert "next" not in after.json()


def test_list_filters(image: ServiceClient, made: Images) -> None:
    made.create("-raw", disk_format="raw", container_format="bare", os_distro="cirros")
    made.create("-qcow", disk_format="qcow2", container_format="bare", min_disk=2)
    active = made.with_data("-active")

    def names(query: str) -> list[str]:
        resp = call(image, "GET", f"{made.url()}?tag={made.prefix}&sort=name:asc&{query}")
        assert resp.status_code == 200, resp.text
        return [i["name"].removeprefix(made.prefix) for i in resp.json()["images"]]

    assert names("disk_format=qcow2") == ["-qcow"]
    assert names("disk_format=in:raw,qcow2") == ["-active", "-qcow", "-raw"]
    assert names(f"name={made.prefix}-raw") == ["-raw"]
    assert names("os_distro=cirros") == ["-raw"]
    assert names("min_disk=2") == ["-qcow"]
    assert names("status=active") == ["-active"]
    assert names("status=queued") == ["-qcow", "-raw"]
    assert names(f"id={active['id']}") == ["-active"]
    assert names(f"size_min={len(DATA)}") == ["-active"]
    assert names("visibility=private") == []
    assert names("visibility=shared") == ["-active", "-qcow", "-raw"]
    assert names("protected=false") == ["-active", "-qcow", "-raw"]
    typed = images.list(image, images.ListOpts(tags=[made.prefix], status="active"))
    assert [i.id for i in typed.items()] == [active["id"]]


@pytest.mark.parametrize(("query", "message"), [
    pytest.param("sort=bogus:asc", "Invalid sort key: bogus. It must be one of the following: "
                 "name, status, container_format, disk_format, size, id, created_at, "
                 "updated_at.", id="sort-key"),
    pytest.param("sort=name:up", "Invalid sort direction: up", id="sort-dir"),
    pytest.param("sort_key=name&sort=name:asc", "Old and new sorting syntax cannot be combined",
                 id="sort-mixed"),
    pytest.param("limit=-1", "limit param must be positive", id="limit-negative"),
    pytest.param("limit=x", "limit param must be an integer", id="limit-text"),
    pytest.param("marker=nope", "No image found with ID nope", id="marker-unknown"),
    pytest.param("visibility=bogus", "Invalid visibility value: bogus", id="visibility"),
])
def test_bad_list_queries_are_400(image: ServiceClient, query: str, message: str) -> None:
    resp = call(image, "GET", f"{image.service_url('images')}?{query}")
    assert resp.status_code == 400
    assert resp.json() == glance_error("400 Bad Request", message)


def test_show_and_missing_image(image: ServiceClient, made: Images) -> None:
    created = made.create(disk_format="raw", container_format="bare")
    shown = call(image, "GET", made.url(created["id"]))
    assert shown.status_code == 200
    assert shown.json() == created
    missing = call(image, "GET", made.url(MISSING))
    assert missing.status_code == 404
    assert missing.headers["Content-Type"] == "application/json"
    assert missing.json() == glance_error("404 Not Found", f"No image found with ID {MISSING}")
    deleted = call(image, "DELETE", made.url(MISSING))
    assert deleted.json() == glance_error("404 Not Found",
                                          f"Failed to find image {MISSING} to delete")
    head = call(image, "HEAD", made.url(created["id"]))
    assert head.status_code == 405


def test_patch_properties_and_tags(image: ServiceClient, made: Images) -> None:
    created = made.create(os_distro="cirros")
    patched = made.patch(created["id"],
                         {"op": "replace", "path": "/name", "value": f"{made.prefix}-new"},
                         {"op": "add", "path": "/hw_disk_bus", "value": "virtio"},
                         {"op": "remove", "path": "/os_distro"},
                         {"op": "replace", "path": "/tags", "value": [made.prefix, "extra"]})
    assert patched.status_code == 200
    body = patched.json()
    assert body["name"] == f"{made.prefix}-new"
    assert body["hw_disk_bus"] == "virtio"
    assert "os_distro" not in body
    assert sorted(body["tags"]) == sorted([made.prefix, "extra"])
    assert list(body) == ["hw_disk_bus", *IMAGE_KEYS]
    typed = images.update(image, created["id"], images.UpdateOpts([
        images.UpdateImageProperty(op="add", name="hw_disk_bus", value="scsi"),
        images.ReplaceImageMinRam(128)])).extract()
    assert (typed.properties["hw_disk_bus"], typed.min_ram) == ("scsi", 128)
    images.add_tag(image, created["id"], "tagged").extract_err()
    images.delete_tag(image, created["id"], "extra").extract_err()
    assert sorted(images.get(image, created["id"]).extract().tags) == sorted(
        [made.prefix, "tagged"])
    gone_tag = call(image, "DELETE", made.url(created["id"], "tags", "extra"))
    assert gone_tag.status_code == 404
    assert gone_tag.json() == glance_error("404 Not Found", "The resource could not be found.")


def test_bad_patches(image: ServiceClient, made: Images) -> None:
    created = made.create()
    url = made.url(created["id"])
    plain = call(image, "PATCH", url, json=[{"op": "replace", "path": "/name", "value": "x"}])
    assert plain.status_code == 415
    assert plain.headers["Accept-Patch"] == ("application/openstack-images-v2.0-json-patch, "
                                             "application/openstack-images-v2.1-json-patch")
    missing = made.patch(created["id"], {"op": "remove", "path": "/nope"})
    assert missing.status_code == 409
    assert missing.json() == glance_error(
        "409 Conflict", "There was a conflict when trying to complete your request.",
        "Property nope does not exist.")
    wrong_type = made.patch(created["id"], {"op": "add", "path": "/min_ram", "value": "x"})
    assert wrong_type.status_code == 400
    assert wrong_type.json()["message"].startswith(
        "Provided object does not match schema 'image': 'x' is not of type 'integer'")
    move = made.patch(created["id"], {"op": "move", "from": "/name", "path": "/x"})
    assert move.json() == glance_error(
        "400 Bad Request",
        "Invalid operation: `move`. It must be one of the following: add, remove, replace.")
    read_only = made.patch(created["id"], {"op": "replace", "path": "/status",
                                           "value": "active"})
    assert read_only.status_code == 403
    assert read_only.json() == glance_error("403 Forbidden", "Attribute 'status' is read-only.")
    atomic = made.patch(created["id"], {"op": "replace", "path": "/name", "value": "kept?"},
                        {"op": "remove", "path": "/nope"})
    assert atomic.status_code == 409
    assert call(image, "GET", url).json()["name"] == made.prefix


def test_deactivated_image_refuses_downloads(image: ServiceClient, admin_image: ServiceClient,
                                            made: Images) -> None:
    active = made.with_data()
    deactivated = call(image, "POST", made.url(active["id"], "actions", "deactivate"))
    assert (deactivated.status_code, deactivated.content) == (204, b"")
    assert call(image, "GET", made.url(active["id"])).json()["status"] == "deactivated"
    refused = call(image, "GET", made.url(active["id"], "file"))
    assert refused.status_code == 403
    assert refused.json() == glance_error(
        "403 Forbidden",
        "The requested image has been deactivated. Image data download is forbidden.")
    assert call(admin_image, "GET", made.url(active["id"], "file")).content == DATA
    again = call(image, "POST", made.url(active["id"], "actions", "deactivate"))
    assert again.status_code == 204
    images.reactivate(image, active["id"]).extract_err()
    assert call(image, "GET", made.url(active["id"], "file")).content == DATA
    queued = made.create()
    no_data = call(image, "POST", made.url(queued["id"], "actions", "deactivate"))
    assert no_data.status_code == 403
    assert no_data.json() == glance_error(
        "403 Forbidden", "Not allowed to deactivate image in status 'queued'")


def test_members_share_and_accept(image: ServiceClient, admin_image: ServiceClient,
                                  made: Images) -> None:
    shared = made.with_data()
    admin_project = admin_image.provider.auth_result.extract_project().id
    added = call(image, "POST", made.url(shared["id"], "members"),
                 json={"member": admin_project})
    assert added.status_code == 200
    member = added.json()
    assert list(member) == ["member_id", "image_id", "status", "created_at", "updated_at",
                            "schema"]
    assert (member["member_id"], member["image_id"], member["status"]) == (
        admin_project, shared["id"], "pending")
    twice = call(image, "POST", made.url(shared["id"], "members"),
                 json={"member": admin_project})
    assert twice.status_code == 409
    assert twice.json() == glance_error(
        "409 Conflict", f"Member {admin_project} is duplicated for image {shared['id']}")
    listed = members.list(image, shared["id"]).items()
    assert [(m.member_id, m.status) for m in listed] == [(admin_project, "pending")]
    by_owner = call(image, "PUT", made.url(shared["id"], "members", admin_project),
                    json={"status": "accepted"})
    assert by_owner.status_code == 403
    assert by_owner.json() == glance_error(
        "403 Forbidden", "You are not authorized to complete modify_member action.")
    accepted = members.update(admin_image, shared["id"], admin_project,
                              members.UpdateOpts(status="accepted")).extract()
    assert accepted.status == "accepted"
    seen = images.list(admin_image, images.ListOpts(
        tags=[made.prefix], visibility="shared", member_status="accepted"))
    assert [i.id for i in seen.items()] == [shared["id"]]
    members.delete(image, shared["id"], admin_project).extract_err()
    gone = call(image, "GET", made.url(shared["id"], "members", admin_project))
    assert gone.status_code == 404
    assert gone.json() == glance_error(
        "404 Not Found",
        f"{admin_project} not found in the member list of the image {shared['id']}.")


def test_visibility_rules(image: ServiceClient, admin_image: ServiceClient,
                          made: Images) -> None:
    created = made.create()
    publicize = made.patch(created["id"], {"op": "replace", "path": "/visibility",
                                           "value": "public"})
    assert publicize.status_code == 403
    assert publicize.json() == glance_error(
        "403 Forbidden", "You are not authorized to complete publicize_image action.")
    at_create = call(image, "POST", made.url(), json={"name": made.prefix, "visibility": "public"})
    assert at_create.status_code == 403
    private = made.patch(created["id"], {"op": "replace", "path": "/visibility",
                                         "value": "private"})
    assert private.json()["visibility"] == "private"
    no_members = call(image, "POST", made.url(created["id"], "members"),
                      json={"member": admin_image.provider.auth_result.extract_project().id})
    assert no_members.status_code == 403
    assert no_members.json() == glance_error(
        "403 Forbidden", f"Not allowed to create members for image {created['id']}.")
    community = made.patch(created["id"], {"op": "replace", "path": "/visibility",
                                           "value": "community"})
    assert community.json()["visibility"] == "community"
    bogus = made.patch(created["id"], {"op": "replace", "path": "/visibility", "value": "x"})
    assert bogus.status_code == 400


def test_protected_image_cannot_be_deleted(image: ServiceClient, made: Images) -> None:
    created = made.create(protected=True)
    assert created["protected"] is True
    refused = call(image, "DELETE", made.url(created["id"]))
    assert refused.status_code == 403
    assert refused.json() == glance_error(
        "403 Forbidden", f"Image {created['id']} is protected and cannot be deleted.")
    made.patch(created["id"], {"op": "replace", "path": "/protected", "value": False})
    deleted = call(image, "DELETE", made.url(created["id"]))
    assert (deleted.status_code, deleted.content) == (204, b"")
    assert call(image, "GET", made.url(created["id"])).status_code == 404


def test_reserved_and_read_only_attributes_at_create(image: ServiceClient,
                                                    made: Images) -> None:
    answers = {
        "status": call(image, "POST", made.url(), json={"status": "active"}),
        "os_glance": call(image, "POST", made.url(), json={"os_glance_x": "1"}),
        "disk_format": call(image, "POST", made.url(), json={"disk_format": "bogus"}),
    }
    assert answers["status"].status_code == 403
    assert answers["status"].json() == glance_error(
        "403 Forbidden", "Attribute 'status' is read-only.")
    assert answers["os_glance"].status_code == 403
    assert answers["os_glance"].json() == glance_error(
        "403 Forbidden", "Access was denied to this resource.",
        "Attribute 'os_glance_x' is reserved.")
    assert answers["disk_format"].status_code == 400


def test_glance_direct_import_goes_uploading_then_active(image: ServiceClient,
                                                         made: Images) -> None:
    info = imageimport.get(image).extract()
    assert list(info.import_methods.value) == ["glance-direct", "web-download"]
    created = made.create(disk_format="raw", container_format="bare")
    direct = imageimport.CreateOpts(name=imageimport.GLANCE_DIRECT_METHOD)
    unstaged = call(image, "POST", made.url(created["id"], "import"),
                    json=direct.to_import_create_map())
    assert unstaged.status_code == 409
    assert unstaged.json() == glance_error(
        "409 Conflict", "Image needs to be staged before 'glance-direct' method can be used")
    imagedata.stage(image, created["id"], DATA).extract_err()
    staged = call(image, "GET", made.url(created["id"])).json()
    assert (staged["status"], staged["size"], staged["checksum"]) == (
        "uploading", len(DATA), None)
    started = call(image, "POST", made.url(created["id"], "import"),
                   json=direct.to_import_create_map())
    assert (started.status_code, started.content) == (202, b"")
    active = images.wait_for_status(image, created["id"], "active", timeout=WAIT,
                                    interval=0.5, sleep=made.clock.sleep,
                                    clock=made.clock.clock)
    assert active.checksum == hashlib.md5(DATA).hexdigest()
    assert active.os_hash_value == hashlib.sha512(DATA).hexdigest()
    again = call(image, "POST", made.url(created["id"], "import"),
                 json=direct.to_import_create_map())
    assert again.status_code == 409
    assert again.json() == glance_error(
        "409 Conflict", "Image with status active cannot be target for import")
