"""Random containers, puts, deletes and listings against a plain model of Swift's rules
(`swift_rules.expected_listing`)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlencode

import pytest
import requests
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from stackdouble.fakes import FakeCloud
from tests.fakes.objectstorage.swift_rules import expected_listing

# Few letters, so names share prefixes, delimiters and markers often.
_LETTERS = st.sampled_from(["a", "b", "/", "-", "é", "😀"])
names = st.text(_LETTERS, min_size=1, max_size=5)
maybe_text = st.none() | st.just("") | names
containers = st.sampled_from(["c", "c-1", "c-2", "d", "é"])
limits = st.none() | st.integers(min_value=0, max_value=7)
delimiters = st.none() | st.sampled_from(["/", "-", "a", "/b", ""])

# One cloud for every example (starting the in-process transport costs tens of ms), reset
# before each; its own host, so other tests' clouds are unaffected.
_CLOUD = FakeCloud(seed=3, base_url="http://swift-machine.stackdouble.test")


@pytest.fixture(autouse=True, scope="module")
def _transport() -> Iterator[None]:
    with _CLOUD:
        yield


class SwiftListings(RuleBasedStateMachine):
    """The fake Swift, over HTTP in-process, against `expected_listing`."""

    def __init__(self) -> None:
        super().__init__()
        self.cloud = _CLOUD
        self.cloud.reset()
        self.http = requests.Session()
        self.http.trust_env = False
        self.url = (f"{self.cloud.base_url}/v1/AUTH_"
                    f"{self.cloud.project_id('demo')}")
        self.headers = {"X-Auth-Token": self.cloud.identity.issue_token("demo", project="demo")}
        self.stored: dict[str, dict[str, bytes]] = {}

    def teardown(self) -> None:
        self.http.close()

    def call(self, method: str, path: str = "", **kwargs: Any) -> requests.Response:
        return self.http.request(method, self.url + path, headers=self.headers, **kwargs)

    @rule(container=containers)
    def create_container(self, container: str) -> None:
        resp = self.call("PUT", "/" + quote(container, safe=""))
        assert resp.status_code == (202 if container in self.stored else 201)
        self.stored.setdefault(container, {})

    @rule(container=containers)
    def delete_container(self, container: str) -> None:
        resp = self.call("DELETE", "/" + quote(container, safe=""))
        if container not in self.stored:
            assert resp.status_code == 404
        elif self.stored[container]:
            assert resp.status_code == 409
        else:
            assert resp.status_code == 204
            del self.stored[container]

    @precondition(lambda self: bool(self.stored))
    @rule(data=st.data(), name=names, content=st.binary(max_size=3))
    def put(self, data: st.DataObject, name: str, content: bytes) -> None:
        container = data.draw(st.sampled_from(sorted(self.stored)))
        resp = self.call("PUT", f"/{quote(container, safe='')}/{quote(name, safe='')}",
                         data=content)
        assert resp.status_code == 201
        assert resp.headers["Etag"] == hashlib.md5(content).hexdigest()
        self.stored[container][name] = content

    @precondition(lambda self: bool(self.stored))
    @rule(data=st.data(), name=names)
    def delete(self, data: st.DataObject, name: str) -> None:
        container = data.draw(st.sampled_from(sorted(self.stored)))
        objects = self.stored[container]
        if objects and data.draw(st.booleans()):
            name = data.draw(st.sampled_from(sorted(objects)))
        resp = self.call("DELETE", f"/{quote(container, safe='')}/{quote(name, safe='')}")
        assert resp.status_code == (204 if name in objects else 404)
        objects.pop(name, None)

    @precondition(lambda self: bool(self.stored))
    @rule(data=st.data(), limit=limits, marker=maybe_text, end_marker=maybe_text,
          prefix=maybe_text, delimiter=delimiters, reverse=st.booleans(),
          as_json=st.booleans())
    def list_objects(self, data: st.DataObject, limit: int | None, marker: str | None,
                     end_marker: str | None, prefix: str | None, delimiter: str | None,
                     reverse: bool, as_json: bool) -> None:
        container = data.draw(st.sampled_from(sorted(self.stored)))
        path = data.draw(st.none() | st.none() | maybe_text)
        options = {"limit": limit, "marker": marker, "end_marker": end_marker,
                   "prefix": prefix, "delimiter": delimiter, "path": path,
                   "reverse": "true" if reverse else None,
                   "format": "json" if as_json else None}
        query = urlencode({k: v for k, v in options.items() if v is not None})
        resp = self.call("GET", f"/{quote(container, safe='')}?{query}")
        stored = self.stored[container]
        want = expected_listing(stored, limit=limit, marker=marker, end_marker=end_marker,
                                prefix=prefix, delimiter=delimiter, path=path, reverse=reverse)
        if as_json:
            assert resp.status_code == 200
            rows = resp.json()
            assert [(r["subdir"], True) if "subdir" in r else (r["name"], False)
                    for r in rows] == want
            for row in rows:
                if "name" in row:
                    content = stored[row["name"]]
                    assert (row["bytes"], row["hash"]) == (
                        len(content), hashlib.md5(content).hexdigest())
        elif want:
            assert resp.status_code == 200
            assert resp.content.decode() == "".join(name + "\n" for name, _ in want)
        else:
            assert resp.status_code == 204
            assert resp.headers["Content-Type"] == "text/plain; charset=utf-8"
        assert resp.headers["X-Container-Object-Count"] == str(len(stored))
        assert resp.headers["X-Container-Bytes-Used"] == str(sum(map(len, stored.values())))

    @rule(limit=limits, marker=st.none() | containers, end_marker=st.none() | containers,
          prefix=st.none() | st.sampled_from(["c", "c-", "é"]),
          delimiter=st.none() | st.sampled_from(["-", "1"]), reverse=st.booleans())
    def list_containers(self, limit: int | None, marker: str | None, end_marker: str | None,
                        prefix: str | None, delimiter: str | None, reverse: bool) -> None:
        options = {"limit": limit, "marker": marker, "end_marker": end_marker,
                   "prefix": prefix, "delimiter": delimiter,
                   "reverse": "true" if reverse else None, "format": "json"}
        rows = self.call("GET", "?" + urlencode(
            {k: v for k, v in options.items() if v is not None})).json()
        want = expected_listing({c: b"" for c in self.stored}, limit=limit, marker=marker,
                                end_marker=end_marker, prefix=prefix, delimiter=delimiter,
                                path=None, reverse=reverse)
        assert [(r["subdir"], True) if "subdir" in r else (r["name"], False)
                for r in rows] == want
        for row in rows:
            if "name" in row:
                assert row["count"] == len(self.stored[row["name"]])

    @invariant()
    def account_totals_are_current(self) -> None:
        resp = self.call("HEAD")
        assert resp.headers["X-Account-Container-Count"] == str(len(self.stored))
        assert resp.headers["X-Account-Object-Count"] == str(
            sum(len(objects) for objects in self.stored.values()))


TestSwiftListings = SwiftListings.TestCase
TestSwiftListings.settings = settings(
    max_examples=30, stateful_step_count=25, deadline=None,
    suppress_health_check=[HealthCheck.too_slow])
