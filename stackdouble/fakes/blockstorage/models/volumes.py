"""Volumes (`cinder/volume/api.py`, the create flow `cinder/volume/flows/api/
create_volume.py`, `cinder/api/v3/volumes.py`), for
`client/openstack/blockstorage/v3/volumes`: create, update, extend, metadata, delete,
listing, and the create-time behaviours."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sortedcontainers import SortedList  # type: ignore[import-untyped,unused-ignore]

from stackdouble.fakes.blockstorage.errors import (
    BadRequest,
    QuotaError,
    invalid_input,
    invalid_snapshot,
    invalid_volume,
    volume_not_found,
)
from stackdouble.fakes.blockstorage.models._common import (
    DEFAULT_AZ,
    HOST,
    _Behavior,
    _check_metadata,
    _ModelBase,
    _page,
)
from stackdouble.fakes.blockstorage.models.attachments import Attachment
from stackdouble.fakes.blockstorage.models.snapshots import Snapshot
from stackdouble.fakes.blockstorage.models.volumetypes import VolumeType
from stackdouble.fakes.caller import Caller
from stackdouble.fakes.links import ImageInfo
from stackdouble.fakes.sorting import complete_sort
from stackdouble.fakes.timestamps import epoch_micros

__all__ = [
    "DELETABLE",
    "VOLUME_SORT_KEYS",
    "VOLUME_STATUSES",
    "Volume",
    "VolumeFilters",
    "VolumesMixin",
]

#: Statuses a volume may be deleted from without `force` (`volume.api.API.delete`).
DELETABLE = ("available", "error", "error_restoring", "error_extending", "error_managing")
#: Every status the fake uses (`cinder/objects/fields.py` `VolumeStatus`, the ones it models).
VOLUME_STATUSES = frozenset({
    "creating", "available", "deleting", "error", "error_deleting", "error_managing",
    "managing", "attaching", "in-use", "detaching", "maintenance", "reserved",
    "error_attaching", "error_detaching", "error_extending", "extending", "downloading",
    "uploading", "retyping", "backing-up", "restoring-backup", "error_restoring",
    "awaiting-transfer",
})
_GiB = 1024**3


@dataclass(slots=True)
class Volume:
    """One volume. `created_us` (microseconds since the epoch) and `id` sort it."""

    id: str
    project_id: str
    user_id: str
    name: str | None
    description: str | None
    size: int
    availability_zone: str
    volume_type: VolumeType
    status: str
    created_at: datetime
    created_us: int
    updated_at: datetime | None = None
    snapshot_id: str | None = None
    source_volid: str | None = None
    image_id: str | None = None
    image_metadata: dict[str, str] | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    bootable: bool = False
    host: str | None = None
    multiattach: bool = False
    attachments: list[Attachment] = field(default_factory=list)
    previous_status: str | None = None
    migration_status: str | None = None
    service_uuid: str | None = None
    group_id: str | None = None
    event: int = 0
    #: Cinder's admin metadata the fake keeps: `readonly` and `attached_mode`, which
    #: show inside `metadata` (`api_utils.add_visible_admin_metadata`).
    admin_metadata: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> tuple[int, str]:
        """The sort key of Cinder's default order: `(created_at, id)`."""
        return (self.created_us, self.id)

    @property
    def attach_status(self) -> str:
        """`attached` when any attachment is, else `detached` (or `attaching`; a
        reservation leaves it `detached`)."""
        statuses = {a.attach_status for a in self.attachments} - {"reserved"}
        if "attached" in statuses or "detaching" in statuses:
            return "attached"
        return "attaching" if statuses else "detached"


