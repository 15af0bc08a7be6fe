"""Attachments: Cinder's attach actions (`os-reserve`, `os-attach`, `os-detach`...,
`cinder/api/contrib/volume_actions.py`) and Nova's side of them (`os-volume_attachments`,
`nova/compute/api.py` `attach_volume`/`detach_volume`), kept on the one `Attachment`
record so the volume's `attachments` and the server's `volumes_attached` never disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from stackdouble.fakes.blockstorage.errors import BadRequest, invalid_volume
from stackdouble.fakes.blockstorage.models._common import _ModelBase
from stackdouble.fakes.links import LinkConflict, LinkNotFound, LinkRefused

if TYPE_CHECKING:
    from stackdouble.fakes.blockstorage.models.volumes import Volume
    from stackdouble.fakes.caller import Caller

__all__ = ["Attachment", "AttachmentsMixin"]

#: Nova's device-name pattern (`block_device.get_device_letter`): prefix, letters, digits.
_DEVICE = re.compile(r"(^/dev/x{0,1}[a-z]{0,1}d{0,1})([a-z]+)[0-9]*$")


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


class AttachmentsMixin(_ModelBase):
    """The attachments of `BlockStorageModel` (`attachments`, `_by_server`)."""

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
                                bdm_uuid=self.cloud.ids.uuid())
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
