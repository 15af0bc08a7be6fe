"""The one contract between the fake services: what one asks of another.

In a real cloud the services call each other's APIs: Nova asks Cinder to reserve, attach and
detach a volume, Cinder asks the image service for an image to copy. The fakes do the same,
and only here. `FakeCloud` builds one `Links` before it mounts its services; each service
fills in the parts it owns in `Service.provide(links)`, and reads the others' only through
`cloud.links`. A part no mounted service provides answers as an empty service would: no
volumes, no images.

The parts are small protocols over plain records (`VolumeMapping`, `ImageInfo`), never a
service's own model objects, so a service can change its model freely. A provider raises
`LinkError`s; the consumer turns them into its own API's faults (Nova answers a volume it
cannot see with its own 404), as a real service turns a peer's HTTP error into its own.

Today: `volumes` (Cinder, for Nova's `os-volume_attachments`, the volumes a server lists
and what happens to them when the server goes) and `images` (Glance, for Nova's boots,
snapshots and image proxy, and for Cinder's volumes created from an image, its re-images
and its uploads of a volume to an image).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from stackdouble.fakes.caller import Caller

__all__ = [
    "ImageFilters",
    "ImageInfo",
    "ImageLink",
    "LinkConflict",
    "LinkError",
    "LinkForbidden",
    "LinkNotFound",
    "LinkOverLimit",
    "LinkRefused",
    "Links",
    "NoImages",
    "NoVolumes",
    "ServerRef",
    "SnapshotRequest",
    "VolumeLink",
    "VolumeMapping",
    "VolumeUpload",
]


class LinkError(Exception):
    """A service refused what another asked of it; `message` is the text a real service's
    error would carry (the consumer puts it in its own fault)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class LinkNotFound(LinkError):
    """The thing asked for does not exist, or the caller may not see it (a 404 upstream)."""


class LinkRefused(LinkError):
    """The request was refused as invalid in the thing's current state (a 400 upstream)."""


class LinkOverLimit(LinkRefused):
    """A size limit or quota of the service refused the request (a 413 upstream)."""


class LinkForbidden(LinkError):
    """The caller may see the thing but not do this to it (a 403 upstream)."""


class LinkConflict(LinkError):
    """The request conflicts with the thing's current state (a 409 upstream)."""


@dataclass(frozen=True, slots=True)
class ServerRef:
    """What a peer may know of a server: its id and the host it runs on."""

    id: str
    host: str | None = None


@dataclass(frozen=True, slots=True)
class VolumeMapping:
    """A volume attached to a server through Nova: Nova's block device mapping, joined with
    Cinder's attachment.

    Attributes:
        attachment_id: Cinder's attachment id (2.89's `attachment_id`).
        bdm_uuid: Nova's id of the mapping (2.89's `bdm_uuid`).
        device: The device name (`/dev/vdb`), or None while not known.
        attached: The attachment finished (the volume is `in-use`).
    """

    attachment_id: str
    volume_id: str
    server_id: str
    device: str | None
    tag: str | None = None
    delete_on_termination: bool = False
    bdm_uuid: str | None = None
    attached: bool = False


@dataclass(frozen=True, slots=True)
class ImageInfo:
    """An image as another service reads it from the image service.

    Attributes:
        status: The image service's status (`queued`, `saving`, `active`, `deactivated`...).
        size: Bytes of data, None before any was stored.
        min_disk: GiB of disk a server booted from it needs.
        min_ram: MiB of memory a server booted from it needs.
        properties: The extra properties (Nova's proxy shows them as `metadata`).
        owner: The owning project, None for none.
        created_at: When it was created (None where the provider does not say).
        updated_at: When it last changed.
        visibility: `public`, `private`, `shared` or `community` (None where the provider
            does not say).
        protected: Whether it may not be deleted.
    """

    id: str
    name: str | None
    status: str
    size: int | None = None
    min_disk: int = 0
    min_ram: int = 0
    disk_format: str | None = None
    container_format: str | None = None
    checksum: str | None = None
    properties: Mapping[str, str] = field(default_factory=dict)
    owner: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    visibility: str | None = None
    protected: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class ImageFilters:
    """What Nova's image proxy filters a listing on (`nova/api/openstack/compute/images.py`
    `_get_filters`, passed on to Glance by `nova/image/glance.py`); None is no filter.

    Attributes:
        name: The exact name.
        status: Glance's status (Nova lower-cases what it is given).
        instance_uuid: The `instance_uuid` property (Nova's `server`, the last segment of
            a server URL).
        image_type: The `image_type` property (Nova's `type`: `snapshot`...).
        min_ram: At least this much memory (Nova's `minRam`).
        min_disk: At least this much disk (Nova's `minDisk`).
    """

    name: str | None = None
    status: str | None = None
    instance_uuid: str | None = None
    image_type: str | None = None
    min_ram: int | None = None
    min_disk: int | None = None

    def matches(self, image: ImageInfo) -> bool:
        """Whether `image` passes every filter."""
        props = image.properties
        return ((self.name is None or image.name == self.name)
                and (self.status is None or image.status == self.status)
                and (self.instance_uuid is None
                     or props.get("instance_uuid") == self.instance_uuid)
                and (self.image_type is None or props.get("image_type") == self.image_type)
                and (self.min_ram is None or image.min_ram >= self.min_ram)
                and (self.min_disk is None or image.min_disk >= self.min_disk))


