"""Dynamic large objects (Swift's `dlo` middleware): `X-Object-Manifest` assembles the
objects under a prefix, in name order, with the quoted MD5 of their etags as the Etag."""

from __future__ import annotations

import hashlib

from stackdouble.client import ServiceClient
from tests.contract.conftest import account, call


def _md5(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


def _put_dlo(storage: ServiceClient, container: str) -> str:
    base = f"{account(storage)}/{container}"
    # Uploaded out of order: the manifest joins them by name.
    for name, body in (("parts/002", b"BB"), ("parts/001", b"AAA")):
        assert call(storage, "PUT", f"{base}/{name}", data=body).status_code == 201
    put = call(storage, "PUT", f"{base}/whole", data=b"",
               headers={"X-Object-Manifest": f"{container}/parts/"})
    assert put.status_code == 201
    assert put.headers["Etag"] == _md5(b"")  # the manifest object itself
    return f"{base}/whole"


def test_dlo_get_and_head_assemble_the_prefix(storage: ServiceClient, container: str) -> None:
    url = _put_dlo(storage, container)
    etag = f'"{_md5((_md5(b"AAA") + _md5(b"BB")).encode())}"'
    got = call(storage, "GET", url)
    assert got.status_code == 200
    assert got.content == b"AAABB"
    assert got.headers["Content-Length"] == "5"
    assert got.headers["Etag"] == etag
    assert got.headers["X-Object-Manifest"] == f"{container}/parts/"
    head = call(storage, "HEAD", url)
    assert head.status_code == 200
    assert head.headers["Content-Length"] == "5"
    assert head.headers["Etag"] == etag


def test_dlo_range_across_segments(storage: ServiceClient, container: str) -> None:
    url = _put_dlo(storage, container)
    ranged = call(storage, "GET", url, headers={"Range": "bytes=1-3"})
    assert ranged.status_code == 206
    assert ranged.content == b"AAB"
    assert ranged.headers["Content-Range"] == "bytes 1-3/5"


def test_dlo_manifest_get_returns_the_manifest_object(storage: ServiceClient,
                                                      container: str) -> None:
    url = _put_dlo(storage, container)
    got = call(storage, "GET", url + "?multipart-manifest=get")
    assert got.status_code == 200
    assert got.content == b""
    assert got.headers["Etag"] == _md5(b"")
    assert got.headers["X-Object-Manifest"] == f"{container}/parts/"


def test_dlo_follows_segments_added_later(storage: ServiceClient, container: str) -> None:
    url = _put_dlo(storage, container)
    added = call(storage, "PUT", f"{account(storage)}/{container}/parts/003", data=b"C")
    assert added.status_code == 201
    assert call(storage, "GET", url).content == b"AAABBC"
    # Deleting the manifest leaves the segments.
    assert call(storage, "DELETE", url).status_code == 204
    assert call(storage, "GET", f"{account(storage)}/{container}/parts/001").content == b"AAA"


def test_dlo_manifest_header_must_name_container_and_prefix(storage: ServiceClient,
                                                            container: str) -> None:
    bad = call(storage, "PUT", f"{account(storage)}/{container}/whole", data=b"",
               headers={"X-Object-Manifest": "no-slash"})
    assert bad.status_code == 400
    assert bad.text == ("X-Object-Manifest must be in the format container/prefix")
