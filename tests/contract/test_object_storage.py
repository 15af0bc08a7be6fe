"""Account, container and object operations, metadata, and Swift's errors and their bodies."""

from __future__ import annotations

import hashlib
from urllib.parse import urljoin

from stackdouble.client import ServiceClient
from tests.contract.conftest import account, call, put_objects

NOT_FOUND = "<html><h1>Not Found</h1><p>The resource could not be found.</p></html>"


def test_account_head_and_metadata(storage: ServiceClient, container: str) -> None:
    # With a container in it the account exists on every cloud, whatever ran before: an
    # account never written to answers without per-policy counters or its domain.
    url = account(storage)
    head = call(storage, "HEAD", url)
    assert head.status_code == 204
    for header in ("X-Account-Container-Count", "X-Account-Object-Count",
                   "X-Account-Bytes-Used", "X-Timestamp", "X-Account-Project-Domain-Id",
                   "X-Account-Storage-Policy-Policy-0-Container-Count"):
        assert header in head.headers
    set_meta = call(storage, "POST", url, headers={"X-Account-Meta-Contract": "yes"})
    assert set_meta.status_code == 204
    assert call(storage, "HEAD", url).headers["X-Account-Meta-Contract"] == "yes"
    removed = call(storage, "POST", url, headers={"X-Remove-Account-Meta-Contract": "x"})
    assert removed.status_code == 204
    assert "X-Account-Meta-Contract" not in call(storage, "HEAD", url).headers


def test_container_create_is_201_then_202(storage: ServiceClient, container: str) -> None:
    url = f"{account(storage)}/{container}"
    again = call(storage, "PUT", url)
    assert again.status_code == 202
    head = call(storage, "HEAD", url)
    assert head.status_code == 204
    assert head.headers["X-Container-Object-Count"] == "0"
    assert head.headers["X-Container-Bytes-Used"] == "0"
    assert head.headers["X-Storage-Policy"] == "Policy-0"


def test_container_metadata(storage: ServiceClient, container: str) -> None:
    url = f"{account(storage)}/{container}"
    posted = call(storage, "POST", url, headers={"X-Container-Meta-Colour": "blue",
                                                 "X-Container-Meta-Size": "big"})
    assert posted.status_code == 204
    head = call(storage, "HEAD", url)
    assert head.headers["X-Container-Meta-Colour"] == "blue"
    assert head.headers["X-Container-Meta-Size"] == "big"
    call(storage, "POST", url, headers={"X-Remove-Container-Meta-Size": "x",
                                        "X-Container-Meta-Colour": ""})
    head = call(storage, "HEAD", url)
    assert "X-Container-Meta-Size" not in head.headers
    assert "X-Container-Meta-Colour" not in head.headers


def test_object_round_trip(storage: ServiceClient, container: str) -> None:
    url = f"{account(storage)}/{container}/greeting.txt"
    body = b"I am apple"
    put = call(storage, "PUT", url, data=body,
               headers={"Content-Type": "text/plain", "X-Object-Meta-Fruit": "apple"})
    assert put.status_code == 201
    assert put.headers["Etag"] == hashlib.md5(body).hexdigest()
    assert put.content == b""
    got = call(storage, "GET", url)
    assert got.status_code == 200
    assert got.content == body
    assert got.headers["Content-Type"] == "text/plain"
    assert got.headers["Content-Length"] == "10"
    assert got.headers["Etag"] == hashlib.md5(body).hexdigest()
    assert got.headers["X-Object-Meta-Fruit"] == "apple"
    assert got.headers["Accept-Ranges"] == "bytes"
    head = call(storage, "HEAD", url)
    assert head.status_code == 200
    assert head.headers["Content-Length"] == "10"
    ranged = call(storage, "GET", url, headers={"Range": "bytes=2-3"})
    assert (ranged.status_code, ranged.content) == (206, b"am")
    assert ranged.headers["Content-Range"] == "bytes 2-3/10"
    container_head = call(storage, "HEAD", f"{account(storage)}/{container}")
    assert container_head.headers["X-Container-Object-Count"] == "1"
    assert container_head.headers["X-Container-Bytes-Used"] == "10"


def test_object_metadata_post_replaces_it(storage: ServiceClient, container: str) -> None:
    url = f"{account(storage)}/{container}/obj"
    call(storage, "PUT", url, data=b"x", headers={"X-Object-Meta-A": "1",
                                                 "Content-Type": "text/plain"})
    posted = call(storage, "POST", url, headers={"X-Object-Meta-B": "2"})
    assert posted.status_code == 202
    head = call(storage, "HEAD", url)
    assert head.headers["X-Object-Meta-B"] == "2"
    assert "X-Object-Meta-A" not in head.headers
    assert head.headers["Content-Type"] == "text/plain"


