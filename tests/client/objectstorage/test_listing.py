"""Marker pagination over text and JSON listings, paged to the end against the fake Swift;
page parsing on canned bodies."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import requests
import responses
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackdouble.client import ServiceClient, UnexpectedBody
from stackdouble.client._results import decode_body
from stackdouble.client.openstack import (
    auth_options_from_env,
    authenticated_client,
    new_object_storage_v1,
)
from stackdouble.client.openstack.objectstorage.v1 import containers, objects
from stackdouble.fakes import FakeCloud
from tests.client.objectstorage.conftest import reply
from tests.client.objectstorage.samples import ACCOUNT, TEXT_PAGE_2
from tests.fakes.objectstorage.swift_rules import expected_listing

SAMPLES = ACCOUNT + "/samples"

#: Names Swift accepts: any UTF-8 but NUL (`constraints.check_utf8`), `/` included.
names = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="\x00"),
    min_size=1, max_size=12,
)


def test_a_text_listing_pages_to_the_end_and_stops_on_the_204(
    cloud: FakeCloud, storage: ServiceClient, samples: str
) -> None:
    pager = objects.list(storage, samples, objects.ListOpts(limit=2))
    pages = [objects.extract_names(page) for page in pager.pages()]
    assert pages == [["apple", "banana"], ["cherry"]]
    listed = cloud.requests.filter(method="GET", service="object-store")
    assert [(r.query, r.status) for r in listed] == [
        ("limit=2", 200), ("limit=2&marker=banana", 200), ("limit=2&marker=cherry", 204)]
    assert [r.headers["Accept"] for r in listed] == ["text/plain"] * 3


def test_a_json_listing_pages_to_the_end_and_stops_on_the_empty_list(
    cloud: FakeCloud, storage: ServiceClient, samples: str
) -> None:
    every = objects.extract_info(
        objects.list(storage, samples, objects.ListOpts(full=True, limit=2)).all_pages())
    assert [o.name for o in every] == ["apple", "banana", "cherry"]
    assert [o.bytes for o in every] == [10, 11, 11]
    listed = cloud.requests.filter(method="GET", service="object-store")
    assert [r.query for r in listed] == [
        "format=json&limit=2", "format=json&limit=2&marker=banana",
        "format=json&limit=2&marker=cherry"]
    assert listed[-1].status == 200


def test_all_pages_of_a_text_listing_join_into_one_page(
    storage: ServiceClient, samples: str
) -> None:
    page = objects.list(storage, samples, objects.ListOpts(limit=2)).all_pages()
    assert objects.extract_names(page) == ["apple", "banana", "cherry"]


def test_a_big_container_pages_by_10000_names(cloud: FakeCloud, storage: ServiceClient) -> None:
    cloud.object_storage.fill("demo", "big", (f"{i:05d}" for i in range(10_001)))
    pages = [len(objects.extract_names(p)) for p in objects.list(storage, "big").pages()]
    assert pages == [10_000, 1]


def test_each_page_stops_when_the_handler_returns_false(
    cloud: FakeCloud, storage: ServiceClient, samples: str
) -> None:
    seen: list[str] = []

    def handle(page: objects.ObjectPage) -> bool:
        seen.extend(objects.extract_names(page))
        return False

    objects.list(storage, samples, objects.ListOpts(limit=2)).each_page(handle)
    assert seen == ["apple", "banana"]
    assert len(cloud.requests.filter(method="GET", service="object-store")) == 1


@pytest.mark.parametrize(
    ("opts", "expected"),
    [
        (objects.ListOpts(prefix="photos/"), ["photos/2025/a.jpg", "photos/2026/b.jpg",
                                              "photos/c.jpg"]),
        (objects.ListOpts(prefix="photos/", delimiter="/"), ["photos/2025/", "photos/2026/",
                                                             "photos/c.jpg"]),
        (objects.ListOpts(delimiter="/"), ["docs/", "photos/", "readme"]),
        (objects.ListOpts(delimiter="/", limit=1), ["docs/", "photos/", "readme"]),
        (objects.ListOpts(path="photos"), ["photos/c.jpg"]),
        (objects.ListOpts(marker="photos/2025/a.jpg", end_marker="readme"),
         ["photos/2026/b.jpg", "photos/c.jpg"]),
        (objects.ListOpts(reverse=True, limit=2), ["readme", "photos/c.jpg",
                                                   "photos/2026/b.jpg", "photos/2025/a.jpg",
                                                   "docs/a.txt"]),
        (objects.ListOpts(reverse=True, delimiter="/"), ["readme", "photos/", "docs/"]),
        (objects.ListOpts(reverse=True, prefix="photos/", end_marker="photos/2026/"),
         ["photos/c.jpg", "photos/2026/b.jpg"]),
    ],
)
def test_every_listing_option_real_code_uses(
    cloud: FakeCloud, storage: ServiceClient, opts: objects.ListOpts, expected: list[str]
) -> None:
    cloud.object_storage.fill("demo", "c", ["docs/a.txt", "photos/2025/a.jpg",
                                            "photos/2026/b.jpg", "photos/c.jpg", "readme"])
    assert list(objects.list(storage, "c", opts).items()) == expected
    full = objects.ListOpts(**{**_fields(opts), "full": True})
    assert [o.name for o in objects.list(storage, "c", full).items()] == expected


def _fields(opts: objects.ListOpts) -> dict[str, Any]:
    return {name: getattr(opts, name) for name in opts.__dataclass_fields__}


def test_unicode_and_slash_names_list_in_swifts_order(
    cloud: FakeCloud, storage: ServiceClient
) -> None:
    stored = ["z", "Z", "été/1", "été", "a/b/c", "\U0001f600", "\uffff", "a b", "a%2Fb"]
    cloud.object_storage.fill("demo", "c", stored)
    want = sorted(stored, key=lambda n: n.encode())
    assert list(objects.list(storage, "c", objects.ListOpts(limit=3)).items()) == want
    assert [o.name for o in objects.list(storage, "c", objects.ListOpts(
        full=True, limit=4)).items()] == want


# -- a hypothesis walk against the fake -----------------------------------------------------

# One cloud for every example: starting the in-process transport costs tens of ms.
_CLOUD = FakeCloud(seed=11, base_url="http://swift-client.stackdouble.test")


@pytest.fixture(scope="module")
def shared_storage() -> Iterator[ServiceClient]:
    with _CLOUD:
        opts = auth_options_from_env(_CLOUD.os_environ())
        yield new_object_storage_v1(authenticated_client(opts))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    stored=st.sets(st.text(st.sampled_from("ab/-é"), min_size=1, max_size=4), max_size=12),
    limit=st.integers(min_value=1, max_value=4), full=st.booleans(),
    prefix=st.none() | st.sampled_from(["a", "b/", "é"]),
    delimiter=st.none() | st.sampled_from(["/", "-"]),
    marker=st.none() | st.sampled_from(["a", "b/", "é"]),
    end_marker=st.none() | st.sampled_from(["b", "é/", "z"]),
    reverse=st.booleans(),
)
def test_a_walk_of_every_page_lists_what_swift_would(
    shared_storage: ServiceClient, stored: set[str], limit: int, full: bool, prefix: str | None,
    delimiter: str | None, marker: str | None, end_marker: str | None, reverse: bool,
) -> None:
    swift = _CLOUD.object_storage
    swift.accounts.clear()
    swift.fill("demo", "c", stored)
    before = len(_CLOUD.requests)
    opts = objects.ListOpts(full=full, limit=limit, prefix=prefix, delimiter=delimiter,
                            marker=marker, end_marker=end_marker, reverse=reverse or None)
    listed = [item.name if full else item for item in objects.list(shared_storage, "c", opts)]
    want = [name for name, _ in expected_listing(
        stored, limit=None, marker=marker, end_marker=end_marker, prefix=prefix,
        delimiter=delimiter, path=None, reverse=reverse)]
    assert listed == want
    # Every page, then the empty one that ends a marker walk.
    assert len(_CLOUD.requests) - before == -(-len(want) // limit) + 1


# -- parsing canned pages ------------------------------------------------------------------


def test_a_204_without_content_type_still_ends_the_listing(
    mock: responses.RequestsMock, canned: ServiceClient
) -> None:
    reply(mock, "GET", SAMPLES, 200, *TEXT_PAGE_2)
    reply(mock, "GET", SAMPLES + "?marker=cherry", 204)
    assert list(objects.list(canned, "samples").items()) == ["cherry"]


def test_an_unexpected_content_type_stops_the_walk_with_an_error(
    mock: responses.RequestsMock, canned: ServiceClient
) -> None:
    reply(mock, "GET", ACCOUNT, 200, {"Content-Type": "text/html; charset=UTF-8"},
          b"<html>a staticweb page</html>")
    with pytest.raises(UnexpectedBody, match="text/html"):
        list(containers.list(canned).items())


def _page(cls: Any, content_type: str, body: bytes, status: int = 200) -> Any:
    response = requests.Response()
    response.status_code = status
    response.headers["Content-Type"] = content_type
    response._content = body
    response.encoding = requests.utils.get_encoding_from_headers(response.headers)
    return cls(decode_body(response), response.headers, status, url=SAMPLES)


@given(st.lists(names.filter(lambda n: "\n" not in n), max_size=8))
def test_a_text_page_parses_back_to_its_names(listed: list[str]) -> None:
    body = "".join(name + "\n" for name in listed).encode()
    page = _page(objects.ObjectPage, "text/plain; charset=utf-8", body)
    assert objects.extract_names(page) == listed


@given(st.lists(names, max_size=8), st.booleans())
def test_a_json_page_parses_back_to_its_names_and_subdirs(
    listed: list[str], as_subdirs: bool
) -> None:
    rows = [{"subdir": n} if as_subdirs else {"name": n, "hash": "", "bytes": 0,
            "content_type": "a/b", "last_modified": "2026-11-27T08:56:17.127580"}
            for n in listed]
    # Swift's listing_formats writes ASCII JSON (json.dumps(...).encode('ascii')).
    page = _page(objects.ObjectPage, "application/json; charset=utf-8",
                 json.dumps(rows).encode("ascii"))
    assert objects.extract_names(page) == listed
    assert [o.name for o in objects.extract_info(page)] == listed
    assert all((o.subdir is not None) == as_subdirs for o in objects.extract_info(page))

