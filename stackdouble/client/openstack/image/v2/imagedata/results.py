"""Glance image data results: the upload and stage results, the streamed download and its
checksum error."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from urllib3.exceptions import HTTPError as _Urllib3Error

from stackdouble.client._errors import HTTPError, StackdoubleError, TransportError
from stackdouble.client._results import ErrResult, Result
from stackdouble.client._streaming import DEFAULT_CHUNK_SIZE, StreamedDownload

if TYPE_CHECKING:
    import requests

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "ChecksumMismatch",
    "DownloadResult",
    "StageResult",
    "UploadResult",
]

#: Bytes per chunk when data is streamed and the caller does not say.


class ChecksumMismatch(HTTPError):
    """The downloaded bytes do not hash to the image's `checksum` (MD5) or `os_hash_value`:
    the transfer or the stored data is corrupt. Raised as the last chunk is read; retrying
    the download is safe.

    Attributes:
        algorithm: `md5` for the checksum, else the `os_hash_algo` (`sha512`).
        expected_hash: The hash Glance gave (or the caller expected), hex.
        computed_hash: The hash of the bytes received, hex.
    """

    def __init__(
        self,
        *,
        method: str,
        url: str,
        status: int,
        algorithm: str,
        expected_hash: str,
        computed_hash: str,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.algorithm = algorithm
        self.expected_hash = expected_hash
        self.computed_hash = computed_hash
        super().__init__(method=method, url=url, status=status, headers=headers,
                         note=f"{algorithm} mismatch: expected {expected_hash}, the data "
                              f"hashes to {computed_hash}")


class UploadResult(ErrResult):
    """The result of `imagedata.upload` (204, no body); the image is then `active`."""

    __slots__ = ()


class StageResult(ErrResult):
    """The result of `imagedata.stage` (204, no body); the image is then `uploading`."""

    __slots__ = ()


class DownloadResult(StreamedDownload, Result):
    """The result of `imagedata.download`: the headers now, the data as it is read.

    The data stays on the connection until read, so an image of any size passes through in
    chunks: iterate `iter_content()`, or `read_into(file)`. `extract_content()` reads it all
    into memory, for small images. The data can be read once; use the result as a context
    manager (or call `close()`) when it may not be read at all.

    While reading, the bytes are hashed: once the last chunk has arrived the MD5 is
    compared with the `checksum` (the caller's, else Glance's `Content-MD5` header) and,
    when the caller gave one, the `os_hash_value`; a difference raises `ChecksumMismatch`.
    An image without data (`queued`) answers 204: `has_data` is False and nothing is read.
    """

    __slots__ = ("_expected", "_response")

    def __init__(
        self,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
        status: int = 0,
        err: StackdoubleError | None = None,
        *,
        response: requests.Response | None = None,
        expected: Mapping[str, str] | None = None,
        method: str = "GET",
        url: str = "",
    ) -> None:
        super().__init__(body, headers, status, err, method=method, url=url)
        self._response = response
        self._expected = dict(expected or {})

    @classmethod
    def from_stream(cls, response: requests.Response, url: str,
                    expected: Mapping[str, str]) -> DownloadResult:
        """A result holding a response whose body is still unread.

        Args:
            response: The streamed response.
            url: The data's URL.
            expected: Hex digests to check by algorithm (`md5`, `sha512`...); `md5` defaults
                to the `Content-MD5` header.
        """
        wanted = dict(expected)
        md5 = response.headers.get("Content-MD5")
        if "md5" not in wanted and md5 and response.status_code == 200:
            wanted["md5"] = md5.strip().lower()
        return cls(None, response.headers, response.status_code, response=response,
                   expected=wanted, url=url)

    @property
    def has_data(self) -> bool:
        """Whether the image has data (Glance answers 204 for an image without)."""
        return self.status != 204

    @property
    def content_length(self) -> int | None:
        """Bytes to come (`Content-Length`), when Glance says."""
        value = self.headers.get("Content-Length")
        return int(value) if value is not None and value.isdigit() else None

    def iter_content(
        self, chunk_size: int = DEFAULT_CHUNK_SIZE, *, verify: bool = True
    ) -> Iterator[bytes]:
        """Yield the data in chunks of at most `chunk_size` bytes, as received.

        Args:
            chunk_size: The largest chunk to yield.
            verify: Check the hashes once the last chunk has arrived.

        Raises:
            StackdoubleError: The error the download ended with (on the first `next()`).
            ChecksumMismatch: The data does not hash as expected (after the last chunk).
            TransportError: The connection broke while reading.
            RuntimeError: The data was already read.
        """
        if self.err is not None:
            raise self.err
        if isinstance(self.body, bytes):
            for start in range(0, len(self.body), chunk_size):
                yield self.body[start : start + chunk_size]
            return
        response = self._take()
        digests = {algorithm: hashlib.new(algorithm, usedforsecurity=False)
                   for algorithm in self._expected} if (
            verify and self.has_data) else {}
        try:
            if self.has_data:
                for chunk in response.raw.stream(chunk_size, decode_content=False):
                    for digest in digests.values():
                        digest.update(chunk)
                    yield chunk
        except _Urllib3Error as exc:
            raise TransportError("GET", self.url, f"reading the image data: {exc}") from exc
        finally:
            response.close()
        for algorithm, digest in digests.items():
            computed = digest.hexdigest()
            if computed != self._expected[algorithm]:
                raise ChecksumMismatch(method="GET", url=self.url, status=self.status,
                                       headers=self.headers, algorithm=algorithm,
                                       expected_hash=self._expected[algorithm],
                                       computed_hash=computed)
