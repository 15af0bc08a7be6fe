"""The Pager's stop rules, against synthetic services that page as Nova, Keystone and Swift do."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
import responses
from hypothesis import given, settings
from hypothesis import strategies as st

from stackdouble.client import ProviderClient, ServiceClient, UnexpectedBody
from stackdouble.client.pagination import LinkedPage, MarkerPage, Pager, SinglePage

BASE = "http://pages.test/"


class ServerPage(LinkedPage):
    __slots__ = ()
    resource_key = "servers"
    link_path = ("servers_links",)


class ProjectPage(LinkedPage):
    __slots__ = ()
    resource_key = "projects"
    link_path = ("links", "next")


class ObjectPage(MarkerPage):
    __slots__ = ()


class KeypairPage(SinglePage):
    __slots__ = ()
    resource_key = "keypairs"


def _names(count: int) -> list[str]:
    return [f"item-{i:05d}" for i in range(count)]


def _window(items: list[str], query: dict[str, list[str]], size: int) -> tuple[list[str], int]:
    limit = min(int(query.get("limit", [size])[0]), size)
    marker = query.get("marker", [None])[0]
    start = items.index(marker) + 1 if marker is not None else 0
    return items[start : start + limit], limit


@pytest.fixture
def mock() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def _client() -> ServiceClient:
    return ServiceClient(ProviderClient(), BASE)


def serve_nova(mock: responses.RequestsMock, items: list[str], size: int) -> list[str]:
    """Nova's rule: a next link whenever the page is full (also on the last full page)."""
    seen: list[str] = []

    def callback(request):  # type: ignore[no-untyped-def]
        seen.append(request.url)
        query = parse_qs(urlsplit(request.url).query)
        page, limit = _window(items, query, size)
        body: dict[str, object] = {"servers": [{"id": name} for name in page]}
        if page and len(page) == limit:
            body["servers_links"] = [
                {"rel": "next", "href": f"{BASE}servers?limit={limit}&marker={page[-1]}"}
            ]
        return 200, {}, json.dumps(body)

    mock.add_callback("GET", re.compile(re.escape(BASE) + "servers.*"), callback,
                      content_type="application/json")
    return seen


def serve_keystone(mock: responses.RequestsMock, items: list[str], size: int) -> list[str]:
    """Keystone's rule: `links.next` is a string when more may follow, else null."""
    seen: list[str] = []

    def callback(request):  # type: ignore[no-untyped-def]
        seen.append(request.url)
        query = parse_qs(urlsplit(request.url).query)
        page, limit = _window(items, query, size)
        nxt = f"{BASE}projects?limit={limit}&marker={page[-1]}" if len(page) == limit else None
        body = {"projects": [{"id": n} for n in page], "links": {"self": request.url,
                                                                  "next": nxt, "previous": None}}
        return 200, {}, json.dumps(body)

    mock.add_callback("GET", re.compile(re.escape(BASE) + "projects.*"), callback,
                      content_type="application/json")
    return seen


def serve_swift(mock: responses.RequestsMock, items: list[str], size: int, *,
                text: bool) -> list[str]:
    """Swift's rule: names after the marker; an empty text listing is a 204."""
    seen: list[str] = []

    def callback(request):  # type: ignore[no-untyped-def]
        seen.append(request.url)
        query = parse_qs(urlsplit(request.url).query)
        marker = query.get("marker", [""])[0]
        page = [name for name in items if name > marker][:size]
        if text:
            if not page:
                return 204, {"Content-Type": "text/plain; charset=utf-8"}, ""
            return 200, {"Content-Type": "text/plain; charset=utf-8"}, "".join(
                f"{n}\n" for n in page)
        rows = [{"name": n, "bytes": 0, "hash": "x", "content_type": "text/plain",
                 "last_modified": "2026-11-27T08:50:09.465410"} for n in page]
        return 200, {"Content-Type": "application/json; charset=utf-8"}, json.dumps(rows)

    mock.add_callback("GET", re.compile(re.escape(BASE) + "c.*"), callback)
    return seen


def _ids(pager: Pager) -> list[str]:  # type: ignore[type-arg]
    out: list[str] = []
    for item in pager.items():
        out.append(item["id"] if isinstance(item, dict) and "id" in item else
                   item["name"] if isinstance(item, dict) else item)
    return out


sizes = st.integers(min_value=1, max_value=7)
counts = st.integers(min_value=0, max_value=30)


@settings(max_examples=60, deadline=None)
@given(count=counts, size=sizes)
def test_linked_pages_yield_every_item_once_and_an_exact_multiple_costs_one_empty_page(
    count: int, size: int
) -> None:
    items = _names(count)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        seen = serve_nova(mock, items, size)
        got = _ids(Pager(_client(), BASE + "servers", ServerPage))
    assert got == items
    assert len(seen) == count // size + 1


@settings(max_examples=60, deadline=None)
@given(count=counts, size=sizes)
def test_keystone_links_next_pages_to_the_end(count: int, size: int) -> None:
    items = _names(count)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        seen = serve_keystone(mock, items, size)
        got = _ids(Pager(_client(), BASE + "projects", ProjectPage))
    assert got == items
    assert len(seen) == count // size + 1