@dataclass(slots=True)
class VolumeFilters:
    """The filters of a volume listing, already translated as Cinder's API does.

    `impossible` is Cinder's "query is None": a filter on a column that does not exist, or
    a `metadata` value that is not a dict, lists nothing.
    """

    name: str | None = None
    name_like: str | None = None
    status: str | None = None
    bootable: bool | None = None
    availability_zone: str | None = None
    size: int | None = None
    metadata: Mapping[str, str] | None = None
    project_id: str | None = None
    user_id: str | None = None
    volume_type_id: str | None = None
    impossible: bool = False

    def matches(self, v: Volume) -> bool:
        """Whether a volume passes every filter."""
        if self.impossible:
            return False
        if self.name is not None and v.name != self.name:
            return False
        if self.name_like is not None and self.name_like.lower() not in (v.name or "").lower():
            return False
        if self.status is not None and v.status != self.status:
            return False
        if self.bootable is not None and v.bootable != self.bootable:
            return False
        if self.availability_zone is not None and v.availability_zone != self.availability_zone:
            return False
        if self.size is not None and v.size != self.size:
            return False
        if self.project_id is not None and v.project_id != self.project_id:
            return False
        if self.user_id is not None and v.user_id != self.user_id:
            return False
        if self.volume_type_id is not None and v.volume_type.id != self.volume_type_id:
            return False
        if self.metadata:
            meta = v.metadata
            return all(meta.get(k) == val for k, val in self.metadata.items())
        return True


#: Volume attributes Cinder can sort by (model columns), as the fake reads them.
VOLUME_SORT_KEYS: Mapping[str, Callable[[Volume], Any]] = {
    "id": lambda v: v.id,
    "created_at": lambda v: v.created_us,
    "updated_at": lambda v: v.updated_at,
    "display_name": lambda v: v.name,
    "display_description": lambda v: v.description,
    "size": lambda v: v.size,
    "status": lambda v: v.status,
    "availability_zone": lambda v: v.availability_zone,
    "bootable": lambda v: v.bootable,
    "user_id": lambda v: v.user_id,
    "project_id": lambda v: v.project_id,
    "volume_type_id": lambda v: v.volume_type.id,
    "host": lambda v: v.host,
    "attach_status": lambda v: v.attach_status,
    "migration_status": lambda v: v.migration_status,
    "multiattach": lambda v: v.multiattach,
    "snapshot_id": lambda v: v.snapshot_id,
    "source_volid": lambda v: v.source_volid,
    "previous_status": lambda v: v.previous_status,
}


