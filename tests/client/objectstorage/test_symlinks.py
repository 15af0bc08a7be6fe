"""Symlinks: `objects.CreateOpts(symlink_target=...)` makes a link that GET and HEAD follow;
`symlink_get` reads the link itself; a static link (`symlink_target_etag`) is checked."""

from __future__ import annotations

import pytest

from stackdouble.client import BadRequest, Conflict, InvalidInput, NotFound, ServiceClient
from stackdouble.client.openstack.objectstorage.v1 import objects
from stackdouble.fakes import FakeCloud
from tests.client.objectstorage.conftest import sent

LINK_GET = objects.GetOpts(symlink_get=True)


@pytest.fixture
def target(storage: ServiceClient, cloud: FakeCloud) -> str:
    """`docs/été 1.txt` holding `hello`; returns its ETag."""
    cloud.object_storage.create_container("demo", "docs")
    return str(objects.create(storage, "docs", "été 1.txt", b"hello").extract().etag)


def link(storage: ServiceClient, name: str = "link", symlink_target_etag: str | None = None,
         symlink_target_account: str | None = None) -> None:
    opts = objects.CreateOpts(symlink_target="docs/été 1.txt",
                              symlink_target_etag=symlink_target_etag,
                              symlink_target_account=symlink_target_account)
    objects.create(storage, "docs", name, b"", opts).extract()


def test_a_link_is_followed_on_get_and_head(
    storage: ServiceClient, cloud: FakeCloud, target: str
) -> None:
    link(storage)
    assert sent(cloud).headers["X-Symlink-Target"] == "docs/%C3%A9t%C3%A9%201.txt"
    assert objects.download(storage, "docs", "link").extract_content() == b"hello"
    head = objects.get(storage, "docs", "link").extract()
    assert (head.etag, head.content_length) == (target, 5)
    assert head.content_location is not None
    assert head.content_location.endswith("/docs/été 1.txt")


def test_symlink_get_reads_the_link_and_its_target(
    storage: ServiceClient, cloud: FakeCloud, target: str
) -> None:
    link(storage)
    head = objects.get(storage, "docs", "link", LINK_GET).extract()
    assert sent(cloud).query == "symlink=get"
    assert (head.symlink_target, head.content_length, head.symlink_target_etag) == (
        "docs/été 1.txt", 0, None)
    got = objects.download(storage, "docs", "link", objects.DownloadOpts(symlink_get=True))
    assert got.extract_content() == b""


def test_a_static_link_names_its_targets_etag(
    storage: ServiceClient, target: str
) -> None:
    link(storage, "static", symlink_target_etag=target)
    head = objects.get(storage, "docs", "static", LINK_GET).extract()
    assert head.symlink_target_etag == target
    assert objects.download(storage, "docs", "static").extract_content() == b"hello"


def test_a_static_link_to_other_content_is_a_conflict(
    storage: ServiceClient, target: str
) -> None:
    with pytest.raises(Conflict):
        link(storage, "bad", symlink_target_etag="0" * 32)
    assert objects.get(storage, "docs", "bad").err is not None


def test_a_link_in_another_account_names_it(
    storage: ServiceClient, cloud: FakeCloud, target: str
) -> None:
    account = storage.resource_base_url().rstrip("/").rsplit("/", 1)[1]
    link(storage, "far", symlink_target_account=account)
    head = objects.get(storage, "docs", "far", LINK_GET).extract()
    assert head.symlink_target_account == account
    assert objects.download(storage, "docs", "far").extract_content() == b"hello"


def test_a_dangling_link_is_not_found_but_exists_as_a_link(
    storage: ServiceClient, target: str
) -> None:
    objects.create(storage, "docs", "dangling", b"",
                   objects.CreateOpts(symlink_target="docs/gone")).extract()
    with pytest.raises(NotFound):
        objects.get(storage, "docs", "dangling").extract()
    assert objects.get(storage, "docs", "dangling", LINK_GET).extract().symlink_target == (
        "docs/gone")


def test_a_link_with_content_is_refused(storage: ServiceClient, target: str) -> None:
    opts = objects.CreateOpts(symlink_target="docs/été 1.txt")
    with pytest.raises(BadRequest):
        objects.create(storage, "docs", "full", b"data", opts).extract()


def test_a_full_listing_shows_the_links_path(storage: ServiceClient, target: str) -> None:
    link(storage)
    rows = {o.name: o for o in objects.list(storage, "docs", objects.ListOpts(full=True)).items()}
    assert rows["link"].symlink_path is not None
    assert rows["link"].symlink_path.endswith("/docs/%C3%A9t%C3%A9%201.txt")
    assert rows["été 1.txt"].symlink_path is None


def test_an_etag_or_account_without_a_target_is_refused_before_sending(
    storage: ServiceClient, cloud: FakeCloud
) -> None:
    before = len(cloud.requests)
    result = objects.create(storage, "docs", "x", b"",
                            objects.CreateOpts(symlink_target_etag="0" * 32))
    with pytest.raises(InvalidInput) as caught:
        result.extract()
    assert caught.value.field == "symlink_target"
    assert len(cloud.requests) == before
