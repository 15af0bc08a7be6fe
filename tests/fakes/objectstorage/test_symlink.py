"""The symlink middleware beyond the contract tests: loops, POST to a link, static links
followed, `/info`, and the middleware off."""

from __future__ import annotations

import requests

from stackdouble.fakes import FakeCloud
from tests.fakes.objectstorage.conftest import Swift


def _setup(swift: Swift) -> None:
    assert swift("PUT", "/c").status_code == 201
    assert swift("PUT", "/c/t", data=b"AAA", headers={"Content-Type": "text/plain"}
                 ).status_code == 201


def test_a_chain_longer_than_symloop_max_is_409(swift: Swift) -> None:
    _setup(swift)
    for link, target in (("l1", "t"), ("l2", "l1"), ("l3", "l2")):
        assert swift("PUT", f"/c/{link}", data=b"",
                     headers={"X-Symlink-Target": f"c/{target}"}).status_code == 201
    assert swift("GET", "/c/l2").content == b"AAA"
    looped = swift("GET", "/c/l3")
    assert (looped.status_code, looped.text) == (
        409, "Too many levels of symbolic links, maximum allowed is 2")


def test_a_link_to_itself_is_400(swift: Swift) -> None:
    _setup(swift)
    resp = swift("PUT", "/c/me", data=b"", headers={"X-Symlink-Target": "c/me"})
    assert (resp.status_code, resp.text) == (400, "Symlink cannot target itself")


def test_a_post_to_a_link_is_307_and_keeps_the_link(swift: Swift) -> None:
    _setup(swift)
    swift("PUT", "/c/l", data=b"", headers={"X-Symlink-Target": "c/t"})
    posted = swift("POST", "/c/l", headers={"X-Object-Meta-Color": "red"},
                   allow_redirects=False)
    assert posted.status_code == 307
    assert posted.headers["Location"].endswith("/c/t")
    assert swift("GET", "/c/l").content == b"AAA"


def test_a_static_link_to_a_missing_object_is_409(swift: Swift) -> None:
    _setup(swift)
    resp = swift("PUT", "/c/l", data=b"", headers={
        "X-Symlink-Target": "c/missing", "X-Symlink-Target-Etag": "0" * 32})
    assert (resp.status_code, resp.text) == (409, "X-Symlink-Target does not exist")


def test_a_static_link_whose_target_changed_is_409_on_read(swift: Swift) -> None:
    _setup(swift)
    etag = swift("HEAD", "/c/t").headers["Etag"]
    swift("PUT", "/c/l", data=b"", headers={"X-Symlink-Target": "c/t",
                                            "X-Symlink-Target-Etag": etag})
    swift("PUT", "/c/t", data=b"BBBB")
    assert swift("GET", "/c/l").status_code == 409


def test_the_listing_of_a_static_link_has_its_etag_and_bytes(swift: Swift) -> None:
    _setup(swift)
    etag = swift("HEAD", "/c/t").headers["Etag"]
    swift("PUT", "/c/l", data=b"", headers={"X-Symlink-Target": "c/t",
                                            "X-Symlink-Target-Etag": etag})
    row = next(r for r in swift("GET", "/c?format=json").json() if r["name"] == "l")
    assert (row["symlink_etag"], row["symlink_bytes"]) == (etag, 3)
    assert row["symlink_path"] == f"/v1/{swift.account}/c/t"
    assert row["content_type"] == "text/plain"


def test_sysmeta_never_leaves_the_cluster(swift: Swift) -> None:
    _setup(swift)
    swift("PUT", "/c/l", data=b"", headers={"X-Symlink-Target": "c/t"})
    for query in ("", "?symlink=get"):
        headers = swift("HEAD", "/c/l" + query).headers
        assert not [k for k in headers if k.lower().startswith("x-object-sysmeta-")]


def test_info_lists_symlink_only_while_enabled(cloud: FakeCloud,
                                               http: requests.Session) -> None:
    assert http.get(cloud.base_url + "/info").json()["symlink"] == {
        "symloop_max": 2, "static_links": True}
    cloud.object_storage.pipeline = cloud.object_storage.pipeline.without("symlink")
    assert "symlink" not in http.get(cloud.base_url + "/info").json()


def test_without_the_middleware_the_header_is_ignored(cloud: FakeCloud, swift: Swift) -> None:
    cloud.object_storage.pipeline = cloud.object_storage.pipeline.without("symlink")
    _setup(swift)
    swift("PUT", "/c/l", data=b"", headers={"X-Symlink-Target": "c/t"})
    assert swift("GET", "/c/l").content == b""
