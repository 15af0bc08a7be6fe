"""Cinder volumes: list, create, get, update, delete, actions, metadata and waiting."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client._wait import DEFAULT_INTERVAL
from stackdouble.client.openstack.blockstorage.v3 import _waits
from stackdouble.client.openstack.blockstorage.v3._query import check_paging, metadata_query
from stackdouble.client.openstack.blockstorage.v3.volumes import urls
from stackdouble.client.openstack.blockstorage.v3.volumes.results import (
    ActionResult,
    CreateMetadatumResult,
    CreateResult,
    DeleteMetadatumResult,
    DeleteResult,
    GetMetadataResult,
    GetMetadatumResult,
    GetResult,
    InitializeConnectionResult,
    MigrationCompletionResult,
    ReImageResult,
    ResetMetadataResult,
    SetImageMetadataResult,
    ShowImageMetadataResult,
    SummaryResult,
    UnsetImageMetadataResult,
    UpdateMetadataResult,
    UpdateResult,
    UploadImageResult,
    Volume,
    VolumePage,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "ACTION_OK_CODES",
    "ERROR_STATUSES",
    "MIGRATION_POLICY_NEVER",
    "MIGRATION_POLICY_ON_DEMAND",
    "AttachOpts",
    "AttachOptsBuilder",
    "BootableOpts",
    "BootableOptsBuilder",
    "ChangeTypeOpts",
    "ChangeTypeOptsBuilder",
    "CreateOpts",
    "CreateOptsBuilder",
    "DeleteOpts",
    "DeleteOptsBuilder",
    "DetachOpts",
    "DetachOptsBuilder",
    "ExtendSizeOpts",
    "ExtendSizeOptsBuilder",
    "ForceDetachOpts",
    "ForceDetachOptsBuilder",
    "ImageMetadataOpts",
    "ImageMetadataOptsBuilder",
    "InitializeConnectionOpts",
    "InitializeConnectionOptsBuilder",
    "ListOpts",
    "ListOptsBuilder",
    "MigrateOpts",
    "MigrateOptsBuilder",
    "MigrationCompletionOpts",
    "MigrationCompletionOptsBuilder",
    "ReImageOpts",
    "ReImageOptsBuilder",
    "ReadOnlyOpts",
    "ReadOnlyOptsBuilder",
    "ResetStatusOpts",
    "ResetStatusOptsBuilder",
    "RevertOpts",
    "RevertOptsBuilder",
    "TerminateConnectionOpts",
    "TerminateConnectionOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UploadImageOpts",
    "UploadImageOptsBuilder",
    "attach",
    "begin_detaching",
    "change_type",
    "complete_extend",
    "complete_migration",
    "create",
    "create_metadatum",
    "delete",
    "delete_metadatum",
    "detach",
    "extend_size",
    "force_delete",
    "force_detach",
    "get",
    "initialize_connection",
    "list",
    "list_simple",
    "metadata",
    "metadatum",
    "migrate",
    "reimage",
    "reserve",
    "reset_metadata",
    "reset_status",
    "revert_to_snapshot",
    "set_bootable",
    "set_image_metadata",
    "set_readonly",
    "show_image_metadata",
    "summary",
    "terminate_connection",
    "unmanage",
    "unreserve",
    "unset_image_metadata",
    "update",
    "update_metadata",
    "upload_image",
    "wait_for_delete",
    "wait_for_status",
]

#: Statuses a volume action accepts: 202 for most, 200 for os-set_bootable.
ACTION_OK_CODES = (200, 202)
#: Statuses that end a wait at once (waiting longer cannot help).
ERROR_STATUSES = frozenset({"error", "error_deleting", "error_extending", "error_restoring",
                            "error_managing", "error_backing-up"})


# --- listing -------------------------------------------------------------------------------


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `volumes.list`."""

    def to_volume_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Filters, sorting and paging for `list` and `list_simple`; None fields are not sent.

    Non-admins may filter by `name`, `status`, `metadata`, `bootable`,
    `availability_zone` and `size`; from microversion 3.31 Cinder refuses other filters
    with a 400 (before, it drops them). `all_tenants` and `project_id` are for admins.
    `sort` is `key[:dir],...` (`name:asc,size:desc`); it cannot be mixed with
    `sort_key`/`sort_dir`. `with_count` (3.45) adds the total to each page
    (`extract_count`).

    Example:
        >>> ListOpts(status="available", metadata={"tier": "gold"}, limit=2,
        ...          sort="name:asc").to_volume_list_query()
        '?status=available&metadata=%7B%27tier%27%3A+%27gold%27%7D&sort=name%3Aasc&limit=2'
    """

    name: str | None = field(default=None, metadata={"q": "name"})
    status: str | None = field(default=None, metadata={"q": "status"})
    metadata: Mapping[str, str] | None = field(default=None, metadata={"q": "metadata"})
    bootable: bool | None = field(default=None, metadata={"q": "bootable"})
    availability_zone: str | None = field(default=None, metadata={"q": "availability_zone"})
    size: int | None = field(default=None, metadata={"q": "size"})
    all_tenants: bool | None = field(default=None, metadata={"q": "all_tenants"})
    project_id: str | None = field(default=None, metadata={"q": "project_id"})
    sort: str | None = field(default=None, metadata={"q": "sort"})
    sort_key: str | None = field(default=None, metadata={"q": "sort_key"})
    sort_dir: str | None = field(default=None, metadata={"q": "sort_dir"})
    with_count: bool | None = field(default=None, metadata={"q": "with_count"})
    limit: int | None = field(default=None, metadata={"q": "limit"})
    offset: int | None = field(default=None, metadata={"q": "offset"})
    marker: str | None = field(default=None, metadata={"q": "marker"})

    def to_volume_list_query(self) -> str:
        """The query string, with a leading `?` when not empty.

        Raises:
            InvalidInput: A negative limit or offset, `sort` with `sort_key`/`sort_dir`,
                or a sort direction other than asc/desc.
        """
        check_paging(self.limit, self.offset, self.sort, self.sort_key, self.sort_dir)
        return build_query(replace(self, metadata=metadata_query(self.metadata)))  # type: ignore[arg-type]


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[VolumePage]:
    """List volumes with details (`GET /volumes/detail`), one request per page.

    Args:
        client: A Block Storage v3 client from `openstack.new_block_storage_v3`.
        opts: Filters and paging; None lists every volume of the project.

    Returns:
        A Pager; nothing is sent until it is iterated. Cinder links the next page in
        `volumes_links` whenever a page is full (1000 by default), so the walk ends on a
        short or empty page. A bad option surfaces as the first page's error.

    Example:
        >>> names = [v.name for v in volumes.list(block_storage).items()]
    """
    return _pager(client, urls.list_detail_url(client), opts)


def list_simple(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[VolumePage]:
    """List volumes' ids, names and links only (`GET /volumes`), one request per page."""
    return _pager(client, urls.list_url(client), opts)


