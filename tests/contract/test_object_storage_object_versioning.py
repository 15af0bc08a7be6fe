"""Object versioning (Swift's `object_versioning` middleware): `X-Versions-Enabled` on a
container, `X-Object-Version-Id` on writes, `?versions` listings, `?version-id=` reads and
deletes, delete markers, and the 409 for a container that still holds versions."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from stackdouble.client import ServiceClient
from tests.contract.conftest import account, call

NOT_FOUND = "<html><h1>Not Found</h1><p>The resource could not be found.</p></html>"


def _remove(storage: ServiceClient, url: str) -> None:
    """Delete every version, then the container (versioning off first, as a user must)."""
    if call(storage, "HEAD", url).status_code == 404:
        return
    call(storage, "POST", url, headers={"X-Versions-Enabled": "false"})
    listed = call(storage, "GET", url + "?versions&format=json")
    for row in listed.json() if listed.status_code == 200 else []:
        call(storage, "DELETE", f"{url}/{row['name']}?version-id={row['version_id']}")
    call(storage, "DELETE", url)


@pytest.fixture
def versioned(storage: ServiceClient) -> Iterator[str]:
    """The URL of `contract-versioned`, created with versioning on; removed afterwards."""
    url = f"{account(storage)}/contract-versioned"
    _remove(storage, url)
    created = call(storage, "PUT", url, headers={"X-Versions-Enabled": "true"})
    assert created.status_code == 201
    yield url
    _remove(storage, url)


def _rows(storage: ServiceClient, url: str) -> list[tuple[str, int, str, bool]]:
    rows = call(storage, "GET", url + "?versions&format=json").json()
    return [(row["name"], row["bytes"], row["content_type"], row["is_latest"]) for row in rows]


def test_versions_enabled_keeps_each_write(storage: ServiceClient, versioned: str) -> None:
    assert call(storage, "HEAD", versioned).headers["X-Versions-Enabled"] == "True"
    first = call(storage, "PUT", f"{versioned}/o", data=b"one")
    second = call(storage, "PUT", f"{versioned}/o", data=b"two")
    assert (first.status_code, second.status_code) == (201, 201)
    v1, v2 = first.headers["X-Object-Version-Id"], second.headers["X-Object-Version-Id"]
    assert v1 != v2
    listed = call(storage, "GET", versioned + "?versions&format=json").json()
    assert [(row["version_id"], row["is_latest"]) for row in listed] == [(v2, True),
                                                                         (v1, False)]
    old = call(storage, "GET", f"{versioned}/o?version-id={v1}")
    assert (old.status_code, old.content) == (200, b"one")
    assert old.headers["X-Object-Version-Id"] == v1
    head = call(storage, "HEAD", f"{versioned}/o")
    assert head.headers["X-Object-Version-Id"] == v2
    assert head.headers["Content-Location"].endswith(f"/contract-versioned/o?version-id={v2}")
    # The plain listing shows only the latest.
    plain = call(storage, "GET", versioned + "?format=json").json()
    assert [(row["name"], row["bytes"]) for row in plain] == [("o", 3)]


def test_delete_leaves_a_marker(storage: ServiceClient, versioned: str) -> None:
    call(storage, "PUT", f"{versioned}/o", data=b"one")
    deleted = call(storage, "DELETE", f"{versioned}/o")
    assert deleted.status_code == 204
    marker = deleted.headers["X-Object-Version-Id"]
    gone = call(storage, "GET", f"{versioned}/o")
    assert (gone.status_code, gone.text) == (404, NOT_FOUND)
    assert gone.headers["X-Object-Version-Id"] == "null"
    assert call(storage, "GET", versioned + "?format=json").json() == []
    assert _rows(storage, versioned) == [
        ("o", 0, "application/x-deleted;swift_versions_deleted=1", True),
        ("o", 3, "application/octet-stream", False)]
    # Deleting the marker by its id removes only the marker: no version becomes current.
    undone = call(storage, "DELETE", f"{versioned}/o?version-id={marker}")
    assert undone.status_code == 204
    assert undone.headers["X-Object-Version-Id"] == marker
    assert undone.headers["X-Object-Current-Version-Id"] == "null"
    assert call(storage, "GET", f"{versioned}/o").status_code == 404
    assert _rows(storage, versioned) == [("o", 3, "application/octet-stream", False)]


def test_container_with_versions_is_409(storage: ServiceClient, versioned: str) -> None:
    call(storage, "PUT", f"{versioned}/o", data=b"one")
    call(storage, "DELETE", f"{versioned}/o")
    refused = call(storage, "DELETE", versioned)
    assert refused.status_code == 409
    assert refused.text == "Delete all versions before deleting container."


def test_bad_version_id_is_400(storage: ServiceClient, versioned: str) -> None:
    call(storage, "PUT", f"{versioned}/o", data=b"one")
    resp = call(storage, "GET", f"{versioned}/o?version-id=nope")
    assert resp.status_code == 400
    assert resp.text == "Invalid version parameter"


def _put(storage: ServiceClient, url: str, data: bytes) -> str:
    """PUT `data`; the new version's id."""
    resp = call(storage, "PUT", url, data=data)
    assert resp.status_code == 201, (resp.status_code, resp.text)
    return resp.headers["X-Object-Version-Id"]


