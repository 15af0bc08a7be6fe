"""Glance image data: streamed upload, staging for an import, and streamed download."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, Any, Protocol, TypeVar

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.image.v2.imagedata import urls
from stackdouble.client.openstack.image.v2.imagedata.results import (
    DownloadResult,
    StageResult,
    UploadResult,
)

__all__ = [
    "OCTET_STREAM",
    "Data",
    "DownloadOpts",
    "DownloadOptsBuilder",
    "download",
    "stage",
    "upload",
]

#: The one media type Glance takes for image data (anything else is a 415).
OCTET_STREAM = "application/octet-stream"

#: Image data as the upload functions take it: bytes, a binary file (streamed, with a
#: Content-Length when its size is known) or an iterable of byte chunks (streamed chunked).
Data = bytes | IO[bytes] | Iterable[bytes]


R = TypeVar("R", UploadResult, StageResult)


def _put(result: type[R], client: ServiceClient, url: str, data: Data) -> R:
    sent: object = data
    if isinstance(sent, str):  # requests would send it encoded: refuse, as for a text file
        return result.from_error(InvalidInput("image data is bytes, a binary file or an "
                                              "iterable of bytes, not text", "data"))
    return result.request(client, "PUT", url, data=data,
                          headers={"Content-Type": OCTET_STREAM}, ok_codes=(204,))


def upload(client: ServiceClient, image_id: str, data: Data) -> UploadResult:
    """Upload an image's data (`PUT /v2/images/{image_id}/file`, 204), streamed.

    The image must be `queued` with `disk_format` and `container_format` set (400
    BadRequest otherwise); it is `active` when the call returns, with `size`, `checksum`
    and `os_hash_value` computed by Glance. Uploading to an image that has data is a 409
    Conflict. A file is sent again on a retry after a 401 or 503 (it is rewound); an
    iterator cannot be, so its upload fails instead.

    Args:
        client: An Image v2 client.
        image_id: The image.
        data: Bytes, a binary file or an iterable of byte chunks; nothing is read into
            memory beyond one chunk.

    Returns:
        An UploadResult; `extract_err()` raises its error, if any.

    Example:
        >>> import io
        >>> from stackdouble.client.openstack.image.v2 import imagedata
        >>> imagedata.upload(image_client, image_id,
        ...                  io.BytesIO(b"disk bytes")).extract_err()
    """
    return _put(UploadResult, client, urls.upload_url(client, image_id), data)


def stage(client: ServiceClient, image_id: str, data: Data) -> StageResult:
    """Stage an image's data for a `glance-direct` import (`PUT .../stage`, 204), streamed.

    The image goes `uploading`; `imageimport.create(..., CreateOpts(name="glance-direct"))`
    then imports it. Staging twice is a 409 Conflict.
    """
    return _put(StageResult, client, urls.stage_url(client, image_id), data)


class DownloadOptsBuilder(Protocol):
    """Anything that says which hashes a download must match."""

    def to_image_download_hashes(self) -> dict[str, str]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class DownloadOpts:
    """The hashes a download is checked against as it is read.

    Without options only the MD5 of Glance's `Content-MD5` header is checked. Give the
    image's `os_hash_algo` and `os_hash_value` (`DownloadOpts.from_image(image)`) to check
    the multihash too; `checksum` overrides the header's MD5.

    Example:
        >>> DownloadOpts(os_hash_algo="sha512", os_hash_value="AB12").to_image_download_hashes()
        {'sha512': 'ab12'}
    """

    checksum: str | None = None
    os_hash_algo: str | None = None
    os_hash_value: str | None = None

    @classmethod
    def from_image(cls, image: Any) -> DownloadOpts:
        """The hashes of an `images.Image` (its `checksum`, `os_hash_algo` and
        `os_hash_value`)."""
        return cls(checksum=image.checksum, os_hash_algo=image.os_hash_algo,
                   os_hash_value=image.os_hash_value)

    def to_image_download_hashes(self) -> dict[str, str]:
        """Hex digests by `hashlib` algorithm name.

        Raises:
            InvalidInput: Only one of `os_hash_algo` and `os_hash_value`, or an algorithm
                `hashlib` does not have.
        """
        hashes: dict[str, str] = {}
        if self.checksum:
            hashes["md5"] = self.checksum.lower()
        if (self.os_hash_algo is None) != (self.os_hash_value is None):
            raise InvalidInput("os_hash_algo and os_hash_value go together",
                               "os_hash_algo" if self.os_hash_algo is None else "os_hash_value")
        if self.os_hash_algo is not None and self.os_hash_value is not None:
            algorithm = self.os_hash_algo.lower()
            if algorithm not in hashlib.algorithms_available:
                raise InvalidInput(f"no hash algorithm {self.os_hash_algo!r} here",
                                   "os_hash_algo")
            hashes[algorithm] = self.os_hash_value.lower()
        return hashes


def download(client: ServiceClient, image_id: str,
             opts: DownloadOptsBuilder | None = None) -> DownloadResult:
    """Download an image's data (`GET /v2/images/{image_id}/file`), leaving it on the
    connection until read.

    Args:
        client: An Image v2 client.
        image_id: The image.
        opts: The hashes to check; by default the MD5 of Glance's `Content-MD5` header.

    Returns:
        A DownloadResult: read the data with `iter_content()`, `read_into(file)` or
        `extract_content()`; a hash that does not match raises `ChecksumMismatch` after the
        last chunk. A deactivated image is a 403 Forbidden (except for admins); an image
        without data answers 204 (`has_data` is False).

    Example:
        >>> from stackdouble.client.openstack.image.v2 import imagedata, images
        >>> imagedata.upload(image_client, image_id, b"disk bytes").extract_err()
        >>> image = images.get(image_client, image_id).extract()
        >>> with imagedata.download(image_client, image_id,
        ...                         imagedata.DownloadOpts.from_image(image)) as data:
        ...     with open("disk.img", "wb") as out:
        ...         written = data.read_into(out)
        >>> written
        10
    """
    try:
        expected = opts.to_image_download_hashes() if opts is not None else {}
    except StackdoubleError as exc:
        return DownloadResult.from_error(exc)
    url = urls.download_url(client, image_id)
    try:
        response = client.request("GET", url, ok_codes=(200, 204), stream=True)
    except StackdoubleError as exc:
        return DownloadResult.from_error(exc)
    return DownloadResult.from_stream(response, url, expected)
