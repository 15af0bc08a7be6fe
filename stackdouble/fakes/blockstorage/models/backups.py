"""Backups (`cinder/backup/api.py`, `cinder/api/contrib/backups.py`, `cinder/api/v3/backups.py`,
the admin actions of `cinder/api/contrib/admin_actions.py`), for
`client/openstack/blockstorage/v3/backups`.

Cinder's backup service works in the background; the fake queues its work on the cloud's
clock for `backup_time` seconds (0 by default, so the next read shows it done):

* create: the backup is `creating` and its volume `backing-up` (its status before is kept
  as `previous_status`); then the backup is `available` and the volume back where it was;
* restore: the backup is `restoring` and the volume `restoring-backup`; then both are
  `available`, the volume with the source's metadata and, if it had no name of its own,
  the source's name and description. Without a volume, Cinder's API first creates one,
  named `restore_backup_<backup id>`, and waits for it before answering, so the fake
  makes it `available` at once;
* delete: `deleting`, then gone (its quota released).

Backups count against the `backups` and `backup_gigabytes` quotas from the moment they are
asked for. An incremental backup's parent is the volume's newest `available` backup; a
backup with incremental children cannot be deleted.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sortedcontainers import SortedList  # type: ignore[import-untyped,unused-ignore]

from stackdouble.fakes.blockstorage.errors import (
    BadRequest,
    NotFound,
    QuotaError,
    invalid_input,
    invalid_snapshot,
    invalid_volume,
)
from stackdouble.fakes.blockstorage.models._common import (
    DEFAULT_AZ,
    _check_metadata,
    _ModelBase,
    _page,
)
from stackdouble.fakes.caller import Caller
from stackdouble.fakes.clock import checked_seconds
from stackdouble.fakes.sorting import complete_sort
from stackdouble.fakes.timestamps import epoch_micros

__all__ = ["BACKUP_SORT_KEYS", "BACKUP_STATUSES", "Backup", "BackupFilters", "BackupsMixin"]

#: `fields.BackupStatus`.
BACKUP_STATUSES = frozenset({"error", "error_deleting", "creating", "available", "deleting",
                             "deleted", "restoring"})
#: The size of one object of the posix and chunked drivers (`backup_file_size`).
_OBJECT_SIZE = 1999994880


def backup_not_found(backup_id: str) -> NotFound:
    """404 "Backup <id> could not be found." (`BackupNotFound`)."""
    return NotFound(f"Backup {backup_id} could not be found.")


def invalid_backup(reason: str) -> BadRequest:
    """400 "Invalid backup: <reason>" (`InvalidBackup`)."""
    return BadRequest(f"Invalid backup: {reason}")


@dataclass(slots=True)
class Backup:
    """One backup of a volume (`backups` row)."""

    id: str
    project_id: str
    user_id: str
    volume_id: str
    name: str | None
    description: str | None
    size: int
    status: str
    created_at: datetime
    created_us: int
    container: str | None = None
    availability_zone: str | None = DEFAULT_AZ
    updated_at: datetime | None = None
    fail_reason: str | None = None
    parent_id: str | None = None
    snapshot_id: str | None = None
    data_timestamp: datetime | None = None
    object_count: int = 0
    metadata: dict[str, str] = field(default_factory=dict)
    restore_volume_id: str | None = None
    #: What the backup driver saves of the volume (`BackupMetadataAPI`) and a restore
    #: puts back: its name, description, metadata and image metadata.
    volume_meta: dict[str, Any] = field(default_factory=dict)
    event: int = 0

    @property
    def key(self) -> tuple[int, str]:
        """The sort key of Cinder's default order: `(created_at, id)`."""
        return (self.created_us, self.id)

    @property
    def is_incremental(self) -> bool:
        """Whether it has a parent (`Backup.is_incremental`)."""
        return self.parent_id is not None


@dataclass(slots=True)
class BackupFilters:
    """The filters of a backup listing (`name`, `status`, `volume_id`; admins: any
    column, of which the fake reads `project_id`)."""

    name: str | None = None
    status: str | None = None
    volume_id: str | None = None
    project_id: str | None = None

    def matches(self, b: Backup) -> bool:
        """Whether a backup passes every filter."""
        return ((self.name is None or b.name == self.name)
                and (self.status is None or b.status == self.status)
                and (self.volume_id is None or b.volume_id == self.volume_id)
                and (self.project_id is None or b.project_id == self.project_id))