def _pager(client: ServiceClient, url: str, opts: ListOptsBuilder | None) -> Pager[VolumePage]:
    try:
        query = opts.to_volume_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, VolumePage)
    return Pager(client, url + query, VolumePage)


# --- create --------------------------------------------------------------------------------


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `volumes.create`."""

    def to_volume_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """What a new volume is made of; None fields are not sent.

    Give a `size` in GiB, or a source to copy it from: `snapshot_id`, `source_volid` (a
    clone) or `backup_id` (3.47). `image_id` fills the volume from an image (a size is
    still needed); the volume is then bootable.

    Attributes:
        volume_type: A type's name or id; Cinder's default (`__DEFAULT__`) when None.
        scheduler_hints: Sent beside the volume as `OS-SCH-HNT:scheduler_hints`.

    Example:
        >>> CreateOpts(size=10, name="data", metadata={"tier": "gold"}).to_volume_create_map()
        {'volume': {'size': 10, 'name': 'data', 'metadata': {'tier': 'gold'}}}
    """

    size: int | None = None
    name: str | None = None
    description: str | None = None
    volume_type: str | None = None
    metadata: Mapping[str, str] | None = None
    availability_zone: str | None = None
    snapshot_id: str | None = None
    source_volid: str | None = None
    image_id: str | None = None
    backup_id: str | None = None
    consistencygroup_id: str | None = None
    group_id: str | None = None
    scheduler_hints: Mapping[str, Any] | None = None

    def to_volume_create_map(self) -> dict[str, Any]:
        """The body of `POST /volumes`: `{"volume": {...}}`.

        Raises:
            InvalidInput: No size and nothing to take one from, a size below 1, or more
                than one source (snapshot, source volume, image, backup).
        """
        sources = [name for name, value in (("snapshot_id", self.snapshot_id),
                                            ("source_volid", self.source_volid),
                                            ("image_id", self.image_id),
                                            ("backup_id", self.backup_id)) if value]
        if len(sources) > 1:
            raise InvalidInput(f"a volume is made from one source, not {', '.join(sources)}",
                               sources[1])
        if self.size is None and not (self.snapshot_id or self.source_volid or self.backup_id):
            raise InvalidInput("a volume needs a size, or a snapshot_id, source_volid or "
                               "backup_id to take it from", "size")
        if self.size is not None and (isinstance(self.size, bool) or self.size < 1):
            raise InvalidInput(f"size must be a positive number of GiB, not {self.size!r}",
                               "size")
        volume: dict[str, Any] = {}
        for key, value in (("size", self.size), ("name", self.name),
                           ("description", self.description),
                           ("volume_type", self.volume_type),
                           ("availability_zone", self.availability_zone),
                           ("snapshot_id", self.snapshot_id),
                           ("source_volid", self.source_volid), ("imageRef", self.image_id),
                           ("backup_id", self.backup_id),
                           ("consistencygroup_id", self.consistencygroup_id),
                           ("group_id", self.group_id)):
            if value is not None:
                volume[key] = value
        if self.metadata is not None:
            volume["metadata"] = dict(self.metadata)
        body: dict[str, Any] = {"volume": volume}
        if self.scheduler_hints is not None:
            body["OS-SCH-HNT:scheduler_hints"] = dict(self.scheduler_hints)
        return body


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Ask Cinder for a volume (`POST /volumes`, 202).

    The volume starts `creating`; `wait_for_status(client, id, "available", timeout=...)`
    waits for it. Options that cannot be sent become the Result's error.

    Args:
        client: A Block Storage v3 client.
        opts: A `CreateOpts`.

    Returns:
        A CreateResult; `extract()` gives the new Volume.

    Example:
        >>> volume = volumes.create(block_storage, volumes.CreateOpts(size=1)).extract()
        >>> volume.status
        'creating'
    """
    try:
        body = opts.to_volume_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.create_url(client), json=body,
                                ok_codes=(202,))


def summary(client: ServiceClient, *, all_tenants: bool = False) -> SummaryResult:
    """The count, total size and metadata of the caller's volumes (`GET /volumes/summary`;
    every project's with `all_tenants`, for admins). Needs microversion 3.12 (the
    metadata 3.36); before, Cinder answers 404.

    Example:
        >>> volumes.summary(block_storage.with_microversion("3.36")).extract()
        VolumeSummary(total_count=1, total_size=1, metadata={})
    """
    query = "?all_tenants=1" if all_tenants else ""
    return SummaryResult.request(client, "GET", urls.summary_url(client) + query,
                                 ok_codes=(200,))


# --- get, update, delete -------------------------------------------------------------------


