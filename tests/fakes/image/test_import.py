"""The fake Glance's interoperable import: `glance-direct` staging and import on the fake
clock, `web-download` from a loopback server or the cloud itself, the discovery documents,
and the method it does not enable (`copy-image`)."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from stackdouble.fakes import FakeCloud
from tests.fakes.image.conftest import Glance, webob

IMPORT = {"method": {"name": "glance-direct"}}


def _staged(glance: Glance, data: bytes = b"staged data", **image: object) -> str:
    made = glance.create(disk_format="raw", container_format="bare", **image)
    resp = glance.put_data(made["id"], data, where="stage")
    assert resp.status_code == 204, resp.text
    return str(made["id"])


def test_info_import_lists_glance_direct_and_web_download(glance: Glance) -> None:
    assert glance.get("/info/import").json() == {"import-methods": {
        "description": "Import methods available.", "type": "array",
        "value": ["glance-direct", "web-download"]}}


def test_a_single_store_glance_has_no_store_list(glance: Glance) -> None:
    for path in ("/info/stores", "/info/stores/detail"):
        assert glance.get(path).json() == webob("404 Not Found", "Multi backend is not "
                                                                 "supported at this site.")
    assert glance.get("/info/usage").json() == {"usage": {}}


def test_staging_makes_the_image_uploading_with_its_size(glance: Glance) -> None:
    image_id = _staged(glance, b"12 bytes ...")
    image = glance.get(f"/images/{image_id}").json()
    assert (image["status"], image["size"], image["checksum"]) == ("uploading", 12, None)
    again = glance.put_data(image_id, b"x", where="stage")
    assert again.json() == webob("409 Conflict", "Image status transition from uploading to "
                                                 "uploading is not allowed")


def test_an_import_is_importing_until_the_next_call_then_active(glance: Glance) -> None:
    image_id = _staged(glance, b"staged data")
    resp = glance.post(f"/images/{image_id}/import", IMPORT)
    assert (resp.status_code, resp.content) == (202, b"")
    image = glance.get(f"/images/{image_id}").json()
    assert image["status"] == "active"
    assert image["checksum"] == hashlib.md5(b"staged data").hexdigest()
    assert image["os_hash_value"] == hashlib.sha512(b"staged data").hexdigest()
    assert (image["os_glance_importing_to_stores"], image["os_glance_failed_import"]) == ("",
                                                                                         "")
    assert "os_glance_import_task" not in image
    assert list(image)[:2] == ["os_glance_importing_to_stores", "os_glance_failed_import"]


def test_an_import_takes_the_configured_time(glance: Glance, cloud: FakeCloud) -> None:
    cloud.image.configure(import_time=30)
    image_id = _staged(glance)
    glance.post(f"/images/{image_id}/import", IMPORT)
    importing = glance.get(f"/images/{image_id}").json()
    assert importing["status"] == "importing"
    assert "os_glance_import_task" in importing
    cloud.clock.advance(30)
    assert glance.get(f"/images/{image_id}").json()["status"] == "active"


def test_an_import_whose_data_fails_the_checks_goes_back_to_queued(glance: Glance) -> None:
    made = glance.create(disk_format="qcow2", container_format="bare")
    glance.put_data(made["id"], b"not a qcow2", where="stage")
    assert glance.post(f"/images/{made['id']}/import", IMPORT).status_code == 202
    image = glance.get(f"/images/{made['id']}").json()
    assert (image["status"], image["size"], image["checksum"]) == ("queued", None, None)


@pytest.mark.parametrize(("body", "status", "message"), [
    ({"method": {"name": "copy-image"}}, 400, "Unknown import method name 'copy-image'."),
    ({}, 400, "Import request requires a 'method' field."),
    ({"method": {}}, 400, "Import request requires a 'name' field."),
    ({"method": {"name": "glance-direct"}, "all_stores": "yes"}, 400,
     "'all_stores' must be boolean value only"),
])
def test_import_bodies_glance_refuses(glance: Glance, body: object, status: int,
                                      message: str) -> None:
    image_id = _staged(glance)
    resp = glance.post(f"/images/{image_id}/import", body)
    assert resp.status_code == status
    assert resp.json() == webob(f"{status} Bad Request", message)


def test_an_import_needs_staged_data_and_no_data_yet(glance: Glance) -> None:
    fresh = glance.create(disk_format="raw", container_format="bare")
    resp = glance.post(f"/images/{fresh['id']}/import", IMPORT)
    assert resp.json() == webob("409 Conflict", "Image needs to be staged before "
                                                "'glance-direct' method can be used")
    active = glance.active()
    resp = glance.post(f"/images/{active['id']}/import", IMPORT)
    assert resp.json() == webob("409 Conflict", "Image with status active cannot be target "
                                                "for import")


def test_staging_is_refused_when_glance_direct_is_off(glance: Glance, cloud: FakeCloud) -> None:
    cloud.image.configure(import_methods=())
    made = glance.create()
    resp = glance.put_data(made["id"], b"x", where="stage")
    assert resp.json() == webob("404 Not Found", "'glance-direct' method is not available at "
                                                 "this site.")
    assert glance.get("/info/import").json()["import-methods"]["value"] == []


# -- web-download -------------------------------------------------------------------------------


class _Source(BaseHTTPRequestHandler):
    """A loopback server: `/ok` answers `PAYLOAD`, anything else 404."""

    def do_GET(self) -> None:
        found = self.path == "/ok"
        self.send_response(200 if found else 404)
        self.send_header("Content-Length", str(len(PAYLOAD) if found else 0))
        self.end_headers()
        if found:
            self.wfile.write(PAYLOAD)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


PAYLOAD = b"downloaded " * 100


@pytest.fixture
def source() -> Iterator[str]:
    """The URL of a loopback HTTP server."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Source)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _web(glance: Glance, uri: str) -> tuple[str, int]:
    made = glance.create(disk_format="raw", container_format="bare")
    resp = glance.post(f"/images/{made['id']}/import",
                       {"method": {"name": "web-download", "uri": uri}})
    return str(made["id"]), resp.status_code


