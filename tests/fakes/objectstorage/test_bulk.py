"""The bulk middleware: `?bulk-delete` and `?extract-archive`, with Swift's summaries."""

from __future__ import annotations

import io
import tarfile
from dataclasses import replace

import pytest

from stackdouble.fakes.objectstorage import ObjectStorageModel
from tests.fakes.objectstorage.conftest import Swift

JSON = {"Accept": "application/json", "Content-Type": "text/plain"}


@pytest.fixture
def stocked(swift: Swift, model: ObjectStorageModel) -> Swift:
    model.create_container("demo", "c")
    model.create_container("demo", "empty")
    for name in ("a/b", "été", "keep"):
        model.put_object("demo", "c", name, b"x")
    return swift


def test_bulk_delete_removes_objects_then_containers_and_sums_up(
    stocked: Swift, model: ObjectStorageModel
) -> None:
    body = b"/c/a%2Fb\n/c/%C3%A9t%C3%A9\nc/gone\n/empty\n/c\n"
    resp = stocked("POST", "?bulk-delete", data=body, headers=JSON)
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "application/json"
    assert resp.json() == {"Response Status": "400 Bad Request", "Response Body": "",
                           "Number Deleted": 3, "Number Not Found": 1,
                           "Errors": [["/c", "409 Conflict"]]}
    assert model.names("demo", "c") == ["keep"]
    assert model.names("demo") == ["c"]


def test_a_clean_bulk_delete_reports_200_ok(stocked: Swift) -> None:
    resp = stocked("DELETE", "?bulk-delete", data=b"/c/keep\n", headers=JSON)
    assert resp.json()["Response Status"] == "200 OK"
    assert resp.json()["Number Deleted"] == 1


def test_bulk_delete_answers_text_by_default(stocked: Swift) -> None:
    resp = stocked("POST", "?bulk-delete", data=b"/c/keep")
    assert resp.headers["Content-Type"] == "text/plain"
    assert resp.text == ("Number Deleted: 1\nNumber Not Found: 0\nResponse Body: \n"
                         "Response Status: 200 OK\nErrors:\n")


def test_an_empty_bulk_delete_is_invalid(stocked: Swift) -> None:
    summary = stocked("POST", "?bulk-delete", data=b"", headers=JSON).json()
    assert (summary["Response Status"], summary["Response Body"]) == (
        "400 Bad Request", "Invalid bulk delete.")


def test_bulk_delete_refuses_a_body_that_is_not_text(stocked: Swift) -> None:
    summary = stocked("POST", "?bulk-delete", data=b"[]", headers={
        "Accept": "application/json", "Content-Type": "application/json"}).json()
    assert summary["Response Status"] == "406 Not Acceptable"


def test_bulk_delete_has_a_maximum(stocked: Swift, model: ObjectStorageModel) -> None:
    model.constraints = replace(model.constraints, max_deletes_per_request=2)
    summary = stocked("POST", "?bulk-delete", data=b"/c/a\n/c/b\n/c/c\n", headers=JSON).json()
    assert (summary["Response Status"], summary["Response Body"]) == (
        "413 Request Entity Too Large", "Maximum Bulk Deletes: 2 per request")


def test_bulk_delete_is_done_as_the_caller(stocked: Swift, admin: Swift) -> None:
    resp = admin.http.post(stocked.url + "?bulk-delete", data=b"/c/keep\n",
                           headers={**JSON, "X-Auth-Token": admin.token})
    assert resp.json()["Errors"] == [["/c/keep", "403 Forbidden"]]
    anonymous = stocked("POST", "?bulk-delete", data=b"/c/keep\n", headers=JSON, token=False)
    assert anonymous.json()["Errors"] == [["/c/keep", "401 Unauthorized"]]


def test_a_name_with_nul_is_412_in_the_summary(stocked: Swift) -> None:
    summary = stocked("POST", "?bulk-delete", data=b"/c/a%00b\n", headers=JSON).json()
    assert summary["Errors"] == [["/c/a%00b", "412 Precondition Failed"]]


def _tar(files: dict[str, bytes], mode: str = "w") -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode) as tar:  # type: ignore[call-overload]
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            if name.endswith(".json"):
                info.pax_headers = {"SCHILY.xattr.user.mime_type": "application/json",
                                    "SCHILY.xattr.user.meta.origin": "tar"}
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def test_extract_archive_creates_containers_and_objects(swift: Swift,
                                                        model: ObjectStorageModel) -> None:
    archive = _tar({"photos/a.jpg": b"jpeg", "photos/2026/b.json": b"{}", "top-level": b"x",
                    "./docs/readme": b"hi"})
    resp = swift("PUT", "?extract-archive=tar", data=archive,
                 headers={"Accept": "application/json"})
    assert resp.json() == {"Response Status": "201 Created", "Response Body": "",
                           "Number Files Created": 3, "Errors": []}
    assert model.names("demo") == ["docs", "photos"]
    assert model.names("demo", "photos") == ["2026/b.json", "a.jpg"]
    head = swift("HEAD", "/photos/2026/b.json").headers
    assert (head["Content-Type"], head["X-Object-Meta-Origin"]) == ("application/json", "tar")


def test_extract_archive_into_a_container_prefix_gzipped(swift: Swift,
                                                         model: ObjectStorageModel) -> None:
    archive = _tar({"a": b"1", "b/c": b"2"}, mode="w:gz")
    summary = swift("PUT", "/bench/in?extract-archive=tar.gz", data=archive,
                    headers={"Accept": "application/json"}).json()
    assert summary["Number Files Created"] == 2
    assert model.names("demo", "bench") == ["in/a", "in/b/c"]


def test_extract_archive_reports_a_broken_tar(swift: Swift) -> None:
    summary = swift("PUT", "/c?extract-archive=tar", data=b"not a tar" * 100,
                    headers={"Accept": "application/json"}).json()
    assert summary["Response Status"] == "400 Bad Request"
    assert summary["Response Body"].startswith("Invalid Tar File: ")


def test_an_unknown_archive_format_is_400(swift: Swift) -> None:
    resp = swift("PUT", "/c?extract-archive=zip", data=b"")
    assert (resp.status_code, resp.text) == (400, "Unsupported archive format")
