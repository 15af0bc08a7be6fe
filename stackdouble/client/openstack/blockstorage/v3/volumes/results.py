"""Cinder volume results: the Volume resource, the Results of each call, and the pages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from stackdouble.client._errors import UnexpectedBody
from stackdouble.client._resource import Resource, json_field
from stackdouble.client._results import ErrResult, Result, parse_time
from stackdouble.client.openstack.blockstorage.v3._metadata import (
    MetadataResult,
    MetadatumResult,
    string_map,
)
from stackdouble.client.pagination import LinkedPage, Page

__all__ = [
    "ActionResult",
    "Attachment",
    "CreateMetadatumResult",
    "CreateResult",
    "DeleteMetadatumResult",
    "DeleteResult",
    "GetMetadataResult",
    "GetMetadatumResult",
    "GetResult",
    "ImageMetadataResult",
    "ImageVolumeType",
    "InitializeConnectionResult",
    "MetadataResult",
    "MetadatumResult",
    "MigrationCompletionResult",
    "ReImageResult",
    "ResetMetadataResult",
    "SetImageMetadataResult",
    "ShowImageMetadataResult",
    "SummaryResult",
    "UnsetImageMetadataResult",
    "UpdateMetadataResult",
    "UpdateResult",
    "UploadImageResult",
    "Volume",
    "VolumeImage",
    "VolumePage",
    "VolumeResult",
    "VolumeSummary",
    "extract_count",
    "extract_volumes",
]

#: Cinder's `bootable` text that means true (it sends `"true"`/`"false"`).
_TRUE_TEXT = frozenset({"true", "True", "TRUE"})


@dataclass(slots=True, kw_only=True)
class Attachment:
    """One attachment of a volume, as the volume's `attachments` lists it.

    Attributes:
        id: The volume's id (Cinder repeats it here).
        attachment_id: The attachment's own id.
        server_id: The server it is attached to (None for a host attachment).
        host_name: The host (shown to admins only; None otherwise).
        device: The mountpoint, e.g. `/dev/vdb`.
    """

    id: str
    attachment_id: str | None = None
    volume_id: str | None = None
    server_id: str | None = None
    host_name: str | None = None
    device: str | None = None
    attached_at: datetime | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Attachment:
        """An Attachment from one item of a volume's `attachments`."""
        return cls(
            id=raw["id"],
            attachment_id=raw.get("attachment_id"),
            volume_id=raw.get("volume_id"),
            server_id=raw.get("server_id"),
            host_name=raw.get("host_name"),
            device=raw.get("device"),
            attached_at=parse_time(raw.get("attached_at")),
        )


class Volume(Resource):
    """A volume as Block Storage returns it.

    Attributes are converted from Cinder's JSON when first read, so a listing of thousands
    builds its volumes at almost no cost (`raw` holds the JSON). Only `id` is always present:
    `volumes.list_simple` gives `id`, `name` and `links`.
    Attributes Cinder adds with later microversions (`group_id` 3.13, `shared_targets` and
    `service_uuid` 3.48, `volume_type_id` 3.63, `consumes_quota` 3.65...) and the ones it
    shows to admins only (`host`, `migration_status`...) are None before them.

    Attributes:
        bootable: Cinder's `"true"`/`"false"`, as a bool.
        volume_type: The type's name (`__DEFAULT__`).
        attachments: Where it is attached (empty until an attach completes).
        tenant_id: `os-vol-tenant-attr:tenant_id`, the owning project.
        host: `os-vol-host-attr:host` (admins), `host@backend#pool`.
        migration_status: `migration_status` (admins); `migstat` is the extension's copy.
        image_metadata: `volume_image_metadata`, for volumes made from an image.
    """

    __slots__ = ()

    id: str = json_field("id")
    name: str | None = json_field("name")
    status: str = json_field("status", default="")
    size: int = json_field("size", default=0)
    availability_zone: str | None = json_field("availability_zone")
    created_at: datetime | None = json_field("created_at", parse_time)
    updated_at: datetime | None = json_field("updated_at", parse_time)
    description: str | None = json_field("description")
    volume_type: str | None = json_field("volume_type")
    snapshot_id: str | None = json_field("snapshot_id")
    source_volid: str | None = json_field("source_volid")
    backup_id: str | None = json_field("backup_id")
    metadata: Mapping[str, str] = json_field("metadata", default_factory=dict)
    links: Sequence[Mapping[str, Any]] = json_field("links", default=())
    user_id: str | None = json_field("user_id")
    bootable: bool = json_field("bootable", lambda raw: _flag(raw), default=False)
    encrypted: bool = json_field("encrypted", lambda raw: raw is True, default=False)
    replication_status: str | None = json_field("replication_status")
    consistencygroup_id: str | None = json_field("consistencygroup_id")
    multiattach: bool = json_field("multiattach", lambda raw: raw is True, default=False)
    attachments: Sequence[Attachment] = json_field(
        "attachments", lambda raw: tuple(Attachment.from_json(a) for a in raw), default=()
    )
    migration_status: str | None = json_field("migration_status")
    tenant_id: str | None = json_field("os-vol-tenant-attr:tenant_id")
    host: str | None = json_field("os-vol-host-attr:host")
    migstat: str | None = json_field("os-vol-mig-status-attr:migstat")
    name_id: str | None = json_field("os-vol-mig-status-attr:name_id")
    image_metadata: Mapping[str, str] | None = json_field("volume_image_metadata")
    group_id: str | None = json_field("group_id")
    provider_id: str | None = json_field("provider_id")
    shared_targets: bool | None = json_field("shared_targets")
    service_uuid: str | None = json_field("service_uuid")
    cluster_name: str | None = json_field("cluster_name")
    volume_type_id: str | None = json_field("volume_type_id")
    encryption_key_id: str | None = json_field("encryption_key_id")
    consumes_quota: bool | None = json_field("consumes_quota")


