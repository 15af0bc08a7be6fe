"""The fake Glance's images: create, show, JSON-patch, delete, deactivation and tags, with
Glance's defaults, policies and messages."""

from __future__ import annotations

import pytest

from stackdouble.fakes import FakeCloud
from tests.fakes.image.conftest import CIRROS, Glance, webob, webob_detail

FORBIDDEN = "403 Forbidden"
DENIED = "Access was denied to this resource."
CONFLICT = "There was a conflict when trying to complete your request."


# -- create -------------------------------------------------------------------------------


def test_a_new_image_is_queued_shared_and_owned_by_the_callers_project(
        glance: Glance, cloud: FakeCloud) -> None:
    resp = glance.post("/images", {"name": "probe", "disk_format": "raw",
                                   "container_format": "bare", "tags": ["a"],
                                   "os_distro": "cirros", "min_ram": 64})
    image = resp.json()
    assert resp.status_code == 201
    assert list(image) == [
        "os_distro", "name", "disk_format", "container_format", "visibility", "size",
        "virtual_size", "status", "checksum", "protected", "min_ram", "min_disk", "owner",
        "os_hidden", "os_hash_algo", "os_hash_value", "id", "created_at", "updated_at", "tags",
        "self", "file", "schema"]
    assert (image["status"], image["visibility"], image["owner"]) == (
        "queued", "shared", glance.project_id)
    assert (image["size"], image["checksum"], image["protected"], image["os_hidden"]) == (
        None, None, False, False)
    assert image["created_at"] == "2026-11-27T08:56:16Z"
    assert (image["self"], image["file"], image["schema"]) == (
        f"/v2/images/{image['id']}", f"/v2/images/{image['id']}/file", "/v2/schemas/image")
    assert resp.headers["Location"] == f"{cloud.base_url}/v2/images/{image['id']}"
    assert resp.headers["OpenStack-image-import-methods"] == "glance-direct,web-download"


def test_an_empty_body_creates_an_image_without_name_or_formats(glance: Glance) -> None:
    image = glance.create()
    assert (image["name"], image["disk_format"], image["container_format"]) == (None, None,
                                                                                None)


def test_create_takes_a_given_uuid_once_even_after_the_image_is_deleted(
        glance: Glance) -> None:
    wanted = "11111111-2222-3333-4444-555555555555"
    assert glance.create(id=wanted)["id"] == wanted
    assert glance.call("DELETE", f"/images/{wanted}").status_code == 204
    again = glance.post("/images", {"id": wanted})
    assert again.status_code == 409
    assert again.json() == webob("409 Conflict", f"Image ID {wanted} already exists!")


@pytest.mark.parametrize(("body", "message"), [
    ({"status": "active"}, "Attribute 'status' is read-only."),
    ({"size": 5}, "Attribute 'size' is read-only."),
    ({"self": "x"}, "Attribute 'self' is read-only."),
    ({"locations": []}, "Attribute 'locations' is reserved."),
    ({"visibility": "public"}, "You are not authorized to complete publicize_image action."),
])
def test_create_refuses_read_only_reserved_and_public_images(
        glance: Glance, body: dict[str, object], message: str) -> None:
    resp = glance.post("/images", body)
    assert resp.status_code == 403
    assert resp.json() == webob(FORBIDDEN, message)


@pytest.mark.parametrize(("body", "detail"), [
    ({"os_glance_foo": "x"}, "Attribute 'os_glance_foo' is reserved."),
    ({"deleted": "x"}, "Attribute 'deleted' is reserved."),
    ({"owner": "someone"}, "You are not permitted to create images owned by 'someone'"),
])
def test_create_refuses_reserved_names_and_other_owners_with_a_detail_line(
        glance: Glance, body: dict[str, object], detail: str) -> None:
    resp = glance.post("/images", body)
    assert resp.json() == webob_detail(FORBIDDEN, DENIED, detail)


