"""Swift's bulk middleware: `?bulk-delete` (a POST of newline-separated, URL-quoted
`container[/object]` paths: objects first, then containers) and `?extract-archive=tar|tar.gz`
(a PUT of a tar whose files become objects, containers created on the way). Both answer
200 whatever happened, with a summary in the body (JSON for `Accept: application/json`):
the outcome is its `Response Status`, each failure a `[path, status]` row of `Errors`.
"""

from __future__ import annotations

import gzip
import io
import tarfile
from collections.abc import Iterator

import pytest

from stackdouble.client import ServiceClient
from tests.contract.conftest import account, call, empty_container, put_objects

JSON = {"Accept": "application/json"}
EXTRACTED = "contract-bulk-extracted"


def _tar(files: dict[str, bytes], gzipped: bool = False) -> bytes:
    """A tar of `files`, with fixed times (the gzip header's too) for fixed cassettes."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size, info.mtime = len(data), 1700000000
            tar.addfile(info, io.BytesIO(data))
    return gzip.compress(out.getvalue(), mtime=0) if gzipped else out.getvalue()


def _names(storage: ServiceClient, container: str) -> list[str]:
    listed = call(storage, "GET", f"{account(storage)}/{container}?format=json")
    assert listed.status_code == 200
    return [row["name"] for row in listed.json()]


@pytest.fixture
def extracted(storage: ServiceClient) -> Iterator[str]:
    """The name of a container an archive creates; removed (with its objects) afterwards."""
    empty_container(storage, EXTRACTED)
    yield EXTRACTED
    empty_container(storage, EXTRACTED)


def test_bulk_delete_objects_and_containers(storage: ServiceClient, container: str) -> None:
    put_objects(storage, container, ["a.txt", "dir/b txt"])
    assert call(storage, "PUT", f"{account(storage)}/{container}-gone").status_code == 201
    body = (f"{container}/a.txt\n{container}/dir/b%20txt\n{container}/missing\n"
            f"{container}-gone\n\n")
    resp = call(storage, "POST", account(storage) + "?bulk-delete", data=body.encode(),
                headers={**JSON, "Content-Type": "text/plain"})
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "application/json"
    assert resp.json() == {"Number Deleted": 3, "Number Not Found": 1, "Errors": [],
                           "Response Status": "200 OK", "Response Body": ""}
    assert _names(storage, container) == []
    assert call(storage, "HEAD", f"{account(storage)}/{container}-gone").status_code == 404


def test_bulk_delete_of_a_container_with_objects_is_a_409_in_the_body(
        storage: ServiceClient, container: str) -> None:
    put_objects(storage, container, ["kept"])
    resp = call(storage, "POST", account(storage) + "?bulk-delete", data=container.encode(),
                headers={**JSON, "Content-Type": "text/plain"})
    assert resp.status_code == 200
    assert resp.json() == {"Number Deleted": 0, "Number Not Found": 0,
                           "Errors": [[container, "409 Conflict"]],
                           "Response Status": "400 Bad Request", "Response Body": ""}
    assert _names(storage, container) == ["kept"]


def test_bulk_delete_of_nothing_is_invalid(storage: ServiceClient) -> None:
    resp = call(storage, "POST", account(storage) + "?bulk-delete", data=b"\n",
                headers={**JSON, "Content-Type": "text/plain"})
    assert resp.status_code == 200
    assert resp.json() == {"Number Deleted": 0, "Number Not Found": 0, "Errors": [],
                           "Response Status": "400 Bad Request",
                           "Response Body": "Invalid bulk delete."}


def test_bulk_delete_as_text(storage: ServiceClient, container: str) -> None:
    put_objects(storage, container, ["a.txt"])
    resp = call(storage, "POST", account(storage) + "?bulk-delete",
                data=f"{container}/a.txt\n".encode(),
                headers={"Accept": "text/plain", "Content-Type": "text/plain"})
    assert resp.status_code == 200
    assert resp.headers["Content-Type"].startswith("text/plain")
    assert resp.text.split("\n") == ["Number Deleted: 1", "Number Not Found: 0",
                                     "Response Body: ", "Response Status: 200 OK",
                                     "Errors:", ""]


def test_extract_archive_into_the_account(storage: ServiceClient, extracted: str) -> None:
    archive = _tar({f"{extracted}/a.txt": b"alpha", f"{extracted}/dir/b.txt": b"beta",
                    "top-level-file": b"skipped"})
    resp = call(storage, "PUT", account(storage) + "?extract-archive=tar", data=archive,
                headers=JSON)
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "application/json"
    assert resp.json() == {"Number Files Created": 2, "Errors": [],
                           "Response Status": "201 Created", "Response Body": ""}
    assert _names(storage, extracted) == ["a.txt", "dir/b.txt"]
    got = call(storage, "GET", f"{account(storage)}/{extracted}/dir/b.txt")
    assert (got.status_code, got.content) == (200, b"beta")


def test_extract_a_gzipped_archive_into_a_container(storage: ServiceClient,
                                                    container: str) -> None:
    archive = _tar({"./one": b"1", "sub/two": b"22"}, gzipped=True)
    resp = call(storage, "PUT", f"{account(storage)}/{container}/pre?extract-archive=tar.gz",
                data=archive, headers=JSON)
    assert resp.status_code == 200
    assert resp.json() == {"Number Files Created": 2, "Errors": [],
                           "Response Status": "201 Created", "Response Body": ""}
    assert _names(storage, container) == ["pre/one", "pre/sub/two"]


def test_extract_a_bad_archive_is_a_400_in_the_body(storage: ServiceClient,
                                                    container: str) -> None:
    resp = call(storage, "PUT", f"{account(storage)}/{container}?extract-archive=tar.gz",
                data=b"this is not a tar", headers=JSON)
    assert resp.status_code == 200
    summary = resp.json()
    assert summary["Response Status"] == "400 Bad Request"
    assert summary["Response Body"].startswith("Invalid Tar File: ")
    assert (summary["Number Files Created"], summary["Errors"]) == (0, [])
    assert _names(storage, container) == []


def test_extract_an_archive_without_files_is_a_400_in_the_body(storage: ServiceClient,
                                                               container: str) -> None:
    resp = call(storage, "PUT", f"{account(storage)}/{container}?extract-archive=tar",
                data=_tar({}), headers=JSON)
    assert resp.status_code == 200
    assert resp.json() == {"Number Files Created": 0, "Errors": [],
                           "Response Status": "400 Bad Request",
                           "Response Body": "Invalid Tar File: No Valid Files"}


def test_extract_an_unknown_format_is_a_400(storage: ServiceClient, container: str) -> None:
    resp = call(storage, "PUT", f"{account(storage)}/{container}?extract-archive=zip",
                data=b"PK", headers=JSON)
    assert resp.status_code == 400
    assert resp.text == "Unsupported archive format"
