"""50 MB through the client and the in-process fake Swift without holding it twice.

Memory is measured with tracemalloc around the transfer alone. An upload ends with the
object stored in the fake (once: that is the point of storing it), so its peak is compared
with one copy; a download's data is stored before the measure starts, so its peak is the
transfer's own.
"""

from __future__ import annotations

import hashlib
import io
import tracemalloc
from collections.abc import Iterator
from typing import Any

import pytest

from stackdouble.client import ServiceClient
from stackdouble.client.openstack.objectstorage.v1 import objects
from stackdouble.fakes import FakeCloud

SIZE = 50 * 1024 * 1024
BLOCK = bytes(range(256)) * 4096  # 1 MiB
MD5 = hashlib.md5(BLOCK * (SIZE // len(BLOCK))).hexdigest()


class _HashingSink(io.RawIOBase):
    """A binary file that keeps only the MD5 of what is written."""

    def __init__(self) -> None:
        self.digest = hashlib.md5()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.digest.update(data)
        self.size += len(data)
        return len(data)


def _chunks() -> Iterator[bytes]:
    for _ in range(SIZE // len(BLOCK)):
        yield BLOCK


def _peak_of(action: Any) -> tuple[Any, int]:
    tracemalloc.start()
    try:
        value = action()
        return value, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.fixture
def big(cloud: FakeCloud) -> str:
    cloud.object_storage.create_container("demo", "big")
    return "big"


def test_a_50_mb_upload_from_an_iterator_is_streamed_and_stored_once(
    cloud: FakeCloud, storage: ServiceClient, big: str
) -> None:
    result, peak = _peak_of(lambda: objects.create(storage, big, "object.bin", _chunks()))
    assert result.extract().etag == MD5
    assert cloud.requests.last is not None
    assert cloud.requests.last.headers["Transfer-Encoding"] == "chunked"
    stored = cloud.object_storage.get_object("demo", big, "object.bin")
    assert (stored.size, stored.etag) == (SIZE, MD5)
    assert peak < SIZE * 1.25, f"peak {peak} bytes for a {SIZE}-byte upload"


def test_a_50_mb_upload_from_bytes_is_stored_without_a_copy(
    cloud: FakeCloud, storage: ServiceClient, big: str
) -> None:
    data = BLOCK * (SIZE // len(BLOCK))
    result, peak = _peak_of(lambda: objects.create(storage, big, "object.bin", data))
    assert result.extract().etag == MD5
    assert cloud.object_storage.get_object("demo", big, "object.bin").data is data
    assert peak < SIZE // 10, f"peak {peak} bytes for a {SIZE}-byte upload"


def test_a_50_mb_download_streams_into_a_file_without_holding_it(
    cloud: FakeCloud, storage: ServiceClient, big: str
) -> None:
    cloud.object_storage.put_object("demo", big, "object.bin", BLOCK * (SIZE // len(BLOCK)))
    sink = _HashingSink()

    def transfer() -> int:
        with objects.download(storage, big, "object.bin") as result:
            return result.read_into(sink)  # type: ignore[arg-type]

    written, peak = _peak_of(transfer)
    assert written == sink.size == SIZE
    assert sink.digest.hexdigest() == MD5
    assert peak < SIZE // 10, f"peak {peak} bytes for a {SIZE}-byte download"


def test_download_chunks_are_at_most_the_size_asked(
    cloud: FakeCloud, storage: ServiceClient, big: str
) -> None:
    body = b"x" * 100_000
    cloud.object_storage.put_object("demo", big, "object.bin", body)
    sizes = [len(c) for c in objects.download(storage, big, "object.bin").iter_content(8192)]
    assert max(sizes) <= 8192
    assert sum(sizes) == len(body)
