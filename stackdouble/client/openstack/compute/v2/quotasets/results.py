"""Nova quota set results: `QuotaSet`, `QuotaDetailSet` and the Results of each call."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from stackdouble.client._results import ErrResult, Result

__all__ = [
    "QUOTA_RESOURCES",
    "DeleteResult",
    "GetDetailResult",
    "GetResult",
    "QuotaDetail",
    "QuotaDetailSet",
    "QuotaSet",
    "UpdateResult",
]

#: Every resource Nova has a quota for. From 2.36 Nova leaves out `fixed_ips`,
#: `floating_ips`, `security_groups` and `security_group_rules`; from 2.57 the three
#: `injected_file*` ones too. A resource Nova left out is None in the results.
QUOTA_RESOURCES = ("instances", "cores", "ram", "key_pairs", "metadata_items",
                   "server_groups", "server_group_members", "injected_files",
                   "injected_file_content_bytes", "injected_file_path_bytes", "fixed_ips",
                   "floating_ips", "security_groups", "security_group_rules")


@dataclass(slots=True, kw_only=True)
class QuotaSet:
    """A project's (or a quota class's) limits; -1 means unlimited.

    Attributes:
        id: The project (or class name); None in `update`'s answer, which has no `id`.
        extra: Any key this client does not name, as Nova sent it.
    """

    id: str | None = None
    instances: int | None = None
    cores: int | None = None
    ram: int | None = None
    key_pairs: int | None = None
    metadata_items: int | None = None
    server_groups: int | None = None
    server_group_members: int | None = None
    injected_files: int | None = None
    injected_file_content_bytes: int | None = None
    injected_file_path_bytes: int | None = None
    fixed_ips: int | None = None
    floating_ips: int | None = None
    security_groups: int | None = None
    security_group_rules: int | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> QuotaSet:
        """A QuotaSet from Nova's `quota_set` (or `quota_class_set`) object."""
        named = {k: int(raw[k]) for k in QUOTA_RESOURCES if raw.get(k) is not None}
        extra = {k: v for k, v in raw.items() if k != "id" and k not in QUOTA_RESOURCES}
        ident = raw.get("id")
        return cls(id=None if ident is None else str(ident), extra=extra, **named)


@dataclass(slots=True, kw_only=True)
class QuotaDetail:
    """One resource's limit, use and reservations (`/detail`)."""

    limit: int = 0
    in_use: int = 0
    reserved: int = 0

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> QuotaDetail:
        """A QuotaDetail from `{"limit", "in_use", "reserved"}`."""
        return cls(limit=int(raw.get("limit", 0)), in_use=int(raw.get("in_use", 0)),
                   reserved=int(raw.get("reserved", 0)))


@dataclass(slots=True, kw_only=True)
class QuotaDetailSet:
    """A project's limits with what it uses; a resource Nova left out is None."""

    id: str | None = None
    instances: QuotaDetail | None = None
    cores: QuotaDetail | None = None
    ram: QuotaDetail | None = None
    key_pairs: QuotaDetail | None = None
    metadata_items: QuotaDetail | None = None
    server_groups: QuotaDetail | None = None
    server_group_members: QuotaDetail | None = None
    injected_files: QuotaDetail | None = None
    injected_file_content_bytes: QuotaDetail | None = None
    injected_file_path_bytes: QuotaDetail | None = None
    fixed_ips: QuotaDetail | None = None
    floating_ips: QuotaDetail | None = None
    security_groups: QuotaDetail | None = None
    security_group_rules: QuotaDetail | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> QuotaDetailSet:
        """A QuotaDetailSet from Nova's `quota_set` object of `/detail`."""
        named = {k: QuotaDetail.from_json(raw[k]) for k in QUOTA_RESOURCES
                 if isinstance(raw.get(k), Mapping)}
        ident = raw.get("id")
        return cls(id=None if ident is None else str(ident), **named)


class GetResult(Result):
    """The result of `quotasets.get` and `get_defaults`; `extract()` gives the QuotaSet."""

    __slots__ = ()

    def extract(self) -> QuotaSet:
        """The QuotaSet, or raise the error the call ended with."""
        return self.extract_with(QuotaSet.from_json, key="quota_set")


class GetDetailResult(Result):
    """The result of `quotasets.get_detail`; `extract()` gives the QuotaDetailSet."""

    __slots__ = ()

    def extract(self) -> QuotaDetailSet:
        """The QuotaDetailSet, or raise the error the call ended with."""
        return self.extract_with(QuotaDetailSet.from_json, key="quota_set")


class UpdateResult(GetResult):
    """The result of `quotasets.update`: the new limits (their `id` is None)."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `quotasets.delete`; `extract_err()` raises its error, if any."""

    __slots__ = ()
