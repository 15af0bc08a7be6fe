"""Cinder snapshot results: the Snapshot resource, the Results of each call, the pages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from stackdouble.client._results import ErrResult, Result, parse_time
from stackdouble.client.openstack.blockstorage.v3._metadata import (
    MetadataResult,
    MetadatumResult,
)
from stackdouble.client.pagination import LinkedPage, Page

__all__ = [
    "CreateMetadatumResult",
    "CreateResult",
    "DeleteMetadatumResult",
    "DeleteResult",
    "GetMetadataResult",
    "GetMetadatumResult",
    "GetResult",
    "MetadataResult",
    "MetadatumResult",
    "ResetMetadataResult",
    "Snapshot",
    "SnapshotPage",
    "SnapshotResult",
    "UpdateMetadataResult",
    "UpdateResult",
    "extract_snapshots",
]


@dataclass(slots=True, kw_only=True)
class Snapshot:
    """A volume snapshot as Block Storage returns it.

    Attributes:
        size: The volume's size when the snapshot was taken, in GiB.
        progress: `os-extended-snapshot-attributes:progress` (`"0%"`..`"100%"`).
        project_id: `os-extended-snapshot-attributes:project_id`.
        user_id: From microversion 3.41.
    """

    id: str
    name: str | None = None
    description: str | None = None
    volume_id: str | None = None
    status: str = ""
    size: int = 0
    created_at: datetime | None = None
    updated_at: datetime | None = None
    metadata: Mapping[str, str] = field(default_factory=dict)
    progress: str | None = None
    project_id: str | None = None
    user_id: str | None = None
    group_snapshot_id: str | None = None
    consumes_quota: bool | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Snapshot:
        """A Snapshot from Cinder's JSON (any microversion)."""
        get = raw.get
        return cls(
            id=raw["id"],
            name=get("name"),
            description=get("description"),
            volume_id=get("volume_id"),
            status=get("status") or "",
            size=get("size") or 0,
            created_at=parse_time(get("created_at")),
            updated_at=parse_time(get("updated_at")),
            metadata=get("metadata") or {},
            progress=get("os-extended-snapshot-attributes:progress"),
            project_id=get("os-extended-snapshot-attributes:project_id"),
            user_id=get("user_id"),
            group_snapshot_id=get("group_snapshot_id"),
            consumes_quota=get("consumes_quota"),
        )


class SnapshotResult(Result):
    """A Result whose body is `{"snapshot": {...}}`; `extract()` gives the Snapshot."""

    __slots__ = ()

    def extract(self) -> Snapshot:
        """The Snapshot, or raise the error the call ended with."""
        return self.extract_with(Snapshot.from_json, key="snapshot")


class CreateResult(SnapshotResult):
    """The result of `snapshots.create`: the new snapshot, `creating`."""

    __slots__ = ()


class GetResult(SnapshotResult):
    """The result of `snapshots.get`."""

    __slots__ = ()


class UpdateResult(SnapshotResult):
    """The result of `snapshots.update`."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `snapshots.delete`; `extract_err()` raises its error, if any."""

    __slots__ = ()


class SnapshotPage(LinkedPage):
    """A page of snapshots; the next page is in `snapshots_links` when this one is full."""

    __slots__ = ()
    resource_key = "snapshots"
    link_path = ("snapshots_links",)

    def items(self) -> list[Snapshot]:
        """The snapshots on this page."""
        return extract_snapshots(self)


def extract_snapshots(page: Page) -> list[Snapshot]:
    """The snapshots on one page of `snapshots.list`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(Snapshot.from_json, key="snapshots")


# --- metadata --------------------------------------------------------------------------------


class GetMetadataResult(MetadataResult):
    """The result of `snapshots.metadata`: every metadata item."""

    __slots__ = ()


class ResetMetadataResult(MetadataResult):
    """The result of `snapshots.reset_metadata`: the metadata, now exactly as sent."""

    __slots__ = ()


class UpdateMetadataResult(MetadataResult):
    """The result of `snapshots.update_metadata`: every item after the merge."""

    __slots__ = ()


class GetMetadatumResult(MetadatumResult):
    """The result of `snapshots.metadatum`."""

    __slots__ = ()


class CreateMetadatumResult(MetadatumResult):
    """The result of `snapshots.create_metadatum`."""

    __slots__ = ()


class DeleteMetadatumResult(ErrResult):
    """The result of `snapshots.delete_metadatum`; `extract_err()` raises its error, if any."""

    __slots__ = ()