def _ids(storage: ServiceClient, url: str, query: str = "") -> list[tuple[str, str, bool]]:
    resp = call(storage, "GET", f"{url}?versions&format=json{query}")
    assert resp.status_code == 200, (resp.status_code, resp.text)
    return [(row["name"], row["version_id"], row["is_latest"]) for row in resp.json()]


def test_put_with_a_version_id_makes_that_version_current(storage: ServiceClient,
                                                          versioned: str) -> None:
    v1 = _put(storage, f"{versioned}/o", b"one")
    v2 = _put(storage, f"{versioned}/o", b"two")
    restored = call(storage, "PUT", f"{versioned}/o?version-id={v1}", data=b"",
                    headers={"X-Object-Meta-Ignored": "yes"})
    assert restored.status_code == 201
    # The same version becomes current again: no new version is written.
    assert restored.headers["X-Object-Version-Id"] == v1
    assert restored.headers["Etag"] == "f97c5d29941bfb1b2fdab0874906ab82"  # md5 of b"one"
    got = call(storage, "GET", f"{versioned}/o")
    assert (got.status_code, got.content) == (200, b"one")
    assert got.headers["X-Object-Version-Id"] == v1
    assert "X-Object-Meta-Ignored" not in got.headers  # the version's metadata is read
    assert _ids(storage, versioned) == [("o", v2, False), ("o", v1, True)]


def test_put_with_a_version_id_works_while_versioning_is_suspended(
        storage: ServiceClient, versioned: str) -> None:
    v1 = _put(storage, f"{versioned}/o", b"one")
    _put(storage, f"{versioned}/o", b"two")
    call(storage, "POST", versioned, headers={"X-Versions-Enabled": "false"})
    restored = call(storage, "PUT", f"{versioned}/o?version-id={v1}", data=b"")
    assert (restored.status_code, restored.headers["X-Object-Version-Id"]) == (201, v1)
    assert call(storage, "GET", f"{versioned}/o").content == b"one"


def test_put_with_a_version_id_and_a_body_is_400(storage: ServiceClient,
                                                 versioned: str) -> None:
    v1 = _put(storage, f"{versioned}/o", b"one")
    refused = call(storage, "PUT", f"{versioned}/o?version-id={v1}", data=b"x")
    assert refused.status_code == 400
    assert refused.text == "PUT version-id requests require a zero byte body"
    assert refused.headers["Content-Type"] == "text/plain"


def test_put_with_the_null_version_id_is_400(storage: ServiceClient, versioned: str) -> None:
    _put(storage, f"{versioned}/o", b"one")
    refused = call(storage, "PUT", f"{versioned}/o?version-id=null", data=b"")
    assert (refused.status_code, refused.text) == (400, "Invalid version parameter")


def test_put_with_a_version_id_that_does_not_exist_is_404(storage: ServiceClient,
                                                          versioned: str) -> None:
    v1 = _put(storage, f"{versioned}/o", b"one")
    for url in (f"{versioned}/o?version-id=1.0", f"{versioned}/other?version-id={v1}"):
        missing = call(storage, "PUT", url, data=b"")
        assert missing.status_code == 404
        assert missing.text == "The specified version does not exist"
        assert missing.headers["Content-Type"] == "text/plain"
    assert call(storage, "GET", f"{versioned}/o").content == b"one"


def test_put_with_a_delete_marker_version_id_is_400(storage: ServiceClient,
                                                    versioned: str) -> None:
    _put(storage, f"{versioned}/o", b"one")
    marker = call(storage, "DELETE", f"{versioned}/o").headers["X-Object-Version-Id"]
    refused = call(storage, "PUT", f"{versioned}/o?version-id={marker}", data=b"")
    # The link would take the marker's content type, whose `swift_versions_deleted`
    # parameter the proxy refuses.
    assert refused.status_code == 400
    assert refused.text == "Invalid Content-Type, swift_* is not a valid parameter name."
    assert refused.headers["X-Object-Version-Id"] == marker
    assert call(storage, "GET", f"{versioned}/o").status_code == 404


