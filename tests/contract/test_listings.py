"""Container and account listings: every option, text and JSON, empty listings."""

from __future__ import annotations

import pytest

from stackdouble.client import ServiceClient
from tests.contract.conftest import account, call, empty_container, put_objects

NAMES = ["a/1", "a/2", "b/1", "c", "d"]


@pytest.fixture
def filled(storage: ServiceClient, container: str) -> str:
    put_objects(storage, container, NAMES)
    return f"{account(storage)}/{container}"


def names(body: str) -> list[str]:
    return body.splitlines()


@pytest.mark.parametrize(("query", "expected"), [
    ("", NAMES),
    ("limit=2", ["a/1", "a/2"]),
    ("marker=a/2", ["b/1", "c", "d"]),
    ("end_marker=c", ["a/1", "a/2", "b/1"]),
    ("marker=a/1&end_marker=c", ["a/2", "b/1"]),
    ("prefix=a/", ["a/1", "a/2"]),
    ("delimiter=/", ["a/", "b/", "c", "d"]),
    ("prefix=a/&delimiter=/", ["a/1", "a/2"]),
    ("reverse=true", list(reversed(NAMES))),
    ("reverse=true&marker=c", ["b/1", "a/2", "a/1"]),
    ("reverse=true&limit=2", ["d", "c"]),
    ("reverse=true&end_marker=b/1", ["d", "c"]),
    ("limit=0", []),
    ("limit=10000", NAMES),
    ("path=a", ["a/1", "a/2"]),
])
def test_text_object_listing(storage: ServiceClient, filled: str, query: str,
                             expected: list[str]) -> None:
    resp = call(storage, "GET", f"{filled}?{query}", headers={"Accept": "text/plain"})
    if expected:
        assert resp.status_code == 200
        assert resp.headers["Content-Type"] == "text/plain; charset=utf-8"
        assert resp.text == "".join(f"{n}\n" for n in expected)
    else:
        assert resp.status_code == 204
        assert resp.content == b""
    assert resp.headers["X-Container-Object-Count"] == str(len(NAMES))


def test_json_object_listing_rows(storage: ServiceClient, filled: str) -> None:
    resp = call(storage, "GET", f"{filled}?format=json&delimiter=/&limit=3")
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "application/json; charset=utf-8"
    rows = resp.json()
    assert rows[:2] == [{"subdir": "a/"}, {"subdir": "b/"}]
    row = rows[2]
    assert sorted(row) == ["bytes", "content_type", "hash", "last_modified", "name"]
    assert (row["name"], row["bytes"], row["content_type"]) == ("c", 1, "text/plain")
    assert row["hash"] == "4a8a08f09d37b73795649038408b5f33"  # md5("c")
    assert len(row["last_modified"]) == len("2026-11-27T08:50:09.465410")


def test_accept_header_picks_the_format(storage: ServiceClient, filled: str) -> None:
    as_json = call(storage, "GET", filled, headers={"Accept": "application/json"})
    assert as_json.headers["Content-Type"] == "application/json; charset=utf-8"
    assert [r["name"] for r in as_json.json()] == NAMES
    as_xml = call(storage, "GET", f"{filled}?format=xml&limit=1")
    assert as_xml.status_code == 200
    assert as_xml.headers["Content-Type"] == "application/xml; charset=utf-8"
    assert as_xml.text.startswith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
    assert "<name>a/1</name>" in as_xml.text


def test_empty_container_listing_is_204_as_text_and_an_empty_list_as_json(
        storage: ServiceClient, container: str) -> None:
    url = f"{account(storage)}/{container}"
    text = call(storage, "GET", url, headers={"Accept": "text/plain"})
    assert (text.status_code, text.content) == (204, b"")
    assert text.headers["X-Container-Object-Count"] == "0"
    as_json = call(storage, "GET", url + "?format=json")
    assert (as_json.status_code, as_json.json()) == (200, [])


def test_limit_above_10000_is_412(storage: ServiceClient, container: str) -> None:
    resp = call(storage, "GET", f"{account(storage)}/{container}?limit=10001")
    assert resp.status_code == 412
    assert resp.text == "Maximum limit is 10000"
    resp = call(storage, "GET", f"{account(storage)}?limit=10001")
    assert resp.status_code == 412
    assert resp.text == "Maximum limit is 10000"


@pytest.mark.parametrize(("query", "status", "body"), [
    ("limit=abc", 200, "".join(f"{n}\n" for n in NAMES)),  # ignored, not refused
    ("limit=-1", 200, "".join(f"{n}\n" for n in NAMES)),
    ("format=yaml", 200, "".join(f"{n}\n" for n in NAMES)),  # unknown: text
    ("marker=%FF", 400, '"marker" parameter not valid UTF-8'),
])
def test_odd_listing_parameters(storage: ServiceClient, filled: str, query: str, status: int,
                                body: str) -> None:
    resp = call(storage, "GET", f"{filled}?{query}", headers={"Accept": "text/plain"})
    assert (resp.status_code, resp.text) == (status, body)


CONTAINERS = ["ctl-x-1", "ctl-x-2", "ctl-y-1", "ctl-z"]


@pytest.fixture
def containers(storage: ServiceClient) -> list[str]:
    base = account(storage)
    for name in CONTAINERS:
        empty_container(storage, name)
        assert call(storage, "PUT", f"{base}/{name}").status_code == 201
    yield CONTAINERS
    for name in CONTAINERS:
        empty_container(storage, name)


@pytest.mark.parametrize(("query", "expected"), [
    ("prefix=ctl-", CONTAINERS),
    ("prefix=ctl-&limit=2", ["ctl-x-1", "ctl-x-2"]),
    ("prefix=ctl-&marker=ctl-x-2", ["ctl-y-1", "ctl-z"]),
    ("prefix=ctl-&end_marker=ctl-y", ["ctl-x-1", "ctl-x-2"]),
    ("prefix=ctl-&delimiter=-", ["ctl-x-", "ctl-y-", "ctl-z"]),
    ("prefix=ctl-x-&delimiter=-", ["ctl-x-1", "ctl-x-2"]),
    ("prefix=ctl-&reverse=true", list(reversed(CONTAINERS))),
    ("prefix=ctl-&reverse=true&marker=ctl-y-1", ["ctl-x-2", "ctl-x-1"]),
    ("prefix=ctl-none", []),
])
def test_text_account_listing(storage: ServiceClient, containers: list[str], query: str,
                              expected: list[str]) -> None:
    resp = call(storage, "GET", f"{account(storage)}?{query}", headers={"Accept": "text/plain"})
    if expected:
        assert resp.status_code == 200
        assert resp.headers["Content-Type"] == "text/plain; charset=utf-8"
        assert resp.text == "".join(f"{n}\n" for n in expected)
    else:
        assert (resp.status_code, resp.content) == (204, b"")


def test_json_account_listing_rows(storage: ServiceClient, containers: list[str]) -> None:
    resp = call(storage, "GET", f"{account(storage)}?format=json&prefix=ctl-&limit=1")
    assert resp.status_code == 200
    (row,) = resp.json()
    assert row["name"] == "ctl-x-1"
    assert (row["count"], row["bytes"]) == (0, 0)
    assert {"name", "count", "bytes", "last_modified"} <= set(row)
    empty = call(storage, "GET", f"{account(storage)}?format=json&prefix=ctl-none")
    assert (empty.status_code, empty.json()) == (200, [])