def test_copy_object(storage: ServiceClient, container: str) -> None:
    base = f"{account(storage)}/{container}"
    call(storage, "PUT", f"{base}/src", data=b"payload", headers={"Content-Type": "text/plain"})
    copied = call(storage, "COPY", f"{base}/src", headers={"Destination": f"{container}/dst"})
    assert copied.status_code == 201
    assert call(storage, "GET", f"{base}/dst").content == b"payload"
    put_copy = call(storage, "PUT", f"{base}/dst2", data=b"",
                    headers={"X-Copy-From": f"{container}/src"})
    assert put_copy.status_code == 201
    assert call(storage, "GET", f"{base}/dst2").content == b"payload"


def test_conditional_requests(storage: ServiceClient, container: str) -> None:
    url = f"{account(storage)}/{container}/cond"
    etag = call(storage, "PUT", url, data=b"v1").headers["Etag"]
    assert call(storage, "GET", url, headers={"If-None-Match": etag}).status_code == 304
    assert call(storage, "GET", url, headers={"If-Match": "nope"}).status_code == 412
    refused = call(storage, "PUT", url, data=b"v2", headers={"If-None-Match": "*"})
    assert refused.status_code == 412
    bad_etag = call(storage, "PUT", url, data=b"v2", headers={"Etag": "0" * 32})
    assert bad_etag.status_code == 422


def test_missing_things_are_404_with_swifts_html(storage: ServiceClient,
                                                 container: str) -> None:
    base = account(storage)
    for method in ("GET", "HEAD", "DELETE", "POST"):
        resp = call(storage, method, f"{base}/{container}/missing")
        assert resp.status_code == 404, method
        if method not in ("HEAD",):
            assert resp.text == NOT_FOUND, method
    for method in ("GET", "HEAD", "DELETE"):
        resp = call(storage, method, f"{base}/contract-no-such-container")
        assert resp.status_code == 404, method
    put = call(storage, "PUT", f"{base}/contract-no-such-container/obj", data=b"x")
    assert put.status_code == 404


def test_deleting_a_non_empty_container_is_409(storage: ServiceClient,
                                               container: str) -> None:
    put_objects(storage, container, ["one"])
    url = f"{account(storage)}/{container}"
    refused = call(storage, "DELETE", url)
    assert refused.status_code == 409
    assert refused.text == ("<html><h1>Conflict</h1><p>There was a conflict when trying to "
                            "complete your request.</p></html>")
    assert call(storage, "DELETE", f"{url}/one").status_code == 204
    assert call(storage, "DELETE", url).status_code == 204
    assert call(storage, "PUT", url).status_code == 201  # the fixture deletes it again


def test_bad_names_are_400(storage: ServiceClient, container: str) -> None:
    base = account(storage)
    long_container = call(storage, "PUT", f"{base}/{'c' * 257}")
    assert long_container.status_code == 400
    assert long_container.text == "Container name length of 257 longer than 256"
    long_object = call(storage, "PUT", f"{base}/{container}/{'o' * 1025}", data=b"x")
    assert long_object.status_code == 400
    assert long_object.text == "Object name length of 1025 longer than 1024"
    long_meta = call(storage, "POST", f"{base}/{container}",
                     headers={"X-Container-Meta-" + "k" * 129: "v"})
    assert long_meta.status_code == 400
    assert long_meta.text == "Metadata name too long: x-container-meta-K" + "k" * 128


def test_no_token_is_401(storage: ServiceClient, container: str) -> None:
    resp = call(storage, "GET", f"{account(storage)}/{container}", authenticated=False)
    assert resp.status_code == 401
    assert resp.text == ("<html><h1>Unauthorized</h1><p>This server could not verify that you "
                         "are authorized to access the document you requested.</p></html>")
    assert resp.headers["Www-Authenticate"].startswith("Swift realm=")


def test_bad_token_is_401(storage: ServiceClient) -> None:
    resp = call(storage, "HEAD", account(storage), authenticated=False,
                headers={"X-Auth-Token": "gAAAAA-not-a-token"})
    assert resp.status_code == 401


def test_info(storage: ServiceClient) -> None:
    # At the proxy's root, where `swift capabilities <proxy URL>` asks (the fake's Swift is
    # at the root of its origin, as a proxy is).
    resp = call(storage, "GET", urljoin(account(storage), "/info"), authenticated=False)
    assert resp.status_code == 200
    swift = resp.json()["swift"]
    assert swift["container_listing_limit"] == 10000
    assert swift["max_object_name_length"] == 1024
    assert swift["max_container_name_length"] == 256
    assert swift["max_meta_name_length"] == 128
