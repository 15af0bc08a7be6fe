"""Images of the fake Nova's image proxy (the client's `compute/v2/images`), and the
flavor-against-image checks of a boot or rebuild."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from stackdouble.fakes.compute.errors import BadRequest, Forbidden, NotFound
from stackdouble.fakes.compute.models._base import ModelBase
from stackdouble.fakes.compute.models._common import Caller, _at, _GiB
from stackdouble.fakes.compute.models.flavors import Flavor

__all__ = ["Image", "ImagesMixin"]


@dataclass(slots=True)
class Image:
    """An image as Glance holds it (Nova's image proxy renders it)."""

    id: str
    name: str
    status: str  # Glance's: active, queued, saving, deleted
    size: int | None
    min_disk: int
    min_ram: int
    created_at: datetime
    updated_at: datetime
    properties: dict[str, Any] = field(default_factory=dict)
    owner: str | None = None  # None: public
    ready_at: float | None = None  # a snapshot becomes active then


class ImagesMixin(ModelBase):
    """Images as Nova's proxy shows them, mixed into `ComputeModel`."""

    def visible_image(self, caller: Caller, image_id: str) -> Image | None:
        """An image the caller may see (public, or its project's), settled."""
        image = self.images.get(image_id)
        source = self.servers.get(image.properties.get("instance_uuid", "")) if image else None
        if source is not None and source.pending is not None:
            self._settle(source)  # an unshelve that completed has deleted its snapshot
            image = self.images.get(image_id)
        if image is None or image.status == "deleted":
            return None
        if image.owner is not None and image.owner != caller.project_id and not caller.is_admin:
            return None
        self._settle_image(image)
        return image

    def _settle_image(self, image: Image) -> None:
        if image.ready_at is not None and self.cloud.clock.time() >= image.ready_at:
            image.status = "active"
            image.updated_at = _at(image.ready_at)
            image.ready_at = None

    def list_images(self, caller: Caller, *, limit: int, marker: str | None,
                    filters: Mapping[str, str]) -> list[Image]:
        """Visible images, newest first (Glance's `created_at desc, id desc`).

        Raises:
            BadRequest: An unknown marker.
        """
        visible = [i for i in list(self.images.values()) if self.visible_image(caller, i.id)]
        visible.sort(key=lambda i: (i.created_at, i.id), reverse=True)
        if marker is not None:
            ids = [i.id for i in visible]
            if marker not in ids:
                raise BadRequest(f"Marker {marker} could not be found.")
            visible = visible[ids.index(marker) + 1:]
        out: list[Image] = []
        for image in visible:
            if not _image_matches(image, filters):
                continue
            if len(out) >= limit:
                break
            out.append(image)
        return out

    def delete_image(self, caller: Caller, image_id: str) -> None:
        """Delete an image the caller owns (an admin: any).

        Raises:
            NotFound: "Image not found."
            Forbidden: "You are not allowed to delete the image."
        """
        image = self.visible_image(caller, image_id)
        if image is None:
            raise NotFound("Image not found.")
        if image.owner != caller.project_id and not caller.is_admin:
            raise Forbidden("You are not allowed to delete the image.")
        del self.images[image_id]


def _check_flavor_image(flavor: Flavor, image: Image, volume_backed: bool) -> None:
    """`API._validate_flavor_image_nostatus`: memory and disk against the image."""
    if flavor.ram < image.min_ram:
        raise BadRequest("Flavor's memory is too small for requested image.")
    if volume_backed:
        return
    dest = flavor.disk * _GiB
    if dest:
        size = image.size or 0
        if size > dest:
            raise BadRequest(f"Flavor's disk is too small for requested image. Flavor disk "
                             f"is {dest} bytes, image is {size} bytes.")
        if image.min_disk * _GiB > dest:
            raise BadRequest(f"Flavor's disk is smaller than the minimum size specified in "
                             f"image metadata. Flavor disk is {dest} bytes, minimum size is "
                             f"{image.min_disk * _GiB} bytes.")


def _image_matches(image: Image, filters: Mapping[str, str]) -> bool:
    for key, value in filters.items():
        if key == "name" and image.name != value:
            return False
        if key == "status" and image.status != value.lower():
            return False
        if key == "server" and image.properties.get("instance_uuid") != value.rsplit("/", 1)[-1]:
            return False
        if key == "type" and image.properties.get("image_type") != value:
            return False
        if key == "minRam" and value.isdigit() and image.min_ram < int(value):
            return False
        if key == "minDisk" and value.isdigit() and image.min_disk < int(value):
            return False
    return True
