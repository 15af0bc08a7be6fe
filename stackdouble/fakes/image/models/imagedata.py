"""Image data: upload (`PUT /file`), download, and the `glance-direct` import (`PUT /stage`
then `POST /import`), as `glance/api/v2/image_data.py`, `glance/location.py` and the
`api_image_import` flow do them.

Data is read once, in chunks, and kept as those chunks (`StoredData`): never joined, never
copied; a download hands the same chunks out again (slicing only at a range's edges). While
it streams in, the fake counts it against the image size cap and the storage quota (413 the
moment either is passed, as Glance's `LimitingReader`s do), hashes it (md5 for `checksum`,
sha512 for `os_hash_value`) and keeps its first bytes for the format checks (`formats`). An
upload or stage that fails changes nothing: Glance puts the image back to `queued`, which
is where the fake leaves it.

An import is Glance's background task: `POST /import` answers 202 with the image
`importing` (holding `os_glance_import_task`, with `os_glance_importing_to_stores` and
`os_glance_failed_import` set to "" as a single-store Glance sets them), and after
`config.import_time` seconds of fake time (0 by default: on the next call) the staged data
(`glance-direct`), or the data fetched from the URI (`web-download`, see `webdownload`),
becomes the image's, with the same checks as an upload. An import whose data fails them,
or cannot be fetched, puts the image back to `queued`, as the task's revert does. Each
import records its `api_image_import` task (`tasks`), which ends with it.

The seeded images hold `SeededData`: a qcow2 header and zeros, generated as it is read.
A volume the fake Cinder uploads (`upload_at` with a `ZeroData`) is stored as it is, its
digests precomputed (`zerodata`).
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from stackdouble.fakes.caller import Caller
from stackdouble.fakes.image.errors import (
    BadRequest,
    Conflict,
    Forbidden,
    NotFound,
    RequestEntityTooLarge,
    UnsupportedMediaType,
)
from stackdouble.fakes.image.models._common import (
    HASH_ALGO,
    TRANSITIONS,
    Blob,
    Image,
    _ModelBase,
)
from stackdouble.fakes.image.models.formats import HEAD_SIZE, inspect
from stackdouble.fakes.image.models.webdownload import FetchError, allowed_uri, fetch
from stackdouble.fakes.image.models.zerodata import ZeroData
from stackdouble.fakes.locking import locked

__all__ = ["ImageDataMixin", "SeededData", "StoredData", "qcow2_header"]

_ZEROS = bytes(65536)


@dataclass(frozen=True, slots=True)
class StoredData:
    """Uploaded bytes, kept as the chunks they arrived in."""

    parts: tuple[bytes, ...]
    size: int

    def read(self, offset: int = 0, length: int | None = None) -> Iterator[bytes]:
        """The bytes from `offset`, at most `length` of them, in the stored chunks."""
        end = self.size if length is None else min(self.size, offset + length)
        start = 0
        for part in self.parts:
            stop = start + len(part)
            if stop > offset and start < end:
                if start >= offset and stop <= end:
                    yield part
                else:
                    yield part[max(offset - start, 0):min(end, stop) - start]
            start = stop
            if start >= end:
                return


@dataclass(frozen=True, slots=True)
class SeededData:
    """A seeded image's bytes: `header`, then zeros up to `size`, made as they are read."""

    header: bytes
    size: int

    def read(self, offset: int = 0, length: int | None = None) -> Iterator[bytes]:
        """The bytes from `offset`, at most `length` of them, 64 KiB at a time."""
        end = self.size if length is None else min(self.size, offset + length)
        pos = offset
        if pos < len(self.header) and pos < end:
            chunk = self.header[pos:min(end, len(self.header))]
            yield chunk
            pos += len(chunk)
        while pos < end:
            step = min(len(_ZEROS), end - pos)
            yield _ZEROS if step == len(_ZEROS) else _ZEROS[:step]
            pos += step


def qcow2_header(virtual_size: int) -> bytes:
    """A 104-byte qcow2 v3 header for a disk of `virtual_size` bytes (no backing file)."""
    return struct.pack(">4sIQIIQIIQQIIQQQQII", b"QFI\xfb", 3, 0, 0, 16, virtual_size,
                       0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 104)


@dataclass(slots=True)
class _Received:
    data: Blob
    head: bytes
    checksum: str
    os_hash_value: str


