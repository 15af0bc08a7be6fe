"""Shared parts of the fake Cinder's model: constants, helpers and `_ModelBase`.

`_ModelBase` declares the state every resource mixin reads (all of it initialised once, in
`BlockStorageModel.__init__`), the clock and the settings, and the queue of background work
Cinder's volume manager does later (`_schedule`, `advance`). The listing helpers are
`db.api.process_sort_params` and Cinder's marker paging (`cinder/db/sqlalchemy/api.py`)
over `sortedcontainers.SortedList`s, from the shared `stackdouble.fakes.sorting`;
`_check_metadata` is `utils.check_metadata_properties`.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sortedcontainers import SortedList  # type: ignore[import-untyped,unused-ignore]

from stackdouble.fakes.blockstorage.errors import BadRequest
from stackdouble.fakes.clock import checked_seconds
from stackdouble.fakes.sorting import after, sort_key_for, take, walk
from stackdouble.fakes.timestamps import from_timestamp

if TYPE_CHECKING:
    from stackdouble.fakes.blockstorage.models.attachments import Attachment
    from stackdouble.fakes.blockstorage.models.backups import Backup
    from stackdouble.fakes.blockstorage.models.services import Service
    from stackdouble.fakes.blockstorage.models.snapshots import Snapshot
    from stackdouble.fakes.blockstorage.models.volumes import Volume
    from stackdouble.fakes.blockstorage.models.volumetypes import VolumeType
    from stackdouble.fakes.caller import Caller
    from stackdouble.fakes.cloud import FakeCloud

#: `storage_availability_zone`.
DEFAULT_AZ = "nova"
#: The `host@backend#pool` every volume is scheduled to (DevStack's LVM backend).
HOST = "stackdouble@lvmdriver-1#lvmdriver-1"


@dataclass(slots=True)
class _Behavior:
    """A create-time behaviour: applies `times` times (None: for ever)."""

    times: int | None
    hits: int = 0


class _ModelBase:
    """The state the resource mixins share, the clock, the settings and the work queue.

    `BlockStorageModel.__init__` sets every attribute declared here; the mixins only
    declare what they use (`models/<resource>.py`). The methods declared under
    `TYPE_CHECKING` are the ones a mixin calls on another (they live in that other mixin).
    """

    cloud: FakeCloud
    max_limit: int
    create_time: float
    action_time: float
    delete_time: float | None
    enable_force_upload: bool
    default_quotas: dict[str, int]
    _quotas: dict[str, dict[str, int]]
    volume_types: dict[str, VolumeType]
    default_type_name: str
    project_default_types: dict[str, str]
    volumes: dict[str, Volume]
    snapshots: dict[str, Snapshot]
    attachments: dict[str, Attachment]
    _by_server: dict[str, list[Attachment]]
    _volume_keys: dict[str, SortedList]
    _all_volume_keys: SortedList
    _snapshot_keys: dict[str, SortedList]
    _all_snapshot_keys: SortedList
    _snapshots_of: dict[str, set[str]]
    _usage: dict[str, dict[str, int]]
    _events: list[tuple[float, int, str, str]]
    _event_args: dict[int, dict[str, Any]]
    _seq: int
    _errors_on_create: list[_Behavior]
    service_uuid: str

    if TYPE_CHECKING:
        def caller_for(self, project_id: str, *, is_admin: bool = False) -> Caller: ...
        def get_volume(self, caller: Caller, volume_id: str) -> Volume: ...
        def get_snapshot(self, caller: Caller, snapshot_id: str) -> Snapshot: ...
        def find_volume_type(self, caller: Caller, name_or_id: str) -> VolumeType: ...
        def _default_type(self, project_id: str | None = None) -> VolumeType: ...
        def list_services(self, *, host: str | None = None,
                          binary: str | None = None) -> list[Service]: ...
        def quota(self, project_id: str) -> dict[str, int]: ...
        def _use(self, project_id: str, vtype: str | None = None, **deltas: int) -> None: ...
        def _reserve(self, project_id: str, resource: str, deltas: Mapping[str, int],
                     size: int, vtype: str | None = None) -> None: ...
        def _check_volume_size_limit(self, project_id: str, size: int) -> None: ...
        def _destroy_volume(self, volume: Volume) -> None: ...
        def _destroy_snapshot(self, snap: Snapshot) -> None: ...
        def create_volume(self, caller: Caller, *, size: int | None = None,
                          name: str | None = None, description: str | None = None,
                          volume_type: str | None = None,
                          metadata: Mapping[str, str] | None = None,
                          availability_zone: str | None = None,
                          snapshot_id: str | None = None, source_volid: str | None = None,
                          image_id: str | None = None) -> Volume: ...
        def _complete_backup(self, kind: str, backup: Backup, when: datetime,
                             args: Mapping[str, Any]) -> None: ...
        backups: dict[str, Backup]
        def _drop_attachment(self, attachment: Attachment) -> None: ...
        def _complete_volume_action(self, kind: str, volume: Volume, when: datetime,
                                    args: Mapping[str, Any]) -> None: ...
        def _finish_attachment(self, kind: str, attachment: Attachment,
                               when: datetime) -> None: ...

    # -- clock and settings ----------------------------------------------------------------

    def _now(self) -> datetime:
        return self.cloud.clock.now()

    def set_create_time(self, seconds: float) -> None:
        """How long new volumes and snapshots stay `creating`, in seconds of fake time.

        Raises:
            ValueError: A negative or non-finite number.
        """
        self.create_time = checked_seconds(seconds)

    def set_action_time(self, seconds: float) -> None:
        """How long extend, attach and detach (and deletes, unless `set_delete_time` was
        called) take, in seconds of fake time."""
        self.action_time = checked_seconds(seconds)

    def set_delete_time(self, seconds: float | None) -> None:
        """How long a volume stays `deleting`, in seconds of fake time (real Cinder 29 with
        its fake driver: 0.3 to 1.5 s); None goes back to the action time.

        Raises:
            ValueError: A negative or non-finite number.
        """
        self.delete_time = None if seconds is None else checked_seconds(seconds)

    def _delete_seconds(self) -> float:
        return self.action_time if self.delete_time is None else self.delete_time

    def set_max_limit(self, limit: int) -> None:
        """`osapi_max_limit`: the largest page any listing returns.

        Raises:
            ValueError: Not a positive integer.
        """
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise ValueError(f"max_limit must be a positive integer, not {limit!r}")
        self.max_limit = limit

    def _schedule(self, target: Volume | Snapshot | Attachment | Backup, kind: str,
                  seconds: float,
                  **args: Any) -> None:
        from stackdouble.fakes.blockstorage.models.attachments import Attachment

        self._seq += 1
        seq = self._seq
        if not isinstance(target, Attachment):
            target.event = seq
        heapq.heappush(self._events, (self.cloud.clock.time() + seconds, seq, kind, target.id))
        if args:
            self._event_args[seq] = args

    def advance(self) -> None:
        """Apply every background change due by now (each public call starts with this)."""
        events = self._events
        if not events:
            return
        now = self.cloud.clock.time()
        while events and events[0][0] <= now:
            due, seq, kind, target = heapq.heappop(events)
            self._complete(kind, target, seq, from_timestamp(due),
                           self._event_args.pop(seq, {}))

    def _complete(self, kind: str, target: str, seq: int, when: datetime,
                  args: dict[str, Any]) -> None:
        if kind.startswith("backup_"):
            backup = self.backups.get(target)
            if backup is not None and backup.event == seq:
                self._complete_backup(kind, backup, when, args)
            return
        if kind.startswith("snapshot_"):
            snap = self.snapshots.get(target)
            if snap is None or snap.event != seq:
                return
            if kind == "snapshot_create":
                snap.status, snap.progress, snap.updated_at = "available", "100%", when
            elif kind == "snapshot_delete":
                self._destroy_snapshot(snap)
            return
        if kind in ("attach", "detach"):
            attachment = self.attachments.get(target)
            if attachment is not None:
                self._finish_attachment(kind, attachment, when)
            return
        volume = self.volumes.get(target)
        if volume is None or volume.event != seq:
            return
        volume.updated_at = when
        if kind == "create":
            if args.get("error"):
                volume.status = "error"
                return
            volume.status = "available"
            volume.host = HOST
            volume.service_uuid = self.service_uuid
        elif kind == "extend":
            volume.size = int(args["new_size"])
            volume.status = volume.previous_status or "available"
        elif kind == "delete":
            self._destroy_volume(volume)
        elif kind == "upload":  # `volume_update_status_based_on_attachment`
            volume.status = "in-use" if volume.attach_status == "attached" else "available"
        elif kind == "reimage":  # `_refresh_volume_glance_meta`, then the old status
            volume.bootable = True
            volume.image_metadata = dict(args["image_metadata"])
            volume.status = volume.previous_status or "available"
        elif kind in ("retype", "migrate", "revert"):
            self._complete_volume_action(kind, volume, when, args)


def _check_metadata(metadata: Mapping[str, Any] | None) -> None:
    """`utils.check_metadata_properties`."""
    from stackdouble.fakes.blockstorage.errors import CinderError

    for key, value in (metadata or {}).items():
        if not isinstance(key, str) or not key:
            raise BadRequest(f"Invalid metadata: Invalid input received: Metadata key: {key} "
                             "has a length of 0, which is less than 1.")
        if not isinstance(value, str):
            raise BadRequest(f"Invalid metadata: Invalid input received: Value for metadata "
                             f"key: {key} is not a string or unicode")
        if len(key) > 255:
            raise CinderError(f"Invalid metadata size: Metadata property key {key} greater "
                              "than 255 characters.", status=400)
        if len(value) > 255:
            raise CinderError(f"Invalid metadata size: Metadata property key {key} value "
                              "greater than 255 characters.", status=400)




def _sorter(getters: Mapping[str, Callable[[Any], Any]], keys: Sequence[str],
            dirs: Sequence[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The sort key of `keys` (all in `getters`) in `dirs` (`sorting.sort_key_for`)."""
    return sort_key_for([getters[k] for k in keys], dirs)


def _page(pool: Any, items: Mapping[str, Any], mark: Any,
          getters: Mapping[str, Callable[[Any], Any]], keys: Sequence[str],
          dirs: Sequence[str], keep: Callable[[Any], bool], offset: int,
          limit: int) -> list[Any]:
    """A page of the resources in `pool` (a `SortedList` of their `(created, id)` keys; the
    resources by id in `items`) after `mark`, in the order of `keys` and `dirs` (checked
    against `getters`). Cinder's default order, `created_at` then `id` one way, walks `pool`
    from the marker: O(page); any other order sorts the pool first."""
    if keys[:2] == ["created_at", "id"] and dirs[0] == dirs[1]:
        walked = walk(pool, mark.key if mark is not None else None, dirs[0] == "desc")
        return take((items[k[1]] for k in walked), keep, offset, limit)
    sort_key = _sorter(getters, keys, dirs)
    ordered = sorted((items[k[1]] for k in pool), key=sort_key)
    mark_key = sort_key(mark) if mark is not None else None
    return take(after(ordered, mark_key, sort_key), keep, offset, limit)
