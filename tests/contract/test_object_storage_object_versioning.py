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
