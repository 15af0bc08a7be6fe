"""Copying large objects (the copy middleware before slo and dlo, Swift 2.38): a copy
gets the assembled content as a plain object; with `?multipart-manifest=get` an SLO's
copy is a new manifest and a DLO's keeps its `X-Object-Manifest`."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

import pytest

from stackdouble.fakes.objectstorage import ObjectStorageModel, Pipeline
from tests.fakes.objectstorage.conftest import Swift

CONTENT = b"a" * 5 + b"b" * 7


@pytest.fixture
def slo(fill: Callable[..., None], model: ObjectStorageModel, swift: Swift) -> None:
    """`c/big`, an SLO of `c/s1` (5 × a) and `c/s2` (7 × b), with metadata."""
    fill("c")
    model.put_object("demo", "c", "s1", b"a" * 5)
    model.put_object("demo", "c", "s2", b"b" * 7)
    resp = swift("PUT", "/c/big?multipart-manifest=put",
                 data=json.dumps([{"path": "/c/s1"}, {"path": "/c/s2"}]),
                 headers={"X-Object-Meta-Colour": "blue", "Content-Type": "text/x-big"})
    assert resp.status_code == 201


@pytest.fixture
def dlo(fill: Callable[..., None], model: ObjectStorageModel, swift: Swift) -> None:
    """`c/whole`, a DLO of `c/parts/001` (5 × a) and `c/parts/002` (7 × b)."""
    fill("c")
    model.put_object("demo", "c", "parts/001", b"a" * 5)
    model.put_object("demo", "c", "parts/002", b"b" * 7)
    resp = swift("PUT", "/c/whole", data=b"", headers={"X-Object-Manifest": "c/parts/"})
    assert resp.status_code == 201


@pytest.mark.parametrize("how", ["X-Copy-From", "COPY"])
def test_copying_an_slo_makes_a_plain_object_of_its_content(swift: Swift, slo: None,
                                                            how: str) -> None:
    if how == "COPY":
        resp = swift("COPY", "/c/big", headers={"Destination": "c/copy"})
    else:
        resp = swift("PUT", "/c/copy", data=b"", headers={"X-Copy-From": "c/big"})
    assert resp.status_code == 201
    assert resp.headers["Etag"] == hashlib.md5(CONTENT).hexdigest()
    assert resp.headers["X-Copied-From"] == "c/big"
    assert resp.headers["X-Object-Meta-Colour"] == "blue"
    got = swift("GET", "/c/copy")
    assert got.content == CONTENT
    assert "X-Static-Large-Object" not in got.headers
    assert got.headers["Content-Type"] == "text/x-big"
    assert got.headers["X-Object-Meta-Colour"] == "blue"
    raw = swift("GET", "/c/copy?multipart-manifest=get")
    assert raw.content == CONTENT  # not a manifest


def test_a_copy_with_manifest_get_is_a_new_manifest(swift: Swift, slo: None) -> None:
    resp = swift("PUT", "/c/twin?multipart-manifest=get", data=b"",
                 headers={"X-Copy-From": "c/big"})
    assert resp.status_code == 201
    original = swift("HEAD", "/c/big")
    twin = swift("GET", "/c/twin")
    assert twin.content == CONTENT
    assert twin.headers["X-Static-Large-Object"] == "True"
    assert twin.headers["Etag"] == original.headers["Etag"]
    assert resp.headers["Etag"] == original.headers["Etag"]
    segments = [s["name"] for s in swift("GET", "/c/twin?multipart-manifest=get").json()]
    assert segments == ["/c/s1", "/c/s2"]
    listed = {row["name"]: row for row in swift("GET", "/c?format=json").json()}
    assert listed["twin"]["bytes"] == len(CONTENT)
    assert listed["twin"]["slo_etag"] == original.headers["Etag"]


def test_a_ranged_copy_of_an_slo_copies_the_range(swift: Swift, slo: None) -> None:
    resp = swift("PUT", "/c/part", data=b"", headers={"X-Copy-From": "c/big",
                                                      "Range": "bytes=3-7"})
    assert resp.status_code == 201
    assert swift("GET", "/c/part").content == CONTENT[3:8]


def test_copying_an_slo_whose_segment_is_gone_is_a_409(swift: Swift, slo: None) -> None:
    assert swift("DELETE", "/c/s1").status_code == 204
    resp = swift("PUT", "/c/copy", data=b"", headers={"X-Copy-From": "c/big"})
    assert resp.status_code == 409
    assert swift("HEAD", "/c/copy").status_code == 404


@pytest.mark.parametrize("how", ["X-Copy-From", "COPY"])
def test_copying_a_dlo_makes_a_plain_object_of_its_content(swift: Swift, dlo: None,
                                                           how: str) -> None:
    if how == "COPY":
        resp = swift("COPY", "/c/whole", headers={"Destination": "c/copy"})
    else:
        resp = swift("PUT", "/c/copy", data=b"", headers={"X-Copy-From": "c/whole"})
    assert resp.status_code == 201
    assert resp.headers["Etag"] == hashlib.md5(CONTENT).hexdigest()
    got = swift("GET", "/c/copy")
    assert got.content == CONTENT
    assert "X-Object-Manifest" not in got.headers
    assert swift("DELETE", "/c/parts/001").status_code == 204
    assert swift("GET", "/c/copy").content == CONTENT  # its own bytes now


def test_a_dlo_copy_with_manifest_get_keeps_the_manifest(swift: Swift, dlo: None) -> None:
    resp = swift("PUT", "/c/twin?multipart-manifest=get", data=b"",
                 headers={"X-Copy-From": "c/whole"})
    assert resp.status_code == 201
    got = swift("GET", "/c/twin")
    assert got.headers["X-Object-Manifest"] == "c/parts/"
    assert got.content == CONTENT


def test_without_slo_a_manifest_is_copied_as_stored(swift: Swift, slo: None,
                                                    model: ObjectStorageModel) -> None:
    model.pipeline = Pipeline().without("slo")
    resp = swift("PUT", "/c/copy", data=b"", headers={"X-Copy-From": "c/big"})
    assert resp.status_code == 201
    assert [s["name"] for s in swift("GET", "/c/copy").json()] == ["/c/s1", "/c/s2"]


def test_the_copy_runs_after_auth_and_before_slo() -> None:
    pipeline = Pipeline("tempurl tempauth keystoneauth staticweb copy slo dlo")
    assert pipeline.copy_at == 4
    assert Pipeline("tempurl keystoneauth slo dlo").copy_at == 2  # inserted by the proxy
    assert Pipeline("slo dlo").copy_at == 0
