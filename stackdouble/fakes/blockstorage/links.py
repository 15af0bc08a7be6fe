"""What the block storage fake provides to the other services: the cloud's `volumes` link
(`stackdouble.fakes.links.VolumeLink`), which Nova's `os-volume_attachments`, its servers'
`volumes_attached` and its server delete go through.

The attachment itself is one `Attachment` record in Cinder's model (Cinder's attachment and
Nova's block device mapping at once), so what Cinder's volume shows and what Nova's server
shows never disagree; Nova sees it only as `VolumeMapping` snapshots.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stackdouble.fakes.links import LinkNotFound, ServerRef, VolumeMapping

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
        bdm_uuid=attachment.bdm_uuid, attached=attachment.attach_status == "attached")


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