class ImageDataMixin(_ModelBase):
    """Upload, download, stage and import, mixed into `ImageModel`."""

    # -- upload ---------------------------------------------------------------------------

    @locked
    def upload(self, caller: Caller, image_id: str, data: bytes | Iterable[bytes],
               size: int | None = None) -> Image:
        """Store an image's data (`PUT /v2/images/{id}/file`): it goes `saving`, then
        `active` with its size, checksum, `os_hash_value` and `virtual_size`.

        Args:
            caller: Who uploads.
            image_id: The image.
            data: The bytes, or an iterable of chunks (read once).
            size: The size the request announced (`x-openstack-image-size` or its
                Content-Length); checked against the storage quota before reading.

        Raises:
            NotFound: "No image found with ID <id>", or the caller may not read it.
            Forbidden: `upload_image` refused.
            Conflict: The image's status does not go to `saving` (already active...).
            BadRequest: `disk_format` or `container_format` not set.
            RequestEntityTooLarge: The size cap or the storage quota is passed.
            UnsupportedMediaType: The data does not match the image's `disk_format`.
        """
        image = self._lookup(caller, image_id)
        self._enforce(caller, "upload_image", image)
        self._check_transition(image, "saving")
        remaining = self._remaining_quota(image)
        if remaining is not None:
            self._check_quota_before(size, remaining)
        received = self._receive(data, remaining, staging=False)
        virtual = self._check_received(image, received, remaining)
        self._store_data(image, received, virtual)
        return image

    def _check_transition(self, image: Image, status: str) -> None:
        """`Image.status = status`: the transition must be allowed, and data cannot be
        saved before both formats are set."""
        if status not in TRANSITIONS[image.status]:
            raise Conflict(f"Image status transition from {image.status} to {status} is "
                           "not allowed")
        if image.status in ("queued", "uploading") and status in ("saving", "active",
                                                                 "importing"):
            missing = [k for k in ("disk_format", "container_format") if not getattr(image, k)]
            if missing:
                noun = "Property" if len(missing) == 1 else "Properties"
                raise BadRequest(f"{noun} {', '.join(missing)} must be set prior to saving "
                                 "data.")

    def _remaining_quota(self, image: Image) -> int | None:
        """`get_remaining_quota`: the owner's bytes left under `user_storage_quota` (this
        image's own data not counted), or None without a quota."""
        quota = self.config.user_storage_quota
        if quota <= 0:
            return None
        used = sum(i.size or 0 for i in self.images.values()
                   if i.owner == image.owner and i.id != image.id and i.data is not None)
        return quota - used

    @locked
    def storage_remaining(self, image_id: str) -> int | None:
        """The bytes of data an image may still take under its owner's
        `user_storage_quota` (its own data not counted), or None without a quota.

        Raises:
            KeyError: No such image.
        """
        self._settle()
        return self._remaining_quota(self.images[image_id])

    @staticmethod
    def _check_quota_before(size: int | None, remaining: int) -> None:
        if (size is None and remaining <= 0) or (size is not None and size > remaining):
            raise RequestEntityTooLarge(
                f"Image exceeds the storage quota: The size of the data {size} will exceed "
                f"the limit. {remaining} bytes remaining.")

    def _receive(self, data: bytes | Iterable[bytes], remaining: int | None, *,
                 staging: bool) -> _Received:
        """Read the data once, counting it against the quota and the size cap."""
        cap = self.config.image_size_cap
        md5 = hashlib.md5(usedforsecurity=False)
        digest = hashlib.new(HASH_ALGO)
        parts: list[bytes] = []
        head = bytearray()
        total = 0
        for chunk in ([data] if isinstance(data, (bytes, bytearray)) else data):
            if not chunk:
                continue
            piece = bytes(chunk)
            total += len(piece)
            if remaining is not None and total > remaining and not staging:
                raise RequestEntityTooLarge(
                    "Image exceeds the storage quota: The size of the data %(image_size)s "
                    "will exceed the limit. %(remaining)s bytes remaining.")
            if total > cap:
                raise RequestEntityTooLarge("The incoming image is too large: The provided "
                                            "image is too large.")
            if len(head) < HEAD_SIZE:
                head += piece[:HEAD_SIZE - len(head)]
            md5.update(piece)
            digest.update(piece)
            parts.append(piece)
        return _Received(StoredData(tuple(parts), total), bytes(head), md5.hexdigest(),
                         digest.hexdigest())

    def _check_received(self, image: Image, received: _Received,
                        remaining: int | None) -> int | None:
        """The format checks, then the quota again with the size now known; returns the
        virtual size."""
        virtual: int | None = None
        if image.container_format == "bare":
            verdict = inspect(image.disk_format, received.head, received.data.size)
            if verdict.error is not None:
                raise UnsupportedMediaType(detail=verdict.error)
            virtual = verdict.virtual_size
        if remaining is not None and received.data.size > remaining:
            raise RequestEntityTooLarge(
                f"Image exceeds the storage quota: The size of the data "
                f"{received.data.size} will exceed the limit. {remaining} bytes remaining.")
        return virtual

    def _store_data(self, image: Image, received: _Received, virtual: int | None) -> None:
        image.virtual_size = virtual
        image.data = received.data
        image.size = received.data.size
        image.checksum = received.checksum
        image.os_hash_algo = HASH_ALGO
        image.os_hash_value = received.os_hash_value
        image.status = "active"
        self._touch(image)

    # -- download --------------------------------------------------------------------------

    @locked
    def open_data(self, caller: Caller, image_id: str) -> tuple[Image, Blob | None]:
        """The image and its data for a download (`GET /v2/images/{id}/file`); the data is
        None when the image has none yet (Glance answers 204).

        Raises:
            NotFound: No such image for the caller.
            Forbidden: The image is deactivated (for a non-admin), or `download_image` is
                refused.
        """
        image = self._lookup(caller, image_id)
        if image.status == "deactivated" and not self.is_admin(caller):
            raise Forbidden("The requested image has been deactivated. Image data download "
                            "is forbidden.")
        self._enforce(caller, "download_image", image)
        return image, image.data

    @locked
    def read_data(self, caller: Caller, image_id: str) -> bytes:
        """The whole of an image's data, for Python callers (tests, other fakes).

        Raises:
            NotFound: No such image for the caller, or it has no data.
            Forbidden: As `open_data`.
        """
        image, data = self.open_data(caller, image_id)
        if data is None:
            raise NotFound(f"Image {image.id} has no data.")
        return b"".join(data.read())

    # -- glance-direct import ----------------------------------------------------------------

    @locked
    def stage(self, caller: Caller, image_id: str, data: bytes | Iterable[bytes]) -> Image:
        """Stage data for a `glance-direct` import (`PUT /v2/images/{id}/stage`): the image
        goes `uploading`, with the staged size as its `size`.

        Raises:
            NotFound: No such image for the caller, or "'glance-direct' method is not
                available at this site.".
            Forbidden: `modify_image` refused.
            Conflict: The image is not `queued`.
            RequestEntityTooLarge: The data passes the size cap.
        """
        if "glance-direct" not in self.config.import_methods:
            raise NotFound("'glance-direct' method is not available at this site.")
        image = self._lookup(caller, image_id)
        self._enforce(caller, "modify_image", image)
        if "uploading" not in TRANSITIONS[image.status]:
            raise Conflict(f"Image status transition from {image.status} to uploading is "
                           "not allowed")
        received = self._receive(data, None, staging=True)
        image.staged = received.data
        image.size = received.data.size
        image.status = "uploading"
        self._touch(image)
        return image

    @locked
    def import_image(self, caller: Caller, image_id: str, method: str = "glance-direct", *,
                     uri: object = None, all_stores_must_succeed: bool = True,
                     import_req: Mapping[str, Any] | None = None,
                     request_id: str | None = None) -> Image:
        """Start an import (`POST /v2/images/{id}/import`): `glance-direct` of the staged
        data, or `web-download` of `uri`. The image is `importing` until
        `config.import_time` has passed; the data is then read and checked (a
        `web-download` is fetched then, see `webdownload`). The import's `api_image_import`
        task (`tasks`) records `import_req` (the request's body; by default the method and
        `uri`) and `request_id`.

        Raises:
            BadRequest: An import method this Glance does not enable, or a `uri` the
                filters refuse.
            NotFound: No such image for the caller.
            Conflict: The image is active, not staged (`glance-direct`), not `queued`
                (`web-download`), or lacks a format.
            Forbidden: `modify_image` refused.
        """
        if method not in self.config.import_methods:
            raise BadRequest(f"Unknown import method name '{method}'.")
        image = self._lookup(caller, image_id)
        if image.status == "active":
            raise Conflict("Image with status active cannot be target for import")
        if method == "web-download" and image.status != "queued":
            raise Conflict("Image needs to be in 'queued' state to use 'web-download' method")
        if method == "glance-direct" and image.status != "uploading":
            raise Conflict("Image needs to be staged before 'glance-direct' method can be "
                           "used")
        if not image.container_format:
            raise Conflict("'container_format' needs to be set before import")
        if not image.disk_format:
            raise Conflict("'disk_format' needs to be set before import")
        self._enforce(caller, "modify_image", image)
        if not all_stores_must_succeed:
            raise BadRequest(f"All_stores_must_succeed can only be set with enabled_backends "
                             f"{uri}")
        if method == "web-download":
            if not allowed_uri(self.cloud, uri, self.config.web_download_hosts):
                raise BadRequest(f"URI for web-download does not pass filtering: {uri}")
            self._downloads[image.id] = str(uri)
        if import_req is None:
            given = {"name": method, **({"uri": uri} if uri is not None else {})}
            import_req = {"method": given}
        image.properties["os_glance_import_task"] = self._start_import_task(
            caller, image, import_req, request_id)
        image.properties["os_glance_importing_to_stores"] = ""
        image.properties["os_glance_failed_import"] = ""
        image.status = "importing"
        image.ready_at = self.cloud.clock.time() + self.config.import_time
        self._importing.add(image.id)
        self._touch(image)
        return image

    @locked
    def upload_at(self, caller: Caller, image_id: str, data: bytes | Blob, when: float, *,
                  virtual_size: int | None = None) -> Image:
        """Store an image's data at fake time `when` (`cloud.clock.time()`), as a client
        still producing it would: Nova's compute host uploading a snapshot. Until then the
        image stays as it is (`queued`); then it goes `active` as `upload` leaves it, or
        stays `queued` if the data fails `upload`'s checks. With `virtual_size`, the data
        is taken as it is (a compute host's qcow2, which the checks pass) with that
        virtual size.

        Raises:
            NotFound, Forbidden, Conflict, BadRequest: As `upload`, checked now.
        """
        image = self._lookup(caller, image_id)
        self._enforce(caller, "upload_image", image)
        self._check_transition(image, "saving")
        image.staged = (StoredData((bytes(data),), len(data))
                        if isinstance(data, (bytes, bytearray)) else data)
        image.ready_at = when
        if virtual_size is not None:
            self._unchecked[image.id] = virtual_size
        self._importing.add(image.id)
        self._settle()
        return image

    @locked
    def delete_at(self, caller: Caller, image_id: str, when: float) -> None:
        """Delete an image at fake time `when`, as a client finishing background work
        would (Nova's compute host removing a shelved server's snapshot once it is
        unshelved). Checked now as `delete_image`; at `when` an image protected since is
        kept.

        Raises:
            NotFound, Forbidden: As `delete_image`.
        """
        image = self._lookup(caller, image_id, f"Failed to find image {image_id} to delete")
        self._enforce(caller, "delete_image", image)
        if image.protected:
            raise Forbidden(f"Image {image_id} is protected and cannot be deleted.")
        image.delete_at = when
        self._importing.add(image.id)
        self._settle()

    def _settle(self) -> None:
        """Finish the imports, timed uploads and timed deletions due by now (every public
        call starts with this)."""
        if not self._importing:
            return
        now = self.cloud.clock.time()
        for image_id in sorted(self._importing):
            image = self.images.get(image_id)
            if image is None:
                self._importing.discard(image_id)
                continue
            if image.ready_at is not None and image.ready_at <= now:
                self._finish_import(image)
            if image.delete_at is not None and image.delete_at <= now:
                image.delete_at = None
                if not image.protected:
                    self._remove(image)
            if image.ready_at is None and image.delete_at is None:
                self._importing.discard(image_id)

    def _finish_import(self, image: Image) -> None:
        staged = image.staged
        image.staged = None
        due, image.ready_at = image.ready_at, None
        task_id = image.properties.pop("os_glance_import_task", None)
        uri = self._downloads.pop(image.id, None)
        if uri is not None:
            try:
                staged = self._receive(fetch(self.cloud, uri), None, staging=True).data
            except (FetchError, RequestEntityTooLarge):
                staged = None
        if staged is None:
            image.status, image.size, image.virtual_size = "queued", None, None
            self._touch(image)
            self._end_import_task(task_id, None, due)
            return
        if isinstance(staged, ZeroData):  # a volume uploaded by Cinder: taken as it is
            checksum, os_hash_value = staged.digests()
            self._unchecked.pop(image.id, None)
            self._store_data(image, _Received(staged, b"", checksum, os_hash_value),
                             staged.size)
            self._end_import_task(task_id, staged.size, due)
            return
        head = b"".join(staged.read(0, HEAD_SIZE))
        md5 = hashlib.md5(usedforsecurity=False)
        digest = hashlib.new(HASH_ALGO)
        for chunk in staged.read():
            md5.update(chunk)
            digest.update(chunk)
        parts = staged.parts if isinstance(staged, StoredData) else tuple(staged.read())
        received = _Received(StoredData(parts, staged.size), head, md5.hexdigest(),
                             digest.hexdigest())
        if image.id in self._unchecked:
            self._store_data(image, received, self._unchecked.pop(image.id))
            return
        try:
            virtual = self._check_received(image, received, self._remaining_quota(image))
        except (UnsupportedMediaType, RequestEntityTooLarge):
            image.status, image.size, image.virtual_size = "queued", None, None
            self._touch(image)
            self._end_import_task(task_id, None, due)
            return
        self._store_data(image, received, virtual)
        self._end_import_task(task_id, received.data.size, due)
