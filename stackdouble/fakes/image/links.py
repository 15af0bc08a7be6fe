"""What the image fake provides to the other services: the cloud's `images` link
(`stackdouble.fakes.links.ImageLink`), answered from Glance's images with Glance's rules.
Mounted after the compute service, it replaces the images of Nova's own store.

Nova's calls are Glance API calls made with the user's token (`nova/image/glance.py`), so
they meet the same visibility and policies; Glance's refusals come back as `LinkError`s
carrying Glance's message (a 403 as `LinkForbidden`, a 400 or 413 as `LinkRefused`, a 404
as `LinkNotFound`). A snapshot is created `queued` and private in the server's project; its
data (a qcow2 header, then zeros: 64 KiB) is stored, unchecked, at `request.ready_at`.

A volume Cinder uploads is an image created with the caller's token (so in the caller's
project, with Glance's default visibility unless Cinder names one), whose data, zeros the
size of the volume (`models.zerodata.ZeroData`), is stored at `request.ready_at`. Data
Glance would refuse (over `image_size_cap` or the owner's `user_storage_quota`, as known
when Cinder asks) never arrives, and the image, left `queued`, is deleted at `ready_at`, as
Cinder's volume manager deletes it after the failed upload.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress
from typing import TYPE_CHECKING

from stackdouble.fakes.image.errors import (
    Forbidden,
    GlanceError,
    NotFound,
    RequestEntityTooLarge,
)
from stackdouble.fakes.image.models import (
    CONTAINER_FORMATS,
    DISK_FORMATS,
    Change,
    ImageQuery,
    SeededData,
)
from stackdouble.fakes.image.models.imagedata import qcow2_header
from stackdouble.fakes.image.models.zerodata import ZeroData
from stackdouble.fakes.links import (
    ImageFilters,
    ImageInfo,
    LinkError,
    LinkForbidden,
    LinkNotFound,
    LinkOverLimit,
    LinkRefused,
    SnapshotRequest,
    VolumeUpload,
)

if TYPE_CHECKING:
    from stackdouble.fakes.caller import Caller
    from stackdouble.fakes.image import ImageService
    from stackdouble.fakes.image.models import Image, ImageModel

__all__ = ["SNAPSHOT_SIZE", "GlanceImages", "image_info"]

#: Bytes of data a snapshot made through the link holds.
SNAPSHOT_SIZE = 64 * 1024


def image_info(image: Image) -> ImageInfo:
    """An image as another service reads it."""
    return ImageInfo(id=image.id, name=image.name, status=image.status, size=image.size,
                     min_disk=image.min_disk, min_ram=image.min_ram,
                     disk_format=image.disk_format, container_format=image.container_format,
                     checksum=image.checksum, properties=dict(image.properties),
                     owner=image.owner, created_at=image.created_at,
                     updated_at=image.updated_at, visibility=image.visibility,
                     protected=image.protected)


def _link_error(error: GlanceError) -> LinkError:
    message = error.explanation or error.detail or ""
    if isinstance(error, NotFound):
        return LinkNotFound(message)
    if isinstance(error, Forbidden):
        return LinkForbidden(message)
    if isinstance(error, RequestEntityTooLarge):
        return LinkOverLimit(message)
    return LinkRefused(message)


class GlanceImages:
    """The `images` link, answered by the image service's current model."""

    __slots__ = ("_service",)

    def __init__(self, service: ImageService) -> None:
        self._service = service

    @property
    def _model(self) -> ImageModel:
        return self._service.model

    def get(self, caller: Caller, image_id: str) -> ImageInfo | None:
        """The image if it exists and the caller may see it (`ImageModel.get_image`)."""
        image = self._model.get_image(caller, image_id)
        return None if image is None else image_info(image)

    def named(self, caller: Caller, name: str) -> list[ImageInfo]:
        """The images with this name a listing shows the caller, newest first."""
        return [image_info(i) for i in self._model.images_named(caller, name)]

    def list_images(self, caller: Caller, filters: ImageFilters, *, limit: int,
                    marker: str | None) -> list[ImageInfo]:
        """A page of Glance's default listing, filtered as Nova's proxy asks.

        Raises:
            LinkRefused: The marker is no image.
            LinkForbidden: The marker is an image the caller may not see.
        """
        query = ImageQuery(limit=limit, marker=marker,
                           filters=(lambda image: filters.matches(image_info(image)),))
        try:
            page, _ = self._model.list_images(caller, query)
        except GlanceError as exc:
            raise _link_error(exc) from None
        return [image_info(i) for i in page]

    def create_snapshot(self, caller: Caller, request: SnapshotRequest) -> ImageInfo:
        """Create a private, queued snapshot whose data arrives at `request.ready_at`.

        Raises:
            LinkForbidden: Glance refuses to create it.
            LinkRefused: Glance refuses its attributes.
        """
        model = self._model
        header = qcow2_header(request.virtual_size) if request.disk_format == "qcow2" else b""
        try:
            image = model.create_image(
                caller, name=request.name, owner=request.owner, visibility="private",
                min_disk=request.min_disk, min_ram=request.min_ram,
                disk_format=request.disk_format, container_format=request.container_format,
                properties=dict(request.properties))
            model.upload_at(caller, image.id, SeededData(header, SNAPSHOT_SIZE),
                            request.ready_at, virtual_size=request.virtual_size)
        except GlanceError as exc:
            raise _link_error(exc) from None
        return image_info(image)

    def delete(self, caller: Caller, image_id: str, *, at: float | None = None) -> None:
        """Delete an image now, or once the cloud's clock reaches `at`.

        Raises:
            LinkNotFound: No such image for the caller.
            LinkForbidden: Not the owner's, or protected.
        """
        try:
            if at is None:
                self._model.delete_image(caller, image_id)
            else:
                self._model.delete_at(caller, image_id, at)
        except GlanceError as exc:
            raise _link_error(exc) from None

    def set_properties(self, caller: Caller, image_id: str, properties: Mapping[str, str], *,
                       visibility: str | None = None) -> ImageInfo:
        """The image's extra properties become `properties` and its visibility `visibility`
        (when given), through one `PATCH` of what differs (glanceclient's `update` with
        `remove_props`: the properties left out are removed), with Glance's rules for the
        caller (`ImageModel.update_image`).

        Raises:
            LinkNotFound: No such image for the caller.
            LinkForbidden: `modify_image` refused (not the owner's), or a visibility the
                caller may not set.
            LinkOverLimit: More properties than `image_property_quota`.
            LinkRefused: Glance refuses the patch.
        """
        model = self._model
        image = model.get_image(caller, image_id)
        if image is None:
            raise LinkNotFound(f"No image found with ID {image_id}")
        old = image.properties
        changes = [Change("remove", (key,)) for key in old if key not in properties]
        for key, value in properties.items():
            if key not in old:
                changes.append(Change("add", (key,), value))
            elif old[key] != value:
                changes.append(Change("replace", (key,), value))
        if visibility is not None and visibility != image.visibility:
            changes.append(Change("replace", ("visibility",), visibility))
        try:
            return image_info(model.update_image(caller, image_id, changes))
        except GlanceError as exc:
            raise _link_error(exc) from None

    def upload_volume(self, caller: Caller, request: VolumeUpload) -> ImageInfo:
        """Create the caller's image of a volume; its data arrives at `request.ready_at`,
        or, were Glance to refuse it, the image is deleted then.

        Raises:
            LinkRefused: A disk or container format Glance does not know (glanceclient
                refuses it before sending).
            LinkForbidden: Glance refuses to create it (a visibility the caller may not set).
            LinkOverLimit: More properties than Glance's quota allows.
        """
        for key, value, known in (("container_format", request.container_format,
                                   CONTAINER_FORMATS),
                                  ("disk_format", request.disk_format, DISK_FORMATS)):
            if value is not None and value not in known:
                raise LinkRefused(f"Unable to set '{key}' to '{value}'. Reason: '{value}' is "
                                  f"not one of {list(known)}")
        model = self._model
        try:
            image = model.create_image(
                caller, name=request.name, visibility=request.visibility,
                protected=request.protected, disk_format=request.disk_format,
                container_format=request.container_format,
                properties=dict(request.properties))
        except GlanceError as exc:
            raise _link_error(exc) from None
        remaining = model.storage_remaining(image.id)
        if request.size <= model.config.image_size_cap and (
                remaining is None or request.size <= remaining):
            try:
                model.upload_at(caller, image.id, ZeroData(request.size), request.ready_at)
                return image_info(image)
            except GlanceError:  # no container format: the upload fails
                pass
        # Cinder's manager deletes the image the failed upload left queued (a protected
        # image stays: the delete fails)
        with suppress(GlanceError):
            model.delete_at(caller, image.id, request.ready_at)
        return image_info(image)