@settings(max_examples=60, deadline=None)
@given(count=counts, size=sizes, text=st.booleans())
def test_marker_pages_stop_only_on_an_empty_page(count: int, size: int, text: bool) -> None:
    items = _names(count)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        seen = serve_swift(mock, items, size, text=text)
        url = BASE + "c" + ("" if text else "?format=json")
        got = _ids(Pager(_client(), url, ObjectPage))
    assert got == items
    # Every page is fetched, then one more that comes back empty.
    assert len(seen) == count // size + (1 if count % size else 0) + 1


@settings(max_examples=40, deadline=None)
@given(count=st.integers(min_value=1, max_value=30), size=sizes, stop_after=st.integers(1, 5))
def test_each_page_stops_when_callback_returns_false(count: int, size: int,
                                                     stop_after: int) -> None:
    items = _names(count)
    handled: list[list[str]] = []

    def handle(page: ServerPage) -> bool:
        handled.append([s["id"] for s in page.raw_items()])
        return len(handled) < stop_after

    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        seen = serve_nova(mock, items, size)
        Pager(_client(), BASE + "servers", ServerPage).each_page(handle)
    nonempty_pages = -(-count // size)
    assert len(handled) == min(stop_after, nonempty_pages)
    if stop_after <= nonempty_pages:
        assert len(seen) == stop_after  # nothing is fetched after the callback says stop
    else:
        assert len(seen) == count // size + 1
    assert [i for page in handled for i in page] == items[: len(handled) * size]


@settings(max_examples=40, deadline=None)
@given(count=counts, size=sizes)
def test_all_pages_concatenates_every_page(count: int, size: int) -> None:
    items = _names(count)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        serve_nova(mock, items, size)
        page = Pager(_client(), BASE + "servers", ServerPage).all_pages()
    assert [s["id"] for s in page.raw_items()] == items


@settings(max_examples=30, deadline=None)
@given(count=counts, size=sizes)
def test_all_pages_concatenates_text_listings(count: int, size: int) -> None:
    items = _names(count)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        serve_swift(mock, items, size, text=True)
        page = Pager(_client(), BASE + "c", ObjectPage).all_pages()
    assert page.raw_items() == items


def test_empty_first_page_is_not_handed_to_the_callback(mock: responses.RequestsMock) -> None:
    serve_nova(mock, [], 5)
    calls: list[object] = []
    Pager(_client(), BASE + "servers", ServerPage).each_page(calls.append)
    assert calls == []


def test_single_page_never_asks_for_a_second(mock: responses.RequestsMock) -> None:
    mock.add("GET", BASE + "keypairs", json={"keypairs": [{"name": "a"}, {"name": "b"}]})
    pager = Pager(_client(), BASE + "keypairs", KeypairPage)
    assert [k["name"] for k in pager.items()] == ["a", "b"]
    assert len(mock.calls) == 1


def test_a_service_that_ignores_the_marker_raises_instead_of_looping(
    mock: responses.RequestsMock,
) -> None:
    mock.add("GET", re.compile(re.escape(BASE) + "c.*"), body="a\nb\n",
             content_type="text/plain; charset=utf-8")
    with pytest.raises(UnexpectedBody, match="previous page"):
        list(Pager(_client(), BASE + "c", ObjectPage).items())
    assert len(mock.calls) == 2


def test_page_errors_surface_typed_from_the_iterating_call(mock: responses.RequestsMock) -> None:
    from stackdouble.client import Forbidden

    mock.add("GET", BASE + "projects", status=403, json={"error": {
        "code": 403, "title": "Forbidden",
        "message": "You are not authorized to perform the requested action: "
                   "identity:list_projects."}})
    pager = Pager(_client(), BASE + "projects", ProjectPage)
    with pytest.raises(Forbidden) as info:
        pager.all_pages()
    assert info.value.fault is not None
    assert "identity:list_projects" in info.value.fault


def test_failed_pager_raises_its_error_when_iterated_and_sends_nothing(
    mock: responses.RequestsMock,
) -> None:
    from stackdouble.client import InvalidInput

    pager = Pager.failed(InvalidInput("limit must be positive", "limit"), ServerPage)
    with pytest.raises(InvalidInput, match="limit"):
        pager.all_pages()
    assert len(mock.calls) == 0


def test_next_links_relative_to_the_service_are_made_absolute(
    mock: responses.RequestsMock,
) -> None:
    class ImagePage(LinkedPage):
        __slots__ = ()
        resource_key = "images"
        link_path = ("next",)

    mock.add("GET", BASE + "v2/images", json={"images": [{"id": "1"}],
                                              "next": "/v2/images?marker=1"})
    mock.add("GET", BASE + "v2/images?marker=1", json={"images": []})
    assert _ids(Pager(_client(), BASE + "v2/images", ImagePage)) == ["1"]
    assert mock.calls[1].request.url == BASE + "v2/images?marker=1"


def test_all_pages_of_an_empty_listing_extracts_as_an_empty_list(
    mock: responses.RequestsMock,
) -> None:
    serve_nova(mock, [], 3)
    page = Pager(_client(), BASE + "servers", ServerPage).all_pages()
    assert page.raw_items() == []
    assert page.extract_list_with(dict, key="servers") == []