def get(client: ServiceClient, volume_id: str) -> GetResult:
    """Get one volume (`GET /volumes/{volume_id}`); `extract()` gives a Volume.

    Another project's volume is a NotFound, as a missing one.
    """
    return GetResult.request(client, "GET", urls.get_url(client, volume_id), ok_codes=(200,))


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `volumes.update`."""

    def to_volume_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """The editable attributes of a volume; None fields are left unchanged (`metadata`
    replaces all of it).

    Example:
        >>> UpdateOpts(name="logs", description="").to_volume_update_map()
        {'volume': {'name': 'logs', 'description': ''}}
    """

    name: str | None = None
    description: str | None = None
    metadata: Mapping[str, str] | None = None

    def to_volume_update_map(self) -> dict[str, Any]:
        """The body of `PUT /volumes/{volume_id}`."""
        volume: dict[str, Any] = {}
        if self.name is not None:
            volume["name"] = self.name
        if self.description is not None:
            volume["description"] = self.description
        if self.metadata is not None:
            volume["metadata"] = dict(self.metadata)
        return {"volume": volume}


def update(client: ServiceClient, volume_id: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Change a volume's name, description or metadata (`PUT /volumes/{id}`, 200)."""
    try:
        body = opts.to_volume_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PUT", urls.update_url(client, volume_id), json=body,
                                ok_codes=(200,))


class DeleteOptsBuilder(Protocol):
    """Anything that renders the query of `volumes.delete`."""

    def to_volume_delete_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class DeleteOpts:
    """How to delete: `cascade` takes the volume's snapshots too; `force` (admins, 3.23)
    ignores the status.

    Example:
        >>> DeleteOpts(cascade=True).to_volume_delete_query()
        '?cascade=true'
    """

    cascade: bool | None = field(default=None, metadata={"q": "cascade"})
    force: bool | None = field(default=None, metadata={"q": "force"})

    def to_volume_delete_query(self) -> str:
        """The query string, with a leading `?` when not empty."""
        return build_query(self)


def delete(client: ServiceClient, volume_id: str,
           opts: DeleteOptsBuilder | None = None) -> DeleteResult:
    """Delete a volume (`DELETE /volumes/{volume_id}`, 202); it goes `deleting`, then away.

    Cinder refuses (400 BadRequest, `InvalidVolume`) a volume that is attached, has
    snapshots (unless `cascade`), or is not `available`/`error`. `wait_for_delete` waits
    until it is gone.

    Example:
        >>> doomed = volumes.create(block_storage, volumes.CreateOpts(size=1)).extract()
        >>> volumes.delete(block_storage, doomed.id).extract_err()
    """
    try:
        query = opts.to_volume_delete_query() if opts is not None else ""
    except StackdoubleError as exc:
        return DeleteResult.from_error(exc)
    return DeleteResult.request(client, "DELETE", urls.delete_url(client, volume_id) + query,
                                ok_codes=(202,))


# --- actions ---------------------------------------------------------------------------------


def _action(client: ServiceClient, volume_id: str, body: Mapping[str, Any]) -> ActionResult:
    return ActionResult.request(client, "POST", urls.action_url(client, volume_id),
                                json=dict(body), ok_codes=ACTION_OK_CODES)


class ExtendSizeOptsBuilder(Protocol):
    """Anything that renders the body of `volumes.extend_size`."""

    def to_volume_extend_size_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtendSizeOpts:
    """The new size of a volume, in GiB (larger than the current one).

    Example:
        >>> ExtendSizeOpts(new_size=20).to_volume_extend_size_map()
        {'os-extend': {'new_size': 20}}
    """

    new_size: int

    def to_volume_extend_size_map(self) -> dict[str, Any]:
        """The body of the `os-extend` action.

        Raises:
            InvalidInput: A size below 1.
        """
        if isinstance(self.new_size, bool) or self.new_size < 1:
            raise InvalidInput(f"new_size must be a positive number of GiB, not "
                               f"{self.new_size!r}", "new_size")
        return {"os-extend": {"new_size": self.new_size}}


def extend_size(client: ServiceClient, volume_id: str,
                opts: ExtendSizeOptsBuilder) -> ActionResult:
    """Grow a volume (`os-extend`, 202): `available` → `extending` → `available`.

    An `in-use` volume can be extended from microversion 3.42. Cinder refuses a size that
    is not larger (400) and a size over the `gigabytes` quota (413).
    """
    try:
        body = opts.to_volume_extend_size_map()
    except StackdoubleError as exc:
        return ActionResult.from_error(exc)
    return _action(client, volume_id, body)


class BootableOptsBuilder(Protocol):
    """Anything that renders the body of `volumes.set_bootable`."""

    def to_bootable_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class BootableOpts:
    """Whether a volume is bootable.

    Example:
        >>> BootableOpts(bootable=True).to_bootable_map()
        {'os-set_bootable': {'bootable': True}}
    """

    bootable: bool

    def to_bootable_map(self) -> dict[str, Any]:
        """The body of the `os-set_bootable` action."""
        return {"os-set_bootable": {"bootable": bool(self.bootable)}}


def set_bootable(client: ServiceClient, volume_id: str, opts: BootableOptsBuilder) -> ActionResult:
    """Mark a volume bootable or not (`os-set_bootable`, 200)."""
    try:
        body = opts.to_bootable_map()
    except StackdoubleError as exc:
        return ActionResult.from_error(exc)
    return _action(client, volume_id, body)


class AttachOptsBuilder(Protocol):
    """Anything that renders the body of `volumes.attach`."""

    def to_volume_attach_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class AttachOpts:
    """Cinder's own attach record (`os-attach`), for a server or a host.

    To attach a volume to a server, ask Nova instead
    (`compute.v2.extensions.volumeattach.create`): this only records the attachment.

    Example:
        >>> AttachOpts(mountpoint="/mnt", host_name="backup-1").to_volume_attach_map()
        {'os-attach': {'mountpoint': '/mnt', 'host_name': 'backup-1', 'mode': 'rw'}}
    """

    mountpoint: str
    instance_uuid: str | None = None
    host_name: str | None = None
    mode: str = "rw"

    def to_volume_attach_map(self) -> dict[str, Any]:
        """The body of the `os-attach` action.

        Raises:
            InvalidInput: Neither a server nor a host, or a mode other than rw/ro.
        """
        if not self.instance_uuid and not self.host_name:
            raise InvalidInput("an attach needs an instance_uuid or a host_name",
                               "instance_uuid")
        if self.mode not in ("rw", "ro"):
            raise InvalidInput(f"mode must be rw or ro, not {self.mode!r}", "mode")
        attach: dict[str, Any] = {"mountpoint": self.mountpoint}
        if self.instance_uuid:
            attach["instance_uuid"] = self.instance_uuid
        if self.host_name:
            attach["host_name"] = self.host_name
        attach["mode"] = self.mode
        return {"os-attach": attach}