def test_web_download_fetches_from_a_loopback_server(glance: Glance, source: str) -> None:
    image_id, status = _web(glance, f"{source}/ok")
    image = glance.get(f"/images/{image_id}").json()
    assert status == 202
    assert (image["status"], image["size"]) == ("active", len(PAYLOAD))
    assert image["checksum"] == hashlib.md5(PAYLOAD).hexdigest()
    assert glance.get(f"/images/{image_id}/file").content == PAYLOAD


def test_web_download_fetches_from_the_clouds_own_object_store(glance: Glance,
                                                                 cloud: FakeCloud) -> None:
    account = f"{cloud.base_url}/v1/AUTH_{glance.project_id}"
    headers = {"X-Auth-Token": glance.token}
    glance.http.put(f"{account}/public", headers={**headers, "X-Container-Read": ".r:*"})
    glance.http.put(f"{account}/public/disk.raw", data=PAYLOAD, headers=headers)
    image_id, status = _web(glance, f"{account}/public/disk.raw")
    image = glance.get(f"/images/{image_id}").json()
    assert (status, image["status"], image["size"]) == (202, "active", len(PAYLOAD))


def test_a_source_that_fails_puts_the_image_back_to_queued(glance: Glance, source: str) -> None:
    image_id, status = _web(glance, f"{source}/missing")
    image = glance.get(f"/images/{image_id}").json()
    assert (status, image["status"], image["size"]) == (202, "queued", None)


@pytest.mark.parametrize("uri", ["http://example.com/x.raw", "ftp://127.0.0.1/x", "nope"])
def test_web_download_refuses_uris_the_filters_refuse(glance: Glance, uri: str) -> None:
    made = glance.create(disk_format="raw", container_format="bare")
    resp = glance.post(f"/images/{made['id']}/import",
                       {"method": {"name": "web-download", "uri": uri}})
    assert resp.json() == webob("400 Bad Request", f"URI for web-download does not pass "
                                                   f"filtering: {uri}")
    assert glance.get(f"/images/{made['id']}").json()["status"] == "queued"


def test_web_download_needs_a_queued_image(glance: Glance, source: str) -> None:
    image_id = _staged(glance)
    resp = glance.post(f"/images/{image_id}/import",
                       {"method": {"name": "web-download", "uri": f"{source}/ok"}})
    assert resp.json() == webob("409 Conflict", "Image needs to be in 'queued' state to use "
                                                "'web-download' method")
