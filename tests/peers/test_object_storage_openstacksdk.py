"""openstacksdk's object uploads from a file: a small file in one PUT, and a 3 MB file with
a 1 MiB `segment_size` as a static large object (the SDK reads `/info` for `slo`, PUTs the
segments beside the object, then the manifest with `?multipart-manifest=put`), downloaded
byte for byte.

By default against the served fake Swift; with `--openstack-mode live --openstack-cloud
realcloud` (CI's live run) the same tests run against realcloud's Swift 2.38
(`swift_target`), so both answer the SDK alike: the manifest, the segments' names, sizes and
ETags, the manifest's ETag and the bytes downloaded.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.peers.swift_target import SwiftTarget, swift_target

openstack = pytest.importorskip("openstack")

MIB = 1024 * 1024
#: The tests' containers.
CONTAINERS = ("peer-sdk-docs", "peer-sdk")


@pytest.fixture
def target(request: pytest.FixtureRequest, tmp_path: Path,
           monkeypatch: pytest.MonkeyPatch) -> Iterator[SwiftTarget]:
    """The mode's Swift (a served fake, or the live cloud), without the tests' containers
    before and after."""
    with swift_target(request, tmp_path, monkeypatch, seed=18) as found:
        found.remove(*CONTAINERS)
        yield found
        found.remove(*CONTAINERS)


@pytest.fixture
def conn(target: SwiftTarget) -> Iterator[Any]:
    """An openstacksdk connection to the target's cloud, as its user."""
    connection = openstack.connect(cloud=target.cloud)
    try:
        yield connection
    finally:
        connection.close()


def _md5(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


def test_create_object_from_a_file_uploads_it_in_one_put(conn: Any, target: SwiftTarget,
                                                         tmp_path: Path) -> None:
    data = os.urandom(64 * 1024)
    path = tmp_path / "notes.bin"
    path.write_bytes(data)
    conn.object_store.create_container(name="peer-sdk-docs")
    conn.object_store.create_object("peer-sdk-docs", "notes.bin", filename=str(path))
    meta = conn.object_store.get_object_metadata("notes.bin", "peer-sdk-docs")
    assert conn.object_store.download_object("notes.bin", container="peer-sdk-docs") == data
    assert meta.content_length == len(data)
    assert meta.etag == _md5(data)
    assert meta.is_static_large_object is None
    if target.fake is not None:  # the requests the SDK made: the fake's request log
        puts = target.fake.requests.filter(method="PUT", service="object-store")
        assert [(r.path.split("/", 3)[3], r.query) for r in puts] == [
            ("peer-sdk-docs", ""), ("peer-sdk-docs/notes.bin", "")]


def test_create_object_with_segments_makes_a_static_large_object(
        conn: Any, target: SwiftTarget, tmp_path: Path) -> None:
    data = os.urandom(3_000_000)
    path = tmp_path / "big.bin"
    path.write_bytes(data)
    conn.object_store.create_container(name="peer-sdk")
    conn.create_object("peer-sdk", "big.bin", filename=str(path), segment_size=MIB)
    meta = conn.object_store.get_object_metadata("big.bin", "peer-sdk")
    downloaded = conn.object_store.download_object("big.bin", container="peer-sdk")
    listed = {o.name: (o.content_length, o.etag) for o in conn.object_store.objects("peer-sdk")}
    account = target.storage.endpoint.rstrip("/")
    manifest = target.storage.request(
        "GET", f"{account}/peer-sdk/big.bin?multipart-manifest=get").json()
    parts = [data[:MIB], data[MIB:2 * MIB], data[2 * MIB:]]
    segments = {f"big.bin/00000{i}": (len(p), _md5(p)) for i, p in enumerate(parts)}
    assert meta.is_static_large_object is True
    assert meta.content_length == len(data)
    # An SLO's ETag: the MD5 of its segments' ETags (quoted in the header).
    assert meta.etag.strip('"') == _md5("".join(_md5(p) for p in parts).encode())
    assert downloaded == data
    assert {k: v[0] for k, v in listed.items()} == {
        "big.bin": len(data), **{k: v[0] for k, v in segments.items()}}
    assert {k: v for k, v in listed.items() if k != "big.bin"} == segments
    assert [(row["name"], row["bytes"], row["hash"]) for row in manifest] == [
        (f"/peer-sdk/{name}", size, etag) for name, (size, etag) in segments.items()]
    if target.fake is not None:  # the requests the SDK made: the fake's request log
        log = target.fake.requests
        puts = [r for r in log.filter(method="PUT", service="object-store")
                if r.path.endswith("/peer-sdk/big.bin")]
        assert [r.query for r in puts] == ["multipart-manifest=put"]
