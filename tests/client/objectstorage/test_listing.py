"""Marker pagination over text and JSON listings, paged to the end as Swift pages them."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import responses
from hypothesis import given, settings
from hypothesis import strategies as st

from stackdouble.client import ProviderClient, ServiceClient, UnexpectedBody
from stackdouble.client._results import decode_body
from stackdouble.client.openstack.objectstorage.v1 import containers, objects
from tests.client.objectstorage.conftest import reply, sent
from tests.client.objectstorage.samples import (
    ACCOUNT,
    JSON_HEADERS,
    JSON_ROWS,
    TEXT_EMPTY,
    TEXT_PAGE_1,
    TEXT_PAGE_2,
)

SAMPLES = ACCOUNT + "/samples"

#: Names Swift accepts: any UTF-8 but NUL (`constraints.check_utf8`), `/` included.
names = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="\x00"),
    min_size=1, max_size=12,
)


def test_a_text_listing_pages_to_the_end_and_stops_on_the_204(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "GET", SAMPLES + "?limit=2", 200, *TEXT_PAGE_1)
    reply(mock, "GET", SAMPLES + "?limit=2&marker=banana", 200, *TEXT_PAGE_2)
    reply(mock, "GET", SAMPLES + "?limit=2&marker=cherry", 204, *TEXT_EMPTY)
    pager = objects.list(storage, "samples", objects.ListOpts(limit=2))
    pages = [objects.extract_names(page) for page in pager.pages()]
    assert pages == [["apple", "banana"], ["cherry"]]
    assert [call.request.headers["Accept"] for call in mock.calls] == ["text/plain"] * 3


def test_a_json_listing_pages_to_the_end_and_stops_on_the_empty_list(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "GET", SAMPLES + "?format=json&limit=2", 200, JSON_HEADERS,
          json.dumps(JSON_ROWS[:2]).encode())
    reply(mock, "GET", SAMPLES + "?format=json&limit=2&marker=banana", 200, JSON_HEADERS,
          json.dumps(JSON_ROWS[2:]).encode())
    reply(mock, "GET", SAMPLES + "?format=json&limit=2&marker=cherry", 200, JSON_HEADERS, b"[]")
    every = objects.extract_info(
        objects.list(storage, "samples", objects.ListOpts(full=True, limit=2)).all_pages())
    assert [o.name for o in every] == ["apple", "banana", "cherry"]
    assert len(mock.calls) == 3


def test_all_pages_of_a_text_listing_join_into_one_page(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "GET", SAMPLES + "?limit=2", 200, *TEXT_PAGE_1)
    reply(mock, "GET", SAMPLES + "?limit=2&marker=banana", 200, *TEXT_PAGE_2)
    reply(mock, "GET", SAMPLES + "?limit=2&marker=cherry", 204, *TEXT_EMPTY)
    page = objects.list(storage, "samples", objects.ListOpts(limit=2)).all_pages()
    assert objects.extract_names(page) == ["apple", "banana", "cherry"]


def test_a_204_without_content_type_still_ends_the_listing(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "GET", SAMPLES, 200, *TEXT_PAGE_2)
    reply(mock, "GET", SAMPLES + "?marker=cherry", 204)
    assert list(objects.list(storage, "samples").items()) == ["cherry"]


def test_each_page_stops_when_the_handler_returns_false(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "GET", SAMPLES + "?limit=2", 200, *TEXT_PAGE_1)
    seen: list[str] = []

    def handle(page: objects.ObjectPage) -> bool:
        seen.extend(objects.extract_names(page))
        return False

    objects.list(storage, "samples", objects.ListOpts(limit=2)).each_page(handle)
    assert seen == ["apple", "banana"]
    assert len(mock.calls) == 1


def test_an_unexpected_content_type_stops_the_walk_with_an_error(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "GET", ACCOUNT, 200, {"Content-Type": "text/html; charset=UTF-8"},
          b"<html>a staticweb page</html>")
    with pytest.raises(UnexpectedBody, match="text/html"):
        list(containers.list(storage).items())


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


def _serve_swift(mock: responses.RequestsMock, url: str, stored: list[str]) -> None:
    """A container listing as Swift answers it: binary name order, marker, limit, format."""
    ordered = sorted(stored, key=lambda n: n.encode())

    def listing(request: Any) -> tuple[int, dict[str, str], bytes]:
        query = parse_qs(urlsplit(request.url).query)
        marker = query.get("marker", [""])[0].encode()
        limit = int(query.get("limit", ["10000"])[0])
        page = [n for n in ordered if n.encode() > marker][:limit]
        if query.get("format") == ["json"]:
            rows = [{"name": n, "hash": "", "bytes": 0, "content_type": "a/b",
                     "last_modified": "2026-11-27T08:56:17.127580"} for n in page]
            return 200, {"Content-Type": "application/json; charset=utf-8"}, json.dumps(
                rows).encode("ascii")
        text = "".join(n + "\n" for n in page).encode()
        return (200 if text else 204), {"Content-Type": "text/plain; charset=utf-8"}, text

    mock.add_callback("GET", url, callback=listing)


@settings(max_examples=60, deadline=None)
@given(st.sets(names, max_size=15), st.integers(min_value=1, max_value=4), st.booleans())
def test_every_name_is_listed_once_in_swifts_order(
    stored: set[str], limit: int, full: bool
) -> None:
    if not full:
        stored = {n for n in stored if "\n" not in n}  # text listings cannot carry newlines
    storage = ServiceClient(ProviderClient(), ACCOUNT, type="object-store")
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        _serve_swift(mock, SAMPLES, list(stored))
        listed = [item.name if full else item for item in
                  objects.list(storage, "samples", objects.ListOpts(full=full, limit=limit))]
        requests_made = len(mock.calls)
        accept = sent(mock, 0).headers["Accept"]
    assert listed == sorted(stored, key=lambda n: n.encode())
    # Every page, then the empty one that ends a marker walk.
    assert requests_made == -(-len(stored) // limit) + 1
    assert accept == ("application/json" if full else "text/plain")