def test_an_admin_may_create_public_images_for_another_project(admin_glance: Glance,
                                                               cloud: FakeCloud) -> None:
    demo = cloud.project_id("demo")
    image = admin_glance.create(visibility="public", owner=demo)
    assert (image["visibility"], image["owner"]) == ("public", demo)


def test_the_schema_refuses_wrong_types_with_jsonschemas_message(glance: Glance) -> None:
    resp = glance.post("/images", {"disk_format": "bogus"})
    message = resp.json()["message"]
    assert resp.status_code == 400
    assert message.startswith("Provided object does not match schema 'image': 'bogus' is not "
                              "one of [None, 'ami', 'ari', 'aki', 'vhd', 'vhdx', 'vmdk', "
                              "'raw', 'qcow2', 'vdi', 'iso', 'ploop']\n\nFailed validating "
                              "'enum' in schema['properties']['disk_format']:")
    assert message.endswith("<br /><br />\n\n\n")
    extra = glance.post("/images", {"foo": 5}).json()["message"]
    assert extra.startswith("Provided object does not match schema 'image': 5 is not of type "
                            "'string'\n\nFailed validating 'type' in "
                            "schema['additionalProperties']")


@pytest.mark.parametrize(("body", "message"), [
    ({"min_ram": -1}, "Invalid value '-1' for parameter 'min_ram': Cannot be a negative value"),
    ({"min_disk": 2**31}, "'min_disk' value out of range, must not exceed 2147483647."),
    ({"x" * 256: "v"}, "Custom property should not be greater than 255 characters."),
    ({"kernel_id": "not-a-uuid"}, None),
])
def test_create_refuses_bad_minimums_long_names_and_bad_custom_properties(
        glance: Glance, body: dict[str, object], message: str | None) -> None:
    resp = glance.post("/images", body)
    assert resp.status_code == 400
    if message is not None:
        assert resp.json() == webob("400 Bad Request", message)


def test_create_needs_a_json_object(glance: Glance) -> None:
    missing = glance.call("POST", "/images")
    assert missing.json() == webob("400 Bad Request", "Body expected in request.")
    bad = glance.call("POST", "/images", data=b"{nope",
                      headers={"Content-Type": "application/json"})
    assert bad.json() == webob("400 Bad Request", "Malformed JSON in request body.")
    scalar = glance.call("POST", "/images", data=b"5")
    assert scalar.json() == webob("400 Bad Request", "Unexpected body type. Expected list/dict.")


def test_the_property_and_tag_quotas_answer_413(glance: Glance, cloud: FakeCloud) -> None:
    cloud.image.configure(image_property_quota=2, image_tag_quota=1)
    props = glance.post("/images", {"a": "1", "b": "2", "c": "3"})
    tags = glance.post("/images", {"tags": ["x", "y"]})
    assert props.json() == webob("413 Request Entity Too Large", "The limit has been exceeded on "
                                 "the number of allowed image properties. Attempted: 3, "
                                 "Maximum: 2")
    assert tags.json() == webob("413 Request Entity Too Large", "The limit has been exceeded on "
                                "the number of allowed image tags. Attempted: 2, Maximum: 1")


# -- show ---------------------------------------------------------------------------------------


def test_an_unknown_image_is_a_404_naming_it(glance: Glance) -> None:
    resp = glance.get("/images/nope")
    assert resp.status_code == 404
    assert resp.json() == webob("404 Not Found", "No image found with ID nope")


def test_another_projects_private_image_is_not_found(glance: Glance,
                                                      admin_glance: Glance) -> None:
    private = admin_glance.create(visibility="private")
    assert glance.get(f"/images/{private['id']}").status_code == 404
    assert admin_glance.get(f"/images/{private['id']}").status_code == 200


def test_the_seeded_cirros_image_is_public_active_and_owned_by_admin(
        glance: Glance, cloud: FakeCloud) -> None:
    image = glance.get(f"/images/{CIRROS}").json()
    assert (image["name"], image["status"], image["visibility"]) == (
        "cirros-0.6.2-x86_64-disk", "active", "public")
    assert (image["disk_format"], image["container_format"], image["size"]) == (
        "qcow2", "bare", 21430272)
    assert image["owner"] == cloud.project_id("admin")
    assert image["os_hash_algo"] == "sha512"


