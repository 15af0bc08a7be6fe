"""Nova instance action results: `InstanceAction`, `InstanceActionDetail`, `Event`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from stackdouble.client._results import Result, parse_time
from stackdouble.client.pagination import LinkedPage, Page

__all__ = [
    "Event",
    "GetResult",
    "InstanceAction",
    "InstanceActionDetail",
    "InstanceActionPage",
    "extract_instance_actions",
]


@dataclass(slots=True, kw_only=True)
class InstanceAction:
    """One thing done to a server (`create`, `stop`, `resize`...), as listed.

    Attributes:
        request_id: The id of the request that started it (`req-...`).
        message: `Error` when it failed, else None.
        updated_at: When it last changed (2.58 and later; else None).
    """

    action: str
    instance_uuid: str
    request_id: str
    user_id: str | None = None
    project_id: str | None = None
    start_time: datetime | None = None
    message: str | None = None
    updated_at: datetime | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> InstanceAction:
        """An InstanceAction from Nova's JSON."""
        return cls(action=raw["action"], instance_uuid=raw["instance_uuid"],
                   request_id=raw["request_id"], user_id=raw.get("user_id"),
                   project_id=raw.get("project_id"),
                   start_time=parse_time(raw.get("start_time")), message=raw.get("message"),
                   updated_at=parse_time(raw.get("updated_at")))


@dataclass(slots=True, kw_only=True)
class Event:
    """One step of an action (`compute_stop_instance`...).

    Attributes:
        result: `Success` or `Error`; None while it runs (so is `finish_time`).
        traceback: The failure's traceback (admins only; else None).
        host: The compute host (admins, 2.62 and later); host_id: its hash (2.62 and later).
        details: What went wrong, for admins (2.84 and later).
    """

    event: str
    start_time: datetime | None = None
    finish_time: datetime | None = None
    result: str | None = None
    traceback: str | None = None
    host: str | None = None
    host_id: str | None = None
    details: str | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Event:
        """An Event from Nova's JSON (`hostId` becomes `host_id`)."""
        return cls(event=raw["event"], start_time=parse_time(raw.get("start_time")),
                   finish_time=parse_time(raw.get("finish_time")), result=raw.get("result"),
                   traceback=raw.get("traceback"), host=raw.get("host"),
                   host_id=raw.get("hostId"), details=raw.get("details"))


@dataclass(slots=True, kw_only=True)
class InstanceActionDetail(InstanceAction):
    """One action with its events (`events` is empty when Nova shows none: before 2.51
    to non-admins)."""

    events: Sequence[Event] = field(default_factory=list)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> InstanceActionDetail:
        """An InstanceActionDetail from Nova's `instanceAction` object."""
        base = InstanceAction.from_json(raw)
        return cls(action=base.action, instance_uuid=base.instance_uuid,
                   request_id=base.request_id, user_id=base.user_id,
                   project_id=base.project_id, start_time=base.start_time,
                   message=base.message, updated_at=base.updated_at,
                   events=[Event.from_json(e) for e in raw.get("events") or []])


class GetResult(Result):
    """The result of `instanceactions.get`; `extract()` gives the InstanceActionDetail."""

    __slots__ = ()

    def extract(self) -> InstanceActionDetail:
        """The action with its events, or raise the error the call ended with."""
        return self.extract_with(InstanceActionDetail.from_json, key="instanceAction")


class InstanceActionPage(LinkedPage):
    """A page of a server's actions, newest first. From 2.58 Nova names the next page in
    `links` when a page is full, which this page follows."""

    __slots__ = ()
    resource_key = "instanceActions"
    link_path = ("links",)

    def items(self) -> list[InstanceAction]:
        """The actions on this page."""
        return extract_instance_actions(self)


def extract_instance_actions(page: Page) -> list[InstanceAction]:
    """The actions on one page of `instanceactions.list`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(InstanceAction.from_json, key="instanceActions")
