"""50 MB through the client without holding it: chunked uploads and streamed downloads.

Memory is measured with tracemalloc around the transfer alone; the data is generated on the
fly on both sides, so whatever the peak shows was allocated by the client and `requests`.
"""

from __future__ import annotations

import hashlib
import io
import tracemalloc
from collections.abc import Iterator
from typing import Any

import responses

from stackdouble.client import ServiceClient
from stackdouble.client.openstack.objectstorage.v1 import objects
from tests.client.objectstorage.samples import ACCOUNT, HEAD_OBJECT, PUT_APPLE

SIZE = 50 * 1024 * 1024
BLOCK = bytes(range(256)) * 4096  # 1 MiB
URL = ACCOUNT + "/big/object.bin"


def _expected_md5() -> str:
    digest = hashlib.md5()
    for _ in range(SIZE // len(BLOCK)):
        digest.update(BLOCK)
    return digest.hexdigest()


MD5 = _expected_md5()


class _Generated(io.RawIOBase):
    """SIZE bytes of BLOCK repeated, produced as they are read."""

    def __init__(self) -> None:
        self.position = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        offset = self.position % len(BLOCK)
        count = min(len(buffer), SIZE - self.position, len(BLOCK) - offset)
        buffer[:count] = BLOCK[offset : offset + count]
        self.position += count
        return count


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


def test_a_50_mb_upload_from_an_iterator_is_streamed_and_checked(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    received = {"size": 0, "digest": hashlib.md5()}

    def swift(request: Any) -> tuple[int, dict[str, str], bytes]:
        for chunk in request.body:
            received["digest"].update(chunk)  # type: ignore[attr-defined]
            received["size"] += len(chunk)  # type: ignore[operator]
        return 201, {**PUT_APPLE, "Etag": received["digest"].hexdigest()}, b""  # type: ignore[attr-defined]

    mock.add_callback("PUT", URL, callback=swift)
    result, peak = _peak_of(lambda: objects.create(storage, "big", "object.bin", _chunks()))
    assert result.extract().etag == MD5
    assert received["size"] == SIZE
    assert mock.calls[0].request.headers["Transfer-Encoding"] == "chunked"
    assert peak < SIZE // 10, f"peak {peak} bytes for a {SIZE}-byte upload"


def test_a_50_mb_download_streams_into_a_file_without_holding_it(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    headers = {**HEAD_OBJECT, "Content-Length": str(SIZE), "Etag": MD5,
               "Content-Type": "application/octet-stream"}
    mock.add_callback("GET", URL,
                      callback=lambda request: (200, headers, io.BufferedReader(_Generated())))
    sink = _HashingSink()

    def transfer() -> int:
        with objects.download(storage, "big", "object.bin") as result:
            return result.read_into(sink)  # type: ignore[arg-type]

    written, peak = _peak_of(transfer)
    assert written == sink.size == SIZE
    assert sink.digest.hexdigest() == MD5
    assert peak < SIZE // 10, f"peak {peak} bytes for a {SIZE}-byte download"


def test_download_chunks_are_at_most_the_size_asked(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    body = b"x" * 100_000
    headers = {**HEAD_OBJECT, "Content-Length": str(len(body)),
               "Etag": hashlib.md5(body).hexdigest()}
    mock.add_callback("GET", URL, callback=lambda request: (200, headers, body))
    sizes = [len(c) for c in objects.download(storage, "big", "object.bin").iter_content(8192)]
    assert max(sizes) <= 8192
    assert sum(sizes) == len(body)
