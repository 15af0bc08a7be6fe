"""Cinder backup results: the Backup resource, the restore, the Results of each call, the
pages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from stackdouble.client._results import ErrResult, Result, parse_time
from stackdouble.client.pagination import LinkedPage, Page

__all__ = [
    "Backup",
    "BackupPage",
    "BackupResult",
    "CreateResult",
    "DeleteResult",
    "ForceDeleteResult",
    "GetResult",
    "ResetStatusResult",
    "Restore",
    "RestoreResult",
    "UpdateResult",
    "extract_backups",
]


@dataclass(slots=True, kw_only=True)
class Backup:
    """A volume backup. Create and update answer only `id`, `name` and `links`; the other
    fields come from `get` and the detailed listing.

    Attributes:
        size: The volume's size when backed up, in GiB.
        container: Where the backup driver keeps it (set once `available`).
        is_incremental: Whether it holds only the changes since a parent backup.
        has_dependent_backups: Whether incremental backups build on it (it cannot be
            deleted then).
        data_timestamp: When its data was taken (the snapshot's time for a snapshot's
            backup).
        metadata: From microversion 3.43.
        project_id: `os-backup-project-attr:project_id` (admins, 3.18).
        user_id: Admins, from 3.56.
    """

    id: str
    name: str | None = None
    description: str | None = None
    volume_id: str | None = None
    snapshot_id: str | None = None
    status: str = ""
    size: int = 0
    object_count: int = 0
    availability_zone: str | None = None
    container: str | None = None
    fail_reason: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    data_timestamp: datetime | None = None
    is_incremental: bool = False
    has_dependent_backups: bool = False
    metadata: Mapping[str, str] = field(default_factory=dict)
    project_id: str | None = None
    user_id: str | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Backup:
        """A Backup from Cinder's JSON (detailed or summary, any microversion)."""
        get = raw.get
        return cls(
            id=raw["id"],
            name=get("name"),
            description=get("description"),
            volume_id=get("volume_id"),
            snapshot_id=get("snapshot_id"),
            status=get("status") or "",
            size=get("size") or 0,
            object_count=get("object_count") or 0,
            availability_zone=get("availability_zone"),
            container=get("container"),
            fail_reason=get("fail_reason"),
            created_at=parse_time(get("created_at")),
            updated_at=parse_time(get("updated_at")),
            data_timestamp=parse_time(get("data_timestamp")),
            is_incremental=bool(get("is_incremental")),
            has_dependent_backups=bool(get("has_dependent_backups")),
            metadata=get("metadata") or {},
            project_id=get("os-backup-project-attr:project_id"),
            user_id=get("user_id"),
        )


class BackupResult(Result):
    """A Result whose body is `{"backup": {...}}`; `extract()` gives the Backup."""

    __slots__ = ()

    def extract(self) -> Backup:
        """The Backup, or raise the error the call ended with."""
        return self.extract_with(Backup.from_json, key="backup")


class CreateResult(BackupResult):
    """The result of `backups.create`: the new backup's id, name and links (`creating`)."""

    __slots__ = ()


class GetResult(BackupResult):
    """The result of `backups.get`."""

    __slots__ = ()


class UpdateResult(BackupResult):
    """The result of `backups.update`: id, name and links."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `backups.delete`; `extract_err()` raises its error, if any."""

    __slots__ = ()


class ResetStatusResult(ErrResult):
    """The result of `backups.reset_status`."""

    __slots__ = ()


class ForceDeleteResult(ErrResult):
    """The result of `backups.force_delete`."""

    __slots__ = ()


@dataclass(slots=True, kw_only=True)
class Restore:
    """Where a restore goes: the backup, the volume and that volume's name."""

    backup_id: str
    volume_id: str
    volume_name: str | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Restore:
        """A Restore from Cinder's JSON."""
        return cls(backup_id=raw["backup_id"], volume_id=raw["volume_id"],
                   volume_name=raw.get("volume_name"))


class RestoreResult(Result):
    """The result of `backups.restore`; `extract()` gives the Restore."""

    __slots__ = ()

    def extract(self) -> Restore:
        """The Restore, or raise the error the call ended with."""
        return self.extract_with(Restore.from_json, key="restore")


class BackupPage(LinkedPage):
    """A page of backups; the next page is in `backups_links` when this one is full."""

    __slots__ = ()
    resource_key = "backups"
    link_path = ("backups_links",)

    def items(self) -> list[Backup]:
        """The backups on this page."""
        return extract_backups(self)


def extract_backups(page: Page) -> list[Backup]:
    """The backups on one page of `backups.list` or `backups.list_simple`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(Backup.from_json, key="backups")
