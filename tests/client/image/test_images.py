"""The images package against real Glance 33 answers: create, get, list and its pages,
the JSON patch, delete, (de)activation, tags, waiting, and Glance's errors."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone

import pytest
import responses

from stackdouble.client import (
    BadRequest,
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    ServiceClient,
    StatusError,
    UnexpectedStatus,
    WaitTimeout,
)
from stackdouble.client.openstack.image.v2 import images
from tests.client.image.samples import load
from tests.client.image.support import register, sent_json, url_of

IMAGE_ID = "b131f3a6-b2d0-4c4d-b2e4-e2b6319da26e"
OWNER = "0ffc4a95006e4f9ab2231abe33ebf927"


def test_create_sends_the_image_without_an_envelope(mock: responses.RequestsMock,
                                                    image_client: ServiceClient) -> None:
    register(mock, "image-create")
    opts = images.CreateOpts(name="sample-cirros", disk_format="raw", container_format="bare",
                             tags=["sample"], min_ram=64, properties={"os_distro": "cirros"})
    images.create(image_client, opts).extract()
    assert sent_json(mock.calls[0]) == load("image-create")["request"]["json"]


def test_create_extracts_the_queued_image_and_its_import_methods(
        mock: responses.RequestsMock, image_client: ServiceClient) -> None:
    register(mock, "image-create")
    result = images.create(image_client, images.CreateOpts(name="sample-cirros"))
    image = result.extract()
    assert (image.id, image.name, image.status, image.visibility) == (
        IMAGE_ID, "sample-cirros", "queued", "shared")
    assert (image.size, image.checksum, image.os_hash_value, image.virtual_size) == (
        None, None, None, None)
    assert (image.min_ram, image.min_disk, image.owner) == (64, 0, OWNER)
    assert image.properties == {"os_distro": "cirros"}
    assert result.extract_import_methods() == ["glance-direct", "web-download"]


def test_create_refuses_a_property_named_like_an_attribute_without_sending(
        mock: responses.RequestsMock, image_client: ServiceClient) -> None:
    result = images.create(image_client, images.CreateOpts(properties={"visibility": "public"}))
    with pytest.raises(InvalidInput) as caught:
        result.extract()
    assert caught.value.field == "properties"


def test_get_extracts_an_active_image(mock: responses.RequestsMock,
                                      image_client: ServiceClient) -> None:
    register(mock, "image-get-active")
    image = images.get(image_client, IMAGE_ID).extract()
    assert (image.status, image.size, image.virtual_size) == ("active", 1300, 1300)
    assert image.checksum == "ecc4876aaa82751c8576f8dafa971c64"
    assert image.os_hash_algo == "sha512"
    assert image.os_hash_value == hashlib.sha512(b"hello glance " * 100).hexdigest()
    assert image.created_at == datetime(2026, 12, 7, 2, 21, 1, tzinfo=timezone.utc)
    assert (image.file, image.self_link) == (f"/v2/images/{IMAGE_ID}/file",
                                             f"/v2/images/{IMAGE_ID}")
    assert (image.protected, image.hidden, image.tags) == (False, False, ("sample",))


def test_get_of_a_missing_image_is_not_found_with_glances_body(
        mock: responses.RequestsMock, image_client: ServiceClient) -> None:
    missing = "00000000-0000-0000-0000-000000000000"
    register(mock, "error-404-image")
    with pytest.raises(NotFound) as caught:
        images.get(image_client, missing).extract()
    assert caught.value.status == 404
    assert caught.value.body["title"] == "Not Found"
    assert f"No image found with ID {missing}" in str(caught.value)
    assert caught.value.request_id is not None


def test_list_follows_next_under_the_image_root(mock: responses.RequestsMock,
                                                image_client: ServiceClient) -> None:
    register(mock, "images-page-1")
    register(mock, "images-page-2")
    opts = images.ListOpts(tags=["sample-page"], sort="name:asc", limit=2)
    names = [image.name for image in images.list(image_client, opts).items()]
    assert names == ["sample-a", "sample-b", "sample-c"]
    assert mock.calls[1].request.url.startswith("http://glance.test/image/v2/images?")


def test_list_with_a_versioned_endpoint_keeps_the_root(mock: responses.RequestsMock,
                                                       image_client: ServiceClient) -> None:
    versioned = ServiceClient(image_client.provider, "http://glance.test/image/v2/",
                              type="image")
    register(mock, "images-page-1", path="v2/images?tag=sample-page&sort=name:asc&limit=2")
    register(mock, "images-page-2")
    pager = images.list(versioned, images.ListOpts(tags=["sample-page"], sort="name:asc",
                                                   limit=2))
    pages = list(pager.pages())
    assert [len(images.extract_images(page)) for page in pages] == [2, 1]


def test_all_pages_gathers_every_image(mock: responses.RequestsMock,
                                       image_client: ServiceClient) -> None:
    register(mock, "images-page-1")
    register(mock, "images-page-2")
    opts = images.ListOpts(tags=["sample-page"], sort="name:asc", limit=2)
    every = images.extract_images(images.list(image_client, opts).all_pages())
    assert [image.name for image in every] == ["sample-a", "sample-b", "sample-c"]


def test_list_options_that_glance_would_refuse_fail_without_a_request(
        mock: responses.RequestsMock, image_client: ServiceClient) -> None:
    pager = images.list(image_client, images.ListOpts(sort="name:asc", sort_key="name"))
    with pytest.raises(InvalidInput) as caught:
        list(pager.items())
    assert caught.value.field == "sort"


def test_list_with_an_unknown_marker_is_a_bad_request(mock: responses.RequestsMock,
                                                      image_client: ServiceClient) -> None:
    register(mock, "error-400-marker")
    with pytest.raises(BadRequest) as caught:
        list(images.list(image_client, images.ListOpts(marker="nope")).items())
    assert "No image found with ID nope" in str(caught.value)


def test_list_query_carries_dates_properties_and_repeated_sort_keys() -> None:
    opts = images.ListOpts(
        created_at=images.DateQuery(date=datetime(2026, 12, 1, 8, 0), filter="gt"),
        sort_key=["name", "size"], sort_dir=["asc", "desc"], hidden=True,
        properties={"os_distro": "cirros"})
    assert opts.to_image_list_query() == (
        "?os_hidden=true&sort_key=name&sort_key=size&sort_dir=asc&sort_dir=desc"
        "&created_at=gt%3A2026-12-01T08%3A00%3A00Z&os_distro=cirros")


def test_update_sends_a_json_patch_with_glances_media_type(
        mock: responses.RequestsMock, image_client: ServiceClient) -> None:
    register(mock, "image-update")
    image = images.update(image_client, IMAGE_ID, images.UpdateOpts([
        images.ReplaceImageName("sample-cirros-renamed"),
        images.UpdateImageProperty(op="add", name="hw_disk_bus", value="virtio"),
        images.ReplaceImageTags(["sample", "boot"])])).extract()
    sent = mock.calls[0].request
    assert sent.headers["Content-Type"] == "application/openstack-images-v2.1-json-patch"
    assert json.loads(sent.body) == load("image-update")["request"]["json"]
    assert image.name == "sample-cirros-renamed"
    assert image.properties == {"os_distro": "cirros", "hw_disk_bus": "virtio"}
    assert sorted(image.tags) == ["boot", "sample"]


def test_a_property_name_is_escaped_as_a_json_pointer() -> None:
    patch = images.UpdateImageProperty(op="replace", name="a/b~c", value="v")
    assert patch.to_image_patch_map()["path"] == "/a~1b~0c"


def test_patch_as_plain_json_is_unsupported_media_type(mock: responses.RequestsMock,
                                                       image_client: ServiceClient) -> None:
    register(mock, "error-415-patch-json")
    result = images.UpdateResult.request(
        image_client, "PATCH", url_of(f"v2/images/{IMAGE_ID}"),
        json=[{"op": "replace", "path": "/name", "value": "x"}], ok_codes=(200,))
    with pytest.raises(UnexpectedStatus) as caught:
        result.extract()
    assert caught.value.status == 415
    assert "openstack-images-v2.1-json-patch" in caught.value.headers["Accept-Patch"]


@pytest.mark.parametrize(("sample", "error", "words"), [
    ("error-409-patch-missing-property", Conflict, "Property nope does not exist."),
    ("error-403-publicize", Forbidden, "publicize_image"),
    ("error-400-patch-schema", BadRequest, "'x' is not of type 'integer'"),
])
def test_update_errors_come_as_their_status_class(
        mock: responses.RequestsMock, image_client: ServiceClient, sample: str,
        error: type[Exception], words: str) -> None:
    register(mock, sample)
    result = images.update(image_client, IMAGE_ID, images.UpdateOpts(
        [images.ReplaceImageName("whatever")]))
    with pytest.raises(error) as caught:
        result.extract()
    assert words in str(caught.value)


def test_a_bad_patch_operation_fails_without_a_request(
        mock: responses.RequestsMock, image_client: ServiceClient) -> None:
    result = images.update(image_client, IMAGE_ID, images.UpdateOpts([
        images.UpdateImageProperty(op="move", name="x", value="y")]))
    with pytest.raises(InvalidInput) as caught:
        result.extract()
    assert caught.value.field == "op"


def test_delete_of_a_protected_image_is_forbidden(mock: responses.RequestsMock,
                                                  image_client: ServiceClient) -> None:
    register(mock, "error-403-delete-protected")
    with pytest.raises(Forbidden) as caught:
        images.delete(image_client, IMAGE_ID).extract_err()
    assert "is protected and cannot be deleted" in str(caught.value)


def test_delete_accepts_204(mock: responses.RequestsMock, image_client: ServiceClient) -> None:
    mock.delete(url_of(f"v2/images/{IMAGE_ID}"), status=204)
    images.delete(image_client, IMAGE_ID).extract_err()


def test_deactivate_and_reactivate_post_their_actions(mock: responses.RequestsMock,
                                                      image_client: ServiceClient) -> None:
    register(mock, "deactivate-204")
    register(mock, "reactivate-204")
    images.deactivate(image_client, IMAGE_ID).extract_err()
    images.reactivate(image_client, IMAGE_ID).extract_err()
    assert [call.request.url.rsplit("/", 1)[1] for call in mock.calls] == [
        "deactivate", "reactivate"]


def test_tags_are_added_and_a_missing_one_is_not_found(mock: responses.RequestsMock,
                                                       image_client: ServiceClient) -> None:
    register(mock, "tag-add-204")
    register(mock, "error-404-tag")
    images.add_tag(image_client, IMAGE_ID, "extra").extract_err()
    with pytest.raises(NotFound):
        images.delete_tag(image_client, IMAGE_ID, "missing").extract_err()


def test_wait_for_status_polls_until_active(mock: responses.RequestsMock,
                                            image_client: ServiceClient) -> None:
    staged = load("image-get-uploading")["body"]
    register(mock, "image-get-uploading")
    register(mock, "image-get-imported")
    now = [0.0]
    image = images.wait_for_status(image_client, staged["id"], "active", timeout=10,
                                   interval=1, sleep=lambda s: now.__setitem__(0, now[0] + s),
                                   clock=lambda: now[0])
    assert (image.status, image.checksum, now[0]) == (
        "active", "59e953a0250b057a2444d86171d98bd7", 1.0)


def test_wait_for_status_stops_on_a_killed_image(mock: responses.RequestsMock,
                                                 image_client: ServiceClient) -> None:
    killed = {**load("image-get-uploading")["body"], "status": "killed",
              "os_glance_failed_import": "default"}
    register(mock, "image-get-uploading", body=killed)
    with pytest.raises(StatusError) as caught:
        images.wait_for_status(image_client, killed["id"], "active", timeout=10)
    assert (caught.value.status, caught.value.fault) == ("killed", "default")


def test_wait_for_status_times_out_with_the_last_status(mock: responses.RequestsMock,
                                                        image_client: ServiceClient) -> None:
    staged = load("image-get-uploading")["body"]
    register(mock, "image-get-uploading")
    with pytest.raises(WaitTimeout) as caught:
        images.wait_for_status(image_client, staged["id"], "active", timeout=0)
    assert caught.value.last_status == "uploading"
