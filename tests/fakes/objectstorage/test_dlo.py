"""Dynamic large objects beyond the contract suite: the header's other refusals, a 416,
several ranges ignored, conditions on the assembled etag, a segment container the caller
cannot read, and the pipeline."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pytest

from stackdouble.fakes.objectstorage import ObjectStorageModel, Pipeline
from tests.fakes.objectstorage.conftest import Swift


@pytest.fixture
def dlo(fill: Callable[..., None], model: ObjectStorageModel, swift: Swift) -> None:
    """`c/whole` joins `c/parts/001` (AAA) and `c/parts/002` (BB)."""
    fill("c")
    model.put_object("demo", "c", "parts/002", b"BB")
    model.put_object("demo", "c", "parts/001", b"AAA")
    put = swift("PUT", "/c/whole", data=b"", headers={"X-Object-Manifest": "c/parts/"})
    assert put.status_code == 201


@pytest.mark.parametrize("value", ["c/", "/parts", "c/?x", "c/a&b", "c//parts"])
def test_a_manifest_header_without_container_and_prefix_is_refused(
        swift: Swift, fill: Callable[..., None], value: str) -> None:
    fill("c")
    got = swift("PUT", "/c/whole", data=b"", headers={"X-Object-Manifest": value})
    assert (got.status_code, got.text) == (
        400, "X-Object-Manifest must be in the format container/prefix")


def test_an_unsatisfiable_range_is_a_416(swift: Swift, dlo: None) -> None:
    got = swift("GET", "/c/whole", headers={"Range": "bytes=5-9"})
    assert got.status_code == 416
    assert got.headers["Content-Range"] == "bytes */5"


def test_several_ranges_are_ignored(swift: Swift, dlo: None) -> None:
    got = swift("GET", "/c/whole", headers={"Range": "bytes=0-0,2-3"})
    assert (got.status_code, got.content) == (200, b"AAABB")


def test_conditions_compare_the_assembled_etag(swift: Swift, dlo: None) -> None:
    etag = hashlib.md5((hashlib.md5(b"AAA").hexdigest()
                        + hashlib.md5(b"BB").hexdigest()).encode()).hexdigest()
    assert swift("GET", "/c/whole", headers={"If-None-Match": f'"{etag}"'}).status_code == 304
    assert swift("GET", "/c/whole", headers={"If-Match": '"other"'}).status_code == 412
    assert swift("GET", "/c/whole", headers={"If-Match": f'"{etag}"'}).content == b"AAABB"


def test_an_empty_prefix_listing_is_an_empty_object(swift: Swift,
                                                    fill: Callable[..., None]) -> None:
    fill("c")
    swift("PUT", "/c/none", data=b"", headers={"X-Object-Manifest": "c/nothing/"})
    got = swift("GET", "/c/none")
    assert (got.status_code, got.content) == (200, b"")
    assert got.headers["Etag"] == f'"{hashlib.md5(b"").hexdigest()}"'


def test_segments_in_a_missing_container_answer_its_404(swift: Swift,
                                                         fill: Callable[..., None]) -> None:
    fill("c")
    swift("PUT", "/c/whole", data=b"", headers={"X-Object-Manifest": "gone/parts/"})
    assert swift("GET", "/c/whole").status_code == 404


def test_without_dlo_in_the_pipeline_the_manifest_is_a_plain_object(
        swift: Swift, dlo: None, model: ObjectStorageModel) -> None:
    model.pipeline = Pipeline(n for n in model.pipeline.names if n != "dlo")
    got = swift("GET", "/c/whole")
    assert (got.status_code, got.content) == (200, b"")
