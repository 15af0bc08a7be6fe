"""Cinder limits results: the absolute limits with their usage, and rate limits."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from stackdouble.client._results import Result

__all__ = ["Absolute", "GetResult", "Limit", "Limits", "Rate"]


@dataclass(slots=True, kw_only=True)
class Absolute:
    """The project's quota limits (-1: unlimited) and what it uses of them (the `total*`
    fields come from the `used_limits` extension, which Cinder applies for readers)."""

    max_total_volumes: int = 0
    max_total_snapshots: int = 0
    max_total_volume_gigabytes: int = 0
    max_total_backups: int = 0
    max_total_backup_gigabytes: int = 0
    total_volumes_used: int = 0
    total_gigabytes_used: int = 0
    total_snapshots_used: int = 0
    total_backups_used: int = 0
    total_backup_gigabytes_used: int = 0

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Absolute:
        """An Absolute from Cinder's `absolute` object."""
        get = raw.get
        return cls(
            max_total_volumes=get("maxTotalVolumes", 0),
            max_total_snapshots=get("maxTotalSnapshots", 0),
            max_total_volume_gigabytes=get("maxTotalVolumeGigabytes", 0),
            max_total_backups=get("maxTotalBackups", 0),
            max_total_backup_gigabytes=get("maxTotalBackupGigabytes", 0),
            total_volumes_used=get("totalVolumesUsed", 0),
            total_gigabytes_used=get("totalGigabytesUsed", 0),
            total_snapshots_used=get("totalSnapshotsUsed", 0),
            total_backups_used=get("totalBackupsUsed", 0),
            total_backup_gigabytes_used=get("totalBackupGigabytesUsed", 0),
        )


@dataclass(slots=True, kw_only=True)
class Limit:
    """One rate limit of a URI."""

    verb: str
    next_available: str
    unit: str
    value: int
    remaining: int

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Limit:
        """A Limit from Cinder's JSON."""
        return cls(verb=raw["verb"], next_available=raw.get("next-available", ""),
                   unit=raw.get("unit", ""), value=raw.get("value", 0),
                   remaining=raw.get("remaining", 0))


@dataclass(slots=True, kw_only=True)
class Rate:
    """The rate limits of one URI (Cinder 29 configures none by default)."""

    regex: str
    uri: str
    limit: Sequence[Limit] = field(default_factory=list)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Rate:
        """A Rate from Cinder's JSON."""
        return cls(regex=raw.get("regex", ""), uri=raw.get("uri", ""),
                   limit=[Limit.from_json(x) for x in raw.get("limit") or []])


@dataclass(slots=True, kw_only=True)
class Limits:
    """`GET /limits`: absolute and rate limits."""

    absolute: Absolute
    rate: Sequence[Rate] = field(default_factory=list)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Limits:
        """Limits from Cinder's `limits` object."""
        return cls(absolute=Absolute.from_json(raw.get("absolute") or {}),
                   rate=[Rate.from_json(r) for r in raw.get("rate") or []])


class GetResult(Result):
    """The result of `limits.get`; `extract()` gives the Limits."""

    __slots__ = ()

    def extract(self) -> Limits:
        """The Limits, or raise the error the call ended with."""
        return self.extract_with(Limits.from_json, key="limits")
