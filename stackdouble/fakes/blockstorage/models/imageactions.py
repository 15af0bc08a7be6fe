"""A volume's image actions: uploading it to a new image, re-imaging it from one, and its
image metadata (`cinder/api/contrib/volume_actions.py` `_volume_upload_image` and
`_reimage`, `cinder/volume/api.py` `copy_volume_to_image` and `reimage`,
`cinder/api/contrib/volume_image_metadata.py`), for the actions of
`client/openstack/blockstorage/v3/volumes`. The image service is asked only through the
cloud's `images` link, as Cinder asks Glance with the caller's token.

What the fake leaves out: encrypted volumes (the fake has none), Cinder's conversion of the
data (an upload stores the volume's size of zeros, whatever the disk format), the
`virtual_size` check of a re-image, the snapshot-backed images Nova makes of a volume-backed
server (`block_device_mapping` properties), and Nova's `volume-reimaged` event after a
re-image of a `reserved` volume. A `compressed` container is refused before the image is
created (Cinder refuses it just after, leaving a `queued` image behind).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from stackdouble.fakes.blockstorage.errors import (
    BadRequest,
    CinderError,
    NotFound,
    invalid_volume,
)
from stackdouble.fakes.blockstorage.models._common import _ModelBase
from stackdouble.fakes.blockstorage.models.volumes import (
    Volume,
    _check_image,
    _image_metadata,
)
from stackdouble.fakes.caller import Caller
from stackdouble.fakes.links import (
    ImageInfo,
    LinkError,
    LinkForbidden,
    LinkNotFound,
    LinkOverLimit,
    VolumeUpload,
)

__all__ = ["GLANCE_CORE_PROPERTIES", "RESERVED_NAMESPACES", "ImageActionsMixin", "ImageUpload"]

#: `glance_core_properties`: volume image metadata an upload does not copy to the image.
GLANCE_CORE_PROPERTIES = frozenset({"checksum", "container_format", "disk_format",
                                    "image_name", "image_id", "min_disk", "min_ram", "name",
                                    "size"})
#: `GLANCE_RESERVED_NAMESPACES`: prefixes of properties never sent to the image service.
RESERVED_NAMESPACES = ("os_glance", "img_signature", "signature_verified")
_GiB = 1024**3


@dataclass(frozen=True, slots=True)
class ImageUpload:
    """What `upload_to_image` started: the volume (now `uploading`), its `updated_at`
    before the upload (what Cinder's answer shows) and the new image."""

    volume: Volume
    updated_at: datetime | None
    image: ImageInfo


def _glance_fault(error: LinkError) -> BadRequest:
    """The 400 Cinder answers when Glance refuses the image: `str()` of glanceclient's
    exception, the image service's message and its status."""
    status = (403 if isinstance(error, LinkForbidden) else 413
              if isinstance(error, LinkOverLimit) else 404
              if isinstance(error, LinkNotFound) else 400)
    return BadRequest(f"{error.message} (HTTP {status})")


def _reserved(key: str) -> bool:
    return key.startswith(RESERVED_NAMESPACES)


class ImageActionsMixin(_ModelBase):
    """The image actions of `BlockStorageModel`."""

    # -- os-volume_upload_image ---------------------------------------------------------

    def upload_to_image(self, caller: Caller, volume_id: str, *, image_name: str,
                        force: bool = False, disk_format: str = "raw",
                        container_format: str | None = "bare", visibility: str | None = None,
                        protected: bool = False) -> ImageUpload:
        """`os-volume_upload_image` after its policy checks: the volume goes `uploading`,
        an image is created in the image service, and after `action_time` the image holds
        the volume's data and the volume is back to `available` (or `in-use`).

        Args:
            force: Upload an `in-use` volume; ignored unless `enable_force_upload`.
            visibility: The image's visibility (3.1); None lets the image service choose.

        Raises:
            NotFound: No such volume for the caller.
            BadRequest: "Invalid volume: Volume <id> status must be available" (or
                "available or in-use" with an honoured force), or the image service's
                refusal, or a `compressed` container.
        """
        volume = self.get_volume(caller, volume_id)
        force = force and self.enable_force_upload
        expected = ("available", "in-use") if force else ("available",)
        if volume.status not in expected:
            raise invalid_volume(f"Volume {volume.id} status must be "
                                 f"{' or '.join(expected)}")
        updated_at = volume.updated_at
        previous = volume.status
        volume.status, volume.previous_status = "uploading", previous
        properties = {k: v for k, v in (volume.image_metadata or {}).items()
                      if k not in GLANCE_CORE_PROPERTIES and not _reserved(k)}
        request = VolumeUpload(name=image_name, disk_format=disk_format,
                               container_format=container_format, size=volume.size * _GiB,
                               visibility=visibility, protected=protected,
                               properties=properties,
                               ready_at=self.cloud.clock.time() + self.action_time)
        if container_format == "compressed":  # `allow_compression_on_image_upload` False
            volume.status, volume.previous_status = previous, None
            raise BadRequest("Image compression upload disallowed, but container_format is "
                             "compressed")
        try:
            image = self.cloud.links.images.upload_volume(caller, request)
        except LinkError as exc:
            volume.status, volume.previous_status = previous, None
            raise _glance_fault(exc) from None
        volume.updated_at = self._now()
        self._schedule(volume, "upload", self.action_time)
        return ImageUpload(volume, updated_at, image)

    # -- os-reimage (3.68) ----------------------------------------------------------------

    def reimage(self, caller: Caller, volume_id: str, image_id: str, *,
                reimage_reserved: bool = False) -> None:
        """`os-reimage`: the volume goes `downloading`, and after `action_time` holds the
        image (bootable, with the image's metadata) and is back to its former status.

        Raises:
            NotFound: No such volume, or "Image <id> could not be found.".
            CinderError: 409 for a volume attached to more than one server.
            BadRequest: "Invalid volume: Volume <id> status must be available or error
                [or reserved], but current status is <status>.", or Cinder's image
                checks ("Invalid input received: Image <id> is not active."...).
        """
        volume = self.get_volume(caller, volume_id)
        image = self.cloud.links.images.get(caller, image_id)
        if image is None:
            raise NotFound(f"Image {image_id} could not be found.")
        if len(volume.attachments) > 1:
            raise CinderError("Cannot re-image a volume which is attached to more than one "
                              "server.", status=409)
        expected = ("available", "error", "reserved") if reimage_reserved \
            else ("available", "error")
        if volume.status not in expected:
            raise invalid_volume(f"Volume {volume.id} status must be "
                                 f"{' or '.join(expected)}, but current "
                                 f"status is {volume.status}.")
        _check_image(image, volume.size)
        volume.status, volume.previous_status = "downloading", volume.status
        volume.updated_at = self._now()
        self._schedule(volume, "reimage", self.action_time,
                       image_metadata=_image_metadata(image, volume.size))

    # -- volume image metadata ----------------------------------------------------------

    def image_metadata(self, caller: Caller, volume_id: str) -> dict[str, str]:
        """`os-show_image_metadata`: the volume's image metadata ({} for none).

        Raises:
            NotFound: No such volume for the caller.
        """
        return dict(self.get_volume(caller, volume_id).image_metadata or {})

    def set_image_metadata(self, caller: Caller, volume_id: str,
                           items: Mapping[str, str]) -> dict[str, str]:
        """`os-set_image_metadata`: merge `items`; returns all of it.

        Raises:
            NotFound: No such volume for the caller.
            BadRequest: "Invalid volume: Updating volume metadata is not allowed for
                volumes in <status> status." (maintenance, uploading).
        """
        volume = self.get_volume(caller, volume_id)
        if volume.status in ("maintenance", "uploading"):
            raise invalid_volume("Updating volume metadata is not allowed for volumes in "
                                 f"{volume.status} status.")
        volume.image_metadata = {**(volume.image_metadata or {}), **items}
        volume.updated_at = self._now()
        return dict(volume.image_metadata)

    def unset_image_metadata(self, caller: Caller, volume_id: str, key: str) -> None:
        """`os-unset_image_metadata`: remove one key.

        Raises:
            NotFound: No such volume, or "Glance metadata for volume/snapshot <id> cannot
                be found." (no such key).
            BadRequest: "Invalid volume: Deleting volume metadata is not allowed for
                volumes in <status> status." (maintenance, uploading).
        """
        volume = self.get_volume(caller, volume_id)
        if key not in (volume.image_metadata or {}):
            raise NotFound(f"Glance metadata for volume/snapshot {volume.id} cannot be "
                           "found.")
        if volume.status in ("maintenance", "uploading"):
            raise invalid_volume("Deleting volume metadata is not allowed for volumes in "
                                 f"{volume.status} status.")
        assert volume.image_metadata is not None
        del volume.image_metadata[key]
        volume.updated_at = self._now()