def attach(client: ServiceClient, volume_id: str, opts: AttachOptsBuilder) -> ActionResult:
    """Record an attachment in Cinder (`os-attach`, 202); the volume becomes `in-use`."""
    try:
        body = opts.to_volume_attach_map()
    except StackdoubleError as exc:
        return ActionResult.from_error(exc)
    return _action(client, volume_id, body)


class DetachOptsBuilder(Protocol):
    """Anything that renders the body of `volumes.detach`."""

    def to_volume_detach_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class DetachOpts:
    """Which attachment to remove (`os-detach`); None when the volume has only one."""

    attachment_id: str | None = None

    def to_volume_detach_map(self) -> dict[str, Any]:
        """The body of the `os-detach` action."""
        detach_map = {"attachment_id": self.attachment_id} if self.attachment_id else {}
        return {"os-detach": detach_map}


def detach(client: ServiceClient, volume_id: str,
           opts: DetachOptsBuilder | None = None) -> ActionResult:
    """Remove a Cinder attachment record (`os-detach`, 202)."""
    try:
        body = (opts or DetachOpts()).to_volume_detach_map()
    except StackdoubleError as exc:
        return ActionResult.from_error(exc)
    return _action(client, volume_id, body)


def reserve(client: ServiceClient, volume_id: str) -> ActionResult:
    """Mark an `available` volume `attaching` (`os-reserve`, 202)."""
    return _action(client, volume_id, {"os-reserve": {}})


def unreserve(client: ServiceClient, volume_id: str) -> ActionResult:
    """Undo `reserve` (`os-unreserve`, 202)."""
    return _action(client, volume_id, {"os-unreserve": {}})


def begin_detaching(client: ServiceClient, volume_id: str) -> ActionResult:
    """Mark an `in-use` volume `detaching` (`os-begin_detaching`, 202)."""
    return _action(client, volume_id, {"os-begin_detaching": {}})


def force_delete(client: ServiceClient, volume_id: str) -> ActionResult:
    """Delete a volume whatever its status (`os-force_delete`, admins, 202)."""
    return _action(client, volume_id, {"os-force_delete": {}})


# --- image actions ---------------------------------------------------------------------------


class UploadImageOptsBuilder(Protocol):
    """Anything that renders the body of `volumes.upload_image`."""

    def to_volume_upload_image_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UploadImageOpts:
    """The image to make of a volume; None fields are not sent (Cinder's defaults: `raw`,
    `bare`, and from microversion 3.1 `private`, not protected).

    Example:
        >>> UploadImageOpts(image_name="backup", disk_format="qcow2",
        ...                 visibility="private").to_volume_upload_image_map()
        {'os-volume_upload_image': {'image_name': 'backup', 'disk_format': 'qcow2', \
'visibility': 'private'}}
    """

    image_name: str
    force: bool | None = None
    disk_format: str | None = None
    container_format: str | None = None
    visibility: str | None = None  # 3.1
    protected: bool | None = None  # 3.1

    def to_volume_upload_image_map(self) -> dict[str, Any]:
        """The body of the `os-volume_upload_image` action.

        Raises:
            InvalidInput: An empty image name.
        """
        if not self.image_name:
            raise InvalidInput("image_name must not be empty", "image_name")
        given = {"image_name": self.image_name, "force": self.force,
                 "disk_format": self.disk_format, "container_format": self.container_format,
                 "visibility": self.visibility, "protected": self.protected}
        return {"os-volume_upload_image": {k: v for k, v in given.items() if v is not None}}


def upload_image(client: ServiceClient, volume_id: str,
                 opts: UploadImageOptsBuilder) -> UploadImageResult:
    """Upload a volume to a new image (`os-volume_upload_image`, 202).

    The volume goes `uploading`, then back to `available` (or `in-use`) once the image
    holds its data; the image is `queued` until then, and `active` after. Cinder answers
    400 for a volume in another status (an `in-use` one needs `force` and a cloud that
    enables it), or when the image service refuses the image; 403 for `public` unless
    admin. `visibility` and `protected` need microversion 3.1.

    Example:
        >>> upload = volumes.upload_image(
        ...     block_storage, volume_id, volumes.UploadImageOpts(image_name="saved")
        ... ).extract()
        >>> upload.status, upload.disk_format, upload.container_format
        ('uploading', 'raw', 'bare')
    """
    try:
        body = opts.to_volume_upload_image_map()
    except StackdoubleError as exc:
        return UploadImageResult.from_error(exc)
    return UploadImageResult.request(client, "POST", urls.action_url(client, volume_id),
                                     json=body, ok_codes=(202,))


class ReImageOptsBuilder(Protocol):
    """Anything that renders the body of `volumes.reimage`."""

    def to_volume_reimage_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ReImageOpts:
    """The image to write over a volume, and whether a `reserved` volume may take it.

    Example:
        >>> ReImageOpts(image_id="71543ced-a8af-45b6-a5c4-a46282108a90",
        ...             reimage_reserved=False).to_volume_reimage_map()
        {'os-reimage': {'image_id': '71543ced-a8af-45b6-a5c4-a46282108a90', \
'reimage_reserved': False}}
    """

    image_id: str
    reimage_reserved: bool = False

    def to_volume_reimage_map(self) -> dict[str, Any]:
        """The body of the `os-reimage` action."""
        return {"os-reimage": {"image_id": self.image_id,
                               "reimage_reserved": bool(self.reimage_reserved)}}