@dataclass(frozen=True, slots=True, kw_only=True)
class SnapshotRequest:
    """A snapshot image Nova asks for (`API.snapshot`/`_create_image`, then the compute
    host's upload): created `queued` in `owner`'s project, its data stored (and the image
    `active`) at fake time `ready_at`.

    Attributes:
        name: The image name (`<server>-shelved` for shelve).
        owner: The server's project.
        properties: The image's properties: the base image's, then `instance_uuid`,
            `user_id`, `image_type` (`snapshot`), `base_image_ref` and the request's
            metadata.
        min_disk: The flavor's root disk (GiB).
        min_ram: The base image's `min_ram`.
        disk_format: The base image's disk format (qcow2 when none).
        container_format: The base image's container format (bare when none).
        virtual_size: The size of the disk snapshotted, in bytes.
        ready_at: The fake time (`cloud.clock.time()`) the upload completes.
    """

    name: str
    owner: str
    properties: Mapping[str, str]
    min_disk: int = 0
    min_ram: int = 0
    disk_format: str = "qcow2"
    container_format: str = "bare"
    virtual_size: int = 0
    ready_at: float = 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class VolumeUpload:
    """A volume Cinder uploads to a new image (`copy_volume_to_image`: the image created
    with the caller's token, then the volume's data written by the volume host): created
    `queued`, its data (`size` bytes) stored and the image `active` at fake time `ready_at`.

    Attributes:
        name: The image name (`image_name`).
        disk_format: `raw` unless the request names another.
        container_format: `bare` unless the request names another.
        size: The volume's size in bytes (what a raw upload writes).
        visibility: The visibility asked for (3.1); None leaves the image service's default.
        protected: Whether the image is protected (3.1).
        properties: The extra properties: the volume's image metadata that is not core.
        ready_at: The fake time (`cloud.clock.time()`) the upload completes.
    """

    name: str
    disk_format: str = "raw"
    container_format: str | None = "bare"
    size: int = 0
    visibility: str | None = None
    protected: bool = False
    properties: Mapping[str, str] = field(default_factory=dict)
    ready_at: float = 0.0


class VolumeLink(Protocol):
    """What Nova asks of the block storage service (`nova/volume/cinder.py`'s `API`)."""

    def mappings(self, server_id: str) -> list[VolumeMapping]:
        """The volumes attached to a server through Nova, in attach order (settled to the
        cloud's clock first)."""
        ...

    def attach(self, caller: Caller, server: ServerRef, volume_id: str, *,
               device: str | None, tag: str | None, delete_on_termination: bool,
               supports_multiattach: bool) -> VolumeMapping:
        """Reserve and attach a volume to a server (after Nova's own checks of the server).

        Raises:
            LinkNotFound: No such volume for the caller.
            LinkRefused: Already attached, or the volume's state refuses it.
            LinkConflict: The device name is in use on the server.
        """
        ...

    def mapping(self, caller: Caller, server_id: str, volume_id: str) -> VolumeMapping:
        """The mapping of `volume_id` on a server.

        Raises:
            LinkNotFound: No such volume for the caller, or not attached to the server.
        """
        ...

    def detach(self, caller: Caller, server_id: str, volume_id: str) -> None:
        """Begin detaching; the mapping goes once the detach completes.

        Raises:
            LinkNotFound: As `mapping`.
            LinkRefused: The volume's state refuses the detach.
        """
        ...

    def set_delete_on_termination(self, server_id: str, volume_id: str, value: bool) -> None:
        """Change whether the volume is deleted with the server.

        Raises:
            LinkNotFound: Not attached to the server.
        """
        ...

    def server_deleted(self, server_id: str) -> None:
        """The server is gone: detach its volumes at once, and delete those marked
        `delete_on_termination` (unless the block storage service refuses)."""
        ...


