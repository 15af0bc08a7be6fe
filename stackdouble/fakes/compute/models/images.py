"""Nova's images, which are Glance's: the image proxy (the client's `compute/v2/images`),
the image a boot or rebuild names, the flavor-against-image checks, and the snapshots
`createImage` and `shelve` take.

Nova keeps no images. As `nova/image/glance.py` calls Glance's API with the user's token,
every read and write here goes through the cloud's `images` link
(`stackdouble.fakes.links.ImageLink`, the fake Glance's `GlanceImages`), and the link's
errors become Nova's faults with Nova's messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress
from typing import TYPE_CHECKING

from stackdouble.fakes.caller import Caller
from stackdouble.fakes.compute.errors import BadRequest, Forbidden, NotFound
from stackdouble.fakes.compute.models._base import ModelBase
from stackdouble.fakes.compute.models._common import _GiB
from stackdouble.fakes.compute.models.flavors import Flavor
from stackdouble.fakes.links import (
    ImageFilters,
    ImageInfo,
    LinkError,
    LinkForbidden,
    LinkNotFound,
    LinkOverLimit,
    SnapshotRequest,
)

if TYPE_CHECKING:
    from stackdouble.fakes.compute.models.servers import Server

__all__ = ["DEFAULT_IMAGE_ID", "ImagesMixin"]

#: The image a Python `create_server` boots by default: the cirros image the fake Glance
#: seeds (`stackdouble/fakes/image/data/images.json`).
DEFAULT_IMAGE_ID = "7d0b5d38-8c35-4b2c-9c9b-0e2d7b5c4a11"


class ImagesMixin(ModelBase):
    """Nova's side of the image service, mixed into `ComputeModel`."""

    def visible_image(self, caller: Caller, image_id: str) -> ImageInfo | None:
        """The image if Glance shows it to the caller, else None."""
        return self.cloud.links.images.get(caller, image_id)

    def list_images(self, caller: Caller, *, limit: int, marker: str | None,
                    filters: Mapping[str, str]) -> list[ImageInfo]:
        """One page of the proxy (`GET /images[/detail]`): Glance's listing (newest first)
        with Nova's filters (`name`, `status`, `server`, `type`, `minRam`, `minDisk`).

        Raises:
            BadRequest: "Marker <id> could not be found." (Glance's 400).
            Forbidden: The marker is an image the caller may not see (Glance's 403).
        """
        try:
            return self.cloud.links.images.list_images(caller, image_filters(filters),
                                                       limit=limit, marker=marker)
        except LinkForbidden as exc:
            raise Forbidden(exc.message) from None
        except LinkError:
            raise BadRequest(f"Marker {marker} could not be found.") from None

    def delete_image(self, caller: Caller, image_id: str) -> None:
        """Delete an image through the proxy (`DELETE /images/{id}`): Glance decides.

        Raises:
            NotFound: "Image not found."
            Forbidden: "You are not allowed to delete the image."
        """
        try:
            self.cloud.links.images.delete(caller, image_id)
        except LinkNotFound:
            raise NotFound("Image not found.") from None
        except LinkError:
            raise Forbidden("You are not allowed to delete the image.") from None

    # -- image metadata (`image_metadata.py`, until 2.38) --------------------------------------

    def image_metadata(self, caller: Caller, image_id: str) -> dict[str, str]:
        """`GET /images/{id}/metadata`: the image's properties as Nova reads them from
        Glance (`glance.py` `_extract_attributes_v2`: every field that is not a base one).

        Raises:
            NotFound: "Image not found." (Glance does not show it to the caller).
        """
        return dict(self._metadata_image(caller, image_id).properties)

    def set_image_metadata(self, caller: Caller, image_id: str, items: Mapping[str, str], *,
                           replace: bool) -> dict[str, str]:
        """`POST` (merge) or `PUT` (`replace`) `/images/{id}/metadata`: the merged (or given)
        properties are checked against the `metadata_items` quota, then Glance's become
        exactly those (`update(..., purge_props=True)`); returns them as Glance answers.

        Raises:
            NotFound: "Image not found."
            Forbidden: "Image metadata limit exceeded", or Glance refuses the caller
                ("Not authorized for image <id>.").
            BadRequest: Glance refuses a value.
        """
        image = self._metadata_image(caller, image_id)
        merged = dict(items) if replace else {**image.properties, **items}
        self._check_image_metadata_quota(caller, merged)
        return dict(self._update_image_properties(caller, image, merged).properties)

    def set_image_metadatum(self, caller: Caller, image_id: str, key: str, value: str) -> None:
        """`PUT /images/{id}/metadata/{key}`: one property set, the others kept.

        Raises:
            NotFound, Forbidden, BadRequest: As `set_image_metadata`.
        """
        image = self._metadata_image(caller, image_id)
        merged = {**image.properties, key: value}
        self._check_image_metadata_quota(caller, merged)
        self._update_image_properties(caller, image, merged)

    def delete_image_metadatum(self, caller: Caller, image_id: str, key: str) -> None:
        """`DELETE /images/{id}/metadata/{key}`.

        Raises:
            NotFound: "Image not found.", or "Invalid metadata key".
            Forbidden: Glance refuses the caller.
        """
        image = self._metadata_image(caller, image_id)
        if key not in image.properties:
            raise NotFound("Invalid metadata key")
        kept = {k: v for k, v in image.properties.items() if k != key}
        self._update_image_properties(caller, image, kept)

    def _metadata_image(self, caller: Caller, image_id: str) -> ImageInfo:
        """`ImageMetadataController._get_image`."""
        image = self.visible_image(caller, image_id)
        if image is None:
            raise NotFound("Image not found.")
        return image

    def _check_image_metadata_quota(self, caller: Caller, properties: Mapping[str, str]) -> None:
        """`common.check_img_metadata_properties_quota`: more items than `metadata_items`."""
        allowed = self.quota(caller.project_id)["metadata_items"]
        if properties and 0 <= allowed < len(properties):
            raise Forbidden("Image metadata limit exceeded")

    def _update_image_properties(self, caller: Caller, image: ImageInfo,
                                 properties: Mapping[str, str]) -> ImageInfo:
        """`glance.API.update(context, id, image, purge_props=True)`. Nova sends back the
        image as it read it, `is_public` turned into `visibility`: an image that is not
        public is sent as `private` (a shared or community one becomes private).

        Glance's 403 is Nova's `ImageNotAuthorized`; its 400 and 413 have no handler in
        the controller (Nova answers 500): they are answered 400 and 403 here.
        """
        visibility = "public" if image.visibility == "public" else "private"
        try:
            return self.cloud.links.images.set_properties(
                caller, image.id, properties,
                visibility=visibility if image.visibility is not None else None)
        except LinkNotFound:
            raise NotFound("Image not found.") from None
        except LinkForbidden:
            raise Forbidden(f"Not authorized for image {image.id}.") from None
        except LinkOverLimit:
            raise Forbidden("Image metadata limit exceeded") from None
        except LinkError as exc:
            raise BadRequest(exc.message) from None

    def _snapshot(self, caller: Caller, server: Server, name: str,
                  metadata: Mapping[str, str]) -> ImageInfo:
        """`API._create_image` and the host's upload: a private Glance image of the
        server's project, `queued` until the action time has passed, then `active`.

        Raises:
            Forbidden: Glance refuses the image.
            BadRequest: Glance refuses its properties.
        """
        base = self.visible_image(caller, server.image_ref) if server.image_ref else None
        properties = dict(base.properties) if base else {}
        properties.update({"instance_uuid": server.uuid, "user_id": caller.user_id,
                           "image_type": "snapshot", "base_image_ref": server.image_ref})
        properties.update(metadata)
        request = SnapshotRequest(
            name=name, owner=server.project_id, properties=properties,
            min_disk=server.flavor.disk, min_ram=base.min_ram if base else 0,
            virtual_size=server.flavor.disk * _GiB,
            ready_at=self.cloud.clock.time() + self.action_time)
        try:
            return self.cloud.links.images.create_snapshot(caller, request)
        except LinkForbidden as exc:
            raise Forbidden(exc.message) from None
        except LinkError as exc:
            raise BadRequest(exc.message) from None

    def _drop_shelved_image(self, caller: Caller, server: Server, *,
                            at: float | None = None) -> None:
        """`_delete_snapshot_of_shelved_instance`: delete the shelve snapshot now (or at
        fake time `at`, when an unshelve completes); one already gone, or that Glance will
        not delete, is left as it is (Nova logs a warning)."""
        image_id = server.shelved_image_id
        if image_id is None:
            return
        if at is None:
            server.shelved_image_id = None
        with suppress(LinkError):
            self.cloud.links.images.delete(caller, image_id, at=at)


def image_filters(filters: Mapping[str, str]) -> ImageFilters:
    """Nova's proxy filters as Glance reads them (`images.py` `_get_filters`): `server` is
    the last segment of a server URL, `status` lower-cased, `minRam`/`minDisk` integers (a
    value that is not one filters nothing)."""
    def number(key: str) -> int | None:
        value = filters.get(key)
        return int(value) if value is not None and value.isdigit() else None

    server = filters.get("server")
    status = filters.get("status")
    return ImageFilters(name=filters.get("name"),
                        status=status.lower() if status is not None else None,
                        instance_uuid=server.rsplit("/", 1)[-1] if server is not None else None,
                        image_type=filters.get("type"), min_ram=number("minRam"),
                        min_disk=number("minDisk"))


def _check_flavor_image(flavor: Flavor, image: ImageInfo, volume_backed: bool) -> None:
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