def reimage(client: ServiceClient, volume_id: str, opts: ReImageOptsBuilder) -> ReImageResult:
    """Write an image over a volume (`os-reimage`, 202; microversion 3.68).

    The volume goes `downloading`, then back to its former status, bootable and with the
    image's metadata. Cinder answers 404 before 3.68 or for an unknown image, 400 for a
    volume not `available` or `error` (or `reserved`, with `reimage_reserved`) or an
    image that is not active or too big, 409 for a volume attached to several servers.
    """
    try:
        body = opts.to_volume_reimage_map()
    except StackdoubleError as exc:
        return ReImageResult.from_error(exc)
    return ReImageResult.request(client, "POST", urls.action_url(client, volume_id),
                                 json=body, ok_codes=(202,))


class ImageMetadataOptsBuilder(Protocol):
    """Anything that renders the body of `volumes.set_image_metadata`."""

    def to_image_metadata_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ImageMetadataOpts:
    """Image metadata items to add to a volume, or change.

    Example:
        >>> ImageMetadataOpts(metadata={"hw_disk_bus": "scsi"}).to_image_metadata_map()
        {'os-set_image_metadata': {'metadata': {'hw_disk_bus': 'scsi'}}}
    """

    metadata: Mapping[str, str]

    def to_image_metadata_map(self) -> dict[str, Any]:
        """The body of the `os-set_image_metadata` action."""
        return {"os-set_image_metadata": {"metadata": dict(self.metadata)}}


def set_image_metadata(client: ServiceClient, volume_id: str,
                       opts: ImageMetadataOptsBuilder) -> SetImageMetadataResult:
    """Add or change image metadata items (`os-set_image_metadata`, 200); `extract()`
    gives all of it. Cinder refuses it (400) while the volume is `uploading`.

    Example:
        >>> volumes.set_image_metadata(
        ...     block_storage, volume_id,
        ...     volumes.ImageMetadataOpts(metadata={"hw_disk_bus": "scsi"})).extract()
        {'hw_disk_bus': 'scsi'}
    """
    try:
        body = opts.to_image_metadata_map()
    except StackdoubleError as exc:
        return SetImageMetadataResult.from_error(exc)
    return SetImageMetadataResult.request(client, "POST", urls.action_url(client, volume_id),
                                          json=body, ok_codes=(200,))


def unset_image_metadata(client: ServiceClient, volume_id: str,
                         key: str) -> UnsetImageMetadataResult:
    """Remove one image metadata item (`os-unset_image_metadata`, 200); Cinder answers 404
    for a key the volume does not have."""
    return UnsetImageMetadataResult.request(
        client, "POST", urls.action_url(client, volume_id),
        json={"os-unset_image_metadata": {"key": key}}, ok_codes=(200,))


def show_image_metadata(client: ServiceClient, volume_id: str) -> ShowImageMetadataResult:
    """A volume's image metadata (`os-show_image_metadata`, 200; `{}` for none)."""
    return ShowImageMetadataResult.request(
        client, "POST", urls.action_url(client, volume_id),
        json={"os-show_image_metadata": {}}, ok_codes=(200,))


# --- metadata --------------------------------------------------------------------------------


def metadata(client: ServiceClient, volume_id: str) -> GetMetadataResult:
    """Every metadata item of a volume (`GET /volumes/{id}/metadata`)."""
    return GetMetadataResult.request(client, "GET", urls.metadata_url(client, volume_id))


def reset_metadata(client: ServiceClient, volume_id: str,
                   metadata: Mapping[str, str]) -> ResetMetadataResult:
    """Replace all of a volume's metadata with `metadata` (`PUT /volumes/{id}/metadata`)."""
    return ResetMetadataResult.request(client, "PUT", urls.metadata_url(client, volume_id),
                                       json={"metadata": dict(metadata)}, ok_codes=(200,))


def update_metadata(client: ServiceClient, volume_id: str,
                    metadata: Mapping[str, str]) -> UpdateMetadataResult:
    """Add or change the items in `metadata`, keeping the others (`POST .../metadata`).

    Example:
        >>> volumes.update_metadata(block_storage, volume_id, {"tier": "gold"}).extract()
        {'tier': 'gold'}
    """
    return UpdateMetadataResult.request(client, "POST", urls.metadata_url(client, volume_id),
                                        json={"metadata": dict(metadata)}, ok_codes=(200,))


def metadatum(client: ServiceClient, volume_id: str, key: str) -> GetMetadatumResult:
    """One metadata item (`GET /volumes/{id}/metadata/{key}`); `extract()` gives
    `{key: value}`."""
    return GetMetadatumResult.request(client, "GET",
                                      urls.metadatum_url(client, volume_id, key))


def create_metadatum(client: ServiceClient, volume_id: str, key: str,
                     value: str) -> CreateMetadatumResult:
    """Set one metadata item (`PUT /volumes/{id}/metadata/{key}`)."""
    return CreateMetadatumResult.request(
        client, "PUT", urls.metadatum_url(client, volume_id, key),
        json={"meta": {key: value}}, ok_codes=(200,))


def delete_metadatum(client: ServiceClient, volume_id: str, key: str) -> DeleteMetadatumResult:
    """Remove one metadata item (`DELETE /volumes/{id}/metadata/{key}`, 200)."""
    return DeleteMetadatumResult.request(
        client, "DELETE", urls.metadatum_url(client, volume_id, key), ok_codes=(200,))


# --- waiting ---------------------------------------------------------------------------------