def test_properties_are_written_in_utf8(glance: Glance) -> None:
    resp = glance.post("/images", {"name": "caf\u00e9"})
    assert "caf\u00e9".encode() in resp.content


# -- JSON-patch -----------------------------------------------------------------------------------


def test_patch_replaces_adds_and_removes(glance: Glance) -> None:
    image = glance.create(name="old", color="red")
    resp = glance.patch(image["id"], [{"op": "replace", "path": "/name", "value": "new"},
                                      {"op": "add", "path": "/size_hint", "value": "big"},
                                      {"op": "remove", "path": "/color"},
                                      {"op": "add", "path": "/min_ram", "value": 128}])
    body = resp.json()
    assert resp.status_code == 200
    assert (body["name"], body["size_hint"], body["min_ram"]) == ("new", "big", 128)
    assert "color" not in body


def test_add_of_an_existing_property_replaces_it_in_v2_1_but_conflicts_in_v2_0(
        glance: Glance) -> None:
    image = glance.create(color="red")
    new = glance.patch(image["id"], [{"op": "add", "path": "/color", "value": "blue"}])
    assert new.json()["color"] == "blue"
    old = glance.patch(image["id"], [{"add": "/color", "value": "green"}],
                       "application/openstack-images-v2.0-json-patch")
    assert old.json() == webob_detail("409 Conflict", CONFLICT, "Property color already present.")


def test_patch_is_all_or_nothing(glance: Glance) -> None:
    image = glance.create(name="kept")
    resp = glance.patch(image["id"], [{"op": "replace", "path": "/name", "value": "lost"},
                                      {"op": "remove", "path": "/nope"}])
    assert resp.json() == webob_detail("409 Conflict", CONFLICT, "Property nope does not exist.")
    assert glance.get(f"/images/{image['id']}").json()["name"] == "kept"


@pytest.mark.parametrize(("ops", "status", "message"), [
    ([{"op": "replace", "path": "/status", "value": "active"}], 403,
     "Attribute 'status' is read-only."),
    ([{"op": "add", "path": "/os_glance_x", "value": "v"}], 403,
     "Attribute 'os_glance_x' is reserved."),
    ([{"op": "replace", "path": "/visibility", "value": "public"}], 403,
     "You are not authorized to complete publicize_image action."),
    ([{"op": "move", "path": "/name"}], 400,
     "Invalid operation: `move`. It must be one of the following: add, remove, replace."),
    ([{"path": "/name"}], 400, "Unable to find `op` in JSON Schema change. It must be one of "
                               "the following: add, remove, replace."),
    ([{"op": "add", "path": "/tags/-", "value": "x"}], 400,
     "Invalid JSON pointer for this resource: '/tags/-'"),
    ([{"op": "add", "path": "name", "value": "x"}], 400,
     'Pointer `name` does not start with "/".'),
    ([{"op": "add", "path": "/name"}], 400, 'Operation "add" requires a member named "value".'),
    ({"op": "add"}, 400, "Request body must be a JSON array of operation objects."),
    (["x"], 400, "Operations must be JSON objects."),
])
def test_patch_refusals(glance: Glance, ops: object, status: int, message: str) -> None:
    image = glance.create()
    resp = glance.patch(image["id"], ops)
    assert resp.status_code == status
    assert resp.json()["message"] == f"{message}<br /><br />\n\n\n"


@pytest.mark.parametrize(("ops", "detail"), [
    ([{"op": "remove", "path": "/name"}], "Property name may not be removed."),
    ([{"op": "replace", "path": "/owner", "value": "x"}], "Owner can't be updated by non admin."),
    ([{"op": "replace", "path": "/locations", "value": []}], "Cannot set locations to empty list."),
])
def test_patch_refusals_with_a_detail_line(glance: Glance, ops: object, detail: str) -> None:
    image = glance.create()
    assert glance.patch(image["id"], ops).json() == webob_detail(FORBIDDEN, DENIED, detail)


