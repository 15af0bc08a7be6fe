"""Generic volume groups (`cinder/group/api.py`, `cinder/volume/group_types.py`,
`cinder/api/v3/group_types.py`, `group_specs.py`, `groups.py`, `group_snapshots.py`), for
`client/openstack/blockstorage/v3/grouptypes`, `groups` and `groupsnapshots`.

Group types (3.11) are admin-managed records with `group_specs`; Cinder seeds
`default_cgsnapshot_type`, which generic groups may not use (it is kept for consistency
groups migrated to groups). A group (3.13) holds volumes of the volume types it was created
with; a group snapshot (3.14) snapshots every volume of a group at once, each snapshot
carrying its `group_snapshot_id`.

Background work runs on the cloud's clock as the volumes' does: a group or group snapshot
answers `creating` and becomes `available` after the model's `create_time`; an update that
adds or removes volumes leaves the group `updating` for `action_time` (the membership changes
at once); deletes (`deleting`) complete after the delete time (`_delete_seconds`), the
group's volumes and the group snapshot's snapshots with them.

    >>> from stackdouble.fakes import FakeCloud
    >>> cloud = FakeCloud(seed=5)
    >>> storage = cloud.block_storage
    >>> admin = storage.caller_for(cloud.project_id("admin"), is_admin=True)
    >>> demo = storage.caller_for(cloud.project_id("demo"))
    >>> gtype = storage.create_group_type(admin, "consistent")
    >>> group = storage.create_group(demo, gtype.id, ["__DEFAULT__"], name="db")
    >>> volume = storage.create_volume(demo, size=1, volume_type="__DEFAULT__")
    >>> storage.update_group(demo, group.id, add_volumes=volume.id)
    >>> [v.id for v in storage.group_volumes(group.id)] == [volume.id]
    True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from stackdouble.fakes.blockstorage.errors import (
    BadRequest,
    CinderError,
    NotFound,
    QuotaError,
    invalid_input,
    invalid_volume,
)
from stackdouble.fakes.blockstorage.models._common import DEFAULT_AZ, _ModelBase
from stackdouble.fakes.blockstorage.models.snapshots import Snapshot
from stackdouble.fakes.blockstorage.models.volumes import Volume
from stackdouble.fakes.blockstorage.models.volumetypes import VolumeType
from stackdouble.fakes.caller import Caller
from stackdouble.fakes.osloutils import is_uuid_like
from stackdouble.fakes.sorting import complete_sort
from stackdouble.fakes.timestamps import epoch_micros

__all__ = [
    "DEFAULT_CGSNAPSHOT_TYPE",
    "GROUP_SNAPSHOT_STATUSES",
    "GROUP_SORT_KEYS",
    "GROUP_STATUSES",
    "Group",
    "GroupSnapshot",
    "GroupType",
    "GroupsMixin",
    "check_group_snapshot_status",
    "check_group_status",
]

#: `group_types.DEFAULT_CGSNAPSHOT_TYPE`, seeded by Cinder's database migrations.
DEFAULT_CGSNAPSHOT_TYPE = "default_cgsnapshot_type"
#: `fields.GroupStatus.ALL`, in Cinder's order (its reset-status message lists them so).
GROUP_STATUSES = ("error", "available", "creating", "deleting", "deleted", "updating",
                  "in-use", "error_deleting")
#: `fields.GroupSnapshotStatus.ALL`.
GROUP_SNAPSHOT_STATUSES = ("error", "available", "creating", "deleting", "deleted",
                           "updating", "error_deleting")
#: `VALID_REMOVE_VOL_FROM_GROUP_STATUS` and `VALID_ADD_VOL_TO_GROUP_STATUS`.
_REMOVABLE = ("available", "in-use", "error", "error_deleting")
_ADDABLE = ("available", "in-use")


@dataclass(slots=True)
class GroupType:
    """A group type (`group_types` row with its `group_specs`)."""

    id: str
    name: str
    description: str | None = None
    is_public: bool = True
    group_specs: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Group:
    """A generic volume group. `created_us` and `id` sort it."""

    id: str
    project_id: str
    user_id: str
    name: str | None
    description: str | None
    group_type_id: str
    volume_type_ids: list[str]
    availability_zone: str
    status: str
    created_at: datetime
    created_us: int
    updated_at: datetime | None = None
    group_snapshot_id: str | None = None
    source_group_id: str | None = None
    #: Fake time the pending background work completes, and what it is.
    due: float | None = None
    pending: str | None = None


@dataclass(slots=True)
class GroupSnapshot:
    """A snapshot of a group: one volume snapshot per member volume."""

    id: str
    project_id: str
    user_id: str
    group_id: str
    group_type_id: str
    name: str | None
    description: str | None
    status: str
    created_at: datetime
    created_us: int
    updated_at: datetime | None = None
    snapshot_ids: list[str] = field(default_factory=list)
    due: float | None = None
    pending: str | None = None


#: Group columns Cinder can sort by, as the fake reads them.
GROUP_SORT_KEYS: Mapping[str, Callable[[Any], Any]] = {
    "id": lambda g: g.id,
    "created_at": lambda g: g.created_us,
    "updated_at": lambda g: g.updated_at,
    "name": lambda g: g.name,
    "description": lambda g: g.description,
    "status": lambda g: g.status,
    "project_id": lambda g: g.project_id,
    "user_id": lambda g: g.user_id,
}
_GROUP_FILTERS = ("name", "status", "availability_zone", "group_type_id", "description",
                  "project_id", "user_id", "id")
_SNAPSHOT_FILTERS = ("name", "status", "group_id", "group_type_id", "description",
                     "project_id", "user_id", "id")


def group_not_found(group_id: str) -> NotFound:
    """`GroupNotFound`."""
    return NotFound(f"Group {group_id} could not be found.")


def group_snapshot_not_found(snapshot_id: str) -> NotFound:
    """`GroupSnapshotNotFound`."""
    return NotFound(f"GroupSnapshot {snapshot_id} could not be found.")


def group_type_not_found(type_id: str) -> NotFound:
    """`GroupTypeNotFound`."""
    return NotFound(f"Group type {type_id} could not be found.")


def check_group_status(status: str) -> str:
    """`_validate_group_status`: the status in lower case.

    Raises:
        BadRequest: "Invalid Group Status: Group status: <s> is invalid, valid status are:
            (...)."
    """
    if status.lower() not in GROUP_STATUSES:
        raise BadRequest(f"Invalid Group Status: Group status: {status} is invalid, valid "
                         f"status are: {GROUP_STATUSES!r}.")
    return status.lower()


def check_group_snapshot_status(status: str) -> str:
    """`_validate_group_snapshot_status`.

    Raises:
        BadRequest: "Invalid GroupSnapshot Status: Group snapshot status: <s> is invalid,
            valid statuses are: (...)."
    """
    if status.lower() not in GROUP_SNAPSHOT_STATUSES:
        raise BadRequest(f"Invalid GroupSnapshot Status: Group snapshot status: {status} is "
                         f"invalid, valid statuses are: {GROUP_SNAPSHOT_STATUSES!r}.")
    return status


def invalid_group(reason: str) -> BadRequest:
    """`InvalidGroup` as the controllers re-raise it."""
    return BadRequest(f"Invalid Group: {reason}")


class GroupsMixin(_ModelBase):
    """Group types, groups and group snapshots of `BlockStorageModel` (`group_types`,
    `groups`, `group_snapshots`, `default_group_type_name`)."""

    group_types: dict[str, GroupType]
    groups: dict[str, Group]
    group_snapshots: dict[str, GroupSnapshot]
    default_group_type_name: str | None

    if TYPE_CHECKING:
        def create_snapshot(self, caller: Caller, volume_id: str, *, name: str | None = None,
                            description: str | None = None, force: bool = False,
                            allow_in_use: bool = False,
                            metadata: Mapping[str, str] | None = None) -> Snapshot: ...

    def _seed_group_types(self) -> None:
        gtype = GroupType(id=self.cloud.ids.uuid(), name=DEFAULT_CGSNAPSHOT_TYPE,
                          description="Default group type for migrating cgsnapshot",
                          group_specs={"consistent_group_snapshot_enabled": "<is> True"})
        self.group_types[gtype.id] = gtype

    def _settle_groups(self) -> None:
        """Apply the volume work due, then the groups' and group snapshots' own."""
        self.advance()
        now = self.cloud.clock.time()
        for gsnap in [s for s in self.group_snapshots.values()
                      if s.due is not None and s.due <= now]:
            when = self._at(gsnap.due)
            gsnap.due = None
            if gsnap.pending == "create":
                gsnap.status, gsnap.updated_at = "available", when
            elif gsnap.pending == "delete":
                for snap_id in gsnap.snapshot_ids:
                    snap = self.snapshots.get(snap_id)
                    if snap is not None:
                        self._destroy_snapshot(snap)
                del self.group_snapshots[gsnap.id]
        for group in [g for g in self.groups.values() if g.due is not None and g.due <= now]:
            when = self._at(group.due)
            group.due = None
            if group.pending in ("create", "update"):
                group.status, group.updated_at = "available", when
            elif group.pending == "delete":
                del self.groups[group.id]
                self._use(group.project_id, groups=-1)

    def _at(self, due: float | None) -> datetime:
        from stackdouble.fakes.timestamps import from_timestamp

        return from_timestamp(due if due is not None else self.cloud.clock.time())

    # -- group types -----------------------------------------------------------------------

    def _group_type_by_name(self, name: str) -> GroupType | None:
        return next((t for t in self.group_types.values() if t.name == name), None)

    def get_group_type(self, caller: Caller, type_id: str) -> GroupType:
        """A group type by id (`default`: `default_group_type`).

        Raises:
            NotFound: "Group type <id> could not be found.", or "Default group type can
                not be found." (none configured, Cinder's default).
        """
        if type_id == "default":
            name = self.default_group_type_name
            found = self._group_type_by_name(name) if name is not None else None
            if found is None:
                raise NotFound("Default group type can not be found.")
            return found
        gtype = self.group_types.get(type_id)
        if gtype is None or not (gtype.is_public or caller.is_admin):
            raise group_type_not_found(type_id)
        return gtype

    def set_default_group_type(self, name: str | None) -> None:
        """`[DEFAULT] default_group_type`: the type `GET /group_types/default` shows."""
        self.default_group_type_name = name

    def list_group_types(self, caller: Caller, is_public: bool | None = True
                         ) -> list[GroupType]:
        """The types a listing shows, in creation order: public ones for non-admins, those
        of `is_public` for admins (None: all)."""
        if not caller.is_admin:
            is_public = True
        return [t for t in self.group_types.values()
                if is_public is None or t.is_public == is_public]

    def create_group_type(self, caller: Caller, name: str, *, description: str | None = None,
                          group_specs: Mapping[str, str | None] | None = None,
                          is_public: bool = True) -> GroupType:
        """`POST /group_types` (the policy is the handler's).

        Raises:
            CinderError: 409 "Group Type <name> already exists."
        """
        if self._group_type_by_name(name) is not None:
            raise CinderError(f"Group Type {name} already exists.", status=409)
        gtype = GroupType(id=self.cloud.ids.uuid(), name=name, description=description,
                          is_public=is_public,
                          group_specs={k: v for k, v in (group_specs or {}).items()
                                       if v is not None})
        self.group_types[gtype.id] = gtype
        return gtype

    def update_group_type(self, caller: Caller, type_id: str, *, name: str | None = None,
                          description: str | None = None,
                          is_public: bool | None = None) -> GroupType:
        """`PUT /group_types/{id}`.

        Raises:
            NotFound: The type.
            CinderError: 409 "Group Type <name> already exists."
        """
        gtype = self.get_group_type(caller, type_id)
        if name and name != gtype.name:
            if self._group_type_by_name(name) is not None:
                raise CinderError(f"Group Type {name} already exists.", status=409)
            gtype.name = name
        if description is not None:
            gtype.description = description
        if is_public is not None:
            gtype.is_public = is_public
        return gtype

    def delete_group_type(self, caller: Caller, type_id: str) -> None:
        """`DELETE /group_types/{id}`.

        Raises:
            NotFound: The type.
            BadRequest: "Target group type is still in use. Group Type <id> deletion is
                not allowed with groups present with the type." (a group not yet deleted
                has it).
        """
        gtype = self.get_group_type(caller, type_id)
        self._settle_groups()
        if any(g.group_type_id == gtype.id for g in self.groups.values()):
            raise BadRequest(f"Target group type is still in use. Group Type {gtype.id} "
                             "deletion is not allowed with groups present with the type.")
        del self.group_types[gtype.id]

    def group_specs(self, caller: Caller, type_id: str) -> dict[str, str]:
        """`GET /group_types/{id}/group_specs`."""
        return dict(self.get_group_type(caller, type_id).group_specs)

    def group_spec(self, caller: Caller, type_id: str, key: str) -> str:
        """`GET /group_types/{id}/group_specs/{key}`.

        Raises:
            NotFound: "Group Type <id> has no extra spec with key <key>."
        """
        specs = self.group_specs(caller, type_id)
        if key not in specs:
            raise NotFound(f"Group Type {type_id} has no extra spec with key {key}.")
        return specs[key]

    def set_group_specs(self, caller: Caller, type_id: str,
                        specs: Mapping[str, str | None]) -> None:
        """`POST .../group_specs` (merge) and `PUT .../group_specs/{key}` (one); a null
        value is stored as none (and not shown)."""
        gtype = self.get_group_type(caller, type_id)
        for key, value in specs.items():
            if value is None:
                gtype.group_specs.pop(key, None)
            else:
                gtype.group_specs[key] = value

    def delete_group_spec(self, caller: Caller, type_id: str, key: str) -> None:
        """`DELETE /group_types/{id}/group_specs/{key}`.

        Raises:
            NotFound: The type, or "Group Type <id> has no extra spec with key <key>."
        """
        gtype = self.get_group_type(caller, type_id)
        if key not in gtype.group_specs:
            raise NotFound(f"Group Type {type_id} has no extra spec with key {key}.")
        del gtype.group_specs[key]

    # -- groups ------------------------------------------------------------------------------

    def get_group(self, caller: Caller, group_id: str) -> Group:
        """A group the caller may see (its project's; an admin: any).

        Raises:
            NotFound: "Group <id> could not be found."
        """
        self._settle_groups()
        group = self.groups.get(group_id)
        if group is None or (group.project_id != caller.project_id and not caller.is_admin):
            raise group_not_found(group_id)
        return group

    def group_status(self, group_id: str) -> str:
        """A group's status right now; `deleted` once its deletion completed."""
        self._settle_groups()
        group = self.groups.get(group_id)
        return "deleted" if group is None else group.status

    def group_volumes(self, group_id: str) -> list[Volume]:
        """The volumes of a group (any status, not yet deleted), in creation order."""
        self._settle_groups()
        return sorted((v for v in self.volumes.values() if v.group_id == group_id),
                      key=lambda v: v.key)

    def _check_cgsnapshot_type(self, type_id: str) -> None:
        gtype = self.group_types.get(type_id)
        if gtype is not None and gtype.name == DEFAULT_CGSNAPSHOT_TYPE:
            raise BadRequest(f"Group_type {type_id} is reserved for migrating CGs to groups. "
                             "Migrated group can only be operated by CG APIs.")

    def _resolve_group_type(self, caller: Caller, name_or_id: str) -> GroupType:
        """The controller's and `group.api.API.create`'s lookups: a name unless UUID-like,
        then an id, then a UUID-like name."""
        if not is_uuid_like(name_or_id):
            found = self._group_type_by_name(name_or_id)
            if found is None or not (found.is_public or caller.is_admin):
                raise NotFound(f"Group type with name {name_or_id} could not be found.")
            return found
        found = self.group_types.get(name_or_id) or self._group_type_by_name(name_or_id)
        if found is None or not (found.is_public or caller.is_admin):
            raise group_type_not_found(name_or_id)
        return found

    def create_group(self, caller: Caller, group_type: str, volume_types: Sequence[str], *,
                     name: str | None = None, description: str | None = None,
                     availability_zone: str | None = None) -> Group:
        """`POST /groups`: `creating`, then `available` after `create_time`.

        Raises:
            NotFound: The group type ("Group type with name <x> could not be found.") or a
                volume type ("Volume type with name <x> could not be found.").
            BadRequest: `default_cgsnapshot_type`, or "Invalid input received:
                Availability zone '<az>' is invalid."
            QuotaError: 413 "Maximum number of groups allowed (<n>) exceeded".
        """
        self._settle_groups()
        gtype = self._resolve_group_type(caller, group_type)
        self._check_cgsnapshot_type(gtype.id)
        admin = self.caller_for(caller.project_id, is_admin=True)
        vtypes: list[VolumeType] = []
        for wanted in volume_types:
            vtype = self.find_volume_type(admin, wanted)
            if vtype not in vtypes:
                vtypes.append(vtype)
        zone = availability_zone if availability_zone is not None else DEFAULT_AZ
        if zone != DEFAULT_AZ:
            raise invalid_input(f"Availability zone '{zone}' is invalid.")
        self._reserve_group(caller.project_id)
        now = self._now()
        group = Group(id=self.cloud.ids.uuid(), project_id=caller.project_id,
                      user_id=caller.user_id, name=name, description=description,
                      group_type_id=gtype.id, volume_type_ids=[t.id for t in vtypes],
                      availability_zone=zone, status="creating", created_at=now,
                      created_us=epoch_micros(now))
        self.groups[group.id] = group
        self._use(caller.project_id, groups=1)
        self._later(group, "create", self.create_time)
        return group

    def create_group_from_src(self, caller: Caller, *, group_snapshot_id: str | None = None,
                              source_group_id: str | None = None, name: str | None = None,
                              description: str | None = None) -> Group:
        """`POST /groups/action` `create-from-src` (3.14) as `group.api.API.create_from_src`
        does it: a group of the source's group type, volume types and availability zone,
        with a volume per snapshot of the group snapshot (from it) or a clone of each
        volume of the source group (unnamed, the source's size and volume type); the group
        answers `creating` and becomes `available` after `create_time`, its volumes as any
        new volume does. Exactly one source is given (the schema's `oneOf`). A failure
        leaves no group, no volume and no quota used.

        Raises:
            NotFound: "GroupSnapshot <id> could not be found." or "Group <id> could not
                be found."
            BadRequest: The source's type is `default_cgsnapshot_type`; "Invalid Group:
                Group snapshot is empty. No group will be created." or "Invalid Group:
                Source Group is empty. No group will be created."; "Invalid snapshot:
                Originating snapshot status must be one of 'available' values" or
                "Invalid volume: Originating source volume status must be one of
                'available, in-use' values" (a source not available). Over the `groups`
                quota, or the `volumes`, `gigabytes` (or per-type) quota for the new
                volumes: Cinder's quota message as a 400, not the usual 413 (the
                controller turns every `CinderException` into a 400), e.g. "Maximum
                number of groups allowed (10) exceeded".

        Cinder 29 commits the `groups` quota before it makes the volumes and does not give
        it back when they fail (an empty source, a source not available, over a volume
        quota): each such 400 leaks a unit of `groups` usage. The fake keeps its rule of
        no change without a 2xx and does not copy that leak.
        """
        self._settle_groups()
        if group_snapshot_id is not None:
            gsnap = self.get_group_snapshot(caller, group_snapshot_id)
            group_type_id = gsnap.group_type_id
            origin = self.groups.get(gsnap.group_id)
            if origin is None:
                raise group_not_found(gsnap.group_id)
        elif source_group_id is not None:
            origin = self.get_group(caller, source_group_id)
            group_type_id = origin.group_type_id
        else:
            raise invalid_group("Either group snapshot or source group is required.")
        self._check_cgsnapshot_type(group_type_id)
        try:
            self._reserve_group(caller.project_id)
        except QuotaError as exc:
            raise _as_bad_request(exc) from None
        now = self._now()
        group = Group(id=self.cloud.ids.uuid(), project_id=caller.project_id,
                      user_id=caller.user_id, name=name, description=description,
                      group_type_id=group_type_id,
                      volume_type_ids=list(origin.volume_type_ids),
                      availability_zone=origin.availability_zone, status="creating",
                      created_at=now, created_us=epoch_micros(now),
                      group_snapshot_id=group_snapshot_id, source_group_id=source_group_id)
        made: list[Volume] = []
        try:
            if group_snapshot_id is not None:
                snaps = [self.snapshots[s] for s in gsnap.snapshot_ids if s in self.snapshots]
                if not snaps:
                    raise invalid_group("Group snapshot is empty. No group will be created.")
                for snap in snaps:
                    made.append(self._group_member(caller, group, snapshot=snap))
            else:
                sources = self.group_volumes(origin.id)
                if not sources:
                    raise invalid_group("Source Group is empty. No group will be created.")
                for source in sources:
                    made.append(self._group_member(caller, group, source=source))
        except CinderError as exc:
            for volume in made:
                self._destroy_volume(volume)
            if isinstance(exc, QuotaError):
                raise _as_bad_request(exc) from None
            raise
        self.groups[group.id] = group
        self._use(caller.project_id, groups=1)
        self._later(group, "create", self.create_time)
        return group

    def _group_member(self, caller: Caller, group: Group, *, snapshot: Snapshot | None = None,
                      source: Volume | None = None) -> Volume:
        """A new member of `group` made from a snapshot or cloned from a volume, with the
        origin's size and volume type."""
        if snapshot is not None:
            origin = self.volumes.get(snapshot.volume_id)
            vtype = origin.volume_type.id if origin is not None else None
            volume = self.create_volume(caller, size=snapshot.size, volume_type=vtype,
                                        availability_zone=group.availability_zone,
                                        snapshot_id=snapshot.id)
        else:
            assert source is not None
            volume = self.create_volume(caller, size=source.size,
                                        volume_type=source.volume_type.id,
                                        availability_zone=group.availability_zone,
                                        source_volid=source.id)
        volume.group_id = group.id
        return volume

    def _reserve_group(self, project_id: str) -> None:
        limit = self.quota(project_id).get("groups", -1)
        used = self._usage.get(project_id, {}).get("groups", 0)
        if limit >= 0 and used + 1 > limit:
            raise QuotaError("GroupLimitExceeded",
                             f"Maximum number of groups allowed ({limit}) exceeded")

    def _later(self, target: Group | GroupSnapshot, pending: str, seconds: float) -> None:
        target.pending = pending
        target.due = self.cloud.clock.time() + seconds
        if seconds <= 0:
            self._settle_groups()

    def check_volume_group(self, caller: Caller, group_id: str,
                           volume_type: VolumeType | None) -> Group:
        """What `POST /volumes` checks of its `group_id` (3.13): the group, then
        that the volume's type is one of the group's.

        Raises:
            NotFound: "Group <id> could not be found."
            BadRequest: "Invalid input received: volume_type must be provided when
                creating a volume in a group." or "... Invalid volume_type provided ..."
        """
        group = self.get_group(caller, group_id)
        if volume_type is None:
            raise invalid_input("volume_type must be provided when creating a volume in a "
                                "group.")
        if volume_type.id not in group.volume_type_ids:
            raise invalid_input(f"Invalid volume_type provided: {volume_type.name} "
                                "(requested type must be supported by this group).")
        return group

    def create_group_volume(self, caller: Caller, group_id: str,
                            **create_args: Any) -> Volume:
        """`POST /volumes` with a `group_id` (3.13): the volume is made in the group.

        Raises:
            NotFound: The group, and whatever `create_volume` raises.
            BadRequest: No volume type, or one the group does not support.
        """
        self._settle_groups()
        self.get_group(caller, group_id)
        wanted = create_args.get("volume_type")
        vtype = self.find_volume_type(caller, wanted) if wanted else None
        group = self.check_volume_group(caller, group_id, vtype)
        volume = self.create_volume(caller, **create_args)
        volume.group_id = group.id
        return volume

    def update_group(self, caller: Caller, group_id: str, *, name: str | None = None,
                     description: str | None = None, add_volumes: str | None = None,
                     remove_volumes: str | None = None) -> None:
        """`PUT /groups/{id}` as `group.api.API.update` checks it: a rename only leaves
        the group `available`; adding or removing volumes needs it `available` and leaves
        it `updating` for `action_time` (the membership changes at once).

        Raises:
            NotFound: The group.
            BadRequest: "Invalid volume: ..." for a volume that cannot be added or removed
                (not found, in another group or project, of a type the group does not
                have, in the wrong status, not in the group), "Invalid Group: Cannot
                update group <id> because no valid name, description, add_volumes, or
                remove_volumes were provided." or "Invalid Group: Group status must be
                available."
        """
        group = self.get_group(caller, group_id)
        self._check_cgsnapshot_type(group.group_type_id)
        if name == group.name:
            name = None
        if description == group.description:
            description = None
        adds = add_volumes.strip(",").split(",") if add_volumes else []
        removes = remove_volumes.strip(",").split(",") if remove_volumes else []
        both = [u for u in adds if u in removes]
        if both:
            raise invalid_volume(f"UUIDs {both!r} are in both add and remove volume list.")
        members = self.group_volumes(group.id)
        member_ids = {v.id for v in members}
        adds = [u for u in adds if u not in member_ids]
        to_add = [self._addable(caller, group, u) for u in adds]
        to_remove: list[Volume] = []
        if removes:
            for volume in members:
                if volume.id in removes:
                    if volume.status not in _REMOVABLE:
                        raise invalid_volume(
                            f"Cannot remove volume {volume.id} from group {group.id} because "
                            f"volume is in an invalid state: {volume.status}. Valid states "
                            f"are: {_REMOVABLE!r}.")
                    to_remove.append(volume)
            for wanted in removes:
                if wanted not in member_ids:
                    raise invalid_volume(f"Cannot remove volume {wanted} from group "
                                         f"{group.id} because it is not in the group.")
        if name is None and description is None and not to_add and not to_remove:
            raise invalid_group(f"Cannot update group {group.id} because no valid name, "
                                "description, add_volumes, or remove_volumes were provided.")
        if (to_add or to_remove) and group.status != "available":
            raise invalid_group("Group status must be available.")
        now = self._now()
        if name is not None:
            group.name = name
        if description is not None:
            group.description = description
        group.updated_at = now
        if not to_add and not to_remove:
            group.status = "available"
            return
        for volume in to_add:
            volume.group_id = group.id
        for volume in to_remove:
            volume.group_id = None
        group.status = "updating"
        self._later(group, "update", self.action_time)

    def _addable(self, caller: Caller, group: Group, volume_id: str) -> Volume:
        volume = self.volumes.get(volume_id)
        if volume is None or (volume.project_id != caller.project_id and not caller.is_admin):
            raise invalid_volume(f"Cannot add volume {volume_id} to group {group.id} because "
                                 "volume cannot be found.")
        if volume.group_id:
            raise invalid_volume(f"Cannot add volume {volume.id} to group {group.id} because "
                                 f"it is already in group {volume.group_id}.")
        if volume.project_id != group.project_id:
            raise invalid_volume(f"Cannot add volume {volume.id} to group {group.id} as they "
                                 "belong to different projects.")
        if volume.volume_type.id not in group.volume_type_ids:
            raise invalid_volume(f"Cannot add volume {volume.id} to group {group.id} because "
                                 f"volume type {volume.volume_type.id} is not supported by "
                                 "the group.")
        if volume.status not in _ADDABLE:
            raise invalid_volume(f"Cannot add volume {volume.id} to group {group.id} because "
                                 f"volume is in an invalid state: {volume.status}. Valid "
                                 f"states are: {_ADDABLE!r}.")
        return volume

    def delete_group(self, caller: Caller, group_id: str, *,
                     delete_volumes: bool = False) -> None:
        """`POST /groups/{id}/action` `delete`: `deleting`, then gone (with its volumes
        when `delete_volumes`) after the delete time.

        Raises:
            NotFound: The group.
            BadRequest: "Invalid Group: Group status must be available or error, but
                current status is: <s>", "Invalid Group: Group has existing snapshots.",
                "Invalid Group: Group <id> still contains volumes. The delete-volumes flag
                is required to delete it.", "Invalid Group: Volume in group <id> is
                attached. Need to detach first." or "Invalid Group: Volume in group still
                has dependent snapshots."
        """
        group = self.get_group(caller, group_id)
        self._check_cgsnapshot_type(group.group_type_id)
        if not delete_volumes and group.status not in ("available", "error"):
            raise invalid_group("Group status must be available or error, but current "
                                f"status is: {group.status}")
        if any(s.group_id == group.id for s in self.group_snapshots.values()):
            raise invalid_group("Group has existing snapshots.")
        volumes = self.group_volumes(group.id)
        if volumes and not delete_volumes:
            raise invalid_group(f"Group {group.id} still contains volumes. The "
                                "delete-volumes flag is required to delete it.")
        for volume in volumes:
            if volume.attach_status == "attached" or volume.attachments:
                raise invalid_group(f"Volume in group {group.id} is attached. Need to detach "
                                    "first.")
            if self._snapshots_of.get(volume.id):
                raise invalid_group("Volume in group still has dependent snapshots.")
        now = self._now()
        seconds = self._delete_seconds()
        for volume in volumes:
            volume.status, volume.updated_at = "deleting", now
            self._schedule(volume, "delete", seconds)
        group.status, group.updated_at = "deleting", now
        self._later(group, "delete", seconds)

    def reset_group_status(self, caller: Caller, group_id: str, status: str) -> None:
        """`reset_status` (3.20, admins; the policy is the handler's).

        Raises:
            NotFound: The group.
            BadRequest: "Invalid Group Status: Group status: <s> is invalid, valid status
                are: (...)."
        """
        group = self.get_group(caller, group_id)
        status = check_group_status(status)
        group.status, group.updated_at, group.due = status, self._now(), None

    def list_groups(self, caller: Caller, filters: Mapping[str, str], *, limit: int,
                    marker: str | None = None, offset: int = 0,
                    sort: Sequence[tuple[str, str]] = (("created_at", "desc"),),
                    all_tenants: bool = False) -> list[Group]:
        """A page of groups (those of `default_cgsnapshot_type` left out), Cinder's
        order by default (`created_at`, `id`, desc).

        Raises:
            NotFound: "Group <marker> could not be found."
            BadRequest: "Invalid input received: Invalid sort key".
        """
        self._settle_groups()
        pool = [g for g in self.groups.values()
                if all_tenants or g.project_id == caller.project_id]
        return _page(pool, filters, _GROUP_FILTERS, limit, marker, offset, sort,
                     group_not_found, lambda g: self._is_cg_type(g.group_type_id))

    def _is_cg_type(self, type_id: str) -> bool:
        gtype = self.group_types.get(type_id)
        return gtype is not None and gtype.name == DEFAULT_CGSNAPSHOT_TYPE

    # -- group snapshots ---------------------------------------------------------------------

    def get_group_snapshot(self, caller: Caller, group_snapshot_id: str) -> GroupSnapshot:
        """A group snapshot the caller may see.

        Raises:
            NotFound: "GroupSnapshot <id> could not be found."
        """
        self._settle_groups()
        gsnap = self.group_snapshots.get(group_snapshot_id)
        if gsnap is None or (gsnap.project_id != caller.project_id and not caller.is_admin):
            raise group_snapshot_not_found(group_snapshot_id)
        return gsnap

    def group_snapshot_status(self, group_snapshot_id: str) -> str:
        """A group snapshot's status right now; `deleted` once its deletion completed."""
        self._settle_groups()
        gsnap = self.group_snapshots.get(group_snapshot_id)
        return "deleted" if gsnap is None else gsnap.status

    def create_group_snapshot(self, caller: Caller, group_id: str, *,
                              name: str | None = None,
                              description: str | None = None) -> GroupSnapshot:
        """`POST /group_snapshots`: a snapshot of each of the group's volumes (named and
        described as the group snapshot), all `creating`, then `available`.

        Raises:
            NotFound: "Group <id> could not be found."
            BadRequest: The group's type is `default_cgsnapshot_type`; a volume that
                cannot be snapshotted.
            QuotaError: Over the `snapshots` or `gigabytes` quota.
        """
        group = self.get_group(caller, group_id)
        self._check_cgsnapshot_type(group.group_type_id)
        now = self._now()
        gsnap = GroupSnapshot(id=self.cloud.ids.uuid(), project_id=caller.project_id,
                              user_id=caller.user_id, group_id=group.id,
                              group_type_id=group.group_type_id, name=name,
                              description=description, status="creating", created_at=now,
                              created_us=epoch_micros(now))
        made: list[Snapshot] = []
        try:
            for volume in self.group_volumes(group.id):
                snap = self.create_snapshot(caller, volume.id, name=name,
                                            description=description, force=True)
                snap.group_snapshot_id = gsnap.id
                made.append(snap)
        except CinderError:
            for snap in made:
                self._destroy_snapshot(snap)
            raise
        gsnap.snapshot_ids = [s.id for s in made]
        self.group_snapshots[gsnap.id] = gsnap
        self._later(gsnap, "create", self.create_time)
        return gsnap

    def delete_group_snapshot(self, caller: Caller, group_snapshot_id: str) -> None:
        """`DELETE /group_snapshots/{id}`: `deleting`, then gone with its snapshots.

        Raises:
            NotFound: The group snapshot.
            BadRequest: "Invalid GroupSnapshot: GroupSnapshot status must be available or
                error, and no Group can be currently using it as source for its creation."
        """
        gsnap = self.get_group_snapshot(caller, group_snapshot_id)
        if gsnap.status not in ("available", "error"):
            raise BadRequest("Invalid GroupSnapshot: GroupSnapshot status must be available "
                             "or error, and no Group can be currently using it as source "
                             "for its creation.")
        now = self._now()
        for snap_id in gsnap.snapshot_ids:
            snap = self.snapshots.get(snap_id)
            if snap is not None:
                snap.status, snap.updated_at = "deleting", now
                self._seq += 1
                snap.event = self._seq  # goes with the group snapshot
        gsnap.status, gsnap.updated_at = "deleting", now
        self._later(gsnap, "delete", self._delete_seconds())

    def reset_group_snapshot_status(self, caller: Caller, group_snapshot_id: str,
                                    status: str) -> None:
        """`reset_status` (3.19, admins; the policy is the handler's).

        Raises:
            NotFound: The group snapshot.
            BadRequest: "Invalid GroupSnapshot Status: Group snapshot status: <s> is
                invalid, valid statuses are: (...)."
        """
        gsnap = self.get_group_snapshot(caller, group_snapshot_id)
        check_group_snapshot_status(status)
        gsnap.status, gsnap.updated_at, gsnap.due = status, self._now(), None

    def list_group_snapshots(self, caller: Caller, filters: Mapping[str, str], *,
                             limit: int, marker: str | None = None, offset: int = 0,
                             sort: Sequence[tuple[str, str]] = (("created_at", "desc"),),
                             all_tenants: bool = False) -> list[GroupSnapshot]:
        """A page of group snapshots, Cinder's order by default.

        Raises:
            NotFound: "GroupSnapshot <marker> could not be found."
            BadRequest: "Invalid input received: Invalid sort key".
        """
        self._settle_groups()
        pool = [s for s in self.group_snapshots.values()
                if all_tenants or s.project_id == caller.project_id]
        return _page(pool, filters, _SNAPSHOT_FILTERS, limit, marker, offset, sort,
                     group_snapshot_not_found, lambda s: False)


def _as_bad_request(exc: QuotaError) -> BadRequest:
    """A quota error as `create_from_src` answers it: its message, as a 400."""
    return BadRequest((exc.message or "").removeprefix(f"{exc.kind}: "))


def _page(pool: list[Any], filters: Mapping[str, str], columns: Sequence[str], limit: int,
          marker: str | None, offset: int, sort: Sequence[tuple[str, str]],
          missing: Callable[[str], NotFound], hidden: Callable[[Any], bool]) -> list[Any]:
    """Filter (exact matches on columns; an unknown column matches nothing), sort, then
    page from the marker as `sqlalchemy_utils.paginate_query` does."""
    keys, dirs = complete_sort(sort)
    getters = {**GROUP_SORT_KEYS, "group_id": lambda s: s.group_id,
               "group_type_id": lambda s: s.group_type_id,
               "availability_zone": lambda s: getattr(s, "availability_zone", None)}
    for key in keys:
        if key not in getters:
            raise invalid_input("Invalid sort key")
    by_id = {item.id: item for item in pool}
    mark = by_id.get(marker) if marker is not None else None
    if marker is not None and mark is None:
        raise missing(marker)
    if any(k not in columns for k in filters):
        return []
    from stackdouble.fakes.sorting import sort_key_for

    sort_key = sort_key_for([getters[k] for k in keys], dirs)
    ordered = sorted(pool, key=sort_key)
    if mark is not None:
        ordered = ordered[ordered.index(mark) + 1:]
    kept = [item for item in ordered if not hidden(item)
            and all(str(getattr(item, k)) == v for k, v in filters.items())]
    return kept[offset:offset + limit]
