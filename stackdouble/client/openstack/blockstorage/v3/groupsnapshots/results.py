"""Cinder group snapshot results: the GroupSnapshot, the Results of each call, the pages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from stackdouble.client._results import ErrResult, Result, parse_time
from stackdouble.client.pagination import LinkedPage, Page

__all__ = [
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "GroupSnapshot",
    "GroupSnapshotPage",
    "GroupSnapshotResult",
    "ResetStatusResult",
    "extract_group_snapshots",
]


@dataclass(slots=True, kw_only=True)
class GroupSnapshot:
    """A snapshot of a group (a create and the summary list give `id`, `name` and
    `group_type_id` only).

    Attributes:
        project_id: Shown to admins from 3.58.
    """

    id: str
    name: str | None = None
    description: str | None = None
    group_id: str | None = None
    group_type_id: str | None = None
    status: str = ""
    created_at: datetime | None = None
    project_id: str | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> GroupSnapshot:
        """A GroupSnapshot from Cinder's JSON."""
        get = raw.get
        return cls(id=raw["id"], name=get("name"), description=get("description"),
                   group_id=get("group_id"), group_type_id=get("group_type_id"),
                   status=get("status") or "", created_at=parse_time(get("created_at")),
                   project_id=get("project_id"))


class GroupSnapshotResult(Result):
    """A Result whose body is `{"group_snapshot": {...}}`."""

    __slots__ = ()

    def extract(self) -> GroupSnapshot:
        """The GroupSnapshot, or raise the error the call ended with."""
        return self.extract_with(GroupSnapshot.from_json, key="group_snapshot")


class GetResult(GroupSnapshotResult):
    """The result of `groupsnapshots.get`."""

    __slots__ = ()


class CreateResult(GroupSnapshotResult):
    """The result of `groupsnapshots.create` (202)."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `groupsnapshots.delete` (202, no body)."""

    __slots__ = ()


class ResetStatusResult(ErrResult):
    """The result of `groupsnapshots.reset_status` (202, no body)."""

    __slots__ = ()


class GroupSnapshotPage(LinkedPage):
    """A page of group snapshots; the next page is in `group_snapshot_links`."""

    __slots__ = ()
    resource_key = "group_snapshots"
    link_path = ("group_snapshot_links",)

    def items(self) -> list[GroupSnapshot]:
        """The group snapshots on this page."""
        return extract_group_snapshots(self)


def extract_group_snapshots(page: Page) -> list[GroupSnapshot]:
    """The group snapshots on one page of `groupsnapshots.list`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(GroupSnapshot.from_json, key="group_snapshots")
