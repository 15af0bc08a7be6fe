"""What the block storage fake provides to the other services: the cloud's `volumes` link
(`stackdouble.fakes.links.VolumeLink`), which Nova's `os-volume_attachments`, its servers'
`volumes_attached`, its boots from volume and its server delete go through.

The attachment itself is one `Attachment` record in Cinder's model (Cinder's attachment and
Nova's block device mapping at once), so what Cinder's volume shows and what Nova's server
shows never disagree; Nova sees it only as `VolumeMapping` snapshots.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stackdouble.fakes.blockstorage.errors import CinderError, NotFound, QuotaError
from stackdouble.fakes.links import (
    LinkNotFound,
    LinkOverLimit,
    LinkRefused,
    ServerRef,
    ServerVolume,
    SnapshotInfo,
    VolumeInfo,
    VolumeMapping,
)

if TYPE_CHECKING:
    from stackdouble.fakes.blockstorage import BlockStorageService
    from stackdouble.fakes.blockstorage.models import Attachment, BlockStorageModel
    from stackdouble.fakes.caller import Caller

__all__ = ["CinderVolumes"]


def _mapping(attachment: Attachment) -> VolumeMapping:
    return VolumeMapping(
        attachment_id=attachment.id, volume_id=attachment.volume_id,
        server_id=attachment.server_id or "", device=attachment.device, tag=attachment.tag,
        delete_on_termination=attachment.delete_on_termination,
        bdm_uuid=attachment.bdm_uuid, attached=attachment.attach_status == "attached",
        boot_index=attachment.boot_index)


class CinderVolumes:
    """The `volumes` link, answered by the block storage service's current model (a reset
    replaces the model; the link follows)."""

    __slots__ = ("_service",)

    def __init__(self, service: BlockStorageService) -> None:
        self._service = service

    @property
    def _model(self) -> BlockStorageModel:
        return self._service.model

    def mappings(self, server_id: str) -> list[VolumeMapping]:
        """The server's volumes attached through Nova, in attach order."""
        return [_mapping(a) for a in self._model.server_attachments(server_id)]

    def attach(self, caller: Caller, server: ServerRef, volume_id: str, *,
               device: str | None, tag: str | None, delete_on_termination: bool,
               supports_multiattach: bool) -> VolumeMapping:
        """Reserve and attach (`BlockStorageModel.nova_attach`)."""
        return _mapping(self._model.nova_attach(
            caller, server.id, server.host, volume_id, device=device, tag=tag,
            delete_on_termination=delete_on_termination,
            supports_multiattach=supports_multiattach))

    def mapping(self, caller: Caller, server_id: str, volume_id: str) -> VolumeMapping:
        """The mapping of a volume on a server (`BlockStorageModel.nova_attachment`)."""
        return _mapping(self._model.nova_attachment(caller, server_id, volume_id))

    def detach(self, caller: Caller, server_id: str, volume_id: str) -> None:
        """Begin the detach (`BlockStorageModel.nova_detach`)."""
        self._model.nova_detach(caller, server_id, volume_id)

    def set_delete_on_termination(self, server_id: str, volume_id: str, value: bool) -> None:
        """Change the mapping's `delete_on_termination`."""
        found = next((a for a in self._model.server_attachments(server_id)
                      if a.volume_id == volume_id), None)
        if found is None:
            raise LinkNotFound(f"Instance {server_id} is not attached to volume {volume_id}")
        found.delete_on_termination = value

    def server_deleted(self, server_id: str) -> None:
        """Detach (and maybe delete) the volumes of a deleted server."""
        self._model.server_deleted(server_id)

    def volume(self, caller: Caller, volume_id: str) -> VolumeInfo:
        """A volume the caller may see (`BlockStorageModel.get_volume`)."""
        try:
            volume = self._model.get_volume(caller, volume_id)
        except NotFound as exc:
            raise LinkNotFound(exc.message or "") from None
        return VolumeInfo(id=volume.id, status=volume.status, size=volume.size,
                          bootable=volume.bootable, multiattach=volume.multiattach,
                          availability_zone=volume.availability_zone,
                          image_metadata=dict(volume.image_metadata or {}))

    def snapshot(self, caller: Caller, snapshot_id: str) -> SnapshotInfo:
        """A snapshot the caller may see (`BlockStorageModel.get_snapshot`)."""
        try:
            snap = self._model.get_snapshot(caller, snapshot_id)
        except NotFound as exc:
            raise LinkNotFound(exc.message or "") from None
        return SnapshotInfo(id=snap.id, volume_id=snap.volume_id, status=snap.status,
                            size=snap.size)

    def check_reserve(self, caller: Caller, volume_id: str, *,
                      supports_multiattach: bool) -> None:
        """Whether `reserve` would take it (`BlockStorageModel.nova_check_reserve`)."""
        self._model.nova_check_reserve(caller, volume_id,
                                       supports_multiattach=supports_multiattach)

    def reserve(self, caller: Caller, server: ServerRef, request: ServerVolume, *,
                supports_multiattach: bool, attach_at: float | None) -> VolumeMapping:
        """Reserve for a new server (`BlockStorageModel.nova_reserve`)."""
        return _mapping(self._model.nova_reserve(
            caller, server.id, server.host, request.volume_id or "", device=request.device,
            boot_index=request.boot_index, tag=request.tag,
            delete_on_termination=request.delete_on_termination,
            supports_multiattach=supports_multiattach, attach_at=attach_at))

    def create(self, caller: Caller, server: ServerRef, request: ServerVolume, *,
               attach_at: float) -> VolumeMapping:
        """Make and attach a new server's volume (`BlockStorageModel.nova_create`)."""
        try:
            attachment = self._model.nova_create(
                caller, server.id, server.host, size=request.size or 0,
                image_id=request.image_id, snapshot_id=request.snapshot_id,
                name=request.name, volume_type=request.volume_type, device=request.device,
                boot_index=request.boot_index, tag=request.tag,
                delete_on_termination=request.delete_on_termination, attach_at=attach_at)
        except QuotaError as exc:
            raise LinkOverLimit(exc.message or "") from None
        except NotFound as exc:
            raise LinkNotFound(exc.message or "") from None
        except CinderError as exc:
            raise LinkRefused(exc.message or "") from None
        return _mapping(attachment)