def _flag(raw: Any) -> bool:
    # Cinder sends bootable as the text "true"/"false".
    return raw is True or (isinstance(raw, str) and raw in _TRUE_TEXT)


class VolumeResult(Result):
    """A Result whose body is `{"volume": {...}}`; `extract()` gives the Volume."""

    __slots__ = ()

    def extract(self) -> Volume:
        """The Volume, or raise the error the call ended with."""
        return self.extract_with(Volume.from_json, key="volume")


class CreateResult(VolumeResult):
    """The result of `volumes.create`: the new volume, `creating`."""

    __slots__ = ()


class GetResult(VolumeResult):
    """The result of `volumes.get`; call `extract()` for the Volume."""

    __slots__ = ()


class UpdateResult(VolumeResult):
    """The result of `volumes.update`; `extract()` gives the updated Volume."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `volumes.delete`; `extract_err()` raises its error, if any."""

    __slots__ = ()


class ActionResult(ErrResult):
    """The result of a volume action without an answer body (extend, set bootable...)."""

    __slots__ = ()


class GetMetadataResult(MetadataResult):
    """The result of `volumes.metadata`: every metadata item."""

    __slots__ = ()


class ResetMetadataResult(MetadataResult):
    """The result of `volumes.reset_metadata`: the metadata, now exactly as sent."""

    __slots__ = ()


class UpdateMetadataResult(MetadataResult):
    """The result of `volumes.update_metadata`: every item after the merge."""

    __slots__ = ()


class GetMetadatumResult(MetadatumResult):
    """The result of `volumes.metadatum`."""

    __slots__ = ()


class CreateMetadatumResult(MetadatumResult):
    """The result of `volumes.create_metadatum`."""

    __slots__ = ()


class DeleteMetadatumResult(ErrResult):
    """The result of `volumes.delete_metadatum`; `extract_err()` raises its error, if any."""

    __slots__ = ()


# --- image actions ---------------------------------------------------------------------------


class ImageVolumeType(Resource):
    """The volume's type as `volumes.upload_image` shows it: the whole type record.

    Attributes:
        extra_specs: The type's extra specs.
        qos_specs_id: Its QoS specs, if any.
    """

    __slots__ = ()

    id: str = json_field("id")
    name: str | None = json_field("name")
    description: str | None = json_field("description")
    is_public: bool = json_field("is_public", lambda raw: raw is not False, default=True)
    extra_specs: Mapping[str, Any] = json_field("extra_specs", default_factory=dict)
    qos_specs_id: str | None = json_field("qos_specs_id")
    deleted: bool = json_field("deleted", bool, default=False)
    created_at: datetime | None = json_field("created_at", parse_time)
    updated_at: datetime | None = json_field("updated_at", parse_time)
    deleted_at: datetime | None = json_field("deleted_at", parse_time)


class VolumeImage(Resource):
    """What `volumes.upload_image` started: the volume (`uploading`) and the new image.

    Attributes:
        volume_id: The volume's id (Cinder's `id`).
        image_id: The new image's id; it is `queued` until the upload completes.
        description: The volume's description (`display_description`).
        size: The volume's size in GiB.
        updated_at: When the volume last changed before the upload.
        visibility: The image's visibility (`shared`, Glance's default, before 3.1).
        protected: Whether the image is protected.
    """

    __slots__ = ()

    volume_id: str = json_field("id")
    image_id: str = json_field("image_id")
    image_name: str | None = json_field("image_name")
    container_format: str | None = json_field("container_format")
    disk_format: str | None = json_field("disk_format")
    description: str | None = json_field("display_description")
    size: int = json_field("size", default=0)
    status: str = json_field("status", default="")
    updated_at: datetime | None = json_field("updated_at", parse_time)
    visibility: str | None = json_field("visibility")
    protected: bool = json_field("protected", lambda raw: raw is True, default=False)
    volume_type: ImageVolumeType | None = json_field(
        "volume_type", lambda raw: ImageVolumeType.from_json(raw) if raw else None)


