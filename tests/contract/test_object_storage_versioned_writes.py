"""Legacy versioning (Swift's `versioned_writes` middleware): `X-Versions-Location` (stack
mode: a DELETE restores the previous version) and `X-History-Location` (history mode: a
DELETE archives the object and leaves a delete marker). Archived copies are named
`<3 hex digits: length of the name><name>/<timestamp>`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from stackdouble.client import ServiceClient
from tests.contract.conftest import account, call, empty_container

NOT_FOUND = "<html><h1>Not Found</h1><p>The resource could not be found.</p></html>"


@pytest.fixture
def archive(storage: ServiceClient, container: str) -> Iterator[str]:
    """`<container>-archive`, where versions go; removed afterwards."""
    name = f"{container}-archive"
    empty_container(storage, name)
    assert call(storage, "PUT", f"{account(storage)}/{name}").status_code == 201
    yield name
    empty_container(storage, name)


def _archived(storage: ServiceClient, archive: str) -> list[tuple[str, str, int]]:
    rows = call(storage, "GET", f"{account(storage)}/{archive}?format=json").json()
    return [(row["name"].split("/")[0], row["content_type"], row["bytes"]) for row in rows]


def test_versions_location_stacks_and_restores(storage: ServiceClient, container: str,
                                                archive: str) -> None:
    url = f"{account(storage)}/{container}"
    assert call(storage, "POST", url,
                headers={"X-Versions-Location": archive}).status_code == 204
    assert call(storage, "HEAD", url).headers["X-Versions-Location"] == archive
    call(storage, "PUT", f"{url}/o", data=b"one")
    call(storage, "PUT", f"{url}/o", data=b"two")
    assert _archived(storage, archive) == [("001o", "application/octet-stream", 3)]
    assert call(storage, "GET", f"{url}/o").content == b"two"
    # A DELETE brings the previous version back, then removes the object.
    assert call(storage, "DELETE", f"{url}/o").status_code == 204
    assert call(storage, "GET", f"{url}/o").content == b"one"
    assert _archived(storage, archive) == []
    assert call(storage, "DELETE", f"{url}/o").status_code == 204
    gone = call(storage, "GET", f"{url}/o")
    assert (gone.status_code, gone.text) == (404, NOT_FOUND)


def test_history_location_keeps_every_version(storage: ServiceClient, container: str,
                                              archive: str) -> None:
    url = f"{account(storage)}/{container}"
    assert call(storage, "POST", url,
                headers={"X-History-Location": archive}).status_code == 204
    assert call(storage, "HEAD", url).headers["X-History-Location"] == archive
    call(storage, "PUT", f"{url}/h", data=b"one")
    call(storage, "PUT", f"{url}/h", data=b"two")
    assert call(storage, "DELETE", f"{url}/h").status_code == 204
    assert call(storage, "GET", f"{url}/h").status_code == 404
    assert _archived(storage, archive) == [
        ("001h", "application/octet-stream", 3),
        ("001h", "application/octet-stream", 3),
        ("001h", "application/x-deleted;swift_versions_deleted=1", 0)]


def test_only_one_versioning_mode(storage: ServiceClient, container: str,
                                  archive: str) -> None:
    url = f"{account(storage)}/{container}"
    both = call(storage, "POST", url, headers={"X-Versions-Location": archive,
                                               "X-History-Location": archive})
    assert both.status_code == 400
    assert both.text == "Only one of x-versions-location or x-history-location may be specified"
    call(storage, "POST", url, headers={"X-History-Location": archive})
    removed = call(storage, "POST", url, headers={"X-Remove-History-Location": "x"})
    assert removed.status_code == 204
    assert "X-History-Location" not in call(storage, "HEAD", url).headers
