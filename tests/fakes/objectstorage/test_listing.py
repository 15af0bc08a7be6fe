"""Listings as Swift writes them (`listing_formats.py`, `container/backend.py`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from urllib.parse import quote

import pytest

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.objectstorage import ObjectStorageModel
from tests.fakes.objectstorage.conftest import Swift

NAMES = ["a", "b/1", "b/2", "b/c/3", "b/c/4", "c", "c/", "d/x/y", "é", "é/1", "😀"]
TEXT = "text/plain; charset=utf-8"


@pytest.fixture
def names(fill: Callable[..., None]) -> list[str]:
    fill("c", *NAMES)
    return NAMES


def lines(text: str) -> list[str]:
    assert text.endswith("\n")
    return text[:-1].split("\n")


# -- formats --------------------------------------------------------------------------------


def test_a_text_listing_is_one_name_and_newline_per_row(swift: Swift, names: list[str]) -> None:
    resp = swift("GET", "/c")
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == TEXT
    assert resp.headers["Vary"] == "Accept"
    assert resp.content.decode("utf-8") == "".join(n + "\n" for n in NAMES)


def test_an_empty_text_listing_is_a_204_that_keeps_its_content_type(
    swift: Swift, fill: Callable[..., None]
) -> None:
    fill("empty")
    resp = swift("GET", "/empty")
    assert resp.status_code == 204
    assert resp.headers["Content-Type"] == TEXT
    assert resp.headers["Content-Length"] == "0"
    assert resp.content == b""


def test_an_empty_json_listing_is_a_200_with_an_empty_list(
    swift: Swift, fill: Callable[..., None]
) -> None:
    fill("empty")
    resp = swift("GET", "/empty?format=json")
    assert (resp.status_code, resp.content) == (200, b"[]")
    assert resp.headers["Content-Type"] == "application/json; charset=utf-8"
    assert "Vary" not in resp.headers


def test_json_rows_are_swifts_keys_in_swifts_order(
    swift: Swift, model: ObjectStorageModel, cloud: FakeCloud
) -> None:
    model.create_container("demo", "samples")
    model.put_object("demo", "samples", "apple", b"I am apple", content_type="text/plain")
    body = swift("GET", "/samples?format=json").content
    # Swift writes json.dumps(listing).encode('ascii'): default separators, ASCII only.
    assert body == (
        b'[{"bytes": 10, "hash": "764ab1363e9093974a96792d69886748", "name": "apple", '
        b'"content_type": "text/plain", "last_modified": "2026-11-27T08:56:16.000000"}]')


def test_json_is_ascii_with_escapes(swift: Swift, fill: Callable[..., None]) -> None:
    fill("c", "été/😀")
    body = swift("GET", "/c?format=json").content
    assert b'"name": "\\u00e9t\\u00e9/\\ud83d\\ude00"' in body
    assert json.loads(body)[0]["name"] == "été/😀"


def test_xml_is_rendered_as_swift_renders_it(swift: Swift, fill: Callable[..., None]) -> None:
    fill("c", "a&b", "d/e")
    resp = swift("GET", "/c?format=xml&delimiter=/")
    assert resp.headers["Content-Type"] == "application/xml; charset=utf-8"
    assert resp.text == (
        '<?xml version="1.0" encoding="UTF-8"?>\n<container name="c"><object><name>a&amp;b'
        "</name><hash>9dd4e461268c8034f5c8564e155c67a6</hash><bytes>1</bytes><content_type>"
        "text/plain</content_type><last_modified>2026-11-27T08:56:16.000000</last_modified>"
        '</object><subdir name="d/"><name>d/</name></subdir></container>')


def test_an_empty_xml_listing_is_a_200(swift: Swift, fill: Callable[..., None]) -> None:
    fill("c")
    resp = swift("GET", "/c?format=xml")
    assert resp.status_code == 200
    assert resp.text == '<?xml version="1.0" encoding="UTF-8"?>\n<container name="c" />'


def test_an_account_listing_in_xml_puts_each_container_on_a_line(
    swift: Swift, fill: Callable[..., None]
) -> None:
    fill("photos", "p")
    resp = swift("GET", "?format=xml")
    assert resp.text == (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<account name="{swift.account}">\n'
        "<container><name>photos</name><count>1</count><bytes>1</bytes><last_modified>"
        "2026-11-27T08:56:16.000000</last_modified><storage_policy>Policy-0</storage_policy>"
        "</container>\n</account>")


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("application/json", "application/json"),
        ("text/xml", "text/xml"),
        ("application/xml;q=0.5, application/json;q=0.8", "application/json"),
        ("*/*", "text/plain"),
        ("application/*", "application/json"),
        ("text/html, application/xml;q=0.1", "application/xml"),
    ],
)
def test_without_format_accept_picks_the_best_listing_type(
    swift: Swift, names: list[str], accept: str, expected: str
) -> None:
    resp = swift("GET", "/c", headers={"Accept": accept})
    assert resp.headers["Content-Type"] == expected + "; charset=utf-8"
    assert resp.headers["Vary"] == "Accept"


def test_the_format_query_wins_over_accept(swift: Swift, names: list[str]) -> None:
    resp = swift("GET", "/c?format=json", headers={"Accept": "text/plain"})
    assert resp.headers["Content-Type"] == "application/json; charset=utf-8"
    assert swift("GET", "/c?format=nonsense").headers["Content-Type"] == TEXT


def test_nothing_acceptable_is_406_even_before_authentication(swift: Swift) -> None:
    resp = swift("GET", "/c", token=False, headers={"Accept": "image/png"})
    assert resp.status_code == 406
    assert resp.text == ("<html><h1>Not Acceptable</h1><p>The resource is not available in a "
                         "format acceptable to your browser.</p></html>")


def test_a_malformed_accept_is_400(swift: Swift) -> None:
    resp = swift("GET", "", headers={"Accept": "garbage"})
    assert (resp.status_code, resp.text) == (400, "Invalid Accept header")


def test_a_head_answers_the_listing_type_without_a_body(swift: Swift, names: list[str]) -> None:
    resp = swift("HEAD", "/c", headers={"Accept": "application/json"})
    assert resp.status_code == 204
    assert resp.headers["Content-Type"] == "application/json; charset=utf-8"
    assert resp.headers["X-Container-Object-Count"] == str(len(NAMES))


# -- limits ---------------------------------------------------------------------------------------


def test_a_limit_above_10000_is_412(swift: Swift, names: list[str]) -> None:
    resp = swift("GET", "/c?limit=10001")
    assert (resp.status_code, resp.text) == (412, "Maximum limit is 10000")
    assert resp.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert swift("GET", "?limit=10001").status_code == 412


@pytest.mark.parametrize("limit", ["abc", "-1", "1.5", ""])
def test_a_limit_that_is_not_digits_is_ignored(swift: Swift, names: list[str], limit: str) -> None:
    assert lines(swift("GET", f"/c?limit={limit}").text) == NAMES


def test_limit_zero_lists_nothing(swift: Swift, names: list[str]) -> None:
    assert swift("GET", "/c?limit=0").status_code == 204


def test_the_default_page_is_10000_names(swift: Swift, model: ObjectStorageModel) -> None:
    model.fill("demo", "big", (f"{i:05d}" for i in range(10_001)))
    first = swift("GET", "/big").text.splitlines()
    assert (len(first), first[-1]) == (10_000, "09999")
    assert swift("GET", "/big?marker=09999").text == "10000\n"


# -- options ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("limit=2", ["a", "b/1"]),
        ("marker=b/2", ["b/c/3", "b/c/4", "c", "c/", "d/x/y", "é", "é/1", "😀"]),
        ("marker=b/2&limit=2", ["b/c/3", "b/c/4"]),
        ("end_marker=b/2", ["a", "b/1"]),
        ("marker=a&end_marker=c", ["b/1", "b/2", "b/c/3", "b/c/4"]),
        ("prefix=b/", ["b/1", "b/2", "b/c/3", "b/c/4"]),
        ("prefix=b/&marker=b/1&end_marker=b/c/4", ["b/2", "b/c/3"]),
        ("prefix=b/&marker=a", ["b/1", "b/2", "b/c/3", "b/c/4"]),
        ("prefix=b/&marker=z", []),
        ("delimiter=/", ["a", "b/", "c", "c/", "d/", "é", "é/", "😀"]),
        ("delimiter=/&limit=3", ["a", "b/", "c"]),
        ("delimiter=/&marker=b/", ["c", "c/", "d/", "é", "é/", "😀"]),
        ("delimiter=/&marker=b/1", ["b/", "c", "c/", "d/", "é", "é/", "😀"]),
        ("delimiter=/&prefix=b/", ["b/1", "b/2", "b/c/"]),
        ("delimiter=/&prefix=b/&marker=b/c/", []),
        ("delimiter=/&prefix=b/c/", ["b/c/3", "b/c/4"]),
        ("delimiter=/&end_marker=c", ["a", "b/"]),
        ("delimiter=c/", ["a", "b/1", "b/2", "b/c/", "c", "c/", "d/x/y", "é", "é/1", "😀"]),
        ("delimiter=x&prefix=d/", ["d/x"]),
        ("reverse=true", list(reversed(NAMES))),
        ("reverse=true&limit=2", ["😀", "é/1"]),
        ("reverse=true&marker=c", ["b/c/4", "b/c/3", "b/2", "b/1", "a"]),
        ("reverse=true&end_marker=c", ["😀", "é/1", "é", "d/x/y", "c/"]),
        ("reverse=true&marker=é&end_marker=b/2", ["d/x/y", "c/", "c", "b/c/4", "b/c/3"]),
        ("reverse=true&prefix=b/", ["b/c/4", "b/c/3", "b/2", "b/1"]),
        ("reverse=true&delimiter=/", ["😀", "é/", "é", "d/", "c/", "c", "b/", "a"]),
        ("reverse=true&delimiter=/&marker=c", ["b/", "a"]),
        ("reverse=on&delimiter=/&prefix=b/", ["b/c/", "b/2", "b/1"]),
        ("reverse=false&limit=1", ["a"]),
        ("path=b", ["b/1", "b/2"]),
        ("path=b/", ["b/1", "b/2"]),
        ("path=b/c", ["b/c/3", "b/c/4"]),
        ("path=", ["a", "c", "c/", "é", "😀"]),
        ("path=c", []),
        ("path=b&limit=1", ["b/1"]),
        ("prefix=%C3%A9", ["é", "é/1"]),
    ],
)
def test_listing_options_select_as_swift_does(
    swift: Swift, names: list[str], query: str, expected: list[str]
) -> None:
    resp = swift("GET", "/c?" + query)
    got = lines(resp.text) if resp.status_code == 200 else []
    assert got == expected
    rows = swift("GET", "/c?format=json&" + query).json()
    assert [row.get("name", row.get("subdir")) for row in rows] == expected


def test_subdir_rows_are_json_objects_with_only_subdir(swift: Swift, names: list[str]) -> None:
    rows = swift("GET", "/c?format=json&delimiter=/&prefix=b/").json()
    assert rows[2] == {"subdir": "b/c/"}
    assert set(rows[0]) == {"name", "hash", "bytes", "content_type", "last_modified"}


def test_names_are_in_utf8_byte_order(swift: Swift, fill: Callable[..., None]) -> None:
    chosen = ["z", "A", "a", "\u00ff", "\u0100", "\uffff", "\U00010000", "a b", "a/b", "a-b"]
    fill("c", *chosen)
    assert lines(swift("GET", "/c").text) == sorted(chosen, key=lambda n: n.encode())


def test_a_marker_that_is_not_utf8_is_400(swift: Swift, names: list[str]) -> None:
    resp = swift("GET", "/c?marker=%FF")
    assert (resp.status_code, resp.text) == (400, '"marker" parameter not valid UTF-8')


def test_paging_by_marker_lists_every_name_once(swift: Swift, names: list[str]) -> None:
    seen: list[str] = []
    marker = ""
    while True:
        resp = swift("GET", f"/c?limit=3&marker={quote(marker)}")
        if resp.status_code == 204:
            break
        page = lines(resp.text)
        seen += page
        marker = page[-1]
    assert seen == NAMES


def test_a_delimited_json_listing_pages_past_subdirs(swift: Swift, names: list[str]) -> None:
    seen: list[str] = []
    marker = ""
    while True:
        rows = swift("GET", f"/c?format=json&delimiter=/&limit=2&marker={quote(marker)}").json()
        if not rows:
            break
        seen += [row.get("name", row.get("subdir")) for row in rows]
        marker = seen[-1]
    assert seen == ["a", "b/", "c", "c/", "d/", "é", "é/", "😀"]


# -- account listings ------------------------------------------------------------------------------


def test_an_account_lists_its_containers_as_swift_does(
    swift: Swift, model: ObjectStorageModel
) -> None:
    for name in ("logs-2025", "logs-2026", "photos"):
        model.create_container("demo", name)
    model.put_object("demo", "photos", "p", b"12345")
    assert lines(swift("GET", "").text) == ["logs-2025", "logs-2026", "photos"]
    assert lines(swift("GET", "?delimiter=-").text) == ["logs-", "photos"]
    assert lines(swift("GET", "?prefix=logs&reverse=1&limit=1").text) == ["logs-2026"]
    rows = swift("GET", "?format=json&marker=logs-2026").json()
    assert rows == [{"name": "photos", "count": 1, "bytes": 5,
                     "last_modified": "2026-11-27T08:56:16.000000",
                     "storage_policy": "Policy-0"}]


def test_an_account_never_written_to_lists_empty(swift: Swift) -> None:
    resp = swift("GET", "/")
    assert resp.status_code == 204
    assert resp.headers["X-Account-Container-Count"] == "0"
    assert swift("GET", "?format=json").json() == []
