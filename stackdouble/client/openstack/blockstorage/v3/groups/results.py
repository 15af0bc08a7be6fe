"""Cinder group results: the Group, the Results of each call, the pages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from stackdouble.client._results import ErrResult, Result, parse_time
from stackdouble.client.pagination import LinkedPage, Page

__all__ = [
    "CreateFromSrcResult",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "Group",
    "GroupPage",
    "GroupResult",
    "ResetStatusResult",
    "UpdateResult",
    "extract_groups",
]


@dataclass(slots=True, kw_only=True)
class Group:
    """A generic volume group (a create and the summary list give only `id` and `name`).

    Attributes:
        group_type: The group type's id.
        volume_types: The ids of the volume types its volumes may have.
        volumes: The member volumes' ids (3.25 with `list_volume`); None when not asked.
        group_snapshot_id: The group snapshot it was made from (3.14).
        source_group_id: The group it was copied from (3.14).
        project_id: Shown to admins from 3.58.
    """

    id: str
    name: str | None = None
    description: str | None = None
    status: str = ""
    availability_zone: str | None = None
    created_at: datetime | None = None
    group_type: str | None = None
    volume_types: Sequence[str] = field(default_factory=list)
    volumes: Sequence[str] | None = None
    group_snapshot_id: str | None = None
    source_group_id: str | None = None
    replication_status: str | None = None
    project_id: str | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Group:
        """A Group from Cinder's JSON (any microversion)."""
        get = raw.get
        volumes = get("volumes")
        return cls(id=raw["id"], name=get("name"), description=get("description"),
                   status=get("status") or "", availability_zone=get("availability_zone"),
                   created_at=parse_time(get("created_at")), group_type=get("group_type"),
                   volume_types=list(get("volume_types") or []),
                   volumes=list(volumes) if volumes is not None else None,
                   group_snapshot_id=get("group_snapshot_id"),
                   source_group_id=get("source_group_id"),
                   replication_status=get("replication_status"),
                   project_id=get("project_id"))


class GroupResult(Result):
    """A Result whose body is `{"group": {...}}`; `extract()` gives the Group."""

    __slots__ = ()

    def extract(self) -> Group:
        """The Group, or raise the error the call ended with."""
        return self.extract_with(Group.from_json, key="group")


class GetResult(GroupResult):
    """The result of `groups.get`."""

    __slots__ = ()


class CreateResult(GroupResult):
    """The result of `groups.create` (202): the new group's id and name."""

    __slots__ = ()


class CreateFromSrcResult(GroupResult):
    """The result of `groups.create_from_src` (202): the new group's id and name."""

    __slots__ = ()


class UpdateResult(ErrResult):
    """The result of `groups.update` (202, no body)."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `groups.delete` (202, no body)."""

    __slots__ = ()


class ResetStatusResult(ErrResult):
    """The result of `groups.reset_status` (202, no body)."""

    __slots__ = ()


class GroupPage(LinkedPage):
    """A page of groups; the next page is in `group_links`."""

    __slots__ = ()
    resource_key = "groups"
    link_path = ("group_links",)

    def items(self) -> list[Group]:
        """The groups on this page."""
        return extract_groups(self)


def extract_groups(page: Page) -> list[Group]:
    """The groups on one page of `groups.list`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(Group.from_json, key="groups")
