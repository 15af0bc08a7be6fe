"""The fake Cinder's state and rules: volumes, snapshots, volume types, attachments, quotas.

`BlockStorageModel` (`cloud.block_storage`) holds everything and enforces Cinder's rules
(`cinder/volume/api.py`, the create flow, `quota_utils`), raising `CinderError`s with
Cinder's messages; it never builds JSON (that is `views`). Every public method is also the
Python control API a test uses:

    >>> from stackdouble.fakes import FakeCloud
    >>> cloud = FakeCloud(seed=3)
    >>> storage = cloud.block_storage
    >>> demo = storage.caller_for(cloud.project_id("demo"))
    >>> volume = storage.create_volume(demo, size=1, name="data")
    >>> volume.status, storage.volume_status(volume.id)
    ('creating', 'available')
    >>> storage.set_create_time(30)
    >>> slow = storage.create_volume(demo, size=1, name="slow")
    >>> storage.volume_status(slow.id)
    'creating'
    >>> cloud.clock.advance(30)
    >>> storage.volume_status(slow.id)
    'available'
    >>> storage.force_error(volume.id)
    >>> storage.volume_status(volume.id)
    'error'

Time is the cloud's clock. Work Cinder does in the background (creating, extending,
deleting, attaching, detaching, snapshotting) is queued with the fake time it completes at
(`create_time` for creates, `action_time` for the rest, both 0 by default) and applied, in
order, at the start of the next call: a create answers `creating`, and the next read shows
`available`.

Listings are kept sorted by `(created_at, id)` (Cinder's default order) in
`sortedcontainers.SortedList`s, per project and overall, so a marker is found in O(log n)
and a page costs O(page) however many volumes exist.

Attachments are shared with the fake Nova: an attach through `os-volume_attachments` makes
an `Attachment` that is both Cinder's attachment record and Nova's block device mapping
(device, tag, delete_on_termination), so the volume's `attachments` and the server's
`os-extended-volumes:volumes_attached` can never disagree.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from sortedcontainers import SortedList  # type: ignore[import-untyped,unused-ignore]

from stackdouble.fakes.blockstorage.errors import (
    BadRequest,
    QuotaError,
    invalid_input,
    invalid_snapshot,
    invalid_volume,
    snapshot_not_found,
    volume_not_found,
    volume_type_not_found,
)
from stackdouble.fakes.clock import checked_seconds
from stackdouble.fakes.compute.models import AttachedVolume, Caller
from stackdouble.fakes.data import load_json

if TYPE_CHECKING:
    from stackdouble.fakes.cloud import FakeCloud
    from stackdouble.fakes.compute.models import Server

__all__ = [
    "DEFAULT_QUOTAS",
    "Attachment",
    "BlockStorageModel",
    "Caller",
    "Snapshot",
    "SnapshotFilters",
    "Volume",
    "VolumeFilters",
    "VolumeType",
]

#: Cinder's default `[DEFAULT] quota_*` limits in `QUOTAS.resources` order (`groups`, of
#: `GROUP_QUOTAS`, last); -1 means unlimited. Each volume type adds `volumes_<type>`,
#: `gigabytes_<type>` and `snapshots_<type>` (default -1) after `backup_gigabytes`.
DEFAULT_QUOTAS: Mapping[str, int] = {
    "volumes": 10, "per_volume_gigabytes": -1, "snapshots": 10, "gigabytes": 1000,
    "backups": 10, "backup_gigabytes": 1000, "groups": 10,
}
#: The per-volume-type quota resources, in Cinder's order.
TYPE_QUOTAS = ("volumes", "gigabytes", "snapshots")
#: `storage_availability_zone`.
DEFAULT_AZ = "nova"
#: The `host@backend#pool` every volume is scheduled to (DevStack's LVM backend).
HOST = "stackdouble@lvmdriver-1#lvmdriver-1"
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


# -- records ---------------------------------------------------------------------------------


@dataclass(slots=True)
class VolumeType:
    """A volume type (`volume_types` row with its extra specs)."""

    id: str
    name: str
    description: str | None = None
    is_public: bool = True
    extra_specs: dict[str, str] = field(default_factory=dict)
    qos_specs_id: str | None = None

    @property
    def multiattach(self) -> bool:
        """Whether volumes of this type may attach to several servers (`<is> True`)."""
        return self.extra_specs.get("multiattach") == "<is> True"


@dataclass(slots=True)
class Attachment:
    """One attachment of a volume: Cinder's `volume_attachment` row and, when Nova made
    it, Nova's block device mapping too.

    Attributes:
        attach_status: `attaching`, `attached` or `detaching` (`VolumeAttachStatus`).
        device: The mountpoint (`/dev/vdb`), Nova's `device_name`.
        by_nova: Made through Nova's `os-volume_attachments` (so the server lists it).
    """

    id: str
    volume_id: str
    server_id: str | None
    host_name: str | None
    device: str | None
    attach_status: str
    attached_at: datetime | None = None
    mode: str = "rw"
    by_nova: bool = False
    tag: str | None = None
    delete_on_termination: bool = False
    bdm_uuid: str | None = None


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
    event: int = 0

    @property
    def key(self) -> tuple[int, str]:
        """The sort key of Cinder's default order: `(created_at, id)`."""
        return (self.created_us, self.id)

    @property
    def attach_status(self) -> str:
        """`attached` when any attachment is, else `detached` (or `attaching`)."""
        statuses = {a.attach_status for a in self.attachments}
        if "attached" in statuses or "detaching" in statuses:
            return "attached"
        return "attaching" if statuses else "detached"


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
    event: int = 0

    @property
    def key(self) -> tuple[int, str]:
        """The sort key of Cinder's default order: `(created_at, id)`."""
        return (self.created_us, self.id)


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