class UploadImageResult(Result):
    """The result of `volumes.upload_image`; `extract()` gives the `VolumeImage`."""

    __slots__ = ()

    def extract(self) -> VolumeImage:
        """The upload's `VolumeImage`, or raise the error the call ended with."""
        return self.extract_with(VolumeImage.from_json, key="os-volume_upload_image")


class ReImageResult(ErrResult):
    """The result of `volumes.reimage`; `extract_err()` raises its error, if any."""

    __slots__ = ()


class ImageMetadataResult(Result):
    """A Result whose body is `{"metadata": {...}}` of image metadata."""

    __slots__ = ()

    def extract(self) -> dict[str, str]:
        """The volume's image metadata, or raise the error the call ended with."""
        return self.extract_with(string_map, key="metadata")


class SetImageMetadataResult(ImageMetadataResult):
    """The result of `volumes.set_image_metadata`: all the image metadata after the merge
    (`extract_err()` checks only for an error, as gophercloud's)."""

    __slots__ = ()

    def extract_err(self) -> None:
        """Raise the error the call ended with, if any."""
        self.raise_for_error()


class ShowImageMetadataResult(ImageMetadataResult):
    """The result of `volumes.show_image_metadata`."""

    __slots__ = ()


class UnsetImageMetadataResult(ErrResult):
    """The result of `volumes.unset_image_metadata`; `extract_err()` raises its error."""

    __slots__ = ()


class VolumePage(LinkedPage):
    """A page of volumes; Cinder names the next page in `volumes_links` when this one is
    full."""

    __slots__ = ()
    resource_key = "volumes"
    link_path = ("volumes_links",)

    def is_empty(self) -> bool:
        """Whether the page holds no volumes (without copying the list, as `Page` does)."""
        body = self.body
        if self.err is None and self.status != 204 and isinstance(body, Mapping):
            found = body.get("volumes")
            if isinstance(found, list):
                return not found
        return super().is_empty()

    def items(self) -> list[Volume]:
        """The volumes on this page."""
        return extract_volumes(self)


def extract_volumes(page: Page) -> list[Volume]:
    """The volumes on one page of `volumes.list` or `volumes.list_simple`."""
    if page.err is None and page.body is None:
        return []  # `all_pages()` of an empty listing
    return page.extract_list_with(Volume.from_json, key="volumes")


def extract_count(page: Page) -> int | None:
    """The `count` of a listing asked `with_count` (3.45 and later), else None."""
    if page.err is not None:
        raise page.err
    body = page.body
    if isinstance(body, Mapping) and isinstance(body.get("count"), int):
        return int(body["count"])
    return None


# --- summary ---------------------------------------------------------------------------------


@dataclass(slots=True, kw_only=True)
class VolumeSummary:
    """The caller's volumes summed up (`GET /volumes/summary`).

    Attributes:
        total_count: How many volumes.
        total_size: Their sizes added up, in GiB.
        metadata: Every metadata key of those volumes with the values seen for it (from
            microversion 3.36; empty before).
    """

    total_count: int
    total_size: int
    metadata: dict[str, list[str]]

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> VolumeSummary:
        """A VolumeSummary from Cinder's `volume-summary` object."""
        meta = raw.get("metadata") or {}
        if not isinstance(meta, Mapping):
            raise UnexpectedBody("a JSON object of metadata", type(meta).__name__)
        return cls(total_count=int(raw["total_count"]), total_size=int(raw["total_size"]),
                   metadata={str(k): [str(v) for v in values] for k, values in meta.items()})


class SummaryResult(Result):
    """The result of `volumes.summary`; `extract()` gives a VolumeSummary."""

    __slots__ = ()

    def extract(self) -> VolumeSummary:
        """The summary, or raise the error the call ended with."""
        return self.extract_with(VolumeSummary.from_json, key="volume-summary")


# --- the other volume actions (retype, connections, admin actions, revert) -------------------


class InitializeConnectionResult(Result):
    """The result of `volumes.initialize_connection`; `extract()` gives Cinder's
    `connection_info`: `driver_volume_type`, the driver's `data` (with `access_mode`,
    `qos_specs`, `encrypted`, `cacheable`...) and `enforce_multipath`."""

    __slots__ = ()

    def extract(self) -> dict[str, Any]:
        """The connection info, or raise the error the call ended with."""
        return self.extract_with(_json_object, key="connection_info")


class MigrationCompletionResult(Result):
    """The result of `volumes.complete_migration`; `extract()` gives the id of the volume
    Cinder keeps (`save_volume_id`)."""

    __slots__ = ()

    def extract(self) -> str:
        """The kept volume's id, or raise the error the call ended with."""
        return self.extract_with(_text, key="save_volume_id")


def _json_object(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, Mapping):
        raise UnexpectedBody("a JSON object", type(raw).__name__)
    return dict(raw)


def _text(raw: Any) -> str:
    if not isinstance(raw, str):
        raise UnexpectedBody("a string", type(raw).__name__)
    return raw
