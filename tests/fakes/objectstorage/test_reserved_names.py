"""Containers in Swift's reserved namespace (names starting with NUL, such as
object_versioning's `\\x00versions\\x00<container>`): left out of account listings, as the
account broker's `list_containers_iter` leaves them out (`name >= '\\x01'`), yet still
counted in the account's headers (its `policy_stat` triggers count every container)."""

from __future__ import annotations

import pytest
from sortedcontainers import SortedDict  # type: ignore[import-untyped,unused-ignore]

from stackdouble.fakes.objectstorage import ObjectStorageModel
from stackdouble.fakes.objectstorage.models import list_entries
from tests.fakes.objectstorage.conftest import Swift


@pytest.fixture
def versioned(swift: Swift) -> None:
    """`c`, versioned (so `\\x00versions\\x00c` exists), with two versions of `c/o`."""
    assert swift("PUT", "/c", headers={"X-Versions-Enabled": "true"}).status_code == 201
    for data in (b"12345", b"123"):
        assert swift("PUT", "/c/o", data=data).status_code == 201


def test_the_versions_container_is_not_listed(swift: Swift, model: ObjectStorageModel,
                                              versioned: None) -> None:
    assert model.find_container(swift.account, "\x00versions\x00c") is not None
    plain = swift("GET", "")
    assert (plain.status_code, plain.text) == (200, "c\n")
    assert [row["name"] for row in swift("GET", "?format=json").json()] == ["c"]


def test_the_account_still_counts_the_versions_container(swift: Swift,
                                                         versioned: None) -> None:
    head = swift("HEAD", "").headers
    assert head["X-Account-Container-Count"] == "2"
    assert (head["X-Account-Object-Count"], head["X-Account-Bytes-Used"]) == ("3", "8")


@pytest.mark.parametrize(("query", "names"), [
    ("", ["a", "b/1", "c"]),
    ("?reverse=on", ["c", "b/1", "a"]),
    ("?delimiter=/", ["a", "b/", "c"]),
    ("?delimiter=/&reverse=on", ["c", "b/", "a"]),
    ("?marker=%00", ["a", "b/1", "c"]),
    ("?marker=%00x", ["a", "b/1", "c"]),
    ("?end_marker=b&reverse=on", ["c", "b/1"]),
    ("?limit=1", ["a"]),
    ("?limit=1&reverse=on", ["c"]),
])
def test_no_query_reaches_a_reserved_name(swift: Swift, model: ObjectStorageModel,
                                          query: str, names: list[str]) -> None:
    for name in ("\x00", "\x00versions\x00c", "\x00x", "a", "b/1", "c"):
        model.create_container("demo", name)
    sep = "&" if query else "?"
    got = swift("GET", f"{query}{sep}format=json").json()
    assert [row.get("name", row.get("subdir")) for row in got] == names


def test_a_reserved_prefix_lists_nothing(swift: Swift, model: ObjectStorageModel) -> None:
    for name in ("\x00versions\x00c", "c"):
        model.create_container("demo", name)
    got = swift("GET", "?prefix=%00versions")
    assert (got.status_code, got.text) == (204, "")


def test_an_internal_listing_may_ask_for_reserved_names() -> None:
    index = SortedDict.fromkeys(["\x00versions\x00c", "c"])
    assert list_entries(index, limit=10) == [("c", False)]
    assert list_entries(index, limit=10, allow_reserved=True) == [
        ("\x00versions\x00c", False), ("c", False)]
