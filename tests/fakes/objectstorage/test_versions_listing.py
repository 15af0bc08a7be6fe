"""Paging of `GET <container>?versions` (issue #14), as Swift 2.38's object_versioning
pages it (`_list_versions`): `marker` with `version_marker`, `limit`, `prefix`,
`delimiter`, `end_marker`, `reverse` and the formats."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import pairwise
from typing import Any

import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackdouble.fakes import FakeClock, FakeCloud
from tests.fakes.conftest import START
from tests.fakes.objectstorage.conftest import Swift

Row = dict[str, Any]


def versioned(swift: Swift, *names: str, container: str = "c") -> dict[str, list[str]]:
    """A versioned container holding a version of each name in turn; each name's version
    ids, oldest first."""
    swift("PUT", f"/{container}", headers={"X-Versions-Enabled": "true"})
    ids: dict[str, list[str]] = {}
    for name in names:
        put = swift("PUT", f"/{container}/{name}", data=name.encode())
        ids.setdefault(name, []).append(put.headers["X-Object-Version-Id"])
    return ids


def listing(swift: Swift, query: str = "", **headers: str) -> requests.Response:
    return swift("GET", f"/c?versions{query}", headers=headers)


def pairs(rows: Sequence[Row]) -> list[tuple[str, str]]:
    return [(str(r.get("name", r.get("subdir"))), str(r.get("version_id", ""))) for r in rows]


def test_versions_are_listed_by_name_then_newest_first(swift: Swift) -> None:
    ids = versioned(swift, "b", "a", "b", "a", "b")
    rows = listing(swift, "&format=json").json()
    assert pairs(rows) == [("a", ids["a"][1]), ("a", ids["a"][0]), ("b", ids["b"][2]),
                           ("b", ids["b"][1]), ("b", ids["b"][0])]
    assert [r["is_latest"] for r in rows] == [True, False, True, False, False]


def test_marker_and_version_marker_resume_after_that_version(swift: Swift) -> None:
    ids = versioned(swift, "a", "a", "a", "b")
    rows = listing(swift, f"&marker=a&version_marker={ids['a'][1]}").json()
    assert pairs(rows) == [("a", ids["a"][0]), ("b", ids["b"][0])]


def test_a_marker_alone_skips_every_version_of_that_name(swift: Swift) -> None:
    ids = versioned(swift, "a", "a", "b")
    assert pairs(listing(swift, "&marker=a").json()) == [("b", ids["b"][0])]


def test_a_null_version_marker_resumes_after_the_names_null_version(swift: Swift) -> None:
    ids = versioned(swift, "a", "a")
    swift("POST", "/c", headers={"X-Versions-Enabled": "false"})
    swift("PUT", "/c/a", data=b"null")
    assert pairs(listing(swift).json()) == [("a", "null"), ("a", ids["a"][1]),
                                            ("a", ids["a"][0])]
    page = listing(swift, "&marker=a&version_marker=null").json()
    assert pairs(page) == [("a", ids["a"][1]), ("a", ids["a"][0])]


def test_a_version_marker_needs_a_marker(swift: Swift) -> None:
    versioned(swift, "a")
    resp = listing(swift, "&version_marker=1")
    assert (resp.status_code, resp.text) == (400, "version_marker param requires marker")


def test_a_version_marker_that_is_no_timestamp_is_refused(swift: Swift) -> None:
    versioned(swift, "a")
    resp = listing(swift, "&marker=a&version_marker=id")
    assert (resp.status_code, resp.text) == (400, "invalid version_marker param")


def test_limit_cuts_the_merged_listing(swift: Swift) -> None:
    ids = versioned(swift, "a", "a", "b")
    rows = listing(swift, "&limit=2").json()
    assert pairs(rows) == [("a", ids["a"][1]), ("a", ids["a"][0])]


def test_prefix_lists_only_the_names_it_starts(swift: Swift) -> None:
    ids = versioned(swift, "ab", "b", "ab", "abc")
    assert pairs(listing(swift, "&prefix=ab").json()) == [
        ("ab", ids["ab"][1]), ("ab", ids["ab"][0]), ("abc", ids["abc"][0])]


def test_delimiter_rolls_versions_up_into_subdirs(swift: Swift) -> None:
    ids = versioned(swift, "d/1", "d/2", "e")
    swift("DELETE", "/c/d/1")
    swift("DELETE", "/c/d/2")
    rows = listing(swift, "&delimiter=/").json()
    assert rows[0] == {"subdir": "d/"}
    assert pairs(rows[1:]) == [("e", ids["e"][0])]


def test_a_delimiter_that_could_split_a_version_id_is_refused(swift: Swift) -> None:
    versioned(swift, "a")
    for delimiter in ("1", "."):
        resp = listing(swift, f"&delimiter={delimiter}")
        assert (resp.status_code, resp.text) == (400, "invalid delimiter param")


def test_after_a_subdir_the_next_page_lists_it_again_as_swift_does(swift: Swift) -> None:
    versioned(swift, "d/1", "e")
    rows = listing(swift, "&delimiter=/&marker=d/").json()
    assert pairs(rows) == [("d/", ""), ("e", rows[1]["version_id"])]


def test_reverse_lists_names_backwards_and_versions_oldest_first(swift: Swift) -> None:
    ids = versioned(swift, "a", "a", "b")
    assert pairs(listing(swift, "&reverse=true").json()) == [
        ("b", ids["b"][0]), ("a", ids["a"][0]), ("a", ids["a"][1])]
    resumed = listing(swift, f"&reverse=on&marker=a&version_marker={ids['a'][0]}").json()
    assert pairs(resumed) == [("a", ids["a"][1])]


def test_end_marker_bounds_only_the_current_objects(swift: Swift) -> None:
    ids = versioned(swift, "a", "b", "b")
    rows = listing(swift, "&end_marker=b").json()
    assert pairs(rows) == [("a", ids["a"][0]), ("b", ids["b"][1]), ("b", ids["b"][0])]
    assert [r["is_latest"] for r in rows] == [True, False, False]


def test_a_listing_without_format_or_accept_is_json(swift: Swift) -> None:
    versioned(swift, "a")
    resp = listing(swift)
    assert resp.headers["Content-Type"] == "application/json; charset=utf-8"
    assert resp.headers["X-Versions-Enabled"] == "True"
    assert int(resp.headers["Content-Length"]) == len(resp.content)
    assert listing(swift, Accept="application/json").status_code == 200


def test_text_and_xml_listings_are_not_acceptable(swift: Swift) -> None:
    versioned(swift, "a")
    for query, accept in (("&format=plain", ""), ("&format=xml", ""), ("", "text/plain"),
                          ("", "application/xml"), ("&format=asdf", "")):
        headers = {"Accept": accept} if accept else {}
        assert listing(swift, query, **headers).status_code == 406, (query, accept)


def test_an_empty_versioned_container_lists_an_empty_json_array(swift: Swift) -> None:
    versioned(swift)
    resp = listing(swift)
    assert (resp.status_code, resp.json()) == (200, [])


def test_a_container_never_versioned_lists_its_objects_as_null_versions(
    swift: Swift,
) -> None:
    swift("PUT", "/c")
    swift("PUT", "/c/a", data=b"x")
    rows = listing(swift).json()
    assert [(r["name"], r["version_id"], r["is_latest"]) for r in rows] == [
        ("a", "null", True)]


# -- walking pages ----------------------------------------------------------------------------


def walk(swift: Swift, limit: int, *, reverse: bool = False) -> Iterator[Row]:
    """Every row, a page of `limit` at a time, following the last row as a client does."""
    query = f"&limit={limit}" + ("&reverse=true" if reverse else "")
    for _ in range(200):
        rows: list[Row] = listing(swift, query).json()
        yield from rows
        if len(rows) < limit:
            return
        last = rows[-1]
        query = (f"&limit={limit}&marker={last['name']}&version_marker={last['version_id']}"
                 + ("&reverse=true" if reverse else ""))
    raise AssertionError("the walk did not end")


#: One step of a container's history: write or delete a name, or turn versioning on or off.
steps = st.one_of(st.tuples(st.sampled_from(["put", "delete"]), st.sampled_from("abcd")),
                  st.tuples(st.sampled_from(["suspend", "resume"]), st.just("")))


def play(swift: Swift, history: Sequence[tuple[str, str]]) -> None:
    swift("PUT", "/c", headers={"X-Versions-Enabled": "true"})
    for action, name in history:
        if action == "put":
            swift("PUT", f"/c/{name}", data=name.encode())
        elif action == "delete":
            swift("DELETE", f"/c/{name}")
        else:
            swift("POST", "/c", headers={"X-Versions-Enabled": str(action == "resume")})


def newest_first(rows: Sequence[Row]) -> bool:
    """By name, then `null` first, then version ids descending."""
    keys = [(r["name"], r["version_id"] != "null", r["version_id"]) for r in rows]
    return all(a[:2] < b[:2] or (a[:2] == b[:2] and a[2] > b[2])
               for a, b in pairwise(keys))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=st.lists(steps, max_size=14), limit=st.integers(min_value=1, max_value=6))
def test_walking_pages_of_any_size_yields_every_version_once_in_order(
    history: list[tuple[str, str]], limit: int
) -> None:
    with FakeCloud(seed=1, clock=FakeClock(start=START, ticking=False)) as cloud, \
            requests.Session() as http:
        http.trust_env = False
        swift = Swift(cloud, http)
        play(swift, history)
        everything = listing(swift).json()
        assert newest_first(everything)
        walked = list(walk(swift, limit))
        assert pairs(walked) == pairs(everything)
        assert len(set(pairs(walked))) == len(walked)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=st.lists(st.tuples(st.sampled_from(["put", "delete"]), st.sampled_from("abc")),
                        max_size=12),
       limit=st.integers(min_value=1, max_value=5))
def test_walking_reversed_pages_yields_the_reversed_listing(
    history: list[tuple[str, str]], limit: int
) -> None:
    # No null versions: in reverse, Swift's page after a `null` row skips older versions.
    with FakeCloud(seed=1, clock=FakeClock(start=START, ticking=False)) as cloud, \
            requests.Session() as http:
        http.trust_env = False
        swift = Swift(cloud, http)
        play(swift, history)
        everything = listing(swift, "&reverse=true").json()
        assert pairs(list(walk(swift, limit, reverse=True))) == pairs(everything)