def test_patch_needs_a_json_patch_media_type(glance: Glance) -> None:
    image = glance.create()
    resp = glance.patch(image["id"], [], "application/json")
    types = ("application/openstack-images-v2.0-json-patch, "
             "application/openstack-images-v2.1-json-patch")
    assert resp.status_code == 415
    assert resp.headers["Accept-Patch"] == types
    assert resp.json()["message"] == (
        "The request media type application/json is not supported by this server.\n<br /><br />"
        f"\nImage PATCH expects Content-Type one of: {types}")


def test_the_formats_cannot_change_once_the_image_has_data(glance: Glance) -> None:
    image = glance.active()
    resp = glance.patch(image["id"], [{"op": "replace", "path": "/disk_format",
                                       "value": "qcow2"}])
    assert resp.json() == webob(FORBIDDEN, "Attribute disk_format can be only replaced for a "
                                           "queued image.")


def test_only_the_owner_modifies_and_others_get_403_on_what_they_can_see(
        glance: Glance, admin_glance: Glance) -> None:
    resp = glance.patch(CIRROS, [{"op": "replace", "path": "/name", "value": "mine"}])
    assert resp.json() == webob(FORBIDDEN, "You are not authorized to complete modify_image "
                                           "action.")
    image = glance.create()
    admin = admin_glance.patch(image["id"], [{"op": "replace", "path": "/visibility",
                                              "value": "public"}])
    assert admin.json()["visibility"] == "public"


def test_patch_replaces_tags_whole(glance: Glance) -> None:
    image = glance.create(tags=["a"])
    resp = glance.patch(image["id"], [{"op": "replace", "path": "/tags", "value": ["b", "c"]}])
    assert resp.json()["tags"] == ["b", "c"]


def test_an_empty_patch_changes_nothing(glance: Glance, cloud: FakeCloud) -> None:
    image = glance.create()
    cloud.clock.advance(5)
    assert glance.patch(image["id"], []).json()["updated_at"] == image["updated_at"]
    changed = glance.patch(image["id"], [{"op": "add", "path": "/a", "value": "b"}]).json()
    assert changed["updated_at"] == "2026-11-27T08:56:21Z"


# -- delete -------------------------------------------------------------------------------------


def test_delete_answers_204_then_404_with_its_own_message(glance: Glance) -> None:
    image = glance.create()
    gone = glance.call("DELETE", f"/images/{image['id']}")
    assert (gone.status_code, gone.content) == (204, b"")
    again = glance.call("DELETE", f"/images/{image['id']}")
    assert again.json() == webob("404 Not Found", f"Failed to find image {image['id']} to "
                                                  "delete")
    assert glance.get(f"/images/{image['id']}").status_code == 404


def test_a_protected_image_cannot_be_deleted(glance: Glance) -> None:
    image = glance.create(protected=True)
    resp = glance.call("DELETE", f"/images/{image['id']}")
    assert resp.json() == webob(FORBIDDEN, f"Image {image['id']} is protected and cannot be "
                                           "deleted.")


def test_a_public_image_of_another_project_cannot_be_deleted(glance: Glance) -> None:
    resp = glance.call("DELETE", f"/images/{CIRROS}")
    assert resp.json() == webob(FORBIDDEN, "You are not authorized to complete delete_image "
                                           "action.")


# -- deactivate, reactivate ---------------------------------------------------------------------


def test_deactivate_and_reactivate_are_idempotent(glance: Glance) -> None:
    image = glance.active()
    path = f"/images/{image['id']}/actions"
    assert [glance.post(f"{path}/deactivate").status_code for _ in range(2)] == [204, 204]
    assert glance.get(f"/images/{image['id']}").json()["status"] == "deactivated"
    assert [glance.post(f"{path}/reactivate").status_code for _ in range(2)] == [204, 204]
    assert glance.get(f"/images/{image['id']}").json()["status"] == "active"