class VolumesMixin(_ModelBase):
    """The volumes of `BlockStorageModel` (`volumes`, `_volume_keys`, the create-time
    behaviours)."""

    # -- behaviours ------------------------------------------------------------------------

    def error_on_create(self, *, times: int | None = 1) -> None:
        """Make the next `times` volume creates (None: all) end in `error` instead of
        `available`, as a failed scheduling or driver call leaves them."""
        if times is not None and times < 1:
            raise ValueError("times must be a positive integer or None")
        self._errors_on_create.append(_Behavior(times))

    def _take_error(self) -> bool:
        for behavior in self._errors_on_create:
            behavior.hits += 1
            if behavior.times is not None and behavior.hits >= behavior.times:
                self._errors_on_create.remove(behavior)
            return True
        return False

    def force_error(self, volume_id: str, status: str = "error") -> None:
        """Put a volume in `error` (or another error status) now, cancelling its work.

        Raises:
            KeyError: Unknown volume.
        """
        self.advance()
        volume = self.volumes[volume_id]
        self._seq += 1
        volume.event = self._seq  # pending work no longer applies
        volume.status = status
        volume.updated_at = self._now()

    def volume_status(self, volume_id: str) -> str:
        """A volume's status right now; `deleted` once its deletion completed."""
        self.advance()
        volume = self.volumes.get(volume_id)
        return "deleted" if volume is None else volume.status

    def get_volume(self, caller: Caller, volume_id: str) -> Volume:
        """A volume the caller may see (its project's; an admin: any).

        Raises:
            NotFound: "Volume <id> could not be found." (also another project's).
        """
        self.advance()
        volume = self.volumes.get(volume_id)
        if volume is None or (volume.project_id != caller.project_id and not caller.is_admin):
            raise volume_not_found(volume_id)
        return volume

    # -- volumes: create ---------------------------------------------------------------------

    def create_volume(self, caller: Caller, *, size: int | None = None, name: str | None = None,
                      description: str | None = None, volume_type: str | None = None,
                      metadata: Mapping[str, str] | None = None,
                      availability_zone: str | None = None, snapshot_id: str | None = None,
                      source_volid: str | None = None, image_id: str | None = None) -> Volume:
        """Create a volume as `POST /volumes` does (after body validation); it starts in
        `creating` and becomes `available` after `create_time`.

        Raises:
            NotFound: An unknown volume type, snapshot or source volume.
            BadRequest: Cinder's `InvalidInput`, `InvalidVolume`, `InvalidSnapshot` and
                `InvalidAvailabilityZone` checks, in its order.
            QuotaError: 413 over the `gigabytes`, `volumes` or `per_volume_gigabytes` quota.
        """
        self.advance()
        vtype = self.find_volume_type(caller, volume_type) if volume_type else None
        snapshot = self.get_snapshot(caller, snapshot_id) if snapshot_id is not None else None
        source = self.get_volume(caller, source_volid) if source_volid is not None else None
        image = self._find_image(caller, image_id) if image_id is not None else None
        metadata = dict(metadata or {})
        _check_metadata(metadata)
        given = [k for k, v in (("snapshot", snapshot), ("imageRef", image),
                                ("source volume", source)) if v is not None]
        if len(given) > 1:
            raise invalid_input("May specify only one of backup, imageRef, snapshot, "
                                "source volume")
        if snapshot is not None and snapshot.status != "available":
            raise invalid_snapshot("Originating snapshot status must be one of 'available' "
                                   "values")
        if source is not None and source.status not in ("available", "in-use"):
            raise invalid_volume("Originating source volume status must be one of "
                                 "'available, in-use' values")
        size = self._extract_size(size, snapshot, source)
        if image is not None:
            _check_image(image, size)
        if vtype is None:
            if source is not None:
                vtype = source.volume_type
            elif snapshot is not None:
                vtype = self.volumes[snapshot.volume_id].volume_type \
                    if snapshot.volume_id in self.volumes \
                    else self._default_type(caller.project_id)
            else:
                vtype = self._default_type(caller.project_id)
        zone = availability_zone
        if zone is None and source is not None:
            zone = source.availability_zone
        if zone is None and snapshot is not None and snapshot.volume_id in self.volumes:
            zone = self.volumes[snapshot.volume_id].availability_zone
        zone = zone or DEFAULT_AZ
        if zone != DEFAULT_AZ:
            raise BadRequest(f"Availability zone '{zone}' is invalid.")
        self._check_volume_size_limit(caller.project_id, size)
        self._reserve(caller.project_id, "volumes", {"volumes": 1, "gigabytes": size}, size,
                      vtype.name)
        bootable = False
        image_meta = None
        if image is not None:
            bootable = True
            image_meta = _image_metadata(image, size)
        elif source is not None:
            bootable = source.bootable
            image_meta = dict(source.image_metadata) if source.image_metadata else None
        elif snapshot is not None and snapshot.volume_id in self.volumes:
            origin = self.volumes[snapshot.volume_id]
            bootable = origin.bootable
            image_meta = dict(origin.image_metadata) if origin.image_metadata else None
        volume = self._new_volume(caller, size=size, name=name, description=description,
                                  vtype=vtype, zone=zone, metadata=metadata,
                                  snapshot_id=snapshot.id if snapshot else None,
                                  source_volid=source.id if source else None,
                                  image_id=image.id if image is not None else None,
                                  image_metadata=image_meta, bootable=bootable)
        self._schedule(volume, "create", self.create_time, error=self._take_error())
        return volume

    def create_volumes(self, project_id: str, count: int, *, size: int = 1,
                       name: str = "volume") -> list[Volume]:
        """Create `count` `available` volumes at once (for benches and big tests), named
        `<name>-<n>`, checking the quota once.

        Raises:
            QuotaError: The project's quota does not allow them.
        """
        self.advance()
        caller = self.caller_for(project_id)
        vtype = self._default_type(project_id)
        self._reserve(project_id, "volumes", {"volumes": count, "gigabytes": count * size},
                      count * size, vtype.name)
        out = []
        for index in range(count):
            volume = self._new_volume(caller, size=size, name=f"{name}-{index + 1}",
                                      description=None, vtype=vtype, zone=DEFAULT_AZ,
                                      metadata={}, snapshot_id=None, source_volid=None,
                                      image_id=None, image_metadata=None, bootable=False,
                                      count_usage=False)
            volume.status, volume.host = "available", HOST
            volume.service_uuid = self.service_uuid
            volume.updated_at = volume.created_at
            out.append(volume)
        self._use(project_id, vtype.name, volumes=count, gigabytes=count * size)
        return out

    def _extract_size(self, size: int | None, snapshot: Snapshot | None,
                      source: Volume | None) -> int:
        """`ExtractVolumeRequestTask._extract_size`."""
        if not size and source is not None:
            size = source.size
        elif not size and snapshot is not None:
            size = snapshot.size
        if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
            raise invalid_input(f"Volume size '{size}' must be an integer and greater than 0")
        if source is not None and size < source.size:
            raise invalid_input(f"Volume size '{size}'GB cannot be smaller than original volume "
                                f"size  {source.size}GB. They must be >= original volume "
                                "size.")
        if source is None and snapshot is not None and size < snapshot.size:
            raise invalid_input(f"Volume size '{size}'GB cannot be smaller than the snapshot "
                                f"size {snapshot.size}GB. They must be >= original snapshot "
                                "size.")
        return size

    def _find_image(self, caller: Caller, image_ref: str) -> ImageInfo:
        """`_image_uuid_from_ref`: the image by id (last path segment) or by unique name,
        asked of the image service through the cloud's `images` link.

        Raises:
            BadRequest: "Invalid image identifier or unable to access requested image."
            Conflict-like 409: several images share the name.
        """
        images = self.cloud.links.images
        image = images.get(caller, image_ref.rsplit("/", 1)[-1])
        if image is not None:
            return image
        named = images.named(caller, image_ref)
        if len(named) > 1:
            from stackdouble.fakes.blockstorage.errors import CinderError

            raise CinderError(f"Multiple matches found for '{image_ref}', use an ID to be "
                              "more specific.", status=409)
        if named:
            return named[0]
        raise BadRequest("Invalid image identifier or unable to access requested image.")

    def _new_volume(self, caller: Caller, *, size: int, name: str | None,
                    description: str | None, vtype: VolumeType, zone: str,
                    metadata: dict[str, str], snapshot_id: str | None,
                    source_volid: str | None, image_id: str | None,
                    image_metadata: dict[str, str] | None, bootable: bool,
                    count_usage: bool = True) -> Volume:
        now = self._now()
        volume = Volume(id=self.cloud.ids.uuid(), project_id=caller.project_id,
                        user_id=caller.user_id, name=name, description=description, size=size,
                        availability_zone=zone, volume_type=vtype, status="creating",
                        created_at=now, created_us=epoch_micros(now), metadata=metadata,
                        snapshot_id=snapshot_id, source_volid=source_volid, image_id=image_id,
                        image_metadata=image_metadata, bootable=bootable,
                        multiattach=vtype.multiattach)
        self.volumes[volume.id] = volume
        key = volume.key
        self._volume_keys.setdefault(volume.project_id, SortedList()).add(key)
        self._all_volume_keys.add(key)
        if count_usage:
            self._use(volume.project_id, vtype.name, volumes=1, gigabytes=size)
        return volume

    # -- volumes: update, extend, bootable, metadata -------------------------------------------

    def update_volume(self, caller: Caller, volume_id: str, changes: Mapping[str, Any]) -> Volume:
        """Rename, describe, or replace metadata (`PUT /volumes/{id}`).

        Raises:
            BadRequest: "The volume cannot be updated during maintenance.", bad metadata.
        """
        volume = self.get_volume(caller, volume_id)
        if volume.status == "maintenance":
            raise invalid_volume("The volume cannot be updated during maintenance.")
        if "metadata" in changes:
            _check_metadata(changes["metadata"])
        for key, value in changes.items():
            setattr(volume, key, dict(value) if key == "metadata" else value)
        volume.updated_at = self._now()
        return volume

    def extend_volume(self, caller: Caller, volume_id: str, new_size: int, *,
                      attached: bool = False) -> None:
        """`os-extend`: `available` (or, from 3.42, `in-use`) → `extending` → back.

        Raises:
            BadRequest: Not bigger ("New size for extend must be greater than current
                size..."), or the wrong status.
            QuotaError: Over the `gigabytes` or `per_volume_gigabytes` quota.
        """
        volume = self.get_volume(caller, volume_id)
        increase = new_size - volume.size
        if increase <= 0:
            raise invalid_input(f"New size for extend must be greater than current size. "
                                f"(current: {volume.size}, extended: {new_size}).")
        expected = "in-use" if attached else "available"
        if volume.status != expected:
            raise invalid_volume(f"Volume {volume.id} status must be "
                                 f"'{{'status': '{expected}'}}' to extend, currently "
                                 f"{volume.status}.")
        self._check_volume_size_limit(caller.project_id, new_size)
        quotas = self.quota(volume.project_id)
        used = self._usage.get(volume.project_id, {})
        per_type = f"gigabytes_{volume.volume_type.name}"
        if any(quotas.get(k, -1) >= 0 and quotas[k] < increase + used.get(k, 0)
               for k in ("gigabytes", per_type)):
            # the message names the global quota even when the type's is the one exceeded
            raise QuotaError("VolumeSizeExceedsAvailableQuota",
                             f"Requested volume or snapshot exceeds allowed gigabytes quota. "
                             f"Requested {increase}G, quota is {quotas['gigabytes']}G and "
                             f"{used.get('gigabytes', 0)}G has been consumed.")
        self._use(volume.project_id, volume.volume_type.name, gigabytes=increase)
        volume.previous_status = volume.status
        volume.status = "extending"
        volume.updated_at = self._now()
        self._schedule(volume, "extend", self.action_time, new_size=new_size)

    def set_bootable(self, caller: Caller, volume_id: str, bootable: bool) -> None:
        """`os-set_bootable` (any status but `maintenance`)."""
        self.update_volume(caller, volume_id, {"bootable": bootable})

    def set_metadata(self, caller: Caller, volume_id: str, items: Mapping[str, str], *,
                     replace: bool) -> dict[str, str]:
        """Merge (`replace=False`) or replace the metadata; returns all of it.

        Raises:
            BadRequest: "Updating volume metadata is not allowed for volumes in <status>
                status." (maintenance, uploading), or an invalid key.
        """
        volume = self.get_volume(caller, volume_id)
        if volume.status in ("maintenance", "uploading"):
            raise invalid_volume("Updating volume metadata is not allowed for volumes in "
                                 f"{volume.status} status.")
        _check_metadata(items)
        volume.metadata = dict(items) if replace else {**volume.metadata, **items}
        volume.updated_at = self._now()
        return dict(volume.metadata)

    def delete_metadatum(self, caller: Caller, volume_id: str, key: str) -> None:
        """Remove one metadata item.

        Raises:
            NotFound: "Volume <id> has no metadata with key <key>."
        """
        volume = self.get_volume(caller, volume_id)
        if key not in volume.metadata:
            from stackdouble.fakes.blockstorage.errors import NotFound

            raise NotFound(f"Volume {volume_id} has no metadata with key {key}.")
        if volume.status in ("maintenance", "uploading"):
            raise invalid_volume("Deleting volume metadata is not allowed for volumes in "
                                 f"{volume.status} status.")
        del volume.metadata[key]
        volume.updated_at = self._now()

    # -- volumes: delete -------------------------------------------------------------------------

    def delete_volume(self, caller: Caller, volume_id: str, *, cascade: bool = False,
                      force: bool = False) -> None:
        """`DELETE /volumes/{id}`: a volume never scheduled goes at once; others go
        `deleting`, then away after the delete time (`set_delete_time`; the action time
        by default), its quota released then.

        Raises:
            BadRequest: Cinder's `InvalidVolume` for a volume in use, with snapshots, or in
                the wrong status ("Volume status must be available or error or ... and must
                not be migrating, attached, belong to a group, have snapshots, awaiting a
                transfer, or be disassociated from snapshots after volume transfer.").
        """
        volume = self.get_volume(caller, volume_id)
        if not volume.host:
            self._destroy_volume(volume)
            return
        snaps = [self.snapshots[s] for s in self._snapshots_of.get(volume.id, ())]
        ok = volume.attach_status != "attached" and not volume.attachments
        ok = ok and volume.group_id is None
        if not force and volume.status not in DELETABLE:
            ok = False
        if cascade:
            if not force and any(s.status not in ("available", "error") for s in snaps):
                ok = False
        elif snaps:
            ok = False
        if not ok:
            status = "" if force else "status must be " + " or ".join(DELETABLE) + " and"
            raise invalid_volume(f"Volume {status} must not be migrating, attached, belong to "
                                 "a group, have snapshots, awaiting a transfer, or be "
                                 "disassociated from snapshots after volume transfer.")
        now = self._now()
        volume.status = "deleting"
        volume.updated_at = now
        for snap in snaps:
            snap.status = "deleting"
            snap.updated_at = now
            self._seq += 1
            snap.event = self._seq  # deleted with the volume
        self._schedule(volume, "delete", self._delete_seconds())

    def _destroy_volume(self, volume: Volume) -> None:
        for snap_id in list(self._snapshots_of.get(volume.id, ())):
            self._destroy_snapshot(self.snapshots[snap_id])
        for attachment in list(volume.attachments):
            self._drop_attachment(attachment)
        del self.volumes[volume.id]
        key = volume.key
        self._volume_keys[volume.project_id].remove(key)
        self._all_volume_keys.remove(key)
        self._use(volume.project_id, volume.volume_type.name, volumes=-1,
                  gigabytes=-volume.size)

    # -- listing ---------------------------------------------------------------------------------

    def list_volumes(self, caller: Caller, filters: VolumeFilters, *, limit: int,
                     marker: str | None = None, offset: int = 0,
                     sort: Sequence[tuple[str, str]] = (("created_at", "desc"),),
                     all_tenants: bool = False) -> list[Volume]:
        """One page of volumes in Cinder's order (`created_at`, then `id`, by default desc).

        The default order walks a sorted list from the marker: O(log n + offset + page).
        Other sort keys sort the candidates (O(n log n)).

        Raises:
            NotFound: "Volume <marker> could not be found." (the marker must be a volume
                the caller may see).
            BadRequest: "Invalid input received: Invalid sort key".
        """
        self.advance()
        keys, dirs = complete_sort(sort)
        for key in keys:
            if key not in VOLUME_SORT_KEYS:
                raise invalid_input("Invalid sort key")
        if filters.impossible:
            return []
        mark = None
        if marker is not None:
            mark = self.volumes.get(marker)
            if mark is None or (mark.project_id != caller.project_id and not caller.is_admin):
                raise volume_not_found(marker)
        if limit == 0:
            return []
        if all_tenants:
            pool = self._all_volume_keys
        else:
            pool = self._volume_keys.get(caller.project_id) or SortedList()
        return _page(pool, self.volumes, mark, VOLUME_SORT_KEYS, keys, dirs, filters.matches,
                     offset, limit)

    def count_volumes(self, caller: Caller, filters: VolumeFilters, *,
                      all_tenants: bool = False) -> int:
        """How many volumes match (`with_count`, 3.45)."""
        self.advance()
        if filters.impossible:
            return 0
        pool = (self._all_volume_keys if all_tenants
                else self._volume_keys.get(caller.project_id) or ())
        return sum(1 for k in pool if filters.matches(self.volumes[k[1]]))


def _check_image(image: ImageInfo, size: int) -> None:
    """`volume_utils.check_image_metadata`."""
    if image.status != "active":
        raise invalid_input(f"Image {image.id} is not active.")
    image_gb = ((image.size or 0) + _GiB - 1) // _GiB
    if image_gb > size:
        raise invalid_input(f"Size of specified image {image_gb}GB is larger than volume "
                            f"size {size}GB.")
    if size < image.min_disk:
        raise invalid_input(f"Volume size {size}GB cannot be smaller than the image minDisk "
                            f"size {image.min_disk}GB.")


def _image_metadata(image: ImageInfo, size: int) -> dict[str, str]:
    """The `volume_image_metadata` Cinder copies from Glance (the properties as text)."""
    out = {"image_id": image.id, "image_name": str(image.name), "checksum": image.checksum or "",
           "container_format": image.container_format or "bare",
           "disk_format": image.disk_format or "qcow2",
           "min_disk": str(image.min_disk), "min_ram": str(image.min_ram),
           "size": str(image.size or 0)}
    for key, value in image.properties.items():
        out[str(key)] = str(value)
    return out