class ImageLink(Protocol):
    """What Nova and Cinder ask of the image service (`nova/image/glance.py`'s `API`)."""

    def get(self, caller: Caller, image_id: str) -> ImageInfo | None:
        """The image if it exists and the caller may see it, else None."""
        ...

    def named(self, caller: Caller, name: str) -> list[ImageInfo]:
        """The images with this name that the caller may see."""
        ...

    def list_images(self, caller: Caller, filters: ImageFilters, *, limit: int,
             marker: str | None) -> list[ImageInfo]:
        """Up to `limit` images the caller may list, after `marker`, in the image
        service's default order (newest first), as Nova's proxy reads them.

        Raises:
            LinkRefused: The marker is no image (the message is the image service's).
            LinkForbidden: The marker is an image the caller may not see.
        """
        ...

    def create_snapshot(self, caller: Caller, request: SnapshotRequest) -> ImageInfo:
        """Create a snapshot image (`queued`), whose data arrives at `request.ready_at`.

        Raises:
            LinkForbidden: The image service refuses to create it.
            LinkRefused: The image service refuses its attributes (too many properties...).
        """
        ...

    def delete(self, caller: Caller, image_id: str, *, at: float | None = None) -> None:
        """Delete an image now, or (`at`) once the cloud's clock reaches that time: what a
        compute host does when the work it runs in the background finishes.

        Raises:
            LinkNotFound: No such image for the caller.
            LinkForbidden: The caller may not delete it (not the owner, or protected).
        """
        ...

    def upload_volume(self, caller: Caller, request: VolumeUpload) -> ImageInfo:
        """Create an image (`queued`, in the caller's project) whose data, the volume's,
        arrives at `request.ready_at`. Data the image service would refuse then (over its
        size cap or the owner's storage quota) never arrives, and the image is deleted at
        `ready_at`, as Cinder's volume manager deletes an image left `queued`.

        Raises:
            LinkForbidden: The image service refuses to create it (a visibility...).
            LinkOverLimit: Its quotas refuse it (too many properties).
            LinkRefused: It refuses its attributes (an unknown format...).
        """
        ...


class NoVolumes:
    """The `volumes` part of a cloud without block storage: no volume exists."""

    def mappings(self, server_id: str) -> list[VolumeMapping]:
        """No mappings."""
        return []

    def attach(self, caller: Caller, server: ServerRef, volume_id: str, *,
               device: str | None, tag: str | None, delete_on_termination: bool,
               supports_multiattach: bool) -> VolumeMapping:
        """Nothing to attach: `LinkNotFound`."""
        raise LinkNotFound(f"Volume {volume_id} could not be found.")

    def mapping(self, caller: Caller, server_id: str, volume_id: str) -> VolumeMapping:
        """Nothing attached: `LinkNotFound`."""
        raise LinkNotFound(f"Volume {volume_id} could not be found.")

    def detach(self, caller: Caller, server_id: str, volume_id: str) -> None:
        """Nothing attached: `LinkNotFound`."""
        raise LinkNotFound(f"Volume {volume_id} could not be found.")

    def set_delete_on_termination(self, server_id: str, volume_id: str, value: bool) -> None:
        """Nothing attached: `LinkNotFound`."""
        raise LinkNotFound(f"Instance {server_id} is not attached to volume {volume_id}")

    def server_deleted(self, server_id: str) -> None:
        """Nothing to detach."""


class NoImages:
    """The `images` part of a cloud without an image service: no image exists."""

    def get(self, caller: Caller, image_id: str) -> ImageInfo | None:
        """No image."""
        return None

    def named(self, caller: Caller, name: str) -> list[ImageInfo]:
        """No image."""
        return []

    def list_images(self, caller: Caller, filters: ImageFilters, *, limit: int,
             marker: str | None) -> list[ImageInfo]:
        """No image; a marker is no image either: `LinkRefused`."""
        if marker is not None:
            raise LinkRefused(f"No image found with ID {marker}")
        return []

    def create_snapshot(self, caller: Caller, request: SnapshotRequest) -> ImageInfo:
        """Nowhere to store it: `LinkForbidden`."""
        raise LinkForbidden("No image service is available.")

    def delete(self, caller: Caller, image_id: str, *, at: float | None = None) -> None:
        """Nothing to delete: `LinkNotFound`."""
        raise LinkNotFound(f"Failed to find image {image_id} to delete")

    def upload_volume(self, caller: Caller, request: VolumeUpload) -> ImageInfo:
        """Nowhere to store it: `LinkForbidden`."""
        raise LinkForbidden("No image service is available.")


class Links:
    """The parts of the contract, one attribute each; `FakeCloud.links`.

    Attributes:
        volumes: Provided by the block storage service, used by Nova.
        images: Provided by the image service (Glance), used by Nova and Cinder.
    """

    __slots__ = ("images", "volumes")

    def __init__(self) -> None:
        self.volumes: VolumeLink = NoVolumes()
        self.images: ImageLink = NoImages()
