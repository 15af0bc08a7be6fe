"""The gatekeeper (Swift 2.38 inserts it in every pipeline): internal headers never
reach a client, and a client cannot send them."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from stackdouble.fakes.objectstorage import ObjectStorageModel, Pipeline
from stackdouble.fakes.objectstorage.middleware.gatekeeper import is_internal
from tests.fakes.objectstorage.conftest import Swift


def _internal(headers: object) -> list[str]:
    return [k for k in headers if is_internal(k)]  # type: ignore[attr-defined]


@pytest.fixture
def big(fill: Callable[..., None], model: ObjectStorageModel, swift: Swift) -> None:
    """`c/big`, an SLO (whose manifest keeps its etag and size as sysmeta), and `c/link`,
    a symlink to it (its target as sysmeta)."""
    fill("c")
    model.put_object("demo", "c", "s1", b"a" * 5)
    assert swift("PUT", "/c/big?multipart-manifest=put",
                 data=json.dumps([{"path": "/c/s1"}])).status_code == 201
    assert swift("PUT", "/c/link", data=b"",
                 headers={"X-Symlink-Target": "c/big"}).status_code == 201


@pytest.mark.parametrize("pipeline", [None, "keystoneauth slo symlink",
                                      "keystoneauth symlink slo dlo"])
@pytest.mark.parametrize(("method", "path"), [
    ("GET", "/c/big"), ("HEAD", "/c/big"), ("GET", "/c/big?multipart-manifest=get"),
    ("HEAD", "/c/link?symlink=get"), ("GET", "/c/link"), ("HEAD", "/c/s1"),
])
def test_no_sysmeta_reaches_a_response(swift: Swift, big: None, model: ObjectStorageModel,
                                       pipeline: str | None, method: str,
                                       path: str) -> None:
    stored = model.find_container(swift.account, "c")
    assert stored is not None
    assert _internal(stored.objects["big"].headers)  # there to hide
    if pipeline is not None:
        model.pipeline = Pipeline(pipeline)
    resp = swift(method, path)
    assert resp.status_code == 200
    assert _internal(resp.headers) == []


def test_a_client_cannot_send_sysmeta(swift: Swift, fill: Callable[..., None],
                                      model: ObjectStorageModel) -> None:
    fill("c")
    resp = swift("PUT", "/c/fake", data=b"x", headers={
        "X-Object-Sysmeta-Symlink-Target": "c/other", "X-Backend-Storage-Policy-Index": "9",
        "X-Object-Meta-Kept": "yes"})
    assert resp.status_code == 201
    got = swift("GET", "/c/fake")
    assert (got.status_code, got.content) == (200, b"x")
    assert got.headers["X-Object-Meta-Kept"] == "yes"
    stored = model.find_container(swift.account, "c")
    assert stored is not None
    assert _internal(stored.objects["fake"].headers) == []


@pytest.mark.parametrize(("name", "internal"), [
    ("X-Object-Sysmeta-Slo-Size", True), ("x-container-sysmeta-versions-enabled", True),
    ("X-Account-Sysmeta-Project-Domain-Id", True), ("X-Object-Transient-Sysmeta-Crypto", True),
    ("X-Backend-Timestamp", True), ("X-Container-Partition", True),
    ("X-Delete-At-Container", True), ("X-Object-Meta-Sysmeta", False),
    ("X-Delete-At", False), ("X-Container-Meta-Host", False),
])
def test_what_the_gatekeeper_removes(name: str, internal: bool) -> None:
    assert is_internal(name) is internal
