"""Cinder attachment results: the Attachment resource, the Results of each call, the pages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from stackdouble.client._results import ErrResult, Result, parse_time
from stackdouble.client.pagination import Page, SinglePage

__all__ = [
    "Attachment",
    "AttachmentPage",
    "AttachmentResult",
    "CompleteResult",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "UpdateResult",
    "extract_attachments",
]


@dataclass(slots=True, kw_only=True)
class Attachment:
    """A volume attachment. The summary listing gives only `id`, `status`, `instance` and
    `volume_id`.

    Attributes:
        status: `reserved`, `attaching`, `attached` or `detaching`.
        instance: The server (or any consumer) it is for, if given.
        attach_mode: `rw`, `ro`, or `null` until a connector said.
        connection_info: What the volume driver answered for the connector (empty until
            one was given).
    """

    id: str
    volume_id: str = ""
    instance: str | None = None
    status: str = ""
    attach_mode: str | None = None
    attached_at: datetime | None = None
    detached_at: datetime | None = None
    connection_info: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Attachment:
        """An Attachment from Cinder's JSON (`""` times are None)."""
        get = raw.get
        return cls(
            id=raw["id"],
            volume_id=get("volume_id") or "",
            instance=get("instance"),
            status=get("status") or "",
            attach_mode=get("attach_mode"),
            attached_at=parse_time(get("attached_at") or None),
            detached_at=parse_time(get("detached_at") or None),
            connection_info=get("connection_info") or {},
        )


class AttachmentResult(Result):
    """A Result whose body is `{"attachment": {...}}`; `extract()` gives the Attachment."""

    __slots__ = ()

    def extract(self) -> Attachment:
        """The Attachment, or raise the error the call ended with."""
        return self.extract_with(Attachment.from_json, key="attachment")


class CreateResult(AttachmentResult):
    """The result of `attachments.create`."""

    __slots__ = ()


class GetResult(AttachmentResult):
    """The result of `attachments.get`."""

    __slots__ = ()


class UpdateResult(AttachmentResult):
    """The result of `attachments.update`."""

    __slots__ = ()


class DeleteResult(Result):
    """The result of `attachments.delete`; `extract()` gives the volume's remaining
    attachments (summaries)."""

    __slots__ = ()

    def extract(self) -> list[Attachment]:
        """The remaining attachments, or raise the error the call ended with."""
        return self.extract_with(lambda raw: [Attachment.from_json(a) for a in raw or []],
                                 key="attachments")


class CompleteResult(ErrResult):
    """The result of `attachments.complete` (204)."""

    __slots__ = ()


class AttachmentPage(SinglePage):
    """The page of `attachments.list` (Cinder gives no next link: page with `marker`)."""

    __slots__ = ()
    resource_key = "attachments"

    def items(self) -> list[Attachment]:
        """The attachments on this page."""
        return extract_attachments(self)


def extract_attachments(page: Page) -> list[Attachment]:
    """The attachments on one page of `attachments.list`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(Attachment.from_json, key="attachments")