#: Backup attributes Cinder can sort by.
BACKUP_SORT_KEYS: Mapping[str, Callable[[Backup], Any]] = {
    "id": lambda b: b.id,
    "created_at": lambda b: b.created_us,
    "updated_at": lambda b: b.updated_at,
    "display_name": lambda b: b.name,
    "display_description": lambda b: b.description,
    "status": lambda b: b.status,
    "size": lambda b: b.size,
    "volume_id": lambda b: b.volume_id,
    "project_id": lambda b: b.project_id,
    "user_id": lambda b: b.user_id,
    "container": lambda b: b.container,
    "availability_zone": lambda b: b.availability_zone,
    "object_count": lambda b: b.object_count,
    "data_timestamp": lambda b: b.data_timestamp,
}


class BackupsMixin(_ModelBase):
    """The backups of `BlockStorageModel` (`backups`, `_backup_keys`, `backup_time`)."""

    backups: dict[str, Backup]
    _backup_keys: dict[str, SortedList]
    _all_backup_keys: SortedList
    backup_time: float

    def set_backup_time(self, seconds: float) -> None:
        """How long backups, restores and backup deletes take, in seconds of fake time.

        Raises:
            ValueError: A negative or non-finite number.
        """
        self.backup_time = checked_seconds(seconds)

    def backup_status(self, backup_id: str) -> str:
        """A backup's status right now; `deleted` once its deletion completed."""
        self.advance()
        backup = self.backups.get(backup_id)
        return "deleted" if backup is None else backup.status

    def get_backup(self, caller: Caller, backup_id: str) -> Backup:
        """A backup the caller may see (its project's; an admin: any).

        Raises:
            NotFound: "Backup <id> could not be found."
        """
        self.advance()
        backup = self.backups.get(backup_id)
        if backup is None or (backup.project_id != caller.project_id and not caller.is_admin):
            raise backup_not_found(backup_id)
        return backup

    def has_dependent_backups(self, backup: Backup) -> bool:
        """Whether an incremental backup names it as its parent."""
        return any(b.parent_id == backup.id for b in self.backups.values())

    # -- create --------------------------------------------------------------------------------

    def create_backup(self, caller: Caller, volume_id: str, *, name: str | None = None,
                      description: str | None = None, container: str | None = None,
                      incremental: bool = False, force: bool = False,
                      snapshot_id: str | None = None,
                      metadata: Mapping[str, str] | None = None,
                      availability_zone: str | None = None) -> Backup:
        """`POST /backups` (`backup.api.API.create`): `creating`, then `available` after
        `backup_time`; the volume is `backing-up` meanwhile.

        Raises:
            NotFound: The volume or the snapshot.
            BadRequest: Cinder's `InvalidVolume`, `InvalidSnapshot` and `InvalidBackup`
                checks, in its order.
            QuotaError: 413 over the `backups` or `backup_gigabytes` quota.
        """
        volume = self.get_volume(caller, volume_id)
        snapshot = None
        if snapshot_id:
            snapshot = self.get_snapshot(caller, snapshot_id)
            if snapshot.volume_id != volume_id:
                raise invalid_volume(f"Volume {volume_id} does not match with "
                                     f"snapshot.volume_id {snapshot.volume_id}.")
            if snapshot.status != "available":
                raise invalid_snapshot("Snapshot to be backed up must be available, but the "
                                       f'current status is "{snapshot.status}".')
        elif volume.status not in ("available", "in-use"):
            raise invalid_volume("Volume to be backed up must be available or in-use, but the "
                                 f'current status is "{volume.status}".')
        elif volume.status == "in-use" and not force:
            raise invalid_volume("Backing up an in-use volume must use the force flag.")
        meta = dict(metadata or {})
        _check_metadata(meta)
        self._reserve_backup(caller.project_id, volume.size)
        parent = None
        if incremental:
            parent = self._latest_backup(volume.id, caller.project_id, snapshot)
            if parent is None or parent.status != "available":
                raise invalid_backup("No backups available to do an incremental backup.")
        now = self._now()
        backup = Backup(id=self.cloud.ids.uuid(), project_id=caller.project_id,
                        user_id=caller.user_id, volume_id=volume.id, name=name,
                        description=description, size=volume.size, status="creating",
                        created_at=now, created_us=epoch_micros(now), container=container,
                        availability_zone=availability_zone or volume.availability_zone,
                        parent_id=parent.id if parent is not None else None,
                        snapshot_id=snapshot.id if snapshot is not None else None,
                        data_timestamp=snapshot.created_at if snapshot is not None else now,
                        metadata=meta,
                        volume_meta={"name": volume.name, "description": volume.description,
                                     "metadata": dict(volume.metadata),
                                     "image_metadata": dict(volume.image_metadata or {})})
        self.backups[backup.id] = backup
        key = backup.key
        self._backup_keys.setdefault(backup.project_id, SortedList()).add(key)
        self._all_backup_keys.add(key)
        self._use(backup.project_id, backups=1, backup_gigabytes=backup.size)
        if snapshot is not None:
            snapshot.status = "backing-up"
            snapshot.updated_at = now
        else:
            volume.previous_status = volume.status
            volume.status = "backing-up"
            volume.updated_at = now
        self._schedule_backup(backup, "backup_create")
        return backup

    def _reserve_backup(self, project_id: str, size: int) -> None:
        """`QUOTAS.reserve(backups=1, backup_gigabytes=size)` +
        `process_reserve_over_quota(resource='backups')`."""
        quotas = self.quota(project_id)
        used = self._usage.get(project_id, {})
        for over in [k for k, d in (("backups", 1), ("backup_gigabytes", size))
                     if quotas[k] >= 0 and quotas[k] < d + used.get(k, 0)]:  # deltas' order
            if "gigabytes" in over:
                raise QuotaError("VolumeBackupSizeExceedsAvailableQuota",
                                 "Requested backup exceeds allowed Backup gigabytes quota. "
                                 f"Requested {size}G, quota is {quotas[over]}G and "
                                 f"{used.get(over, 0)}G has been consumed.")
            raise QuotaError("BackupLimitExceeded",
                             f"Maximum number of backups allowed ({quotas[over]}) exceeded")

    def _latest_backup(self, volume_id: str, project_id: str,
                       snapshot: Any) -> Backup | None:
        """The incremental parent: the newest `available` backup of the volume by
        `data_timestamp` (older than the snapshot when backing one up)."""
        mine = [b for b in self.backups.values()
                if b.volume_id == volume_id and b.project_id == project_id]
        if not mine:
            return None

        def rank(b: Backup) -> tuple[int, int]:
            stamp = epoch_micros(b.data_timestamp or b.created_at)
            usable = b.status == "available" and (
                snapshot is None or stamp < epoch_micros(snapshot.created_at))
            return (1, stamp) if usable else (0, 0)

        return max(mine, key=rank)

    # -- update, delete, restore, reset ----------------------------------------------------------

    def update_backup(self, caller: Caller, backup_id: str,
                      changes: Mapping[str, Any]) -> Backup:
        """`PUT /backups/{id}` (3.9): name, description, (3.43) metadata."""
        backup = self.get_backup(caller, backup_id)
        for key, value in changes.items():
            setattr(backup, key, dict(value) if key == "metadata" else value)
        backup.updated_at = self._now()
        return backup

    def delete_backup(self, caller: Caller, backup_id: str, *, force: bool = False) -> None:
        """`DELETE /backups/{id}` (and the admins' `os-force_delete`): `deleting`, then gone
        after `backup_time`.

        Raises:
            NotFound: The backup.
            BadRequest: "Invalid backup: Backup status must be available or error"
                (without `force`), or "Invalid backup: Incremental backups exist for this
                backup."
        """
        backup = self.get_backup(caller, backup_id)
        if not force and backup.status not in ("available", "error"):
            raise invalid_backup("Backup status must be available or error")
        if self.has_dependent_backups(backup):
            raise invalid_backup("Incremental backups exist for this backup.")
        backup.status = "deleting"
        backup.updated_at = self._now()
        self._schedule_backup(backup, "backup_delete")

    def restore_backup(self, caller: Caller, backup_id: str, *, volume_id: str | None = None,
                       name: str | None = None) -> tuple[Backup, Any]:
        """`POST /backups/{id}/restore`: to `volume_id`, or to a new volume (created and
        `available` before the answer, as Cinder's API waits for it). Returns the backup
        and the volume.

        Raises:
            NotFound: The backup or the volume.
            BadRequest: "Invalid backup: Backup status must be available", "Invalid
                volume: Volume to be restored to must be available", or "Invalid volume:
                volume size <n> is too small to restore backup of size <m>."
            QuotaError: 413 when a new volume is over quota.
        """
        backup = self.get_backup(caller, backup_id)
        if backup.status != "available":
            raise invalid_backup("Backup status must be available")
        if volume_id is None:
            volume = self.create_volume(caller, size=backup.size,
                                        name=name or f"restore_backup_{backup.id}",
                                        description="auto-created_from_restore_from_backup")
            self._seq += 1
            volume.event = self._seq  # the API waited for it
            self._complete("create", volume.id, volume.event, self._now(), {})
        else:
            volume = self.get_volume(caller, volume_id)
        if volume.status != "available":
            raise invalid_volume("Volume to be restored to must be available")
        if backup.size > volume.size:
            raise invalid_volume(f"volume size {volume.size} is too small to restore backup "
                                 f"of size {backup.size}.")
        now = self._now()
        backup.status = "restoring"
        backup.restore_volume_id = volume.id
        backup.updated_at = now
        volume.status = "restoring-backup"
        volume.updated_at = now
        self._schedule_backup(backup, "backup_restore", volume_id=volume.id)
        return backup, volume

    def reset_backup_status(self, caller: Caller, backup_id: str, status: str) -> None:
        """`os-reset_status` (admins): `available` or `error` (the backup manager's
        `reset_status`), cancelling pending work.

        Raises:
            NotFound: The backup.
            BadRequest: Another status (`schema`: "Invalid input for field/attribute
                status...").
        """
        backup = self.get_backup(caller, backup_id)
        if status not in ("available", "error"):
            raise invalid_input(f"Backup status: {status} is invalid.")
        self._seq += 1
        backup.event = self._seq
        backup.status = status
        backup.updated_at = self._now()

    # -- background work -------------------------------------------------------------------------

    def _schedule_backup(self, backup: Backup, kind: str, **args: Any) -> None:
        self._schedule(backup, kind, self.backup_time, **args)

    def _complete_backup(self, kind: str, backup: Backup, when: datetime,
                         args: Mapping[str, Any]) -> None:
        backup.updated_at = when
        if kind == "backup_create":
            backup.status = "available"
            backup.object_count = max(1, -(-backup.size * 1024**3 // _OBJECT_SIZE))
            if backup.container is None:  # the posix driver's `update_container_name`
                backup.container = f"{backup.id[0:2]}/{backup.id[2:4]}/{backup.id}"
            snap = self.snapshots.get(backup.snapshot_id or "")
            if snap is not None and snap.status == "backing-up":
                snap.status, snap.updated_at = "available", when
            volume = self.volumes.get(backup.volume_id)
            if backup.snapshot_id is None and volume is not None \
                    and volume.status == "backing-up":
                volume.status = volume.previous_status or "available"
                volume.updated_at = when
        elif kind == "backup_restore":
            backup.status = "available"
            volume = self.volumes.get(str(args.get("volume_id")))
            if volume is not None and volume.status == "restoring-backup":
                _restore_volume_meta(volume, backup.volume_meta)
                volume.status, volume.updated_at = "available", when
        elif kind == "backup_delete":
            self._destroy_backup(backup)

    def _destroy_backup(self, backup: Backup) -> None:
        del self.backups[backup.id]
        key = backup.key
        self._backup_keys[backup.project_id].remove(key)
        self._all_backup_keys.remove(key)
        self._use(backup.project_id, backups=-1, backup_gigabytes=-backup.size)

    # -- listing ---------------------------------------------------------------------------------

    def list_backups(self, caller: Caller, filters: BackupFilters, *, limit: int,
                     marker: str | None = None, offset: int = 0,
                     sort: Sequence[tuple[str, str]] = (("created_at", "desc"),),
                     all_tenants: bool = False) -> list[Backup]:
        """One page of backups in Cinder's order (`created_at`, then `id`, desc).

        Raises:
            NotFound: "Backup <marker> could not be found."
            BadRequest: "Invalid input received: Invalid sort key".
        """
        self.advance()
        keys, dirs = complete_sort(sort)
        for key in keys:
            if key not in BACKUP_SORT_KEYS:
                raise invalid_input("Invalid sort key")
        mark = None
        if marker is not None:
            mark = self.backups.get(marker)
            if mark is None or (mark.project_id != caller.project_id and not caller.is_admin):
                raise backup_not_found(marker)
        if limit == 0:
            return []
        pool = (self._all_backup_keys if all_tenants
                else self._backup_keys.get(caller.project_id) or SortedList())
        return _page(pool, self.backups, mark, BACKUP_SORT_KEYS, keys, dirs, filters.matches,
                     offset, limit)

    def count_backups(self, caller: Caller, filters: BackupFilters, *,
                      all_tenants: bool = False) -> int:
        """How many backups match (`with_count`, 3.45)."""
        self.advance()
        pool = (self._all_backup_keys if all_tenants
                else self._backup_keys.get(caller.project_id) or ())
        return sum(1 for k in pool if filters.matches(self.backups[k[1]]))


def _restore_volume_meta(volume: Any, saved: Mapping[str, Any]) -> None:
    """`BackupMetadataAPI`'s restore: the metadata and image metadata merged in; the name
    and description only into a volume without a name of its own (unnamed, or the
    `restore_backup_<id>` a restore to a new volume made) when the source had one."""
    if saved.get("name") and (not volume.name or volume.name.startswith("restore_backup_")):
        volume.name, volume.description = saved["name"], saved.get("description")
    volume.metadata = {**volume.metadata, **saved.get("metadata", {})}
    if saved.get("image_metadata"):
        volume.image_metadata = {**(volume.image_metadata or {}), **saved["image_metadata"]}
