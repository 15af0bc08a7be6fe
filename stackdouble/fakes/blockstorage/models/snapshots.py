"""Snapshots (`cinder/volume/api.py` `create_snapshot`/`delete_snapshot`,
`cinder/api/v3/snapshots.py`), for `client/openstack/blockstorage/v3/snapshots`."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sortedcontainers import SortedList  # type: ignore[import-untyped,unused-ignore]

from stackdouble.fakes.blockstorage.errors import (
    invalid_input,
    invalid_snapshot,
    invalid_volume,
    snapshot_metadata_not_found,
    snapshot_not_found,
)
from stackdouble.fakes.blockstorage.models._common import (
    _check_metadata,
    _ModelBase,
    _page,
)
from stackdouble.fakes.caller import Caller
from stackdouble.fakes.sorting import complete_sort
from stackdouble.fakes.timestamps import epoch_micros

__all__ = ["SNAPSHOT_SORT_KEYS", "Snapshot", "SnapshotFilters", "SnapshotsMixin"]


@dataclass(slots=True)
class Snapshot:
    """One snapshot of a volume."""

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
    updated_at: datetime | None = None
    volume_type_name: str | None = None
    progress: str = "0%"
    metadata: dict[str, str] = field(default_factory=dict)
    group_snapshot_id: str | None = None
    event: int = 0

    @property
    def key(self) -> tuple[int, str]:
        """The sort key of Cinder's default order: `(created_at, id)`."""
        return (self.created_us, self.id)


@dataclass(slots=True)
class SnapshotFilters:
    """The filters of a snapshot listing."""

    name: str | None = None
    status: str | None = None
    volume_id: str | None = None
    metadata: Mapping[str, str] | None = None
    project_id: str | None = None

    def matches(self, s: Snapshot) -> bool:
        """Whether a snapshot passes every filter."""
        if self.name is not None and s.name != self.name:
            return False
        if self.status is not None and s.status != self.status:
            return False
        if self.volume_id is not None and s.volume_id != self.volume_id:
            return False
        if self.project_id is not None and s.project_id != self.project_id:
            return False
        if self.metadata:
            return all(s.metadata.get(k) == val for k, val in self.metadata.items())
        return True


#: Snapshot attributes Cinder can sort by.
SNAPSHOT_SORT_KEYS: Mapping[str, Callable[[Snapshot], Any]] = {
    "id": lambda s: s.id,
    "created_at": lambda s: s.created_us,
    "updated_at": lambda s: s.updated_at,
    "display_name": lambda s: s.name,
    "display_description": lambda s: s.description,
    "status": lambda s: s.status,
    "volume_id": lambda s: s.volume_id,
    "volume_size": lambda s: s.size,
    "project_id": lambda s: s.project_id,
    "user_id": lambda s: s.user_id,
    "progress": lambda s: s.progress,
}


