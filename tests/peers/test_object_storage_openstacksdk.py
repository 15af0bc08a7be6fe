"""openstacksdk's object uploads from a file against the served fake Swift: a small file in
one PUT, and a 3 MB file with a 1 MiB `segment_size` as a static large object (the SDK reads
`/info` for `slo`, PUTs the segments beside the object, then the manifest with
`?multipart-manifest=put`), downloaded byte for byte."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from stackdouble.fakes import FakeCloud

openstack = pytest.importorskip("openstack")

MIB = 1024 * 1024


@pytest.fixture
def conn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """An openstacksdk connection, as demo, to a served cloud (`conn.stackdouble_fake`)."""
    cloud = FakeCloud(seed=18)
    with cloud.serve():
        clouds = tmp_path / "clouds.yaml"
        clouds.write_text(cloud.clouds_yaml("stackdouble"))
        monkeypatch.setenv("OS_CLIENT_CONFIG_FILE", str(clouds))
        connection = openstack.connect(cloud="stackdouble")
        connection.stackdouble_fake = cloud  # for the request log
        try:
            yield connection
        finally:
            connection.close()


def test_create_object_from_a_file_uploads_it_in_one_put(conn: Any, tmp_path: Path) -> None:
    data = os.urandom(64 * 1024)
    path = tmp_path / "notes.bin"
    path.write_bytes(data)
    conn.object_store.create_container(name="docs")
    conn.object_store.create_object("docs", "notes.bin", filename=str(path))
    meta = conn.object_store.get_object_metadata("notes.bin", "docs")
    assert conn.object_store.download_object("notes.bin", container="docs") == data
    assert meta.content_length == len(data)
    assert meta.is_static_large_object is None
    puts = conn.stackdouble_fake.requests.filter(method="PUT", service="object-store")
    assert [(r.path.split("/", 3)[3], r.query) for r in puts] == [("docs", ""),
                                                                  ("docs/notes.bin", "")]


def test_create_object_with_segments_makes_a_static_large_object(conn: Any,
                                                                  tmp_path: Path) -> None:
    data = os.urandom(3_000_000)
    path = tmp_path / "big.bin"
    path.write_bytes(data)
    conn.object_store.create_container(name="sdk")
    conn.create_object("sdk", "big.bin", filename=str(path), segment_size=MIB)
    meta = conn.object_store.get_object_metadata("big.bin", "sdk")
    downloaded = conn.object_store.download_object("big.bin", container="sdk")
    listed = {o.name: o.content_length for o in conn.object_store.objects("sdk")}
    log = conn.stackdouble_fake.requests
    manifest = [r for r in log.filter(method="PUT", service="object-store")
                if r.path.endswith("/sdk/big.bin")]
    assert meta.is_static_large_object is True
    assert meta.content_length == len(data)
    assert downloaded == data
    assert listed == {"big.bin": len(data), "big.bin/000000": MIB, "big.bin/000001": MIB,
                      "big.bin/000002": len(data) - 2 * MIB}
    assert [r.query for r in manifest] == ["multipart-manifest=put"]
