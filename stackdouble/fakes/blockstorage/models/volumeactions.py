"""The volume actions beyond create, extend and attach: retype, the readonly flag,
connections, force detach, migration and its completion, extend completion, unmanage and
revert to a snapshot (`cinder/api/contrib/volume_actions.py`, `admin_actions.py`,
`volume_unmanage.py`, `cinder/api/v3/volumes.py` `revert`, and `cinder/volume/api.py`
`retype`, `update_readonly_flag`, `initialize_connection`, `terminate_connection`,
`attachment_deletion_allowed`, `migrate_volume`, `migrate_volume_completion`,
`extend_volume_completion`, `delete(unmanage_only=True)`, `revert_to_snapshot`), for the
actions of `client/openstack/blockstorage/v3/volumes`.

The fake runs one backend (DevStack's LVM, `HOST`), as realcloud runs one:

* a retype is always a same-backend retype the driver does in place: `retyping`, then the
  former status. The fake gives the volume (and its snapshots) the new type, and moves the
  per-type quota usage (`volumes_<type>`, `gigabytes_<type>`, `snapshots_<type>`, the
  snapshots' gigabytes included), when the retype is asked; Cinder reserves the usage then
  but shows the new type only once its volume manager is done, so while `retyping` the
  fake shows the new type where Cinder shows the old one (which keeps type and usage in
  step whatever happens meanwhile: an `os-attach`, a reset, another retype);
* a migration can only name the volume's own backend under another name (the host without
  its pool); Cinder 29 accepts it, then fails it (LVM refuses a migration into the same
  volume group; realcloud's copy fails): `migration_status` `starting`, then `error`;
* `os-extend_volume_completion` is for an extend that waits for Nova's event, which the
  fake's extends never do: a volume that is not `extending` is "not being extended", one
  that is has no `extend_new_size` admin metadata.

The readonly flag and the attach mode are the volume's admin metadata (`readonly`,
`attached_mode`), which Cinder shows inside `metadata`.

Where the fake differs: Cinder answers a revert whose snapshot is not `available` with a
409 but leaves the volume `reverting` for good; the fake leaves it as it was (no state
change without a 2xx). A string connector makes Cinder fail with a 500; the fake answers
webob's plain 400 (as for other requests Cinder fails on before validation).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from stackdouble.fakes.blockstorage.errors import (
    BadRequest,
    CinderError,
    NotFound,
    QuotaError,
    invalid_input,
    invalid_snapshot,
    invalid_volume,
    volume_type_not_found,
)
from stackdouble.fakes.blockstorage.models._common import _ModelBase
from stackdouble.fakes.osloutils import is_uuid_like

if TYPE_CHECKING:
    from stackdouble.fakes.blockstorage.models.attachments import Attachment
    from stackdouble.fakes.blockstorage.models.qos import QosSpecs
    from stackdouble.fakes.blockstorage.models.services import Service
    from stackdouble.fakes.blockstorage.models.snapshots import Snapshot
    from stackdouble.fakes.blockstorage.models.volumes import Volume
    from stackdouble.fakes.blockstorage.models.volumetypes import VolumeType
    from stackdouble.fakes.caller import Caller

__all__ = ["AVAILABLE_MIGRATION_STATUS", "MIGRATION_STATUSES", "VolumeActionsMixin"]

#: `volume.api.API.AVAILABLE_MIGRATION_STATUS`: a volume in one may be deleted, retyped,
#: migrated or unmanaged.
AVAILABLE_MIGRATION_STATUS = (None, "deleting", "error", "success")
#: `VolumeMigrationStatus.ALL`, in Cinder's order (what `os-reset_status` accepts).
MIGRATION_STATUSES = ("migrating", "error", "success", "completing", "none", "starting")
_DELETABLE = ("available", "error", "error_restoring", "error_extending", "error_managing")
_RETYPE_REFUSED = (
    "Retype needs volume to be in available or in-use state, not be part of an active "
    "migration or a consistency group, requested type has to be different that the one "
    "from the volume, and for in-use volumes front-end qos specs cannot change.")
_MIGRATE_REFUSED = (
    "Volume {id} status must be available or in-use, must not be migrating, have snapshots, "
    "be replicated, be part of a group and destination host/cluster must be different than "
    "the current one")
#: The iSCSI target DevStack's LVM driver exports every volume on (no CHAP secrets).
_TARGET_PORTAL = "127.0.0.1:3260"


class VolumeActionsMixin(_ModelBase):
    """Retype, readonly, connections, force detach, migration, unmanage and revert for
    `BlockStorageModel`."""

    if TYPE_CHECKING:
        qos_specs: dict[str, QosSpecs]

        def _type_by_name(self, name: str) -> VolumeType | None: ...
        def _service_rows(self) -> list[Service]: ...
        def detach(self, caller: Caller, volume_id: str,
                   attachment_id: str | None) -> None: ...
        def attach(self, caller: Caller, volume_id: str, *, instance_uuid: str | None,
                   host_name: str | None, mountpoint: str,
                   mode: str = "rw") -> Attachment: ...

    # -- retype ----------------------------------------------------------------------------

    def retype(self, caller: Caller, volume_id: str, new_type: str,
               migration_policy: str | None = None) -> None:
        """`os-retype`: `retyping`, then the former status with the new type (the one
        backend retypes in place, whatever `migration_policy`).

        Raises:
            NotFound: The volume; "Volume type with name <n> could not be found.", "Volume
                type <id> could not be found." (an unknown id, or a private type the
                caller's project may not use).
            BadRequest: "Invalid input received: Invalid volume_type passed, retypes
                affecting multiattach are only allowed on available volumes, ...", or
                Cinder's refusal (`_RETYPE_REFUSED`): not `available` or `in-use`,
                migrating, in a group, the same type, or an `in-use` volume whose
                front-end QoS would change.
            QuotaError: 413 over the new type's `volumes_<type>` or `gigabytes_<type>`.
        """
        volume = self.get_volume(caller, volume_id)
        vtype = self._retype_target(caller, new_type)
        if volume.multiattach != vtype.multiattach and volume.status != "available":
            raise invalid_input("Invalid volume_type passed, retypes affecting multiattach "
                                "are only allowed on available volumes, the specified volume "
                                f"however currently has a status of: {volume.status}.")
        snaps = [self.snapshots[s] for s in self._snapshots_of.get(volume.id, ())]
        moved = {"volumes": 1, "gigabytes": volume.size + sum(s.size for s in snaps)}
        if snaps:
            moved["snapshots"] = len(snaps)
        self._check_type_quota(volume, vtype.name, moved)
        if (volume.status not in ("available", "in-use")
                or volume.migration_status not in AVAILABLE_MIGRATION_STATUS
                or volume.group_id is not None or vtype.id == volume.volume_type.id
                or (volume.status == "in-use" and not self._qos_allows(volume.volume_type,
                                                                       vtype))):
            raise invalid_volume(_RETYPE_REFUSED)
        self._use_type_only(volume.project_id, volume.volume_type.name, moved, sign=-1)
        self._use_type_only(volume.project_id, vtype.name, moved, sign=1)
        volume.volume_type = vtype
        for snap in snaps:
            snap.volume_type_name = vtype.name
        volume.previous_status = volume.status
        volume.status = "retyping"
        volume.multiattach = vtype.multiattach
        volume.updated_at = self._now()
        self._schedule(volume, "retype", self.action_time)

    def _retype_target(self, caller: Caller, name_or_id: str) -> VolumeType:
        """`VolumeType.get_by_name_or_id` as an admin (a UUID is an id, anything else a
        name), then the quota's own lookup as the caller (`add_volume_type_opts`)."""
        if is_uuid_like(name_or_id):
            found = self.volume_types.get(name_or_id)
            if found is None:
                raise volume_type_not_found(name_or_id)
        else:
            found = self._type_by_name(name_or_id)
            if found is None:
                raise NotFound(f"Volume type with name {name_or_id} could not be found.")
        if not found.visible_to(caller):
            raise volume_type_not_found(found.id)
        return found

    def _use_type_only(self, project_id: str, vtype: str, moved: Mapping[str, int], *,
                       sign: int) -> None:
        used = self._usage.setdefault(project_id, {})
        for part, count in moved.items():
            key = f"{part}_{vtype}"
            used[key] = used.get(key, 0) + sign * count

    def _check_type_quota(self, volume: Volume, vtype: str, moved: Mapping[str, int]) -> None:
        """`get_volume_type_reservation(reserve_vol_type_only=True)`: only the type's own
        keys, worded by `process_reserve_over_quota`."""
        quotas = self.quota(volume.project_id)
        used = self._usage.get(volume.project_id, {})
        overs = sorted(f"{part}_{vtype}" for part, count in moved.items()
                       if quotas.get(f"{part}_{vtype}", -1) >= 0
                       and quotas[f"{part}_{vtype}"] < count + used.get(f"{part}_{vtype}", 0))
        for over in overs:
            if over.startswith("gigabytes"):
                raise QuotaError(
                    "VolumeSizeExceedsAvailableQuota",
                    f"Requested volume or snapshot exceeds allowed {over} quota. Requested "
                    f"{volume.size}G, quota is {quotas[over]}G and {used.get(over, 0)}G has "
                    "been consumed.")
            if over.startswith("volumes"):
                raise QuotaError("VolumeLimitExceeded",
                                 f"Maximum number of volumes allowed ({quotas[over]}) "
                                 f"exceeded for quota '{over}'.")
        if overs:
            raise QuotaError("UnexpectedOverQuota", f"Unexpected over quota on {', '.join(overs)}.")

    def _qos_allows(self, old: VolumeType, new: VolumeType) -> bool:
        """`db.volume_qos_allows_retype` for an `in-use` volume: the same QoS specs, or
        neither type's specs apply to the front end."""
        if old.qos_specs_id == new.qos_specs_id:
            return True

        def front_end(vtype: VolumeType) -> bool:
            specs = self.qos_specs.get(vtype.qos_specs_id or "")
            return specs is not None and specs.consumer in ("front-end", "both")

        return not front_end(old) and not front_end(new)

    # -- readonly flag and connections ---------------------------------------------------------

    def update_readonly_flag(self, caller: Caller, volume_id: str, readonly: bool) -> None:
        """`os-update_readonly_flag`: the `readonly` admin metadata (`True`/`False`).

        Raises:
            BadRequest: "Invalid volume: Volume <id> status must be available to update
                readonly flag, but current status is: <status>."
        """
        volume = self.get_volume(caller, volume_id)
        if volume.status != "available":
            raise invalid_volume(f"Volume {volume.id} status must be available to update "
                                 "readonly flag, but current status is: "
                                 f"{volume.status}.")
        volume.admin_metadata["readonly"] = str(bool(readonly))

    def initialize_connection(self, caller: Caller, volume_id: str,
                              connector: Mapping[str, Any]) -> dict[str, Any]:
        """`os-initialize_connection`: the LVM driver's iSCSI target for the connector,
        with the connection options (`_parse_connection_options`: front-end QoS specs,
        the access mode from `attached_mode` or `readonly` for an admin, `rw` for others,
        `encrypted`, `cacheable`)
        and the connector's `enforce_multipath`, in `data` and beside it.

        Raises:
            BadRequest: "Invalid volume: The volume connection cannot be initialized in
                maintenance mode."
        """
        volume = self.get_volume(caller, volume_id)
        if volume.status == "maintenance":
            raise invalid_volume("The volume connection cannot be initialized in "
                                 "maintenance mode.")
        # the volume manager reads the admin metadata with the caller's context: only an
        # admin's request sees it, a member's connection is always `rw` (Cinder 29)
        meta = volume.admin_metadata if caller.is_admin else {}
        mode = meta.get("attached_mode") or ("ro" if meta.get("readonly") == "True" else "rw")
        qos = self.qos_specs.get(volume.volume_type.qos_specs_id or "")
        specs = dict(qos.specs) if qos is not None and qos.consumer in ("front-end",
                                                                         "both") else None
        enforce = connector.get("enforce_multipath", False)
        data = {"target_discovered": False, "target_portal": _TARGET_PORTAL,
                "target_iqn": f"iqn.2010-10.org.openstack:volume-{volume.id}",
                "target_lun": 0, "volume_id": volume.id, "qos_specs": specs,
                "access_mode": mode, "encrypted": False,
                "cacheable": volume.volume_type.extra_specs.get("cacheable") == "<is> True",
                "enforce_multipath": enforce}
        return {"driver_volume_type": "iscsi", "data": data, "enforce_multipath": enforce}

    def terminate_connection(self, caller: Caller, volume_id: str) -> None:
        """`os-terminate_connection`: Cinder's check that Nova does not hold the
        attachment, then `unreserve` (`attaching` → `in-use` or `available`).

        Raises:
            CinderError: 409 "ConflictNovaUsingAttachment: Detach volume from instance
                <id> using the Compute API" (`_deletion_allowed`).
        """
        volume = self.get_volume(caller, volume_id)
        self._deletion_allowed(volume, None)
        if volume.status == "attaching":
            volume.status = "in-use" if volume.attachments else "available"
            volume.updated_at = self._now()

    def _deletion_allowed(self, volume: Volume, attachment_id: str | None) -> None:
        """`attachment_deletion_allowed` for a caller without the service role: an
        attachment Nova made and connected is Nova's to remove, and so is one Cinder
        cannot pick (several and none named, or an unknown id)."""
        attachment: Attachment | None = None
        if attachment_id is None:
            if not volume.attachments:
                return
            if len(volume.attachments) == 1:
                attachment = volume.attachments[0]
        else:
            attachment = self.attachments.get(attachment_id)
        if attachment is not None:
            if attachment.volume_id != volume.id:
                raise invalid_input("Mismatched volume and attachment")
            if not (attachment.by_nova and attachment.attach_status != "reserved"):
                return
        server = attachment.server_id if attachment is not None else ""
        raise CinderError(f"ConflictNovaUsingAttachment: Detach volume from instance "
                          f"{server} using the Compute API", status=409)

    # -- admin actions -------------------------------------------------------------------------

    def force_detach(self, caller: Caller, volume_id: str,
                     attachment_id: str | None = None) -> None:
        """`os-force_detach` (admins): `terminate_connection`, then the volume manager's
        `detach_volume`: the named attachment (or the only one) goes; a volume with none
        is made `available` whatever its status.

        Raises:
            CinderError: 409 as `terminate_connection` (so always for a volume with
                several attachments), and for an attachment id Cinder does not know.
            BadRequest: "Invalid input received: Mismatched volume and attachment",
                "Invalid volume: The volume cannot be detached in maintenance mode."
        """
        volume = self.get_volume(caller, volume_id)
        self._deletion_allowed(volume, None)
        self._deletion_allowed(volume, attachment_id)
        if volume.status == "maintenance":
            raise invalid_volume("The volume cannot be detached in maintenance mode.")
        now = self._now()
        if volume.status == "attaching":  # terminate_connection's unreserve
            volume.status = "in-use" if volume.attachments else "available"
        found = (self.attachments[attachment_id] if attachment_id is not None
                 else volume.attachments[0] if volume.attachments else None)
        if found is not None:
            self._drop_attachment(found)
            volume.admin_metadata.pop("attached_mode", None)
        volume.status = "in-use" if volume.attachments else "available"
        volume.updated_at = now

    def migrate_volume(self, caller: Caller, volume_id: str, *, host: str | None,
                       cluster: str | None = None, lock_volume: bool = False) -> None:
        """`os-migrate_volume` (admins): to another host of an up, enabled volume
        service. The fake's one backend can only be named without its pool; the
        migration starts (`starting`; `maintenance` with `lock_volume`), then fails
        (`migration_status` `error`, the status as it was).

        Raises:
            BadRequest: "Invalid host: No available service named '<host>'" (any cluster
                too: the fake has none), or `_MIGRATE_REFUSED`: not `available` or
                `in-use`, migrating, in a group, with snapshots, or to the volume's own
                host.
        """
        volume = self.get_volume(caller, volume_id)
        wanted = cluster if cluster else host or ""
        backend = wanted.split("#", 1)[0]
        if cluster or not any(s.binary == "cinder-volume" and s.host == backend
                              and not s.disabled for s in self._service_rows()):
            raise BadRequest(f"Invalid host: No available service named '{wanted}'")
        if (volume.status not in ("available", "in-use")
                or volume.migration_status not in AVAILABLE_MIGRATION_STATUS
                or volume.group_id is not None or volume.host == host
                or self._snapshots_of.get(volume.id)):
            raise invalid_volume(_MIGRATE_REFUSED.format(id=volume.id))
        volume.previous_status = volume.status
        volume.migration_status = "starting"
        if lock_volume and volume.status == "available":
            volume.status = "maintenance"
        volume.updated_at = self._now()
        self._schedule(volume, "migrate", self.action_time)

    def migrate_volume_completion(self, caller: Caller, volume_id: str, new_volume_id: str,
                                  *, error: bool = False) -> str:
        """`os-migrate_volume_completion` (admins): the id of the volume to keep. With
        neither volume migrating (and no error) the source's attachments move to the
        new volume.

        Raises:
            NotFound: Either volume.
            BadRequest: "Invalid volume: Source volume not mid-migration.", "...
                Destination volume not mid-migration.", "... Destination has
                migration_status <s>, expected target:<id>."
        """
        volume = self.get_volume(caller, volume_id)
        new = self.get_volume(caller, new_volume_id)
        if not (volume.migration_status or new.migration_status):
            if not error:
                for attachment in list(volume.attachments):
                    self._deletion_allowed(volume, attachment.id)
                    self.detach(caller, volume.id, attachment.id)
                    volume.admin_metadata.pop("attached_mode", None)
                    self.attach(caller, new.id, instance_uuid=attachment.server_id,
                                host_name=attachment.host_name,
                                mountpoint=attachment.device or "", mode="rw")
                    new.admin_metadata.setdefault("readonly", "False")
                    new.admin_metadata["attached_mode"] = "rw"
            return new.id
        if not volume.migration_status:
            raise invalid_volume("Source volume not mid-migration.")
        if not new.migration_status:
            raise invalid_volume("Destination volume not mid-migration.")
        raise invalid_volume(f"Destination has migration_status {new.migration_status}, "
                             f"expected target:{volume.id}.")

    def extend_volume_completion(self, caller: Caller, volume_id: str) -> None:
        """`os-extend_volume_completion` (admins): the fake's extends never wait for it.

        Raises:
            BadRequest: "Invalid volume: Volume is not being extended." or (an
                `extending` volume) "Invalid volume: Required volume admin metadata is
                malformed or missing."
        """
        volume = self.get_volume(caller, volume_id)
        if volume.status != "extending":
            raise invalid_volume("Volume is not being extended.")
        raise invalid_volume("Required volume admin metadata is malformed or missing.")

    def set_migration_status(self, caller: Caller, volume_id: str, status: str) -> None:
        """`os-reset_status`'s `migration_status` (admins): `none` clears it.

        Raises:
            BadRequest: "Volume migration status: <s> is invalid, valid statuses are:
                (...)." (`InvalidParameterValue`, no prefix)
        """
        volume = self.get_volume(caller, volume_id)
        value = status.lower()
        if value not in MIGRATION_STATUSES:
            raise BadRequest(f"Volume migration status: {status} is invalid, valid statuses "
                             f"are: {MIGRATION_STATUSES}.")
        volume.migration_status = None if value == "none" else value
        volume.updated_at = self._now()

    def unmanage(self, caller: Caller, volume_id: str) -> None:
        """`os-unmanage` (admins): the volume leaves Cinder (`unmanaging`, then gone after
        the delete time, its quota released) and its data stays on the backend. A volume
        never scheduled goes at once.

        Raises:
            BadRequest: As `delete_volume` without force ("Invalid volume: Volume status
                must be available or error or ... and must not be migrating, attached,
                belong to a group, have snapshots, awaiting a transfer, or be disassociated
                from snapshots after volume transfer.").
        """
        volume = self.get_volume(caller, volume_id)
        if not volume.host:
            self._destroy_volume(volume)
            return
        if (volume.status not in _DELETABLE or volume.attach_status == "attached"
                or volume.attachments or self._snapshots_of.get(volume.id)
                or volume.group_id is not None
                or volume.migration_status not in AVAILABLE_MIGRATION_STATUS):
            raise invalid_volume("Volume status must be " + " or ".join(_DELETABLE)
                                 + " and must not be migrating, attached, belong to a group, "
                                 "have snapshots, awaiting a transfer, or be disassociated "
                                 "from snapshots after volume transfer.")
        volume.status = "unmanaging"
        volume.updated_at = self._now()
        self._schedule(volume, "delete", self._delete_seconds())

    # -- revert to a snapshot (3.40) -----------------------------------------------------------

    def latest_snapshot(self, volume: Volume) -> Snapshot | None:
        """`Volume.get_latest_snapshot`: the newest of its snapshots, any status."""
        snaps = [self.snapshots[s] for s in self._snapshots_of.get(volume.id, ())]
        return max(snaps, key=lambda s: s.key) if snaps else None

    def revert_to_snapshot(self, caller: Caller, volume_id: str,
                           snapshot_id: str | None) -> None:
        """`revert` (3.40): the volume `reverting` and its latest snapshot `restoring`,
        both `available` again after `action_time`.

        Raises:
            NotFound: The volume.
            BadRequest: "Volume <id> doesn't have any snapshots.", "Specified snapshot <s>
                is None or not the latest one of volume <v>.", "Can't revert volume <v> to
                its latest snapshot <s>. The volume size must be equal to the snapshot
                size."
            CinderError: 409 "Invalid volume: Can't revert volume <v> to its latest
                snapshot <s>. Volume's status must be 'available'." (or "Invalid snapshot:
                ... Snapshot's status must be 'available'.").
        """
        volume = self.get_volume(caller, volume_id)
        latest = self.latest_snapshot(volume)
        if latest is None:
            raise BadRequest(f"Volume {volume.id} doesn't have any snapshots.")
        if snapshot_id is None or snapshot_id != latest.id:
            raise BadRequest(f"Specified snapshot {snapshot_id} is None or not the latest one "
                             f"of volume {volume.id}.")
        prefix = f"Can't revert volume {volume.id} to its latest snapshot {snapshot_id}."
        if volume.size != latest.size:
            raise BadRequest(f"{prefix} The volume size must be equal to the snapshot size.")
        if volume.status != "available":
            raise CinderError(invalid_volume(f"{prefix} Volume's status must be "
                                             "'available'.").message, status=409)
        if latest.status != "available":
            raise CinderError(invalid_snapshot(f"{prefix} Snapshot's status must be "
                                               "'available'.").message, status=409)
        now = self._now()
        volume.status = "reverting"
        volume.updated_at = now
        latest.status = "restoring"
        latest.updated_at = now
        self._seq += 1
        latest.event = self._seq  # its pending work no longer applies
        self._schedule(volume, "revert", self.action_time, snapshot_id=latest.id)

    # -- background completion -----------------------------------------------------------------

    def _complete_volume_action(self, kind: str, volume: Volume, when: datetime,
                                args: Mapping[str, Any]) -> None:
        """What the volume manager does later for `retype`, `migrate` and `revert`."""
        if kind == "retype":
            if volume.status == "retyping":  # not if attached meanwhile
                volume.status = volume.previous_status or "available"
        elif kind == "migrate":
            volume.migration_status = "error"
            if volume.status == "maintenance":
                volume.status = volume.previous_status or "available"
        elif kind == "revert":
            volume.status = "available"
            snap = self.snapshots.get(str(args["snapshot_id"]))
            if snap is not None and snap.status == "restoring":
                snap.status = "available"
                snap.updated_at = when
