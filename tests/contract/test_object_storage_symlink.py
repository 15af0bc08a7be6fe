"""Symlinks (Swift's `symlink` middleware): `X-Symlink-Target`, following on GET,
`?symlink=get`, dangling links, static links (`X-Symlink-Target-Etag`) and their errors."""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from stackdouble.client import ServiceClient
from tests.contract.conftest import account, call


def _target(storage: ServiceClient, container: str) -> str:
    url = f"{account(storage)}/{container}/target"
    assert call(storage, "PUT", url, data=b"AAA",
                headers={"Content-Type": "text/plain"}).status_code == 201
    return url


def test_symlink_get_follows_the_target(storage: ServiceClient, container: str) -> None:
    target = _target(storage, container)
    link = f"{account(storage)}/{container}/link"
    put = call(storage, "PUT", link, data=b"",
               headers={"X-Symlink-Target": f"{container}/target"})
    assert put.status_code == 201
    got = call(storage, "GET", link)
    assert got.status_code == 200
    assert got.content == b"AAA"
    assert got.headers["Content-Type"] == "text/plain"
    assert got.headers["Etag"] == hashlib.md5(b"AAA").hexdigest()
    assert got.headers["Content-Location"] == urlsplit(target).path
    head = call(storage, "HEAD", link)
    assert (head.status_code, head.headers["Content-Length"]) == (200, "3")


def test_symlink_get_with_symlink_get_returns_the_link(storage: ServiceClient,
                                                       container: str) -> None:
    _target(storage, container)
    link = f"{account(storage)}/{container}/link"
    call(storage, "PUT", link, data=b"", headers={"X-Symlink-Target": f"{container}/target"})
    got = call(storage, "GET", link + "?symlink=get")
    assert got.status_code == 200
    assert got.content == b""
    assert got.headers["Content-Type"] == "application/symlink"
    assert got.headers["X-Symlink-Target"] == f"{container}/target"
    rows = {row["name"]: row for row in
            call(storage, "GET", f"{account(storage)}/{container}?format=json").json()}
    assert rows["link"]["content_type"] == "application/symlink"
    assert rows["link"]["bytes"] == 0
    assert rows["link"]["symlink_path"].endswith(f"/{container}/target")
    assert rows["link"]["symlink_path"].startswith("/v1/")


def test_dangling_symlink_is_404(storage: ServiceClient, container: str) -> None:
    link = f"{account(storage)}/{container}/dangling"
    put = call(storage, "PUT", link, data=b"",
               headers={"X-Symlink-Target": f"{container}/missing"})
    assert put.status_code == 201
    got = call(storage, "GET", link)
    assert got.status_code == 404
    assert got.text == "<html><h1>Not Found</h1><p>The resource could not be found.</p></html>"
    assert got.headers["Content-Location"].endswith(f"/{container}/missing")


def test_symlink_errors(storage: ServiceClient, container: str) -> None:
    link = f"{account(storage)}/{container}/link"
    with_body = call(storage, "PUT", link, data=b"x",
                     headers={"X-Symlink-Target": f"{container}/target"})
    assert with_body.status_code == 400
    assert with_body.text == "Symlink requests require a zero byte body"
    no_slash = call(storage, "PUT", link, data=b"", headers={"X-Symlink-Target": "noslash"})
    assert no_slash.status_code == 412
    assert no_slash.text == ("X-Symlink-Target header must be of the form "
                             "<container name>/<object name>")
    assert call(storage, "HEAD", link).status_code == 404


def test_static_symlink_checks_the_target_etag(storage: ServiceClient, container: str) -> None:
    _target(storage, container)
    link = f"{account(storage)}/{container}/static"
    etag = hashlib.md5(b"AAA").hexdigest()
    wrong = call(storage, "PUT", link, data=b"", headers={
        "X-Symlink-Target": f"{container}/target", "X-Symlink-Target-Etag": "0" * 32})
    assert wrong.status_code == 409
    assert wrong.text == (f"Object Etag '{etag}' does not match X-Symlink-Target-Etag header "
                          f"'{'0' * 32}'")
    right = call(storage, "PUT", link, data=b"", headers={
        "X-Symlink-Target": f"{container}/target", "X-Symlink-Target-Etag": etag})
    assert right.status_code == 201
    assert call(storage, "GET", link).content == b"AAA"
    head = call(storage, "HEAD", link + "?symlink=get")
    assert head.headers["X-Symlink-Target-Etag"] == etag
