"""The fake Glance's image data: uploads (streamed, hashed, size-capped, format-checked),
downloads (ranges, 204 without data, deactivated images) and the seeded images' data."""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterator

import pytest

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.image.models import SeededData, StoredData
from stackdouble.fakes.image.models.imagedata import qcow2_header
from tests.fakes.image.conftest import CIRROS, Glance, webob

TOO_LARGE = "413 Request Entity Too Large"
MEDIA = "The request media type {} is not supported by this server.\n<br /><br />\n{}"


def _qcow2(virtual: int, size: int = 4096, backing: int = 0) -> bytes:
    head = bytearray(qcow2_header(virtual))
    head[8:16] = struct.pack(">Q", backing)
    return bytes(head) + bytes(size - len(head))


def _snapshot(cloud: FakeCloud) -> str:
    return str(cloud.dump()["image"])


# -- upload -------------------------------------------------------------------------------------


def test_an_upload_makes_the_image_active_with_size_and_hashes(glance: Glance) -> None:
    data = bytes(range(256)) * 40
    image = glance.create(disk_format="raw", container_format="bare")
    resp = glance.put_data(image["id"], data)
    shown = glance.get(f"/images/{image['id']}").json()
    assert (resp.status_code, resp.content) == (204, b"")
    assert resp.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert (shown["status"], shown["size"], shown["virtual_size"]) == ("active", len(data),
                                                                      len(data))
    assert shown["checksum"] == hashlib.md5(data).hexdigest()
    assert (shown["os_hash_algo"], shown["os_hash_value"]) == (
        "sha512", hashlib.sha512(data).hexdigest())


def test_a_chunked_upload_is_stored_as_it_streams(glance: Glance, cloud: FakeCloud) -> None:
    image = glance.create(disk_format="raw", container_format="bare")

    def chunks() -> Iterator[bytes]:
        for n in range(5):
            yield bytes([n]) * 100_000

    assert glance.put_data(image["id"], chunks()).status_code == 204
    stored = cloud.image.images[image["id"]].data
    assert isinstance(stored, StoredData)
    assert stored.size == 500_000
    assert len(stored.parts) > 1  # kept as received, never joined


def test_uploading_to_an_active_image_is_a_conflict(glance: Glance) -> None:
    image = glance.active()
    resp = glance.put_data(image["id"], b"more")
    assert resp.json() == webob("409 Conflict", "Image status transition from active to saving "
                                                "is not allowed")


def test_an_upload_needs_both_formats(glance: Glance) -> None:
    image = glance.create()
    resp = glance.put_data(image["id"], b"x")
    assert resp.json() == webob("400 Bad Request", "Properties disk_format, container_format "
                                                   "must be set prior to saving data.")
    assert glance.get(f"/images/{image['id']}").json()["status"] == "queued"


def test_an_upload_needs_the_octet_stream_type(glance: Glance) -> None:
    image = glance.create(disk_format="raw", container_format="bare")
    wrong = glance.put_data(image["id"], b"x", content_type="text/plain")
    assert wrong.status_code == 415
    assert wrong.json()["message"] == MEDIA.format("text/plain",
                                                   "Invalid content type text/plain")
    none = glance.call("PUT", f"/images/{image['id']}/file", data=b"x")
    assert none.json()["message"] == MEDIA.format("${CONTENT_TYPE}", "Invalid content type None")


def test_the_size_cap_refuses_the_upload_and_changes_nothing(glance: Glance,
                                                             cloud: FakeCloud) -> None:
    cloud.image.configure(image_size_cap=10)
    image = glance.create(disk_format="raw", container_format="bare")
    before = _snapshot(cloud)
    resp = glance.put_data(image["id"], b"x" * 11)
    assert resp.json() == webob(TOO_LARGE, "The incoming image is too large: The provided image "
                                           "is too large.")
    assert _snapshot(cloud) == before
    assert glance.put_data(image["id"], b"x" * 10).status_code == 204


def test_the_storage_quota_counts_the_projects_stored_data(glance: Glance,
                                                           cloud: FakeCloud) -> None:
    cloud.image.configure(user_storage_quota=10)
    glance.active(b"123456")
    image = glance.create(disk_format="raw", container_format="bare")
    resp = glance.put_data(image["id"], b"12345")
    assert resp.json() == webob(TOO_LARGE, "Image exceeds the storage quota: The size of the "
                                           "data 5 will exceed the limit. 4 bytes remaining.")
    assert glance.put_data(image["id"], b"1234").status_code == 204


def test_qcow2_data_must_be_qcow2_and_gives_the_virtual_size(glance: Glance) -> None:
    image = glance.create(disk_format="qcow2", container_format="bare")
    wrong = glance.put_data(image["id"], b"\0" * 1024)
    assert wrong.status_code == 415
    assert wrong.json()["message"] == MEDIA.format(
        "application/octet-stream", "Image disk_format qcow2 does not match stream data raw")
    assert glance.put_data(image["id"], _qcow2(1 << 30)).status_code == 204
    assert glance.get(f"/images/{image['id']}").json()["virtual_size"] == 1 << 30


def test_a_qcow2_with_a_backing_file_fails_the_safety_checks(glance: Glance) -> None:
    image = glance.create(disk_format="qcow2", container_format="bare")
    resp = glance.put_data(image["id"], _qcow2(1 << 20, backing=512))
    assert resp.json()["message"] == MEDIA.format("application/octet-stream",
                                                  "Image failed safety checks")


