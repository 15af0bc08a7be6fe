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

Attachments are shared with the fake Nova through the cloud's `volumes` link
(`blockstorage/links.py`): an attach through Nova's `os-volume_attachments` makes an
`Attachment` that is both Cinder's attachment record and Nova's block device mapping
(device, tag, delete_on_termination), so the volume's `attachments` and the server's
`os-extended-volumes:volumes_attached` can never disagree.

The state and rules live one resource a module, as mixins composed here (as the client's
`blockstorage/v3/<resource>` packages): `volumes`, `imageactions` (uploads to an image,
re-images and the volume image metadata, through the cloud's `images` link),
`volumeactions` (retype, the readonly flag, connections, force detach, migration,
unmanage and revert to a snapshot),
`snapshots`, `volumetypes` (with extra specs and project access), `defaulttypes` (the
3.62 per-project default types), `capabilities` (the volume backend's driver stats),
`backups`, `quotasets` (and the absolute limits), `availabilityzones`
and `attachments` (Cinder's attach actions, the 3.27 attachments API and what Nova asks
through the link), with the shared state, clock and work queue declared in
`_common._ModelBase`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sortedcontainers import SortedList  # type: ignore[import-untyped,unused-ignore]

from stackdouble.fakes.blockstorage.models._common import DEFAULT_AZ, HOST, _Behavior, _ModelBase
from stackdouble.fakes.blockstorage.models.attachments import (
    Attachment,
    AttachmentFilters,
    AttachmentsMixin,
)
from stackdouble.fakes.blockstorage.models.availabilityzones import (
    AvailabilityZonesMixin,
)
from stackdouble.fakes.blockstorage.models.backups import (
    BACKUP_STATUSES,
    Backup,
    BackupFilters,
    BackupsMixin,
)
from stackdouble.fakes.blockstorage.models.capabilities import Capabilities, CapabilitiesMixin
from stackdouble.fakes.blockstorage.models.defaulttypes import DefaultTypesMixin
from stackdouble.fakes.blockstorage.models.groups import (
    Group,
    GroupsMixin,
    GroupSnapshot,
    GroupType,
)
from stackdouble.fakes.blockstorage.models.imageactions import ImageActionsMixin, ImageUpload
from stackdouble.fakes.blockstorage.models.qos import QosSpecs, QosSpecsMixin
from stackdouble.fakes.blockstorage.models.quotasets import (
    DEFAULT_QUOTAS,
    TYPE_QUOTAS,
    QuotaSetsMixin,
)
from stackdouble.fakes.blockstorage.models.services import (
    RESOURCE_FILTERS,
    Service,
    ServicesMixin,
)
from stackdouble.fakes.blockstorage.models.snapshots import (
    SNAPSHOT_SORT_KEYS,
    Snapshot,
    SnapshotFilters,
    SnapshotsMixin,
)
from stackdouble.fakes.blockstorage.models.transfers import Transfer, TransfersMixin
from stackdouble.fakes.blockstorage.models.volumeactions import VolumeActionsMixin
from stackdouble.fakes.blockstorage.models.volumes import (
    DELETABLE,
    VOLUME_SORT_KEYS,
    VOLUME_STATUSES,
    Volume,
    VolumeFilters,
    VolumesMixin,
)
from stackdouble.fakes.blockstorage.models.volumetypes import VolumeType, VolumeTypesMixin
from stackdouble.fakes.caller import Caller
from stackdouble.fakes.data import load_json

if TYPE_CHECKING:
    from stackdouble.fakes.cloud import FakeCloud

__all__ = [
    "BACKUP_STATUSES",
    "DEFAULT_AZ",
    "DEFAULT_QUOTAS",
    "DELETABLE",
    "HOST",
    "RESOURCE_FILTERS",
    "SNAPSHOT_SORT_KEYS",
    "TYPE_QUOTAS",
    "VOLUME_SORT_KEYS",
    "VOLUME_STATUSES",
    "Attachment",
    "AttachmentFilters",
    "Backup",
    "BackupFilters",
    "BlockStorageModel",
    "Caller",
    "Capabilities",
    "Group",
    "GroupSnapshot",
    "GroupType",
    "ImageUpload",
    "QosSpecs",
    "Service",
    "Snapshot",
    "SnapshotFilters",
    "Transfer",
    "Volume",
    "VolumeFilters",
    "VolumeType",
]


class BlockStorageModel(VolumesMixin, ImageActionsMixin, SnapshotsMixin, AttachmentsMixin,
                        BackupsMixin, VolumeTypesMixin, QuotaSetsMixin,
                        AvailabilityZonesMixin, TransfersMixin, QosSpecsMixin, ServicesMixin,
                        GroupsMixin, VolumeActionsMixin, DefaultTypesMixin,
                        CapabilitiesMixin, _ModelBase):
    """All of the fake Cinder's state, and the Python API to steer it.

    The methods come from one mixin per resource (`models/<resource>.py`); every piece of
    state they share is set here, in `__init__`, and declared in `_common._ModelBase`.

    Attributes:
        max_limit: `osapi_max_limit`, the largest page (default 1000).
        create_time: Seconds of fake time a new volume or snapshot stays `creating`.
        action_time: Seconds of fake time the other background work takes (extend,
            delete, attach, detach, uploads to an image, re-images).
        delete_time: Seconds of fake time a volume stays `deleting` (None: the action
            time).
        backup_time: Seconds of fake time a backup, a restore or a backup delete takes.
        enable_force_upload: Cinder's `enable_force_upload` (False): whether `force`
            lets an `in-use` volume be uploaded to an image.
        volume_types: Volume types by id.
        volumes: Every volume by id (until its deletion completes).
        snapshots: Every snapshot by id (until its deletion completes).
        attachments: Every attachment by id.
        backups: Every backup by id (until its deletion completes).
        transfers: Every pending volume transfer by id.
        qos_specs: Every QoS specs by id.
        group_types: Group types by id (`default_cgsnapshot_type` seeded).
        groups: Every generic volume group by id (until its deletion completes).
        group_snapshots: Every group snapshot by id (until its deletion completes).
        default_group_type_name: `default_group_type` (None, Cinder's default).
        project_default_types: The 3.62 per-project default types: project id to volume
            type id.
    """

    def __init__(self, cloud: FakeCloud) -> None:
        self.cloud = cloud
        self.max_limit = 1000
        self.create_time = 0.0
        self.action_time = 0.0
        self.delete_time: float | None = None
        self.backup_time = 0.0
        self.enable_force_upload = False
        self.default_quotas: dict[str, int] = dict(DEFAULT_QUOTAS)
        self._quotas: dict[str, dict[str, int]] = {}
        self.volume_types: dict[str, VolumeType] = {}
        self.default_type_name = "__DEFAULT__"
        self.project_default_types: dict[str, str] = {}
        self.volumes: dict[str, Volume] = {}
        self.snapshots: dict[str, Snapshot] = {}
        self.attachments: dict[str, Attachment] = {}
        self.backups: dict[str, Backup] = {}
        self.transfers: dict[str, Transfer] = {}
        self.qos_specs: dict[str, QosSpecs] = {}
        self.group_types: dict[str, GroupType] = {}
        self.groups: dict[str, Group] = {}
        self.group_snapshots: dict[str, GroupSnapshot] = {}
        self.default_group_type_name: str | None = None
        self._backup_keys: dict[str, SortedList] = {}
        self._all_backup_keys = SortedList()
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
                extra_specs=dict(raw.get("extra_specs") or {}), seeded=True)
        self.service_uuid = self.cloud.ids.uuid()
        self._seed_group_types()

    # -- callers ---------------------------------------------------------------------------------

    def caller_for(self, project_id: str, *, is_admin: bool = False) -> Caller:
        """A caller in `project_id` (its first user with a role there), for Python use."""
        identity = self.cloud.identity
        user_id = "fake"
        for user in identity.users.values():
            if identity.effective_role_ids(user.id, "project", project_id):
                user_id = str(user.id)
                break
        return Caller(project_id=project_id, user_id=user_id, is_admin=is_admin)

    # -- dump --------------------------------------------------------------------------------------

    def dump(self) -> dict[str, Any]:
        """The block storage state as JSON-able data (`views.state` renders it)."""
        from stackdouble.fakes.blockstorage import views

        self._settle_groups()
        return {**views.state(self), **views.transfer_and_qos_state(self),
                **views.group_state(self)}
