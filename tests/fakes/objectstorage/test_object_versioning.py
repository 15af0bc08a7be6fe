"""object_versioning beyond the contract tests: the legacy 400, suspended versioning,
`null` versions, the hidden container's names and bytes."""

from __future__ import annotations

import requests

from stackdouble.fakes.objectstorage import ObjectStorageModel
from stackdouble.fakes.objectstorage.middleware.object_versioning import (
    parse_version_name,
    version_name,
    versions_container,
)
from tests.fakes.objectstorage.conftest import Swift


def test_version_names_round_trip_and_sort_newest_first() -> None:
    older, newer = version_name("o", 100_000), version_name("o", 200_000)
    assert newer < older
    assert parse_version_name(older) == ("o", "0000000001.00000")
    assert parse_version_name("plain") == ("plain", None)


def test_enabling_over_a_legacy_location_is_400(swift: Swift) -> None:
    swift("PUT", "/c", headers={"X-Versions-Location": "a"})
    resp = swift("POST", "/c", headers={"X-Versions-Enabled": "true"})
    assert resp.status_code == 400
    assert "legacy versioned writes" in resp.text


def test_versioning_makes_the_hidden_container(swift: Swift, model: ObjectStorageModel) -> None:
    swift("PUT", "/c", headers={"X-Versions-Enabled": "true"})
    assert model.find_container(swift.account, versions_container("c")) is not None
    swift("PUT", "/c/o", data=b"four")
    head = swift("HEAD", "/c").headers
    assert head["X-Container-Bytes-Used"] == "4"
    assert not [k for k in head if "sysmeta" in k.lower()]


def test_a_suspended_container_writes_null_versions(swift: Swift) -> None:
    swift("PUT", "/c", headers={"X-Versions-Enabled": "true"})
    swift("PUT", "/c/o", data=b"one")
    assert swift("POST", "/c", headers={"X-Versions-Enabled": "false"}).status_code == 204
    assert swift("HEAD", "/c").headers["X-Versions-Enabled"] == "False"
    put = swift("PUT", "/c/o", data=b"two")
    assert "X-Object-Version-Id" not in put.headers
    got = swift("GET", "/c/o")
    assert (got.content, got.headers["X-Object-Version-Id"]) == (b"two", "null")
    rows = swift("GET", "/c?versions&format=json").json()
    assert [(r["version_id"] == "null", r["is_latest"]) for r in rows] == [
        (True, True), (False, False)]


def test_post_with_a_version_id_is_400(swift: Swift) -> None:
    swift("PUT", "/c", headers={"X-Versions-Enabled": "true"})
    vid = swift("PUT", "/c/o", data=b"one").headers["X-Object-Version-Id"]
    resp = swift("POST", f"/c/o?version-id={vid}")
    assert (resp.status_code, resp.text) == (400, "POST to a specific version is not allowed")


def test_a_version_id_on_an_unversioned_container_is_400(swift: Swift) -> None:
    swift("PUT", "/c")
    swift("PUT", "/c/o", data=b"one")
    resp = swift("GET", "/c/o?version-id=1.0")
    assert resp.status_code == 400


def test_put_with_a_version_id_and_no_length_is_411(swift: Swift) -> None:
    swift("PUT", "/c", headers={"X-Versions-Enabled": "true"})
    vid = swift("PUT", "/c/o", data=b"one").headers["X-Object-Version-Id"]
    prepared = requests.Request("PUT", f"{swift.url}/c/o?version-id={vid}",
                                headers={"X-Auth-Token": swift.token}).prepare()
    del prepared.headers["Content-Length"]  # requests sends `0` for an empty PUT
    resp = swift.http.send(prepared)
    assert resp.status_code == 411


def test_put_with_a_version_id_and_a_chunked_body_is_400(swift: Swift) -> None:
    swift("PUT", "/c", headers={"X-Versions-Enabled": "true"})
    vid = swift("PUT", "/c/o", data=b"one").headers["X-Object-Version-Id"]
    resp = swift("PUT", f"/c/o?version-id={vid}", data=iter([b"x"]))
    assert (resp.status_code, resp.text) == (
        400, "PUT version-id requests require a zero byte body")
    empty = swift("PUT", f"/c/o?version-id={vid}", data=iter([b""]))
    assert empty.status_code == 201


def test_put_with_a_version_id_without_the_hidden_container_is_500(
        swift: Swift, model: ObjectStorageModel) -> None:
    swift("PUT", "/c", headers={"X-Versions-Enabled": "true"})
    vid = swift("PUT", "/c/o", data=b"one").headers["X-Object-Version-Id"]
    hidden = model.find_container(swift.account, versions_container("c"))
    assert hidden is not None
    hidden.objects.clear()
    model.delete_container(swift.account, versions_container("c"))
    resp = swift("PUT", f"/c/o?version-id={vid}", data=b"")
    assert resp.status_code == 500
    assert resp.text.startswith("The versions container does not exist.")


def test_restoring_keeps_the_number_of_versions(swift: Swift,
                                                model: ObjectStorageModel) -> None:
    swift("PUT", "/c", headers={"X-Versions-Enabled": "true"})
    vid = swift("PUT", "/c/o", data=b"one").headers["X-Object-Version-Id"]
    swift("PUT", "/c/o", data=b"two")
    swift("PUT", f"/c/o?version-id={vid}", data=b"")
    hidden = model.find_container(swift.account, versions_container("c"))
    assert hidden is not None
    assert hidden.object_count == 2