@dataclass(slots=True)
class _Behavior:
    """A create-time behaviour: applies `times` times (None: for ever)."""

    times: int | None
    hits: int = 0


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


class BlockStorageModel:
    """All of the fake Cinder's state, and the Python API to steer it.

    Attributes:
        max_limit: `osapi_max_limit`, the largest page (default 1000).
        create_time: Seconds of fake time a new volume or snapshot stays `creating`.
        action_time: Seconds of fake time the other background work takes (extend,
            delete, attach, detach).
        volume_types: Volume types by id.
        volumes: Every volume by id (until its deletion completes).
        snapshots: Every snapshot by id (until its deletion completes).
        attachments: Every attachment by id.
    """

    def __init__(self, cloud: FakeCloud) -> None:
        self.cloud = cloud
        self.max_limit = 1000
        self.create_time = 0.0
        self.action_time = 0.0
        self.default_quotas: dict[str, int] = dict(DEFAULT_QUOTAS)
        self._quotas: dict[str, dict[str, int]] = {}
        self.volume_types: dict[str, VolumeType] = {}
        self.default_type_name = "__DEFAULT__"
        self.volumes: dict[str, Volume] = {}
        self.snapshots: dict[str, Snapshot] = {}
        self.attachments: dict[str, Attachment] = {}
        self._by_server: dict[str, list[Attachment]] = {}
        self._volume_keys: dict[str, SortedList] = {}
        self._all_volume_keys = SortedList()
        self._snapshot_keys: dict[str, SortedList] = {}
        self._all_snapshot_keys = SortedList()
        self._snapshots_of: dict[str, set[str]] = {}
        self._usage: dict[str, dict[str, int]] = {}
        self._events: list[tuple[float, int, str, str]] = []
        self._event_args: dict[int, dict[str, Any]] = {}
        self._seq = 0
        self._errors_on_create: list[_Behavior] = []
        self.service_uuid = ""

    # -- seed data -----------------------------------------------------------------------

    def load_defaults(self) -> None:
        """Load the seeded volume types (`data/volume_types.json`: `__DEFAULT__`)."""
        types = load_json("stackdouble.fakes.blockstorage", "volume_types.json")
        for raw in types["volume_types"]:
            self.volume_types[raw["id"]] = VolumeType(
                id=raw["id"], name=raw["name"], description=raw.get("description"),
                is_public=bool(raw.get("is_public", True)),
                extra_specs=dict(raw.get("extra_specs") or {}))
        self.service_uuid = self.cloud.ids.uuid()

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
        """How long extend, delete, attach and detach take, in seconds of fake time."""
        self.action_time = checked_seconds(seconds)

    def set_max_limit(self, limit: int) -> None:
        """`osapi_max_limit`: the largest page any listing returns.

        Raises:
            ValueError: Not a positive integer.
        """
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise ValueError(f"max_limit must be a positive integer, not {limit!r}")
        self.max_limit = limit

    def _schedule(self, target: Volume | Snapshot | Attachment, kind: str, seconds: float,
                  **args: Any) -> None:
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
            self._complete(kind, target, seq, _at(due), self._event_args.pop(seq, {}))

    def _complete(self, kind: str, target: str, seq: int, when: datetime,
                  args: dict[str, Any]) -> None:
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

    def _finish_attachment(self, kind: str, attachment: Attachment, when: datetime) -> None:
        volume = self.volumes.get(attachment.volume_id)
        if kind == "attach":
            if attachment.attach_status != "attaching":
                return
            attachment.attach_status = "attached"
            attachment.attached_at = when
            if volume is not None and volume.status == "attaching":  # not if forced to error
                volume.status = "in-use"
                volume.updated_at = when
            return
        if attachment.attach_status != "detaching":
            return
        self._drop_attachment(attachment)
        if volume is not None and volume.status == "detaching":
            volume.status = "in-use" if volume.attachments else "available"
            volume.updated_at = when

    def _drop_attachment(self, attachment: Attachment) -> None:
        self.attachments.pop(attachment.id, None)
        volume = self.volumes.get(attachment.volume_id)
        if volume is not None and attachment in volume.attachments:
            volume.attachments.remove(attachment)
        if attachment.server_id is not None:
            bdms = self._by_server.get(attachment.server_id)
            if bdms and attachment in bdms:
                bdms.remove(attachment)
                if not bdms:
                    del self._by_server[attachment.server_id]

    # -- quotas ----------------------------------------------------------------------------

    def quota_resources(self) -> list[str]:
        """Every quota resource name, in Cinder's order: the global ones, the three of each
        volume type (`volumes___DEFAULT__`...), then `groups`."""
        names = [k for k in DEFAULT_QUOTAS if k != "groups"]
        for vtype in self.volume_types.values():
            names.extend(f"{part}_{vtype.name}" for part in TYPE_QUOTAS)
        names.append("groups")
        return names

    def default_quota(self) -> dict[str, int]:
        """The default limits of every resource (`QUOTAS.get_defaults`)."""
        return {name: self.default_quotas.get(name, -1) for name in self.quota_resources()}

    def quota(self, project_id: str) -> dict[str, int]:
        """The limits of a project (defaults, overridden by `set_quota`), every resource."""
        own = self._quotas.get(project_id, {})
        return {name: own.get(name, limit) for name, limit in self.default_quota().items()}

    def quota_overrides(self, project_id: str) -> dict[str, int]:
        """The limits set for a project (Cinder's `quotas` rows), without the defaults."""
        return dict(self._quotas.get(project_id, {}))

    def set_quota(self, project_id: str, **limits: int) -> None:
        """Override quota limits of a project: `volumes`, `gigabytes`, `snapshots`,
        `per_volume_gigabytes`, `backups`, `backup_gigabytes`, `groups` or a volume type's
        `volumes_<type>`, `gigabytes_<type>`, `snapshots_<type>`; -1 is unlimited.

        Raises:
            ValueError: An unknown resource or a value below -1.
        """
        known = self.quota_resources()
        for name, value in limits.items():
            if name not in known:
                raise ValueError(f"unknown quota {name!r}; known: {sorted(known)}")
            if isinstance(value, bool) or not isinstance(value, int) or value < -1:
                raise ValueError(f"quota {name} must be an integer >= -1, not {value!r}")
        self._quotas.setdefault(project_id, {}).update(limits)

    def update_quota(self, project_id: str, limits: Mapping[str, int]) -> None:
        """Set limits as the API's update does: a resource that already has a limit of its
        own cannot go below its usage (`_validate_existing_resource` only sees the project's
        own rows, so a first override is never refused); `per_volume_gigabytes` and -1 are
        not checked.

        Raises:
            BadRequest: "Quota volumes limit must be equal or greater than existing
                resources. Current usage is 1 and the requested limit is 0."
        """
        self.advance()
        own = self._quotas.get(project_id, {})
        used = self._usage.get(project_id, {})
        for key, value in limits.items():
            if key == "per_volume_gigabytes" or value == -1 or key not in own:
                continue
            if value < used.get(key, 0):
                raise BadRequest(f"Quota {key} limit must be equal or greater than existing "
                                 f"resources. Current usage is {used.get(key, 0)} and the "
                                 f"requested limit is {value}.")
        self.set_quota(project_id, **limits)

    def delete_quota(self, project_id: str) -> None:
        """Back to the defaults (`quota_destroy_by_project`); usage is kept."""
        self._quotas.pop(project_id, None)

    def usage(self, project_id: str) -> dict[str, int]:
        """What a project uses: `volumes`, `gigabytes` (volumes and snapshots) and
        `snapshots`, counting everything not yet deleted."""
        self.advance()
        used = self._usage.get(project_id, {})
        return {"volumes": used.get("volumes", 0), "gigabytes": used.get("gigabytes", 0),
                "snapshots": used.get("snapshots", 0)}

    def quota_usage(self, project_id: str) -> dict[str, int]:
        """`usage` for every quota resource, in Cinder's order (the per-type ones too; 0
        for what the fake does not count: backups, groups, `per_volume_gigabytes`)."""
        self.advance()
        used = self._usage.get(project_id, {})
        return {name: used.get(name, 0) for name in self.quota_resources()}

    def _use(self, project_id: str, vtype: str | None = None, **deltas: int) -> None:
        used = self._usage.setdefault(project_id, {})
        for name, delta in _with_type(deltas, vtype).items():
            used[name] = used.get(name, 0) + delta

    def _reserve(self, project_id: str, resource: str, deltas: Mapping[str, int],
                 size: int, vtype: str | None = None) -> None:
        """`QUOTAS.reserve` (with `add_volume_type_opts`) +
        `quota_utils.process_reserve_over_quota`.

        Raises:
            QuotaError: `VolumeSizeExceedsAvailableQuota`, `VolumeLimitExceeded` or
                `SnapshotLimitExceeded`, as Cinder words them.
        """
        quotas = self.quota(project_id)
        used = self._usage.get(project_id, {})
        deltas = _with_type(deltas, vtype)
        overs = sorted(k for k, d in deltas.items()
                       if quotas.get(k, -1) >= 0 and d >= 0 and quotas[k] < d + used.get(k, 0))
        for over in overs:
            if "gigabytes" in over:
                raise QuotaError(
                    "VolumeSizeExceedsAvailableQuota",
                    f"Requested volume or snapshot exceeds allowed {over} quota. Requested "
                    f"{size}G, quota is {quotas[over]}G and {used.get(over, 0)}G has been "
                    "consumed.")
            if resource == "volumes" and resource in over:
                raise QuotaError("VolumeLimitExceeded",
                                 f"Maximum number of volumes allowed ({quotas[over]}) "
                                 f"exceeded for quota '{over}'.")
            if resource == "snapshots" and resource in over:
                raise QuotaError("SnapshotLimitExceeded",
                                 f"Maximum number of snapshots allowed ({quotas[over]}) "
                                 "exceeded")
        if overs:
            raise QuotaError("UnexpectedOverQuota", f"Unexpected over quota on {', '.join(overs)}.")

    def _check_volume_size_limit(self, project_id: str, size: int) -> None:
        limit = self.quota(project_id)["per_volume_gigabytes"]
        if limit >= 0 and size > limit:
            raise QuotaError("VolumeSizeExceedsLimit",
                             f"Requested volume size {size}G is larger than maximum allowed "
                             f"limit {limit}G.")

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

    def snapshot_status(self, snapshot_id: str) -> str:
        """A snapshot's status right now; `deleted` once its deletion completed."""
        self.advance()
        snap = self.snapshots.get(snapshot_id)
        return "deleted" if snap is None else snap.status

    # -- callers and lookups -------------------------------------------------------------------

    def caller_for(self, project_id: str, *, is_admin: bool = False) -> Caller:
        """A caller in `project_id` (its first user with a role there), for Python use."""
        identity = self.cloud.identity
        user_id = "fake"
        for user in identity.users.values():
            if identity.effective_role_ids(user.id, "project", project_id):
                user_id = str(user.id)
                break
        return Caller(project_id=project_id, user_id=user_id, is_admin=is_admin)

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

    def get_volume_type(self, caller: Caller, type_id: str) -> VolumeType:
        """A volume type by id (`default` is the default type).

        Raises:
            NotFound: "Volume type <id> could not be found."
        """
        if type_id == "default":
            found = self._type_by_name(self.default_type_name)
            if found is None:
                raise volume_type_not_found(type_id)
            return found
        vtype = self.volume_types.get(type_id)
        if vtype is None or (not vtype.is_public and not caller.is_admin):
            raise volume_type_not_found(type_id)
        return vtype

    def _type_by_name(self, name: str) -> VolumeType | None:
        return next((t for t in self.volume_types.values() if t.name == name), None)

    def find_volume_type(self, caller: Caller, name_or_id: str) -> VolumeType:
        """`VolumeType.get_by_name_or_id`: a UUID-like value is an id first, then a name.

        Raises:
            NotFound: "Volume type <id> could not be found." or "Volume type with name
                <name> could not be found."
        """
        from stackdouble.fakes.compute.schema import is_uuid_like

        if is_uuid_like(name_or_id):
            found = self.volume_types.get(name_or_id) or self._type_by_name(name_or_id)
            if found is None:
                raise volume_type_not_found(name_or_id)
            return found
        found = self._type_by_name(name_or_id)
        if found is None:
            from stackdouble.fakes.blockstorage.errors import NotFound

            raise NotFound(f"Volume type with name {name_or_id} could not be found.")
        return found

    def add_volume_type(self, name: str, *, extra_specs: Mapping[str, str] | None = None,
                        description: str | None = None, is_public: bool = True) -> VolumeType:
        """Add a volume type (as an admin's `POST /types`); `{"multiattach": "<is> True"}`
        makes its volumes multi-attachable.

        Raises:
            ValueError: The name is taken.
        """
        if self._type_by_name(name) is not None:
            raise ValueError(f"Volume Type {name} already exists.")
        vtype = VolumeType(id=self.cloud.ids.uuid(), name=name, description=description,
                           is_public=is_public, extra_specs=dict(extra_specs or {}))
        self.volume_types[vtype.id] = vtype
        return vtype

    def list_volume_types(self, caller: Caller) -> list[VolumeType]:
        """The public types (an admin: all), by `created_at`... in insertion order."""
        return [t for t in self.volume_types.values() if t.is_public or caller.is_admin]

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
                    if snapshot.volume_id in self.volumes else self._default_type()
            else:
                vtype = self._default_type()
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
        vtype = self._default_type()
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

    def _default_type(self) -> VolumeType:
        found = self._type_by_name(self.default_type_name)
        if found is None:  # an admin deleted it: Cinder answers 500 VolumeTypeDefault...
            raise BadRequest("Default volume type can not be found.")
        return found

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

    def _find_image(self, caller: Caller, image_ref: str) -> Any:
        """`_image_uuid_from_ref`: the image by id (last path segment) or by unique name.

        Raises:
            BadRequest: "Invalid image identifier or unable to access requested image."
            Conflict-like 409: several images share the name.
        """
        compute = self.cloud.compute
        # visible_image settles the image (and a server whose unshelve deleted its snapshot)
        image = compute.visible_image(caller, image_ref.rsplit("/", 1)[-1])
        if image is not None:
            return image
        named = [i for i in list(compute.images.values()) if i.name == image_ref
                 and compute.visible_image(caller, i.id) is not None]
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
                        created_at=now, created_us=_micros(now), metadata=metadata,
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
        `deleting`, then away after `action_time` (its quota is released then).

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
        self._schedule(volume, "delete", self.action_time)

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
                        created_at=now, created_us=_micros(now), metadata=meta,
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

    def delete_snapshot(self, caller: Caller, snapshot_id: str) -> None:
        """`DELETE /snapshots/{id}`: `available` or `error` → `deleting` → gone.

        Raises:
            BadRequest: "Invalid snapshot: Snapshot status must be available or error and
                must not be part of a group."
        """
        snap = self.get_snapshot(caller, snapshot_id)
        if snap.status not in ("available", "error"):
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

    # -- Cinder's own attach actions (os-reserve, os-attach, os-begin_detaching...) --------------

    def reserve(self, caller: Caller, volume_id: str) -> None:
        """`os-reserve`: `available` (or `in-use` when multiattach) → `attaching`."""
        volume = self.get_volume(caller, volume_id)
        allowed = ("available", "in-use") if volume.multiattach else ("available",)
        if volume.status not in allowed:
            raise invalid_volume(f"Volume status must be {' or '.join(allowed)} to reserve, "
                                 f"but the status is {volume.status}.")
        volume.previous_status = volume.status
        volume.status = "attaching"
        volume.updated_at = self._now()

    def unreserve(self, caller: Caller, volume_id: str) -> None:
        """`os-unreserve`: `attaching` → `in-use` (with attachments) or `available`."""
        volume = self.get_volume(caller, volume_id)
        if volume.status != "attaching":
            return
        volume.status = "in-use" if volume.attachments else "available"
        volume.updated_at = self._now()

    def begin_detaching(self, caller: Caller, volume_id: str) -> Volume:
        """`os-begin_detaching`: `in-use` and attached → `detaching`.

        Raises:
            BadRequest: "Invalid volume: Unable to detach volume. Volume status must be
                'in-use' and attach_status must be 'attached' to detach."
        """
        volume = self.get_volume(caller, volume_id)
        if volume.status != "in-use" or volume.attach_status != "attached":
            raise invalid_volume("Unable to detach volume. Volume status must be 'in-use' "
                                 "and attach_status must be 'attached' to detach.")
        volume.status = "detaching"
        volume.updated_at = self._now()
        return volume

    def roll_detaching(self, caller: Caller, volume_id: str) -> None:
        """`os-roll_detaching`: `detaching` → `in-use`."""
        volume = self.get_volume(caller, volume_id)
        if volume.status == "detaching":
            volume.status = "in-use"
            volume.updated_at = self._now()

    def attach(self, caller: Caller, volume_id: str, *, instance_uuid: str | None,
               host_name: str | None, mountpoint: str, mode: str = "rw") -> Attachment:
        """`os-attach` (the volume manager's `attach_volume`): records an attachment at
        once and makes the volume `in-use`; Nova does not know of it.

        Raises:
            BadRequest: "Error attaching volume - InvalidVolume: ..." when the volume is
                already attached and not multiattach, or being attached in another mode.
        """
        volume = self.get_volume(caller, volume_id)
        if volume.status == "maintenance":
            raise invalid_volume("The volume cannot be attached in maintenance mode.")
        for attachment in volume.attachments:
            same = (attachment.server_id == instance_uuid if instance_uuid
                    else attachment.host_name == host_name)
            if same:
                volume.status = "in-use"
                return attachment
        if volume.status == "in-use" and not volume.multiattach:
            raise BadRequest("Error attaching volume - InvalidVolume: Invalid volume: volume "
                             "is already attached and multiple attachments are not enabled")
        now = self._now()
        attachment = Attachment(id=self.cloud.ids.uuid(), volume_id=volume.id,
                                server_id=instance_uuid, host_name=host_name,
                                device=mountpoint, attach_status="attached", attached_at=now,
                                mode=mode)
        self.attachments[attachment.id] = attachment
        volume.attachments.append(attachment)
        volume.status = "in-use"
        volume.updated_at = now
        return attachment

    def detach(self, caller: Caller, volume_id: str, attachment_id: str | None) -> None:
        """`os-detach`: removes one attachment (the only one when none is named).

        Raises:
            BadRequest: "Error detaching volume - InvalidVolume: ..." with several
                attachments and none named.
        """
        volume = self.get_volume(caller, volume_id)
        if volume.status == "maintenance":
            raise invalid_volume("The volume cannot be detached in maintenance mode.")
        if attachment_id is not None:
            found = next((a for a in volume.attachments if a.id == attachment_id), None)
        elif len(volume.attachments) > 1:
            raise BadRequest("Error detaching volume - InvalidVolume: Invalid volume: Detach "
                             "volume failed: More than one attachment, but no attachment_id "
                             "provided.")
        else:
            found = volume.attachments[0] if volume.attachments else None
        if found is not None:
            self._drop_attachment(found)
        volume.status = "in-use" if volume.attachments else "available"
        volume.updated_at = self._now()

    def reset_status(self, caller: Caller, volume_id: str, status: str | None,
                     attach_status: str | None = None) -> None:
        """`os-reset_status` (admins): set the status as given; `detached` drops every
        attachment."""
        volume = self.get_volume(caller, volume_id)
        self._seq += 1
        volume.event = self._seq
        if status is not None:
            volume.status = status
        if attach_status == "detached":
            for attachment in list(volume.attachments):
                self._drop_attachment(attachment)
        volume.updated_at = self._now()

    # -- Nova's side of attachments (os-volume_attachments) --------------------------------------

    def server_attachments(self, server_id: str) -> list[Attachment]:
        """Nova's block device mappings of a server's volumes, in attach order."""
        self.advance()
        return list(self._by_server.get(server_id, ()))

    def volumes_attached(self, server: Server) -> list[AttachedVolume]:
        """The fake Nova's `volumes_attached` hook: the server's BDMs as Nova shows them."""
        self.advance()
        return [AttachedVolume(id=a.volume_id, delete_on_termination=a.delete_on_termination)
                for a in self._by_server.get(server.uuid, ())]

    def next_device(self, server_id: str, device: str | None) -> str:
        """`compute_utils.get_next_device_name` for a `/dev/vda` root disk.

        Raises:
            Conflict: "The supplied device path (<device>) is in use." (409).
        """
        import re

        used = {"a"}
        for attachment in self._by_server.get(server_id, ()):
            if attachment.device:
                used.add(_device_letter(attachment.device))
        if device:
            match = re.match(r"(^/dev/x{0,1}[a-z]{0,1}d{0,1})([a-z]+)[0-9]*$", device)
            letter = match.group(2) if match else ""
            if letter in used:
                from stackdouble.fakes.compute.errors import Conflict

                raise Conflict(f"The supplied device path ({device}) is in use.")
            return "/dev/vd" + letter
        index = 0
        while True:
            letter = _letters(index)
            if letter not in used:
                return "/dev/vd" + letter
            index += 1

    def nova_attach(self, caller: Caller, server: Server, volume_id: str, *,
                    device: str | None, tag: str | None, delete_on_termination: bool,
                    supports_multiattach: bool) -> Attachment:
        """Nova's `attach_volume` with Cinder's `attachment_create`, after Nova's own
        checks of the server: the volume goes `attaching`, then `in-use` after
        `action_time`; the server lists it at once.

        Raises:
            NotFound (Nova's): "Volume <id> could not be found."
            BadRequest (Nova's): already attached, or Cinder refused the reservation
                ("Invalid input received: Invalid volume: Volume <id> status must be
                available or downloading to reserve, but the current status is <s>. (HTTP
                400) (Request-ID: req-...)").
            Conflict (Nova's): the device is in use.
        """
        from stackdouble.fakes.compute.errors import BadRequest as NovaBadRequest
        from stackdouble.fakes.compute.errors import NotFound as NovaNotFound

        self.advance()
        volume = self.volumes.get(volume_id)
        if volume is None or (volume.project_id != caller.project_id and not caller.is_admin):
            raise NovaNotFound(f"Volume {volume_id} could not be found.")
        nova_bdms = [a for a in volume.attachments if a.by_nova]
        if nova_bdms and not volume.multiattach:
            servers = " ".join(str(a.server_id) for a in nova_bdms)
            raise NovaBadRequest(f"Invalid volume: volume {volume.id} is already attached to "
                                 f"instances: {servers}")
        if any(a.server_id == server.uuid for a in nova_bdms):
            raise NovaBadRequest(f"Invalid volume: volume {volume.id} already attached")
        name = self.next_device(server.uuid, device)
        if volume.multiattach and not supports_multiattach:
            raise NovaBadRequest("Multiattach volumes are only supported starting with compute "
                                 "API version 2.60.")
        request_id = self.cloud.ids.request_id()
        if "error" in volume.status:
            raise NovaBadRequest(
                "Invalid input received: Invalid volume: Volume attachments can not be "
                "created if the volume is in an error state. The Volume "
                f"{volume.id} currently has a status of: {volume.status}  (HTTP 400) "
                f"(Request-ID: {request_id})")
        allowed = (("available", "in-use", "downloading") if volume.multiattach
                   else ("available", "downloading"))
        if volume.status not in allowed:
            raise NovaBadRequest(
                f"Invalid input received: Invalid volume: Volume {volume.id} status must be "
                f"{' or '.join(allowed)} to reserve, but the current status is "
                f"{volume.status}. (HTTP 400) (Request-ID: {request_id})")
        attachment = Attachment(id=self.cloud.ids.uuid(), volume_id=volume.id,
                                server_id=server.uuid, host_name=server.host, device=name,
                                attach_status="attaching", by_nova=True, tag=tag,
                                delete_on_termination=delete_on_termination,
                                bdm_uuid=self.cloud.ids.uuid())
        self.attachments[attachment.id] = attachment
        volume.attachments.append(attachment)
        self._by_server.setdefault(server.uuid, []).append(attachment)
        volume.status = "attaching"
        volume.updated_at = self._now()
        self._schedule(attachment, "attach", self.action_time)
        return attachment

    def nova_attachment(self, caller: Caller, server: Server, volume_id: str) -> Attachment:
        """The BDM of `volume_id` on `server`, looked up as Nova's detach does.

        Raises:
            NotFound (Nova's): "Volume <id> could not be found." or "Instance <s> is not
                attached to volume <v>".
        """
        from stackdouble.fakes.compute.errors import NotFound as NovaNotFound

        self.advance()
        volume = self.volumes.get(volume_id)
        if volume is None or (volume.project_id != caller.project_id and not caller.is_admin):
            raise NovaNotFound(f"Volume {volume_id} could not be found.")
        attachment = next((a for a in self._by_server.get(server.uuid, ())
                           if a.volume_id == volume_id), None)
        if attachment is None:
            raise NovaNotFound(f"Instance {server.uuid} is not attached to volume {volume_id}")
        return attachment

    def nova_detach(self, caller: Caller, server: Server, volume_id: str) -> None:
        """Nova's `detach_volume`: Cinder's `begin_detaching`, then the attachment goes
        after `action_time` (the server lists the volume until then).

        Raises:
            NotFound (Nova's): the volume, or "Instance <s> is not attached to volume <v>".
            BadRequest (Nova's): Cinder refused `begin_detaching`.
        """
        from stackdouble.fakes.compute.errors import BadRequest as NovaBadRequest

        attachment = self.nova_attachment(caller, server, volume_id)
        volume = self.volumes[volume_id]
        if volume.status != "in-use" or volume.attach_status != "attached" \
                or attachment.attach_status != "attached":
            raise NovaBadRequest(
                "Invalid volume: Invalid input received: Invalid volume: Unable to detach "
                "volume. Volume status must be 'in-use' and attach_status must be 'attached' "
                f"to detach. (HTTP 400) (Request-ID: {self.cloud.ids.request_id()})")
        volume.status = "detaching"
        volume.updated_at = self._now()
        attachment.attach_status = "detaching"
        self._schedule(attachment, "detach", self.action_time)

    def server_deleted(self, server: Server) -> None:
        """The fake Nova's server-delete hook: its volumes are detached at once, and the
        ones with `delete_on_termination` deleted (unless Cinder refuses: snapshots)."""
        self.advance()
        for attachment in list(self._by_server.get(server.uuid, ())):
            self._drop_attachment(attachment)
            volume = self.volumes.get(attachment.volume_id)
            if volume is None:
                continue
            volume.status = "in-use" if volume.attachments else "available"
            volume.updated_at = self._now()
            if attachment.delete_on_termination and not volume.attachments \
                    and not self._snapshots_of.get(volume.id):
                volume.status = "deleting"
                self._schedule(volume, "delete", self.action_time)

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
        keys, dirs = _sort_params(sort)
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
        volumes = self.volumes
        if keys[:2] == ["created_at", "id"] and dirs[0] == dirs[1]:
            walk = _walk(pool, mark.key if mark is not None else None, dirs[0] == "desc")
            return _take((volumes[k[1]] for k in walk), filters.matches, offset, limit)
        ordered = sorted((volumes[k[1]] for k in pool), key=_sorter(VOLUME_SORT_KEYS, keys, dirs))
        return _after_marker(ordered, mark, VOLUME_SORT_KEYS, keys, dirs, filters.matches,
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
        keys, dirs = _sort_params(sort)
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
        snaps = self.snapshots
        if keys[:2] == ["created_at", "id"] and dirs[0] == dirs[1]:
            walk = _walk(pool, mark.key if mark is not None else None, dirs[0] == "desc")
            return _take((snaps[k[1]] for k in walk), filters.matches, offset, limit)
        ordered = sorted((snaps[k[1]] for k in pool),
                         key=_sorter(SNAPSHOT_SORT_KEYS, keys, dirs))
        return _after_marker(ordered, mark, SNAPSHOT_SORT_KEYS, keys, dirs, filters.matches,
                             offset, limit)

    def count_snapshots(self, caller: Caller, filters: SnapshotFilters, *,
                        all_tenants: bool = False) -> int:
        """How many snapshots match (`with_count`)."""
        self.advance()
        pool = (self._all_snapshot_keys if all_tenants
                else self._snapshot_keys.get(caller.project_id) or ())
        return sum(1 for k in pool if filters.matches(self.snapshots[k[1]]))

    # -- dump --------------------------------------------------------------------------------------

    def dump(self) -> dict[str, Any]:
        """The block storage state as JSON-able data."""
        self.advance()
        return {
            "max_limit": self.max_limit,
            "create_time": self.create_time,
            "action_time": self.action_time,
            "quotas": {"default": dict(self.default_quotas), **self._quotas},
            "usage": {p: self.usage(p) for p in sorted(self._usage)},
            "volume_types": [{"id": t.id, "name": t.name, "extra_specs": dict(t.extra_specs)}
                             for t in self.volume_types.values()],
            "volumes": [
                {"id": v.id, "name": v.name, "project_id": v.project_id, "status": v.status,
                 "size": v.size, "bootable": v.bootable,
                 "attachments": [{"id": a.id, "server_id": a.server_id, "device": a.device,
                                  "attach_status": a.attach_status}
                                 for a in v.attachments]}
                for v in self.volumes.values()],
            "snapshots": [{"id": s.id, "volume_id": s.volume_id, "status": s.status,
                           "size": s.size} for s in self.snapshots.values()],
        }


# -- helpers ---------------------------------------------------------------------------------------



def _at(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, tz=timezone.utc)


def _with_type(deltas: Mapping[str, int], vtype: str | None) -> dict[str, int]:
    """The deltas plus the volume type's copies (`QUOTAS.add_volume_type_opts`)."""
    out = dict(deltas)
    if vtype is not None:
        for part in TYPE_QUOTAS:
            if part in deltas:
                out[f"{part}_{vtype}"] = deltas[part]
    return out


def _micros(when: datetime) -> int:
    delta = when - datetime(1970, 1, 1, tzinfo=timezone.utc)
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds


def _letters(index: int) -> str:
    """`block_device.generate_device_letter`: a, b, ..., z, aa, ab..."""
    base = ord("a")
    letters = ""
    index += 1
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(base + rest) + letters
    return letters


def _device_letter(device: str) -> str:
    import re

    match = re.match(r"(^/dev/x{0,1}[a-z]{0,1}d{0,1})([a-z]+)[0-9]*$", device)
    return match.group(2) if match else ""


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


def _check_image(image: Any, size: int) -> None:
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


def _image_metadata(image: Any, size: int) -> dict[str, str]:
    """The `volume_image_metadata` Cinder copies from Glance (the properties as text)."""
    out = {"image_id": image.id, "image_name": image.name, "checksum": "",
           "container_format": "bare", "disk_format": "qcow2",
           "min_disk": str(image.min_disk), "min_ram": str(image.min_ram),
           "size": str(image.size or 0)}
    for key, value in image.properties.items():
        out[str(key)] = str(value)
    return out


def _sort_params(sort: Sequence[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """`db.api.process_sort_params(default_dir='desc')`: `created_at` and `id` appended
    with the first direction."""
    keys = [k for k, _ in sort]
    dirs = [d for _, d in sort]
    first = dirs[0] if dirs else "desc"
    for default in ("created_at", "id"):
        if default not in keys:
            keys.append(default)
            dirs.append(first)
    return keys, dirs


def _walk(pool: SortedList, mark: tuple[int, str] | None, descending: bool
          ) -> Iterator[tuple[int, str]]:
    if descending:
        stop = pool.bisect_left(mark) if mark is not None else len(pool)
        return iter(pool.islice(0, stop, reverse=True))
    start = pool.bisect_right(mark) if mark is not None else 0
    return iter(pool.islice(start, None))


def _take(items: Iterable[Any], keep: Callable[[Any], bool], offset: int, limit: int
          ) -> list[Any]:
    out: list[Any] = []
    skip = offset
    for item in items:
        if not keep(item):
            continue
        if skip:
            skip -= 1
            continue
        out.append(item)
        if len(out) >= limit:
            break
    return out


class _Desc:
    """Reverses the order of a value inside a sort key tuple."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __lt__(self, other: _Desc) -> bool:
        return bool(self.value > other.value)

    def __gt__(self, other: _Desc) -> bool:
        return bool(self.value < other.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Desc) and bool(self.value == other.value)

    def __hash__(self) -> int:
        return hash(self.value)


def _sorter(getters: Mapping[str, Callable[[Any], Any]], keys: Sequence[str],
            dirs: Sequence[str]) -> Callable[[Any], tuple[Any, ...]]:
    funcs = [getters[k] for k in keys]

    def sort_key(item: Any) -> tuple[Any, ...]:
        parts: list[Any] = []
        for getter, direction in zip(funcs, dirs, strict=True):
            value = getter(item)
            part = (value is not None, value if value is not None else 0)
            parts.append(_Desc(part) if direction == "desc" else part)
        return tuple(parts)

    return sort_key


def _after_marker(ordered: list[Any], mark: Any, getters: Mapping[str, Callable[[Any], Any]],
                  keys: Sequence[str], dirs: Sequence[str], keep: Callable[[Any], bool],
                  offset: int, limit: int) -> list[Any]:
    sort_key = _sorter(getters, keys, dirs)
    if mark is not None:
        mk = sort_key(mark)
        ordered = [item for item in ordered if sort_key(item) > mk]
    return _take(ordered, keep, offset, limit)
