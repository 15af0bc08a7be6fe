"""Nova volume attachment results."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from stackdouble.client._results import ErrResult, Result
from stackdouble.client.pagination import Page, SinglePage

__all__ = [
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "UpdateResult",
    "VolumeAttachment",
    "VolumeAttachmentPage",
    "extract_volume_attachments",
]


@dataclass(slots=True, kw_only=True)
class VolumeAttachment:
    """A volume attached to a server, as Nova's `volumeAttachment` shows it.

    Attributes:
        id: The volume's id (Nova names attachments by volume; absent from 2.89).
        device: Where the guest sees it, `/dev/vdb`...
        tag: Its device tag (2.70 and later; None when untagged).
        delete_on_termination: Whether deleting the server deletes the volume (2.79).
        attachment_id: Cinder's attachment id (2.89 and later).
        bdm_uuid: Nova's block device mapping id (2.89 and later).
    """

    volume_id: str
    server_id: str
    id: str | None = None
    device: str | None = None
    tag: str | None = None
    delete_on_termination: bool | None = None
    attachment_id: str | None = None
    bdm_uuid: str | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> VolumeAttachment:
        """A VolumeAttachment from Nova's JSON (any microversion)."""
        return cls(
            volume_id=raw["volumeId"],
            server_id=raw["serverId"],
            id=raw.get("id"),
            device=raw.get("device"),
            tag=raw.get("tag"),
            delete_on_termination=raw.get("delete_on_termination"),
            attachment_id=raw.get("attachment_id"),
            bdm_uuid=raw.get("bdm_uuid"),
        )


class VolumeAttachmentResult(Result):
    """A Result whose body is `{"volumeAttachment": {...}}`."""

    __slots__ = ()

    def extract(self) -> VolumeAttachment:
        """The VolumeAttachment, or raise the error the call ended with."""
        return self.extract_with(VolumeAttachment.from_json, key="volumeAttachment")


class CreateResult(VolumeAttachmentResult):
    """The result of `volumeattach.create`: the attachment with its `device`."""

    __slots__ = ()


class GetResult(VolumeAttachmentResult):
    """The result of `volumeattach.get`."""

    __slots__ = ()


class UpdateResult(ErrResult):
    """The result of `volumeattach.update`; `extract_err()` raises its error, if any."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `volumeattach.delete`; `extract_err()` raises its error, if any."""

    __slots__ = ()


class VolumeAttachmentPage(SinglePage):
    """The one page of `volumeattach.list` (Nova pages it by `limit`/`offset` only)."""

    __slots__ = ()
    resource_key = "volumeAttachments"

    def items(self) -> list[VolumeAttachment]:
        """The attachments."""
        return extract_volume_attachments(self)


def extract_volume_attachments(page: Page) -> list[VolumeAttachment]:
    """The attachments on the page of `volumeattach.list`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(VolumeAttachment.from_json, key="volumeAttachments")
