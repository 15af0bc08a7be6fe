"""Cinder quota set results: `QuotaSet`, `QuotaUsageSet` and the Results of each call."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from stackdouble.client._results import ErrResult, Result

__all__ = [
    "DeleteResult",
    "GetResult",
    "QuotaSet",
    "QuotaUsage",
    "QuotaUsageSet",
    "UpdateResult",
    "UsageResult",
]

#: The quota resources every Cinder answers with, as `QuotaSet` fields.
_NAMED = ("volumes", "snapshots", "gigabytes", "per_volume_gigabytes", "backups",
          "backup_gigabytes", "groups")


@dataclass(slots=True, kw_only=True)
class QuotaSet:
    """A project's limits; -1 means unlimited.

    Attributes:
        id: The project; None in `update`'s answer (Cinder leaves it out there).
        extra: Every other key, by its name: the per-volume-type limits
            (`volumes___DEFAULT__`, `gigabytes_<type>`, `snapshots_<type>`).
    """

    id: str | None = None
    volumes: int = 0
    snapshots: int = 0
    gigabytes: int = 0
    per_volume_gigabytes: int = 0
    backups: int = 0
    backup_gigabytes: int = 0
    groups: int = 0
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> QuotaSet:
        """A QuotaSet from Cinder's `quota_set` object."""
        extra = {k: v for k, v in raw.items() if k != "id" and k not in _NAMED}
        return cls(id=raw.get("id"), extra=extra,
                   **{k: int(raw.get(k, 0)) for k in _NAMED})


@dataclass(slots=True, kw_only=True)
class QuotaUsage:
    """One resource's limit and use (`?usage=true`).

    Attributes:
        allocated: Only from clouds with nested quotas (gone from Cinder); else 0.
    """

    limit: int = 0
    in_use: int = 0
    reserved: int = 0
    allocated: int = 0

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> QuotaUsage:
        """A QuotaUsage from `{"limit", "in_use", "reserved"[, "allocated"]}`."""
        return cls(limit=int(raw.get("limit", 0)), in_use=int(raw.get("in_use", 0)),
                   reserved=int(raw.get("reserved", 0)), allocated=int(raw.get("allocated", 0)))


@dataclass(slots=True, kw_only=True)
class QuotaUsageSet:
    """A project's limits with what it uses.

    Attributes:
        extra: The per-volume-type usages (`volumes___DEFAULT__`...), as QuotaUsage.
    """

    id: str | None = None
    volumes: QuotaUsage = field(default_factory=QuotaUsage)
    snapshots: QuotaUsage = field(default_factory=QuotaUsage)
    gigabytes: QuotaUsage = field(default_factory=QuotaUsage)
    per_volume_gigabytes: QuotaUsage = field(default_factory=QuotaUsage)
    backups: QuotaUsage = field(default_factory=QuotaUsage)
    backup_gigabytes: QuotaUsage = field(default_factory=QuotaUsage)
    groups: QuotaUsage = field(default_factory=QuotaUsage)
    extra: Mapping[str, QuotaUsage] = field(default_factory=dict)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> QuotaUsageSet:
        """A QuotaUsageSet from Cinder's `quota_set` object (with usage)."""
        extra = {k: QuotaUsage.from_json(v) for k, v in raw.items()
                 if k != "id" and k not in _NAMED and isinstance(v, Mapping)}
        named = {k: QuotaUsage.from_json(raw.get(k) or {}) for k in _NAMED}
        return cls(id=raw.get("id"), extra=extra, **named)


class GetResult(Result):
    """The result of `quotasets.get` and `get_defaults`; `extract()` gives the QuotaSet."""

    __slots__ = ()

    def extract(self) -> QuotaSet:
        """The QuotaSet, or raise the error the call ended with."""
        return self.extract_with(QuotaSet.from_json, key="quota_set")


class UsageResult(Result):
    """The result of `quotasets.get_usage`; `extract()` gives the QuotaUsageSet."""

    __slots__ = ()

    def extract(self) -> QuotaUsageSet:
        """The QuotaUsageSet, or raise the error the call ended with."""
        return self.extract_with(QuotaUsageSet.from_json, key="quota_set")


class UpdateResult(GetResult):
    """The result of `quotasets.update`: the new limits (with `id` None)."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `quotasets.delete`; `extract_err()` raises its error, if any."""

    __slots__ = ()