def test_deleting_the_current_version_leaves_no_current_one(storage: ServiceClient,
                                                            versioned: str) -> None:
    v1 = _put(storage, f"{versioned}/o", b"one")
    v2 = _put(storage, f"{versioned}/o", b"two")
    deleted = call(storage, "DELETE", f"{versioned}/o?version-id={v2}")
    assert deleted.status_code == 204
    assert deleted.headers["X-Object-Version-Id"] == v2
    assert deleted.headers["X-Object-Current-Version-Id"] == "null"
    assert call(storage, "GET", f"{versioned}/o").status_code == 404
    assert _ids(storage, versioned) == [("o", v1, False)]
    # Restoring the older one by its id brings the object back.
    assert call(storage, "PUT", f"{versioned}/o?version-id={v1}", data=b"").status_code == 201
    assert call(storage, "GET", f"{versioned}/o").content == b"one"


def test_deleting_an_older_version_keeps_the_current_one(storage: ServiceClient,
                                                         versioned: str) -> None:
    v1 = _put(storage, f"{versioned}/o", b"one")
    v2 = _put(storage, f"{versioned}/o", b"two")
    deleted = call(storage, "DELETE", f"{versioned}/o?version-id={v1}")
    assert deleted.status_code == 204
    assert deleted.headers["X-Object-Current-Version-Id"] == v2
    assert call(storage, "GET", f"{versioned}/o").content == b"two"


def test_a_versioned_container_holding_only_null_objects_is_a_plain_409(
        storage: ServiceClient, versioned: str) -> None:
    call(storage, "POST", versioned, headers={"X-Versions-Enabled": "false"})
    assert call(storage, "PUT", f"{versioned}/plain", data=b"p").status_code == 201
    refused = call(storage, "DELETE", versioned)
    assert refused.status_code == 409
    assert refused.text == ("<html><h1>Conflict</h1><p>There was a conflict when trying to "
                            "complete your request.</p></html>")
    assert call(storage, "HEAD", versioned).headers["X-Versions-Enabled"] == "False"


def test_deleting_an_empty_versioned_container_ends_its_versioning(
        storage: ServiceClient, versioned: str) -> None:
    assert call(storage, "DELETE", versioned).status_code == 204
    assert call(storage, "PUT", versioned).status_code == 201
    head = call(storage, "HEAD", versioned)
    assert "X-Versions-Enabled" not in head.headers
    assert _put_plain(storage, f"{versioned}/o") == "absent"


def _put_plain(storage: ServiceClient, url: str) -> str:
    resp = call(storage, "PUT", url, data=b"x")
    assert resp.status_code == 201
    return resp.headers.get("X-Object-Version-Id", "absent")


def test_versions_listing_pages_with_marker_and_version_marker(storage: ServiceClient,
                                                               versioned: str) -> None:
    a1 = _put(storage, f"{versioned}/a", b"1")
    a2 = _put(storage, f"{versioned}/a", b"2")
    b1 = _put(storage, f"{versioned}/b", b"1")
    assert _ids(storage, versioned, "&limit=2") == [("a", a2, True), ("a", a1, False)]
    assert _ids(storage, versioned, f"&limit=2&marker=a&version_marker={a2}") == [
        ("a", a1, False), ("b", b1, True)]
    # `marker` alone is past every version of that name.
    assert _ids(storage, versioned, "&marker=a") == [("b", b1, True)]
    assert _ids(storage, versioned, "&prefix=b") == [("b", b1, True)]
    assert _ids(storage, versioned, "&reverse=true") == [
        ("b", b1, True), ("a", a1, False), ("a", a2, True)]


def test_versions_listing_refusals(storage: ServiceClient, versioned: str) -> None:
    _put(storage, f"{versioned}/a", b"1")
    alone = call(storage, "GET", f"{versioned}?versions&version_marker=1.0")
    assert (alone.status_code, alone.text) == (400, "version_marker param requires marker")
    assert call(storage, "GET", f"{versioned}?versions&format=xml").status_code == 406
    digit = call(storage, "GET", f"{versioned}?versions&delimiter=1")
    assert (digit.status_code, digit.text) == (400, "invalid delimiter param")