def wait_for_status(
    client: ServiceClient,
    volume_id: str,
    status: str,
    *,
    timeout: float,
    interval: float = DEFAULT_INTERVAL,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> Volume:
    """Poll a volume with `get` until its status is `status`.

    Args:
        client: A Block Storage v3 client.
        volume_id: The volume.
        status: The status awaited, e.g. `"available"`, `"in-use"`.
        timeout: Seconds to wait in all.
        interval: Seconds between polls.
        sleep: How to wait between polls; pass a fake clock's advance in tests.
        clock: Monotonic seconds; pass the fake clock's time in tests.

    Returns:
        The Volume as last fetched, in `status`.

    Raises:
        WaitTimeout: `timeout` passed; `last_status` is the status last seen.
        StatusError: The volume went to `error` (or another `error_*` status) that is not
            the one awaited; raised at once.
        NotFound: The volume disappeared.

    Example:
        >>> volume = volumes.wait_for_status(block_storage, volume_id, "available",
        ...                                  timeout=60, sleep=cloud.clock.advance,
        ...                                  clock=cloud.clock.time)
    """
    return _waits.wait_for_status(
        lambda: get(client, volume_id), f"volume {volume_id}", status, errors=ERROR_STATUSES,
        timeout=timeout, interval=interval, sleep=sleep, clock=clock)


def wait_for_delete(
    client: ServiceClient,
    volume_id: str,
    *,
    timeout: float,
    interval: float = DEFAULT_INTERVAL,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> None:
    """Poll a volume until Cinder answers 404 for it.

    Takes the same arguments as `wait_for_status`.

    Raises:
        WaitTimeout: `timeout` passed while the volume still existed.
        StatusError: The volume went to `error_deleting`.
    """
    _waits.wait_for_delete(
        lambda: get(client, volume_id), f"volume {volume_id}", errors=ERROR_STATUSES,
        timeout=timeout, interval=interval, sleep=sleep, clock=clock)


# --- retype, readonly, connections -----------------------------------------------------------

#: `migration_policy` values of `ChangeTypeOpts` (gophercloud's `MigrationPolicy`).
MIGRATION_POLICY_NEVER = "never"
MIGRATION_POLICY_ON_DEMAND = "on-demand"


class ChangeTypeOptsBuilder(Protocol):
    """Anything that renders the body of `volumes.change_type`."""

    def to_volume_change_type_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangeTypeOpts:
    """The new type of a volume (name or id), and whether Cinder may migrate it to another
    backend to get there (`never`, Cinder's default, or `on-demand`); None is not sent.

    Example:
        >>> ChangeTypeOpts(new_type="gold",
        ...                migration_policy="on-demand").to_volume_change_type_map()
        {'os-retype': {'new_type': 'gold', 'migration_policy': 'on-demand'}}
    """

    new_type: str
    migration_policy: str | None = None

    def to_volume_change_type_map(self) -> dict[str, Any]:
        """The body of the `os-retype` action.

        Raises:
            InvalidInput: An empty type, or a policy other than `never`/`on-demand`.
        """
        if not self.new_type:
            raise InvalidInput("new_type must not be empty", "new_type")
        retype: dict[str, Any] = {"new_type": self.new_type}
        if self.migration_policy is not None:
            if self.migration_policy not in (MIGRATION_POLICY_NEVER, MIGRATION_POLICY_ON_DEMAND):
                raise InvalidInput(f"migration_policy must be never or on-demand, not "
                                   f"{self.migration_policy!r}", "migration_policy")
            retype["migration_policy"] = self.migration_policy
        return {"os-retype": retype}


def change_type(client: ServiceClient, volume_id: str,
                opts: ChangeTypeOptsBuilder) -> ActionResult:
    """Change a volume's type (`os-retype`, 202): `retyping`, then back to its status.

    The volume's per-type quota usage (`volumes_<type>`, `gigabytes_<type>`...) moves to
    the new type. Cinder answers 404 for an unknown type (or a private one the project may
    not use), 400 for the volume's own type, a volume not `available` or `in-use`, or an
    `in-use` one whose multiattach or front-end QoS would change, and 413 over the new
    type's quota.

    Example:
        >>> gold = cloud.block_storage.add_volume_type("gold")  # as an admin would
        >>> volumes.change_type(block_storage, volume_id,
        ...                     volumes.ChangeTypeOpts(new_type="gold")).extract_err()
        >>> volumes.get(block_storage, volume_id).extract().volume_type
        'gold'
    """
    try:
        body = opts.to_volume_change_type_map()
    except StackdoubleError as exc:
        return ActionResult.from_error(exc)
    return _action(client, volume_id, body)


class ReadOnlyOptsBuilder(Protocol):
    """Anything that renders the body of `volumes.set_readonly`."""

    def to_volume_readonly_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadOnlyOpts:
    """Whether a volume attaches read-only.

    Example:
        >>> ReadOnlyOpts(readonly=True).to_volume_readonly_map()
        {'os-update_readonly_flag': {'readonly': True}}
    """

    readonly: bool

    def to_volume_readonly_map(self) -> dict[str, Any]:
        """The body of the `os-update_readonly_flag` action."""
        return {"os-update_readonly_flag": {"readonly": bool(self.readonly)}}


def set_readonly(client: ServiceClient, volume_id: str, opts: ReadOnlyOptsBuilder) -> ActionResult:
    """Set a volume's readonly flag (`os-update_readonly_flag`, 202; `available` volumes
    only, else 400).

    The flag shows in the volume's `metadata` as `readonly` (`"True"`/`"False"`), over any
    metadata item of that name, and a readonly volume attaches only in `ro` mode.
    """
    try:
        body = opts.to_volume_readonly_map()
    except StackdoubleError as exc:
        return ActionResult.from_error(exc)
    return _action(client, volume_id, body)


@dataclass(frozen=True, slots=True, kw_only=True)
class _ConnectorOpts:
    ip: str | None = None
    host: str | None = None
    initiator: str | None = None
    wwpns: tuple[str, ...] = ()
    wwnns: str | None = None
    multipath: bool | None = None
    platform: str | None = None
    os_type: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def _connector(self) -> dict[str, Any]:
        given: dict[str, Any] = {"ip": self.ip, "host": self.host, "initiator": self.initiator,
                                 "wwpns": [*self.wwpns] or None, "wwnns": self.wwnns,
                                 "multipath": self.multipath, "platform": self.platform,
                                 "os_type": self.os_type}
        return {**{k: v for k, v in given.items() if v is not None}, **self.extra}


class InitializeConnectionOptsBuilder(Protocol):
    """Anything that renders the body of `volumes.initialize_connection`."""

    def to_volume_initialize_connection_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class InitializeConnectionOpts(_ConnectorOpts):
    """The connector of the host that will connect to the volume (os-brick's connector
    properties); None and empty fields are not sent, `extra` is sent as is
    (`enforce_multipath`, `nvme_hostid`...).

    Example:
        >>> InitializeConnectionOpts(host="node-1", initiator="iqn.1993-08.org.debian:01:n1",
        ...                          multipath=False).to_volume_initialize_connection_map()
        {'os-initialize_connection': {'connector': {'host': 'node-1', \
'initiator': 'iqn.1993-08.org.debian:01:n1', 'multipath': False}}}
    """

    def to_volume_initialize_connection_map(self) -> dict[str, Any]:
        """The body of the `os-initialize_connection` action."""
        return {"os-initialize_connection": {"connector": self._connector()}}


def initialize_connection(client: ServiceClient, volume_id: str,
                          opts: InitializeConnectionOptsBuilder) -> InitializeConnectionResult:
    """Ask the volume's driver how the connector's host reaches the volume
    (`os-initialize_connection`, 200); `extract()` gives the `connection_info`.

    The volume's status does not change. The `access_mode` is `ro` for a readonly volume
    when an admin asks; Cinder 29 answers `rw` to project members whatever the flag.

    Example:
        >>> info = volumes.initialize_connection(
        ...     block_storage, volume_id, volumes.InitializeConnectionOpts(host="node-1")
        ... ).extract()
        >>> info["driver_volume_type"], info["data"]["access_mode"]
        ('iscsi', 'rw')
    """
    try:
        body = opts.to_volume_initialize_connection_map()
    except StackdoubleError as exc:
        return InitializeConnectionResult.from_error(exc)
    return InitializeConnectionResult.request(client, "POST", urls.action_url(client, volume_id),
                                              json=body, ok_codes=(200,))


class TerminateConnectionOptsBuilder(Protocol):
    """Anything that renders the body of `volumes.terminate_connection`."""

    def to_volume_terminate_connection_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class TerminateConnectionOpts(_ConnectorOpts):
    """The connector whose connection to end; as `InitializeConnectionOpts`.

    Example:
        >>> TerminateConnectionOpts(host="node-1").to_volume_terminate_connection_map()
        {'os-terminate_connection': {'connector': {'host': 'node-1'}}}
    """

    def to_volume_terminate_connection_map(self) -> dict[str, Any]:
        """The body of the `os-terminate_connection` action."""
        return {"os-terminate_connection": {"connector": self._connector()}}


def terminate_connection(client: ServiceClient, volume_id: str,
                         opts: TerminateConnectionOptsBuilder) -> ActionResult:
    """End a host's connection to a volume (`os-terminate_connection`, 202); an
    `attaching` volume goes back to `available` (or `in-use`).

    Cinder answers 409 when Nova holds the volume's attachment ("Detach volume from
    instance <id> using the Compute API").
    """
    try:
        body = opts.to_volume_terminate_connection_map()
    except StackdoubleError as exc:
        return ActionResult.from_error(exc)
    return _action(client, volume_id, body)


# --- admin actions ---------------------------------------------------------------------------


class ResetStatusOptsBuilder(Protocol):
    """Anything that renders the body of `volumes.reset_status`."""

    def to_volume_reset_status_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ResetStatusOpts:
    """The statuses to write over a volume's (admins); None fields are not sent.
    `migration_status="none"` clears the migration status.

    Example:
        >>> ResetStatusOpts(status="available",
        ...                 migration_status="none").to_volume_reset_status_map()
        {'os-reset_status': {'status': 'available', 'migration_status': 'none'}}
    """

    status: str | None = None
    migration_status: str | None = None
    attach_status: str | None = None

    def to_volume_reset_status_map(self) -> dict[str, Any]:
        """The body of the `os-reset_status` action.

        Raises:
            InvalidInput: No status at all.
        """
        given = {"status": self.status, "migration_status": self.migration_status,
                 "attach_status": self.attach_status}
        reset = {k: v for k, v in given.items() if v is not None}
        if not reset:
            raise InvalidInput("reset_status needs a status, migration_status or "
                               "attach_status", "status")
        return {"os-reset_status": reset}


def reset_status(client: ServiceClient, volume_id: str,
                 opts: ResetStatusOptsBuilder) -> ActionResult:
    """Overwrite a volume's statuses (`os-reset_status`, admins, 202); no check of the
    volume's state, no background work."""
    try:
        body = opts.to_volume_reset_status_map()
    except StackdoubleError as exc:
        return ActionResult.from_error(exc)
    return _action(client, volume_id, body)


class ForceDetachOptsBuilder(Protocol):
    """Anything that renders the body of `volumes.force_detach`."""

    def to_volume_force_detach_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ForceDetachOpts:
    """Which attachment to remove (None: the only one) and the connector to disconnect
    (None: none); None fields are not sent.

    Example:
        >>> ForceDetachOpts(attachment_id="a1").to_volume_force_detach_map()
        {'os-force_detach': {'attachment_id': 'a1'}}
    """

    attachment_id: str | None = None
    connector: Mapping[str, Any] | None = None

    def to_volume_force_detach_map(self) -> dict[str, Any]:
        """The body of the `os-force_detach` action."""
        detach: dict[str, Any] = {}
        if self.attachment_id is not None:
            detach["attachment_id"] = self.attachment_id
        if self.connector is not None:
            detach["connector"] = dict(self.connector)
        return {"os-force_detach": detach}


def force_detach(client: ServiceClient, volume_id: str,
                 opts: ForceDetachOptsBuilder | None = None) -> ActionResult:
    """Remove an attachment whatever Cinder thinks of it (`os-force_detach`, admins, 202):
    the volume becomes `available` (or stays `in-use` with others left); a volume with no
    attachment becomes `available` whatever its status.

    Cinder answers 409 when Nova holds the attachment, and for an attachment id it does
    not know.
    """
    try:
        body = (opts or ForceDetachOpts()).to_volume_force_detach_map()
    except StackdoubleError as exc:
        return ActionResult.from_error(exc)
    return _action(client, volume_id, body)


class MigrateOptsBuilder(Protocol):
    """Anything that renders the body of `volumes.migrate`."""

    def to_volume_migrate_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class MigrateOpts:
    """Where to migrate a volume: a `host@backend#pool`, or (microversion 3.16) a
    `cluster`; one of them. None fields are not sent.

    Example:
        >>> MigrateOpts(host="node@lvm#pool", lock_volume=True).to_volume_migrate_map()
        {'os-migrate_volume': {'host': 'node@lvm#pool', 'lock_volume': True}}
    """

    host: str | None = None
    cluster: str | None = None
    force_host_copy: bool | None = None
    lock_volume: bool | None = None

    def to_volume_migrate_map(self) -> dict[str, Any]:
        """The body of the `os-migrate_volume` action.

        Raises:
            InvalidInput: Both or neither of `host` and `cluster`.
        """
        if bool(self.host) == bool(self.cluster):
            raise InvalidInput("a migration needs a host or a cluster, not both", "host")
        given = {"host": self.host, "cluster": self.cluster,
                 "force_host_copy": self.force_host_copy, "lock_volume": self.lock_volume}
        return {"os-migrate_volume": {k: v for k, v in given.items() if v is not None}}


def migrate(client: ServiceClient, volume_id: str, opts: MigrateOptsBuilder) -> ActionResult:
    """Move a volume to another backend (`os-migrate_volume`, admins, 202).

    Follow it with the volume's `migration_status` (admins): `starting`, `migrating`, then
    `success` or `error`. With `lock_volume`, an `available` volume is `maintenance`
    meanwhile. Cinder answers 400 for an unknown or disabled backend ("Invalid host: No
    available service named ..."), the volume's own host, or a volume that is busy, has
    snapshots or is in a group.
    """
    try:
        body = opts.to_volume_migrate_map()
    except StackdoubleError as exc:
        return ActionResult.from_error(exc)
    return _action(client, volume_id, body)


class MigrationCompletionOptsBuilder(Protocol):
    """Anything that renders the body of `volumes.complete_migration`."""

    def to_volume_migration_completion_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class MigrationCompletionOpts:
    """The volume a migration copied to, and whether the copy failed.

    Example:
        >>> MigrationCompletionOpts(new_volume="v2").to_volume_migration_completion_map()
        {'os-migrate_volume_completion': {'new_volume': 'v2', 'error': False}}
    """

    new_volume: str
    error: bool = False

    def to_volume_migration_completion_map(self) -> dict[str, Any]:
        """The body of the `os-migrate_volume_completion` action."""
        return {"os-migrate_volume_completion": {"new_volume": self.new_volume,
                                                 "error": bool(self.error)}}


def complete_migration(client: ServiceClient, volume_id: str,
                       opts: MigrationCompletionOptsBuilder) -> MigrationCompletionResult:
    """Finish a migration (`os-migrate_volume_completion`, admins, 200): what Nova calls
    after swapping a volume; `extract()` gives the id of the volume Cinder keeps.

    With neither volume migrating, the source's attachments move to the new volume.
    """
    try:
        body = opts.to_volume_migration_completion_map()
    except StackdoubleError as exc:
        return MigrationCompletionResult.from_error(exc)
    return MigrationCompletionResult.request(client, "POST", urls.action_url(client, volume_id),
                                             json=body, ok_codes=(200,))


def complete_extend(client: ServiceClient, volume_id: str, *, error: bool = False) -> ActionResult:
    """Finish an extend that waits for Nova (`os-extend_volume_completion`, admins, 202);
    Cinder answers 400 for a volume not `extending`."""
    return _action(client, volume_id, {"os-extend_volume_completion": {"error": bool(error)}})


def unmanage(client: ServiceClient, volume_id: str) -> ActionResult:
    """Stop managing a volume (`os-unmanage`, admins, 202): it goes `unmanaging`, then
    disappears from Cinder (its quota released) while its data stays on the backend.

    Cinder refuses (400) what it refuses to delete: an attached volume, one with
    snapshots, or one not `available` or in error.
    """
    return _action(client, volume_id, {"os-unmanage": {}})


class RevertOptsBuilder(Protocol):
    """Anything that renders the body of `volumes.revert_to_snapshot`."""

    def to_volume_revert_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class RevertOpts:
    """The snapshot to revert to: the volume's latest.

    Example:
        >>> RevertOpts(snapshot_id="s1").to_volume_revert_map()
        {'revert': {'snapshot_id': 's1'}}
    """

    snapshot_id: str

    def to_volume_revert_map(self) -> dict[str, Any]:
        """The body of the `revert` action.

        Raises:
            InvalidInput: An empty snapshot id.
        """
        if not self.snapshot_id:
            raise InvalidInput("snapshot_id must not be empty", "snapshot_id")
        return {"revert": {"snapshot_id": self.snapshot_id}}


def revert_to_snapshot(client: ServiceClient, volume_id: str,
                       opts: RevertOptsBuilder) -> ActionResult:
    """Revert a volume to its latest snapshot (`revert`, 202; microversion 3.40, the
    client's): the volume `reverting` and the snapshot `restoring`, both `available`
    when done.

    Cinder answers 404 before 3.40, 400 for a snapshot that is not the latest (or a volume
    without snapshots, or one extended since), 409 for a volume or snapshot not
    `available`.
    """
    try:
        body = opts.to_volume_revert_map()
    except StackdoubleError as exc:
        return ActionResult.from_error(exc)
    return _action(client, volume_id, body)
