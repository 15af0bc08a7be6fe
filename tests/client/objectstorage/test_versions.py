"""Object versioning: list versions (`ListOpts(versions=True)`, every page walked with
`marker` and `version_marker`), read, describe and delete one by `version_id`. Against the
fake's object_versioning middleware."""

from __future__ import annotations

import pytest

from stackdouble.client import BadRequest, InvalidInput, NotFound, ServiceClient
from stackdouble.client.openstack.objectstorage.v1 import containers, objects
from stackdouble.fakes import FakeCloud
from tests.client.objectstorage.conftest import sent

VERSIONS = objects.ListOpts(versions=True)


@pytest.fixture
def docs(storage: ServiceClient) -> list[str]:
    """`docs`, versioned, holding `a` written twice (`one`, `two`); its version ids."""
    containers.create(storage, "docs", containers.CreateOpts(versions_enabled=True)).extract()
    return [str(objects.create(storage, "docs", "a", data).extract().version_id)
            for data in (b"one", b"two")]


def first_page(storage: ServiceClient) -> list[objects.Object]:
    return list(next(objects.list(storage, "docs", VERSIONS).pages()).items())


def test_versions_are_listed_newest_first_with_ids(
    storage: ServiceClient, cloud: FakeCloud, docs: list[str]
) -> None:
    rows = first_page(storage)
    assert sent(cloud).query == "format=json&versions=true"
    assert [(o.name, o.version_id, o.is_latest) for o in rows] == [
        ("a", docs[1], True), ("a", docs[0], False)]


def test_the_next_page_follows_the_last_name_and_version(
    storage: ServiceClient, docs: list[str]
) -> None:
    page = next(objects.list(storage, "docs", VERSIONS).pages())
    url = page.next_page_url()
    assert url is not None
    assert url.endswith(f"versions=true&marker=a&version_marker={docs[0]}")


def test_a_version_is_read_and_described_by_its_id(
    storage: ServiceClient, docs: list[str]
) -> None:
    opts = objects.DownloadOpts(version_id=docs[0])
    assert objects.download(storage, "docs", "a", opts).extract_content() == b"one"
    head = objects.get(storage, "docs", "a", objects.GetOpts(version_id=docs[0])).extract()
    assert (head.version_id, head.content_length) == (docs[0], 3)
    assert objects.download(storage, "docs", "a").extract_content() == b"two"


def test_deleting_a_version_removes_only_it(storage: ServiceClient, docs: list[str]) -> None:
    objects.delete(storage, "docs", "a", objects.DeleteOpts(version_id=docs[0])).extract()
    assert [o.version_id for o in first_page(storage)] == [docs[1]]
    with pytest.raises(NotFound):
        objects.get(storage, "docs", "a", objects.GetOpts(version_id=docs[0])).extract()


def test_a_plain_delete_leaves_a_delete_marker_and_the_versions(
    storage: ServiceClient, docs: list[str]
) -> None:
    objects.delete(storage, "docs", "a").extract()
    rows = first_page(storage)
    assert rows[0].is_latest
    assert str(rows[0].content_type).startswith("application/x-deleted")
    assert [o.version_id for o in rows[1:]] == [docs[1], docs[0]]
    with pytest.raises(NotFound):
        objects.get(storage, "docs", "a").extract()


def test_a_version_id_that_is_no_timestamp_is_a_bad_request(
    storage: ServiceClient, docs: list[str]
) -> None:
    with pytest.raises(BadRequest):
        objects.get(storage, "docs", "a", objects.GetOpts(version_id="nope")).extract()


def test_a_version_marker_without_a_marker_is_refused(storage: ServiceClient) -> None:
    pager = objects.list(storage, "docs", objects.ListOpts(versions=True, version_marker="1"))
    with pytest.raises(InvalidInput):
        list(pager.pages())


def test_the_pager_walks_every_version_page_by_page(
    storage: ServiceClient, cloud: FakeCloud
) -> None:
    containers.create(storage, "docs", containers.CreateOpts(versions_enabled=True)).extract()
    ids: dict[str, list[str]] = {}
    for name in ("b", "a", "b", "c", "a", "b"):
        created = objects.create(storage, "docs", name, name.encode()).extract()
        ids.setdefault(name, []).append(str(created.version_id))
    containers.update(storage, "docs", containers.UpdateOpts(versions_enabled=False)).extract()
    objects.create(storage, "docs", "a", b"null").extract()
    expected = [("a", "null"), *(("a", v) for v in reversed(ids["a"])),
                *(("b", v) for v in reversed(ids["b"])), ("c", ids["c"][0])]
    before = len(cloud.requests)
    rows = list(objects.list(storage, "docs", objects.ListOpts(versions=True, limit=2)).items())
    assert [(o.name, o.version_id) for o in rows] == expected
    assert len(cloud.requests) - before == 5  # 7 rows in pages of 2, then an empty page
    assert sent(cloud).query.endswith(f"marker=c&version_marker={ids['c'][0]}")
    assert [o.is_latest for o in rows] == [True, False, False, True, False, False, True]


def test_restoring_a_version_makes_it_current_without_a_new_one(
    storage: ServiceClient, cloud: FakeCloud, docs: list[str]
) -> None:
    restored = objects.restore_version(storage, "docs", "a", docs[0]).extract()
    request = sent(cloud)
    assert (request.method, request.query) == ("PUT", f"version-id={docs[0]}")
    assert request.headers["Content-Length"] == "0"
    assert (restored.version_id, restored.etag) == (docs[0], "f97c5d29941bfb1b2fdab0874906ab82")
    assert objects.download(storage, "docs", "a").extract_content() == b"one"
    assert [(o.version_id, o.is_latest) for o in first_page(storage)] == [
        (docs[1], False), (docs[0], True)]


def test_restoring_a_version_that_does_not_exist_is_not_found(
    storage: ServiceClient, docs: list[str]
) -> None:
    with pytest.raises(NotFound):
        objects.restore_version(storage, "docs", "a", "1.0").extract()


def test_restoring_the_null_version_is_a_bad_request(
    storage: ServiceClient, docs: list[str]
) -> None:
    with pytest.raises(BadRequest):
        objects.restore_version(storage, "docs", "a", "null").extract()