def test_a_raw_image_takes_any_data_and_ami_takes_unrecognised_data(glance: Glance) -> None:
    raw = glance.create(disk_format="raw", container_format="bare")
    assert glance.put_data(raw["id"], _qcow2(1 << 20)).status_code == 204
    ami = glance.create(disk_format="ami", container_format="bare")
    assert glance.put_data(ami["id"], b"kernel").status_code == 204
    assert glance.get(f"/images/{ami['id']}").json()["virtual_size"] is None


def test_a_non_bare_container_is_not_inspected(glance: Glance) -> None:
    image = glance.create(disk_format="qcow2", container_format="ovf")
    assert glance.put_data(image["id"], b"not qcow2").status_code == 204


def test_a_bad_image_size_header_is_refused(glance: Glance) -> None:
    image = glance.create(disk_format="raw", container_format="bare")
    resp = glance.call("PUT", f"/images/{image['id']}/file", data=b"x",
                       headers={"Content-Type": "application/octet-stream",
                                "x-openstack-image-size": "many"})
    assert resp.json() == webob("400 Bad Request", "Invalid or missing image size in request "
                                                   "headers.")


# -- download -----------------------------------------------------------------------------------


def test_a_download_gives_the_bytes_with_content_md5(glance: Glance) -> None:
    image = glance.active(b"0123456789")
    resp = glance.get(f"/images/{image['id']}/file")
    assert (resp.status_code, resp.content) == (200, b"0123456789")
    assert resp.headers["Content-Type"] == "application/octet-stream"
    assert resp.headers["Content-MD5"] == image["checksum"]
    assert resp.headers["Content-Length"] == "10"


@pytest.mark.parametrize(("header", "body", "content_range"), [
    ({"Range": "bytes=0-4"}, b"01234", "bytes 0-4/10"),
    ({"Range": "bytes=7-"}, b"789", "bytes 7-9/10"),
    ({"Range": "bytes=-3"}, b"789", "bytes 7-9/10"),
    ({"Range": "bytes=-30"}, b"0123456789", "bytes 0-9/10"),
    ({"Range": "bytes=5-99"}, b"56789", "bytes 5-9/10"),
    ({"Content-Range": "bytes 2-3/*"}, b"23", "bytes 2-3/10"),
])
def test_ranges_answer_206(glance: Glance, header: dict[str, str], body: bytes,
                           content_range: str) -> None:
    image = glance.active(b"0123456789")
    resp = glance.get(f"/images/{image['id']}/file", headers=header)
    assert (resp.status_code, resp.content) == (206, body)
    assert resp.headers["Content-Range"] == content_range
    assert resp.headers["Content-MD5"] == image["checksum"]


@pytest.mark.parametrize(("header", "status", "message"), [
    ({"Range": "bytes=10-"}, 416, "Invalid start position in Range header. Start position MUST "
                                  "be in the inclusive range [0, 9]."),
    ({"Range": "bytes=5-2"}, 416, "Invalid Range header."),
    ({"Range": "items=1-2"}, 416, "Invalid Range header."),
    ({"Range": "bytes=0-1,3-4"}, 400, "Requests with multiple ranges are not supported in "
                                      "Glance. You may make multiple single-range requests "
                                      "instead."),
    ({"Content-Range": "bytes 0-20/*"}, 416, "Invalid stop position in Content-Range header. "
                                             "The stop position MUST be in the inclusive range "
                                             "[0, 9]."),
])
def test_bad_ranges(glance: Glance, header: dict[str, str], status: int, message: str) -> None:
    image = glance.active(b"0123456789")
    resp = glance.get(f"/images/{image['id']}/file", headers=header)
    assert resp.status_code == status
    assert resp.json()["message"] == f"{message}<br /><br />\n\n\n"


def test_an_image_without_data_downloads_as_204(glance: Glance) -> None:
    image = glance.create()
    resp = glance.get(f"/images/{image['id']}/file")
    assert (resp.status_code, resp.content) == (204, b"")


def test_a_deactivated_image_downloads_only_for_admins(glance: Glance,
                                                       admin_glance: Glance) -> None:
    image = glance.active(b"data")
    glance.post(f"/images/{image['id']}/actions/deactivate")
    refused = glance.get(f"/images/{image['id']}/file")
    assert refused.json() == webob("403 Forbidden", "The requested image has been deactivated. "
                                                    "Image data download is forbidden.")
    assert admin_glance.get(f"/images/{image['id']}/file").content == b"data"


def test_store_selection_is_refused_without_multiple_stores(glance: Glance) -> None:
    image = glance.active()
    resp = glance.get(f"/images/{image['id']}/file?prefer=a,b")
    assert resp.json() == webob("400 Bad Request", "Store selection for download is not "
                                                   "available when multiple backends are not "
                                                   "enabled.")


def test_the_seeded_images_data_matches_their_checksums(cloud: FakeCloud) -> None:
    image = cloud.image.images[CIRROS]
    assert isinstance(image.data, SeededData)
    md5, sha = hashlib.md5(), hashlib.sha512()
    for chunk in image.data.read():
        md5.update(chunk)
        sha.update(chunk)
    assert (md5.hexdigest(), sha.hexdigest()) == (image.checksum, image.os_hash_value)
    assert image.data.size == image.size


def test_the_seeded_data_is_a_qcow2_the_checks_accept(glance: Glance, cloud: FakeCloud) -> None:
    head = b"".join(cloud.image.images[CIRROS].data.read(0, 34 * 1024))  # type: ignore[union-attr]
    image = glance.create(disk_format="qcow2", container_format="bare")
    assert glance.put_data(image["id"], head).status_code == 204
    assert glance.get(f"/images/{image['id']}").json()["virtual_size"] == 117440512

