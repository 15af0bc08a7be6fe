"""versioned_writes beyond the contract tests: the archive's names, a missing archive,
stack mode over a delete marker, `/info`."""

from __future__ import annotations

import requests

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.objectstorage.middleware.versioned_writes import archive_prefix
from tests.fakes.objectstorage.conftest import Swift


def test_the_archive_prefix_counts_utf8_bytes() -> None:
    assert archive_prefix("caf\u00e9") == "005caf\u00e9/"


def test_an_overwrite_without_its_archive_is_412(swift: Swift) -> None:
    swift("PUT", "/c", headers={"X-Versions-Location": "gone"})
    swift("PUT", "/c/o", data=b"one")
    assert swift("PUT", "/c/o", data=b"two").status_code == 412
    assert swift("GET", "/c/o").content == b"one"


def test_a_location_with_a_slash_is_412(swift: Swift) -> None:
    swift("PUT", "/c")
    assert swift("POST", "/c", headers={"X-Versions-Location": "a/b"}).status_code == 412


def test_the_archived_copy_keeps_type_and_metadata(swift: Swift) -> None:
    swift("PUT", "/a")
    swift("PUT", "/c", headers={"X-Versions-Location": "a"})
    swift("PUT", "/c/o", data=b"one", headers={"Content-Type": "text/plain",
                                               "X-Object-Meta-Color": "red"})
    swift("PUT", "/c/o", data=b"two")
    name = swift("GET", "/a").text.strip()
    assert name.startswith("001o/")
    old = swift("GET", f"/a/{name}")
    assert (old.content, old.headers["Content-Type"],
            old.headers["X-Object-Meta-Color"]) == (b"one", "text/plain", "red")


def test_info_lists_versioned_writes_and_object_versioning(cloud: FakeCloud,
                                                           http: requests.Session) -> None:
    info = http.get(cloud.base_url + "/info").json()
    assert info["versioned_writes"] == {"allowed_flags": ["x-versions-location",
                                                          "x-history-location"]}
    assert info["object_versioning"] == {}
    cloud.object_storage.pipeline = cloud.object_storage.pipeline.without("versioned_writes")
    assert "versioned_writes" not in http.get(cloud.base_url + "/info").json()
