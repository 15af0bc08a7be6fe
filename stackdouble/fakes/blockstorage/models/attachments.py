"""Attachments: Cinder's attach actions (`os-reserve`, `os-attach`, `os-detach`...,
`cinder/api/contrib/volume_actions.py`), the attachments API of 3.27+
(`cinder/api/v3/attachments.py`, `volume.api.API.attachment_*`, the volume manager's
`attachment_update`), and Nova's side of them (`os-volume_attachments`,
`nova/compute/api.py` `attach_volume`/`detach_volume`), kept on the one `Attachment`
record so the volume's `attachments`, `GET /attachments` and the server's
`volumes_attached` never disagree.

The attachments API's states, as Cinder's: a create without a connector reserves (the
attachment and the volume `reserved`); a connector (at create or by update) connects (both
`attaching`, with `connection_info`); `os-complete` (3.44) makes the attachment `attached`
and the volume `in-use`; a delete drops the attachment and leaves the volume `in-use` when
others remain, else `available`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from stackdouble.fakes.blockstorage.errors import (
    BadRequest,
    CinderError,
    NotFound,
    invalid_input,
    invalid_volume,
)
from stackdouble.fakes.blockstorage.models._common import HOST, _ModelBase, _sorter
from stackdouble.fakes.links import LinkConflict, LinkNotFound, LinkRefused
from stackdouble.fakes.sorting import complete_sort, take
from stackdouble.fakes.timestamps import epoch_micros

if TYPE_CHECKING:
    from stackdouble.fakes.blockstorage.models.volumes import Volume
    from stackdouble.fakes.caller import Caller

__all__ = ["ATTACHMENT_SORT_KEYS", "Attachment", "AttachmentFilters", "AttachmentsMixin"]

#: Nova's device-name pattern (`block_device.get_device_letter`): prefix, letters, digits.
_DEVICE = re.compile(r"(^/dev/x{0,1}[a-z]{0,1}d{0,1})([a-z]+)[0-9]*$")


@dataclass(slots=True)
class Attachment:
    """One attachment of a volume: Cinder's `volume_attachment` row and, when Nova made
    it, Nova's block device mapping too.

    Attributes:
        attach_status: `reserved`, `attaching`, `attached` or `detaching`
            (`VolumeAttachStatus`).
        device: The mountpoint (`/dev/vdb`), Nova's `device_name`.
        mode: The attach mode: `rw`, `ro`, or `null` until a connector says.
        by_nova: Made through Nova's `os-volume_attachments` (so the server lists it).
        connector: The connector an attachments API caller gave (None before).
        connection_info: What the volume driver answered for the connector.
        created_us: When it was made, in microseconds (the listing's order).
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
    connector: dict[str, Any] | None = None
    connection_info: dict[str, Any] = field(default_factory=dict)
    detached_at: datetime | None = None
    created_us: int = 0
    boot_index: int | None = None

    @property
    def key(self) -> tuple[int, str]:
        """The sort key of Cinder's default order: `(created_at, id)`."""
        return (self.created_us, self.id)


@dataclass(slots=True)
class AttachmentFilters:
    """The filters of `GET /attachments`: `volume_id`, `instance_id`, and `status` or
    `attach_status` (both the attachment's status)."""

    volume_id: str | None = None
    instance_id: str | None = None
    attach_status: str | None = None

    def matches(self, a: Attachment) -> bool:
        """Whether an attachment passes every filter."""
        return ((self.volume_id is None or a.volume_id == self.volume_id)
                and (self.instance_id is None or a.server_id == self.instance_id)
                and (self.attach_status is None or a.attach_status == self.attach_status))


#: Attachment attributes Cinder can sort by.
ATTACHMENT_SORT_KEYS: Mapping[str, Callable[[Attachment], Any]] = {
    "id": lambda a: a.id,
    "created_at": lambda a: a.created_us,
    "volume_id": lambda a: a.volume_id,
    "instance_uuid": lambda a: a.server_id or "",
    "attach_status": lambda a: a.attach_status,
    "attach_mode": lambda a: a.mode,
    "attached_host": lambda a: a.host_name or "",
    "mountpoint": lambda a: a.device or "",
}


class AttachmentsMixin(_ModelBase):
    """The attachments of `BlockStorageModel` (`attachments`, `_by_server`)."""

    def _finish_attachment(self, kind: str, attachment: Attachment, when: datetime) -> None:
        volume = self.volumes.get(attachment.volume_id)
        if kind == "attach":
            if attachment.attach_status == "reserved" and attachment.by_nova:
                self._boot_attached(attachment, volume, when)
                return
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
                                mode=mode, created_us=epoch_micros(now))
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

    # -- the attachments API (3.27+, `cinder/api/v3/attachments.py`) ---------------------------

    def get_attachment(self, caller: Caller, attachment_id: str) -> Attachment:
        """An attachment of a volume the caller may see.

        Raises:
            NotFound: "Volume attachment could not be found with filter: attachment_id =
                <id>."
        """
        self.advance()
        attachment = self.attachments.get(attachment_id)
        volume = self.volumes.get(attachment.volume_id) if attachment is not None else None
        if attachment is None or volume is None or (
                volume.project_id != caller.project_id and not caller.is_admin):
            raise NotFound("Volume attachment could not be found with filter: "
                           f"attachment_id = {attachment_id}.")
        return attachment

    def create_attachment(self, caller: Caller, volume_id: str, *,
                          instance_uuid: str | None = None,
                          connector: Mapping[str, Any] | None = None,
                          mode: str = "null") -> Attachment:
        """`POST /attachments` (`attachment_create`): reserve the volume, and connect it
        when a connector is given.

        Raises:
            NotFound: "Volume <id> could not be found."
            BadRequest: "Invalid volume: Volume attachments can not be created if the volume
                is in an error state. ..." or "Invalid volume: Volume <id> status must be
                available or downloading to reserve, but the current status is <s>."
        """
        volume = self.get_volume(caller, volume_id)
        if "error" in volume.status:
            raise invalid_volume("Volume attachments can not be created if the volume is in "
                                 f"an error state. The Volume {volume.id} currently has a "
                                 f"status of: {volume.status} ")
        allowed = (("available", "in-use", "downloading") if volume.multiattach
                   else ("available", "downloading"))
        if volume.status in allowed:
            volume.previous_status = volume.status
            volume.status = "reserved"
        elif not (instance_uuid and volume.status in ("in-use", "reserved") and any(
                a.server_id == instance_uuid for a in volume.attachments)):
            raise invalid_volume(f"Volume {volume.id} status must be {' or '.join(allowed)} "
                                 f"to reserve, but the current status is {volume.status}.")
        now = self._now()
        attachment = Attachment(id=self.cloud.ids.uuid(), volume_id=volume.id,
                                server_id=instance_uuid, host_name=None, device=None,
                                attach_status="reserved", mode=mode, created_us=epoch_micros(now))
        self.attachments[attachment.id] = attachment
        volume.attachments.append(attachment)
        volume.updated_at = now
        if connector:
            self.connect_attachment(attachment, connector)
        return attachment

    def connect_attachment(self, attachment: Attachment, connector: Mapping[str, Any]) -> None:
        """Connect an attachment just made (a create's connector: no further checks).

        Cinder's API sets the mode asked for only after the volume manager connected, so
        the connection is made in the connector's mode (`rw` by default) and the
        attachment then shows the mode asked for (real Cinder 29).
        """
        asked = attachment.mode
        attachment.mode = "null"
        self._connect(self.volumes[attachment.volume_id], attachment, connector)
        if asked != "null":
            attachment.mode = asked

    def update_attachment(self, caller: Caller, attachment_id: str,
                          connector: Mapping[str, Any]) -> Attachment:
        """`PUT /attachments/{id}` (`attachment_update`): connect with the connector.

        Raises:
            NotFound: The attachment.
            CinderError: 409 "Resource conflict: Volume attachments can not be updated if
                the volume is in an error state. ..." or "... duplicate connectors detected
                on volume <id>" (another attachment of a single-attach volume is
                connected).
        """
        attachment = self.get_attachment(caller, attachment_id)
        volume = self.volumes[attachment.volume_id]
        if "error" in volume.status:
            raise CinderError("Resource conflict: Volume attachments can not be updated if the "
                              f"volume is in an error state. The Volume {volume.id} currently "
                              f"has a status of: {volume.status} ", status=409)
        if len(volume.attachments) > 1 and not volume.multiattach and any(
                a.connection_info for a in volume.attachments if a is not attachment):
            raise CinderError("Resource conflict: duplicate connectors detected on volume "
                              f"{volume.id}", status=409)
        self._connect(volume, attachment, connector)
        return attachment

    def _connect(self, volume: Volume, attachment: Attachment,
                 connector: Mapping[str, Any]) -> None:
        """The volume manager's `attachment_update`: the driver's connection info, then
        `volume_attached(mark_attached=False)`."""
        mode = attachment.mode if attachment.mode != "null" else str(connector.get("mode")
                                                                      or "rw")
        now = self._now()
        attachment.connector = dict(connector)
        attachment.connection_info = _connection_info(volume, attachment, mode)
        attachment.host_name = connector.get("host") or ""
        attachment.device = connector.get("mountpoint") or "na"
        attachment.mode = mode
        attachment.attach_status = "attaching"
        attachment.attached_at = now
        volume.status = "attaching"
        volume.updated_at = now

    def complete_attachment(self, caller: Caller, attachment_id: str) -> None:
        """`os-complete` (3.44): the attachment `attached`, the volume `in-use`."""
        attachment = self.get_attachment(caller, attachment_id)
        volume = self.volumes[attachment.volume_id]
        attachment.attach_status = "attached"
        if attachment.attached_at is None:
            attachment.attached_at = self._now()
        volume.status = "in-use"
        volume.updated_at = self._now()

    def delete_attachment(self, caller: Caller, attachment_id: str) -> list[Attachment]:
        """`DELETE /attachments/{id}` (`attachment_delete`, `finish_detach`): the volume's
        remaining attachments.

        Raises:
            NotFound: The attachment.
            CinderError: 409 "Detach volume from instance <id> using the Compute API"
                (the attachment is Nova's: `attachment_deletion_allowed`).
        """
        attachment = self.get_attachment(caller, attachment_id)
        if attachment.by_nova:
            raise CinderError(f"Detach volume from instance {attachment.server_id} using the "
                              "Compute API", status=409)
        volume = self.volumes[attachment.volume_id]
        self._drop_attachment(attachment)
        volume.status = "in-use" if volume.attachments else "available"
        volume.updated_at = self._now()
        return list(volume.attachments)

    def list_attachments(self, caller: Caller, filters: AttachmentFilters, *, limit: int,
                         marker: str | None = None, offset: int = 0,
                         sort: Sequence[tuple[str, str]] = (("created_at", "desc"),),
                         all_tenants: bool = False) -> list[Attachment]:
        """One page of the attachments of the caller's volumes (every project's with
        `all_tenants`, admins), in Cinder's order.

        Raises:
            NotFound: The marker is not an attachment the caller may see.
            BadRequest: "Invalid input received: Invalid sort key".
        """
        self.advance()
        keys, dirs = complete_sort(sort)
        for key in keys:
            if key not in ATTACHMENT_SORT_KEYS:
                raise invalid_input("Invalid sort key")
        mark = self.get_attachment(caller, marker) if marker is not None else None
        if limit == 0:
            return []

        def visible(a: Attachment) -> bool:
            volume = self.volumes.get(a.volume_id)
            return volume is not None and (all_tenants or volume.project_id == caller.project_id)

        sort_key = _sorter(ATTACHMENT_SORT_KEYS, keys, dirs)
        ordered = sorted((a for a in self.attachments.values() if visible(a)), key=sort_key)
        if mark is not None:
            mark_key = sort_key(mark)
            ordered = [a for a in ordered if sort_key(a) > mark_key]
        return take(iter(ordered), filters.matches, offset, limit)

    # -- Nova's side of attachments, asked through the cloud's links (`blockstorage/links.py`)

    def server_attachments(self, server_id: str) -> list[Attachment]:
        """Nova's block device mappings of a server's volumes, in attach order."""
        self.advance()
        return list(self._by_server.get(server_id, ()))

    def next_device(self, server_id: str, device: str | None) -> str:
        """`compute_utils.get_next_device_name` for a `/dev/vda` root disk.

        Raises:
            LinkConflict: "The supplied device path (<device>) is in use." (Nova's 409).
        """
        used = {"a"}
        for attachment in self._by_server.get(server_id, ()):
            if attachment.device:
                used.add(_device_letter(attachment.device))
        if device:
            letter = _device_letter(device)
            if letter in used:
                raise LinkConflict(f"The supplied device path ({device}) is in use.")
            return "/dev/vd" + letter
        index = 0
        while True:
            letter = _letters(index)
            if letter not in used:
                return "/dev/vd" + letter
            index += 1

    def _visible_volume(self, caller: Caller, volume_id: str) -> Volume:
        volume = self.volumes.get(volume_id)
        if volume is None or (volume.project_id != caller.project_id and not caller.is_admin):
            raise LinkNotFound(f"Volume {volume_id} could not be found.")
        return volume

    def nova_attach(self, caller: Caller, server_id: str, host: str | None, volume_id: str, *,
                    device: str | None, tag: str | None, delete_on_termination: bool,
                    supports_multiattach: bool) -> Attachment:
        """Nova's `attach_volume` with Cinder's `attachment_create`, after Nova's own
        checks of the server: the volume goes `attaching`, then `in-use` after
        `action_time`; the server lists it at once.

        Raises:
            LinkNotFound: "Volume <id> could not be found."
            LinkRefused: already attached, or Cinder refused the reservation ("Invalid
                input received: Invalid volume: Volume <id> status must be available or
                downloading to reserve, but the current status is <s>. (HTTP 400)
                (Request-ID: req-...)").
            LinkConflict: the device is in use.
        """
        self.advance()
        volume = self._visible_volume(caller, volume_id)
        nova_bdms = [a for a in volume.attachments if a.by_nova]
        if nova_bdms and not volume.multiattach:
            servers = " ".join(str(a.server_id) for a in nova_bdms)
            raise LinkRefused(f"Invalid volume: volume {volume.id} is already attached to "
                              f"instances: {servers}")
        if any(a.server_id == server_id for a in nova_bdms):
            raise LinkRefused(f"Invalid volume: volume {volume.id} already attached")
        name = self.next_device(server_id, device)
        if volume.multiattach and not supports_multiattach:
            raise LinkRefused("Multiattach volumes are only supported starting with compute "
                              "API version 2.60.")
        request_id = self.cloud.ids.request_id()
        if "error" in volume.status:
            raise LinkRefused(
                "Invalid input received: Invalid volume: Volume attachments can not be "
                "created if the volume is in an error state. The Volume "
                f"{volume.id} currently has a status of: {volume.status}  (HTTP 400) "
                f"(Request-ID: {request_id})")
        allowed = (("available", "in-use", "downloading") if volume.multiattach
                   else ("available", "downloading"))
        if volume.status not in allowed:
            raise LinkRefused(
                f"Invalid input received: Invalid volume: Volume {volume.id} status must be "
                f"{' or '.join(allowed)} to reserve, but the current status is "
                f"{volume.status}. (HTTP 400) (Request-ID: {request_id})")
        attachment = Attachment(id=self.cloud.ids.uuid(), volume_id=volume.id,
                                server_id=server_id, host_name=host, device=name,
                                attach_status="attaching", by_nova=True, tag=tag,
                                delete_on_termination=delete_on_termination,
                                bdm_uuid=self.cloud.ids.uuid(),
                                created_us=epoch_micros(self._now()))
        self.attachments[attachment.id] = attachment
        volume.attachments.append(attachment)
        self._by_server.setdefault(server_id, []).append(attachment)
        volume.status = "attaching"
        volume.updated_at = self._now()
        self._schedule(attachment, "attach", self.action_time)
        return attachment

    def nova_attachment(self, caller: Caller, server_id: str, volume_id: str) -> Attachment:
        """The BDM of `volume_id` on a server, looked up as Nova's detach does.

        Raises:
            LinkNotFound: "Volume <id> could not be found." or "Instance <s> is not
                attached to volume <v>".
        """
        self.advance()
        self._visible_volume(caller, volume_id)
        attachment = next((a for a in self._by_server.get(server_id, ())
                           if a.volume_id == volume_id), None)
        if attachment is None:
            raise LinkNotFound(f"Instance {server_id} is not attached to volume {volume_id}")
        return attachment

    def nova_detach(self, caller: Caller, server_id: str, volume_id: str) -> None:
        """Nova's `detach_volume`: Cinder's `begin_detaching`, then the attachment goes
        after `action_time` (the server lists the volume until then).

        Raises:
            LinkNotFound: the volume, or "Instance <s> is not attached to volume <v>".
            LinkRefused: Cinder refused `begin_detaching`.
        """
        attachment = self.nova_attachment(caller, server_id, volume_id)
        volume = self.volumes[volume_id]
        if volume.status != "in-use" or volume.attach_status != "attached" \
                or attachment.attach_status != "attached":
            raise LinkRefused(
                "Invalid volume: Invalid input received: Invalid volume: Unable to detach "
                "volume. Volume status must be 'in-use' and attach_status must be 'attached' "
                f"to detach. (HTTP 400) (Request-ID: {self.cloud.ids.request_id()})")
        volume.status = "detaching"
        volume.updated_at = self._now()
        attachment.attach_status = "detaching"
        self._schedule(attachment, "detach", self.action_time)

    def server_deleted(self, server_id: str) -> None:
        """Nova deleted a server: its volumes are detached at once, and the ones with
        `delete_on_termination` deleted (unless Cinder refuses: snapshots)."""
        self.advance()
        for attachment in list(self._by_server.get(server_id, ())):
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


    # -- Nova's boot from volume (`_validate_bdm`, the compute host's `_prep_block_device`) --

    def nova_reserve(self, caller: Caller, server_id: str, host: str | None, volume_id: str, *,
                     device: str | None, boot_index: int | None, tag: str | None,
                     delete_on_termination: bool, supports_multiattach: bool,
                     attach_at: float | None) -> Attachment:
        """Nova's API reserving a volume for a new server (`check_attach_and_reserve_volume`:
        `attachment_create` without a connector, so the volume is `reserved`); the compute
        host attaches it at fake time `attach_at` (None: never, a build that failed).

        Raises:
            LinkNotFound: "Volume <id> could not be found."
            LinkRefused: "Multiattach volumes are only supported starting with compute API
                version 2.60." or Cinder's refusal as Nova words it ("Invalid volume:
                Invalid input received: Invalid volume: Volume <id> status must be
                available or downloading to reserve, but the current status is <s>. (HTTP
                400) (Request-ID: req-...)").
        """
        self.nova_check_reserve(caller, volume_id, supports_multiattach=supports_multiattach)
        try:
            attachment = self.create_attachment(caller, volume_id, instance_uuid=server_id)
        except CinderError as exc:
            raise LinkRefused(_as_nova(exc.message or "", self.cloud.ids.request_id())
                              ) from None
        attachment.host_name = host
        self._nova_owns(attachment, server_id, device=device, boot_index=boot_index, tag=tag,
                        delete_on_termination=delete_on_termination)
        if attach_at is not None:
            self._schedule(attachment, "attach", max(0.0, attach_at - self.cloud.clock.time()))
        return attachment

    def nova_check_reserve(self, caller: Caller, volume_id: str, *,
                           supports_multiattach: bool) -> None:
        """What `nova_reserve` would refuse, changing nothing (`attachment_create`'s checks
        of the volume's status).

        Raises:
            LinkNotFound, LinkRefused: As `nova_reserve`.
        """
        self.advance()
        volume = self._visible_volume(caller, volume_id)
        if volume.multiattach and not supports_multiattach:
            raise LinkRefused("Multiattach volumes are only supported starting with compute "
                              "API version 2.60.")
        if "error" in volume.status:
            raise LinkRefused(_as_nova(
                "Invalid volume: Volume attachments can not be created if the volume is in "
                f"an error state. The Volume {volume.id} currently has a status of: "
                f"{volume.status} ", self.cloud.ids.request_id()))
        allowed = (("available", "in-use", "downloading") if volume.multiattach
                   else ("available", "downloading"))
        if volume.status not in allowed:
            raise LinkRefused(_as_nova(
                f"Invalid volume: Volume {volume.id} status must be {' or '.join(allowed)} "
                f"to reserve, but the current status is {volume.status}.",
                self.cloud.ids.request_id()))

    def nova_create(self, caller: Caller, server_id: str, host: str | None, *, size: int,
                    image_id: str | None, snapshot_id: str | None, name: str,
                    volume_type: str | None, device: str | None, boot_index: int | None,
                    tag: str | None, delete_on_termination: bool,
                    attach_at: float) -> Attachment:
        """The compute host making a volume for a new server (`DriverVolImageBlockDevice`,
        `...Snapshot...`, `...Blank...`: `volume_api.create`, then `attachment_create`)
        with `create_volume`'s checks; the volume stays `creating` until `attach_at`,
        when it is made and attached at once (`in-use`).

        Raises:
            CinderError: What `create_volume` raises.
        """
        volume = self.create_volume(caller, size=size, name=name, description="",
                                    volume_type=volume_type, snapshot_id=snapshot_id,
                                    image_id=image_id)
        error = self._event_args.pop(volume.event, {}).get("error", False)
        seconds = max(0.0, attach_at - self.cloud.clock.time())
        self._schedule(volume, "create", seconds, error=error)  # supersedes the first
        now = self._now()
        attachment = Attachment(id=self.cloud.ids.uuid(), volume_id=volume.id,
                                server_id=server_id, host_name=None, device=None,
                                attach_status="reserved", mode="null",
                                created_us=epoch_micros(now))
        self.attachments[attachment.id] = attachment
        volume.attachments.append(attachment)
        attachment.host_name = host
        self._nova_owns(attachment, server_id, device=device, boot_index=boot_index, tag=tag,
                        delete_on_termination=delete_on_termination)
        self._schedule(attachment, "attach", seconds)
        return attachment

    def _nova_owns(self, attachment: Attachment, server_id: str, *, device: str | None,
                   boot_index: int | None, tag: str | None,
                   delete_on_termination: bool) -> None:
        """Make an attachment Nova's block device mapping of the server."""
        attachment.by_nova = True
        attachment.device = device
        attachment.boot_index = boot_index
        attachment.tag = tag
        attachment.delete_on_termination = delete_on_termination
        attachment.bdm_uuid = self.cloud.ids.uuid()
        self._by_server.setdefault(server_id, []).append(attachment)

    def _boot_attached(self, attachment: Attachment, volume: Volume | None,
                       when: datetime) -> None:
        """The compute host's `attachment_update` and `attachment_complete` for a volume
        reserved at a boot: `in-use`, attached in `rw` mode. A volume that ended in error
        meanwhile keeps its reservation (Nova's build fails on it)."""
        if volume is None or volume.status not in ("reserved", "available", "creating"):
            return
        attachment.attach_status = "attached"
        attachment.attached_at = when
        attachment.mode = "rw"
        attachment.connection_info = _connection_info(volume, attachment, "rw")
        volume.status = "in-use"
        volume.updated_at = when
        if volume.host is None:
            volume.host = HOST
            volume.service_uuid = self.service_uuid


def _as_nova(message: str, request_id: str) -> str:
    """Cinder's 400 as Nova's create words it: cinderclient's text in `InvalidInput`, in
    `InvalidVolume` (`_validate_bdm`)."""
    return (f"Invalid volume: Invalid input received: {message} (HTTP 400) "
            f"(Request-ID: {request_id})")


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
    match = _DEVICE.match(device)
    return match.group(2) if match else ""


def _connection_info(volume: Volume, attachment: Attachment, mode: str) -> dict[str, Any]:
    """The attachment's `connection_info` as the volume manager's `_connection_create`
    builds it: the driver's `data` (DevStack's LVM/iSCSI target, no CHAP secrets) with the
    connection options, flattened with `driver_volume_type`, then the attachment's id and
    `enforce_multipath`."""
    return {"target_discovered": False, "target_portal": "127.0.0.1:3260",
            "target_iqn": f"iqn.2010-10.org.openstack:volume-{volume.id}", "target_lun": 0,
            "volume_id": volume.id, "qos_specs": None, "access_mode": mode,
            "encrypted": False, "cacheable": False, "driver_volume_type": "iscsi",
            "attachment_id": attachment.id, "enforce_multipath": False}