class SnapshotsMixin(_ModelBase):
    """The snapshots of `BlockStorageModel` (`snapshots`, `_snapshot_keys`,
    `_snapshots_of`)."""

    def snapshot_status(self, snapshot_id: str) -> str:
        """A snapshot's status right now; `deleted` once its deletion completed."""
        self.advance()
        snap = self.snapshots.get(snapshot_id)
        return "deleted" if snap is None else snap.status

    def get_snapshot(self, caller: Caller, snapshot_id: str) -> Snapshot:
        """A snapshot the caller may see.

        Raises:
            NotFound: "Snapshot <id> could not be found."
        """
        self.advance()
        snap = self.snapshots.get(snapshot_id)
        if snap is None or (snap.project_id != caller.project_id and not caller.is_admin):
            raise snapshot_not_found(snapshot_id)
        return snap

    # -- snapshots ---------------------------------------------------------------------------------

    def create_snapshot(self, caller: Caller, volume_id: str, *, name: str | None = None,
                        description: str | None = None, force: bool = False,
                        allow_in_use: bool = False,
                        metadata: Mapping[str, str] | None = None) -> Snapshot:
        """`POST /snapshots`: `creating` → `available` after `create_time`.

        Raises:
            NotFound: Unknown volume.
            BadRequest: Not scheduled, in error, or not `available` (`in-use` too with
                `force` or, from 3.66, always).
            QuotaError: Over the `snapshots` or `gigabytes` quota.
        """
        volume = self.get_volume(caller, volume_id)
        if not volume.host:
            raise invalid_volume("The snapshot cannot be created because volume has not been "
                                 "scheduled to any host.")
        if volume.status == "maintenance":
            raise invalid_volume("The snapshot cannot be created when the volume is in "
                                 "maintenance mode.")
        if volume.status == "error":
            raise invalid_volume("The snapshot cannot be created when the volume is in error "
                                 "status.")
        meta = dict(metadata or {})
        _check_metadata(meta)
        valid = ("available", "in-use") if force or allow_in_use else ("available",)
        if volume.status not in valid:
            raise invalid_volume(f"Volume {volume.id} status must be {', '.join(valid)}, but "
                                 f"current status is: {volume.status}.")
        self._reserve(caller.project_id, "snapshots",
                      {"snapshots": 1, "gigabytes": volume.size}, volume.size,
                      volume.volume_type.name)
        now = self._now()
        snap = Snapshot(id=self.cloud.ids.uuid(), project_id=caller.project_id,
                        user_id=caller.user_id, volume_id=volume.id, name=name,
                        description=description, size=volume.size, status="creating",
                        created_at=now, created_us=epoch_micros(now), metadata=meta,
                        volume_type_name=volume.volume_type.name)
        self.snapshots[snap.id] = snap
        self._snapshots_of.setdefault(volume.id, set()).add(snap.id)
        key = snap.key
        self._snapshot_keys.setdefault(snap.project_id, SortedList()).add(key)
        self._all_snapshot_keys.add(key)
        self._use(snap.project_id, snap.volume_type_name, snapshots=1, gigabytes=snap.size)
        self._schedule(snap, "snapshot_create", self.create_time)
        return snap

    def update_snapshot(self, caller: Caller, snapshot_id: str,
                        changes: Mapping[str, Any]) -> Snapshot:
        """Rename or describe a snapshot (`PUT /snapshots/{id}`)."""
        snap = self.get_snapshot(caller, snapshot_id)
        for key, value in changes.items():
            setattr(snap, key, value)
        snap.updated_at = self._now()
        return snap

    def set_snapshot_metadata(self, caller: Caller, snapshot_id: str,
                              items: Mapping[str, str], *, replace: bool) -> dict[str, str]:
        """Merge (`replace=False`) or replace a snapshot's metadata
        (`volume.api.API.update_snapshot_metadata`, in any status); returns all of it.

        Raises:
            NotFound: "Snapshot <id> could not be found."
            BadRequest: An invalid key or value (`utils.check_metadata_properties`).
        """
        snap = self.get_snapshot(caller, snapshot_id)
        merged = dict(items) if replace else {**snap.metadata, **items}
        _check_metadata(merged)
        snap.metadata = merged
        return dict(merged)

    def delete_snapshot_metadatum(self, caller: Caller, snapshot_id: str, key: str) -> None:
        """Remove one metadata item of a snapshot.

        Raises:
            NotFound: "Snapshot <id> has no metadata with key <key>."
        """
        snap = self.get_snapshot(caller, snapshot_id)
        if key not in snap.metadata:
            raise snapshot_metadata_not_found(snapshot_id, key)
        del snap.metadata[key]

    def delete_snapshot(self, caller: Caller, snapshot_id: str) -> None:
        """`DELETE /snapshots/{id}`: `available` or `error` → `deleting` → gone.

        Raises:
            BadRequest: "Invalid snapshot: Snapshot status must be available or error and
                must not be part of a group."
        """
        snap = self.get_snapshot(caller, snapshot_id)
        if snap.status not in ("available", "error") or snap.group_snapshot_id is not None:
            raise invalid_snapshot("Snapshot status must be available or error and must not "
                                   "be part of a group.")
        snap.status = "deleting"
        snap.updated_at = self._now()
        self._schedule(snap, "snapshot_delete", self.action_time)

    def _destroy_snapshot(self, snap: Snapshot) -> None:
        del self.snapshots[snap.id]
        owned = self._snapshots_of.get(snap.volume_id)
        if owned is not None:
            owned.discard(snap.id)
            if not owned:
                del self._snapshots_of[snap.volume_id]
        key = snap.key
        self._snapshot_keys[snap.project_id].remove(key)
        self._all_snapshot_keys.remove(key)
        self._use(snap.project_id, snap.volume_type_name, snapshots=-1, gigabytes=-snap.size)

    def snapshots_of(self, volume_id: str) -> list[Snapshot]:
        """The snapshots of a volume (any status)."""
        self.advance()
        return [self.snapshots[s] for s in sorted(self._snapshots_of.get(volume_id, ()))]

    def list_snapshots(self, caller: Caller, filters: SnapshotFilters, *, limit: int,
                       marker: str | None = None, offset: int = 0,
                       sort: Sequence[tuple[str, str]] = (("created_at", "desc"),),
                       all_tenants: bool = False) -> list[Snapshot]:
        """One page of snapshots in Cinder's order (as `list_volumes`).

        Raises:
            NotFound: "Snapshot <marker> could not be found."
            BadRequest: "Invalid input received: Invalid sort key".
        """
        self.advance()
        keys, dirs = complete_sort(sort)
        for key in keys:
            if key not in SNAPSHOT_SORT_KEYS:
                raise invalid_input("Invalid sort key")
        mark = None
        if marker is not None:
            mark = self.snapshots.get(marker)
            if mark is None or (mark.project_id != caller.project_id and not caller.is_admin):
                raise snapshot_not_found(marker)
        if limit == 0:
            return []
        pool = (self._all_snapshot_keys if all_tenants
                else self._snapshot_keys.get(caller.project_id) or SortedList())
        return _page(pool, self.snapshots, mark, SNAPSHOT_SORT_KEYS, keys, dirs,
                     filters.matches, offset, limit)

    def count_snapshots(self, caller: Caller, filters: SnapshotFilters, *,
                        all_tenants: bool = False) -> int:
        """How many snapshots match (`with_count`)."""
        self.advance()
        pool = (self._all_snapshot_keys if all_tenants
                else self._snapshot_keys.get(caller.project_id) or ())
        return sum(1 for k in pool if filters.matches(self.snapshots[k[1]]))