def test_a_queued_image_cannot_be_deactivated(glance: Glance) -> None:
    image = glance.create()
    resp = glance.post(f"/images/{image['id']}/actions/deactivate")
    assert resp.json() == webob(FORBIDDEN, "Not allowed to deactivate image in status 'queued'")


# -- tags ---------------------------------------------------------------------------------------


def test_tags_are_added_once_and_removed(glance: Glance) -> None:
    image = glance.create()
    path = f"/images/{image['id']}/tags"
    assert [glance.call("PUT", f"{path}/x").status_code for _ in range(2)] == [204, 204]
    assert glance.get(f"/images/{image['id']}").json()["tags"] == ["x"]
    assert glance.call("DELETE", f"{path}/x").status_code == 204
    missing = glance.call("DELETE", f"{path}/x")
    assert missing.json() == webob("404 Not Found", "The resource could not be found.")


def test_a_tag_over_255_characters_is_refused(glance: Glance) -> None:
    image = glance.create()
    resp = glance.call("PUT", f"/images/{image['id']}/tags/{'t' * 256}")
    assert resp.status_code == 400
    assert resp.json()["message"].startswith("Provided object does not match schema 'image': ")


def test_the_tag_quota_names_the_image(glance: Glance, cloud: FakeCloud) -> None:
    cloud.image.configure(image_tag_quota=1)
    image = glance.create(tags=["a"])
    resp = glance.call("PUT", f"/images/{image['id']}/tags/b")
    assert resp.json() == webob("413 Request Entity Too Large", f"Image tag limit exceeded for "
                                f"image {image['id']}: The limit has been exceeded on the number "
                                "of allowed image tags. Attempted: 2, Maximum: 1:")


def test_tags_of_an_unknown_image_say_image_not_found(glance: Glance) -> None:
    resp = glance.call("PUT", "/images/nope/tags/x")
    assert resp.json() == webob("404 Not Found", "Image nope not found.")


# -- roles --------------------------------------------------------------------------------------


def test_a_reader_lists_but_cannot_create(cloud: FakeCloud, glance: Glance) -> None:
    cloud.identity.create_user("viewer", password="pw")
    cloud.identity.grant_role("reader", user="viewer", project="demo")
    viewer = Glance(cloud, glance.http, user="demo")
    viewer.token = cloud.identity.issue_token("viewer", project="demo")
    assert viewer.get("/images").status_code == 200
    refused = viewer.post("/images", {})
    assert refused.json() == webob(FORBIDDEN, "You are not authorized to complete add_image "
                                              "action.")


# -- Python API -----------------------------------------------------------------------------------


def test_create_images_makes_many_at_once_for_benches(glance: Glance, cloud: FakeCloud) -> None:
    made = cloud.image.create_images(glance.project_id, 30, name="bulk", data=b"abc")
    page = glance.get("/images?limit=2&name=in:bulk-30,bulk-29,bulk-1").json()
    assert [i["name"] for i in page["images"]] == ["bulk-30", "bulk-29"]
    assert (made[0].status, made[0].size, made[0].checksum) == (
        "active", 3, "900150983cd24fb0d6963f7d28e17f72")
    assert glance.get(f"/images/{made[0].id}/file").content == b"abc"
    assert [i.status for i in cloud.image.create_images(glance.project_id, 1)] == ["queued"]


def test_dump_lists_images_with_sizes_and_never_bytes(glance: Glance, cloud: FakeCloud) -> None:
    image = glance.active(b"secret-bytes")
    dumped = cloud.dump()["image"]
    entry = next(i for i in dumped["images"] if i["id"] == image["id"])
    assert (entry["size"], entry["checksum"]) == (12, image["checksum"])
    assert "secret-bytes" not in str(dumped)
    assert dumped["config"]["image_size_cap"] == 1024**4
