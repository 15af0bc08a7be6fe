"""Nova migration results: `Migration` (`os-migrations`) and `ServerMigration`
(`/servers/{id}/migrations`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from stackdouble.client._results import ErrResult, Result, parse_time
from stackdouble.client.pagination import LinkedPage, Page, SinglePage

__all__ = [
    "AbortResult",
    "ForceCompleteResult",
    "GetResult",
    "Migration",
    "MigrationPage",
    "ServerMigration",
    "ServerMigrationPage",
    "extract_migrations",
    "extract_server_migrations",
]


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


@dataclass(slots=True, kw_only=True)
class Migration:
    """A migration as `os-migrations` lists it.

    Attributes:
        id: Nova's integer id (what `/servers/{id}/migrations/{migration_id}` takes).
        instance_id: The server (`instance_uuid`).
        status: `migrating`, `finished`, `confirmed`, `running`, `completed`, `error`...
        migration_type: `migration`, `resize`, `live-migration` or `evacuation` (2.23 and
            later; else "").
        uuid: 2.59 and later; else "".
        user_id, project_id: Who started it (2.80 and later; else "").
        links: For a live migration in progress (2.23 and later).
    """

    id: int
    instance_id: str
    status: str
    source_compute: str | None = None
    source_node: str | None = None
    dest_compute: str | None = None
    dest_node: str | None = None
    dest_host: str | None = None
    old_instance_type_id: int | None = None
    new_instance_type_id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    migration_type: str = ""
    uuid: str = ""
    user_id: str = ""
    project_id: str = ""
    links: Sequence[Mapping[str, Any]] = field(default_factory=tuple)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Migration:
        """A Migration from one item of `migrations`."""
        return cls(
            id=int(raw["id"]), instance_id=raw["instance_uuid"], status=raw["status"],
            source_compute=raw.get("source_compute"), source_node=raw.get("source_node"),
            dest_compute=raw.get("dest_compute"), dest_node=raw.get("dest_node"),
            dest_host=raw.get("dest_host"),
            old_instance_type_id=_int(raw.get("old_instance_type_id")),
            new_instance_type_id=_int(raw.get("new_instance_type_id")),
            created_at=parse_time(raw.get("created_at")),
            updated_at=parse_time(raw.get("updated_at")),
            migration_type=raw.get("migration_type") or "", uuid=raw.get("uuid") or "",
            user_id=raw.get("user_id") or "", project_id=raw.get("project_id") or "",
            links=tuple(raw.get("links") or ()))


class MigrationPage(LinkedPage):
    """A page of `os-migrations`; from 2.59 Nova names the next page in
    `migrations_links` when a page is full."""

    __slots__ = ()
    resource_key = "migrations"
    link_path = ("migrations_links",)

    def items(self) -> list[Migration]:
        """The migrations on this page."""
        return extract_migrations(self)


def extract_migrations(page: Page) -> list[Migration]:
    """The migrations on one page of `migrations.list`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(Migration.from_json, key="migrations")


@dataclass(slots=True, kw_only=True)
class ServerMigration:
    """A live migration in progress, as `/servers/{id}/migrations` shows it.

    Attributes:
        memory_total_bytes, memory_processed_bytes, memory_remaining_bytes: The guest's
            memory and how much of it was copied.
        disk_total_bytes, disk_processed_bytes, disk_remaining_bytes: The same for the
            disks of a block migration (0 otherwise).
        uuid: 2.59 and later; user_id, project_id: 2.80 and later.
    """

    id: int
    server_id: str
    status: str
    source_compute: str | None = None
    source_node: str | None = None
    dest_compute: str | None = None
    dest_node: str | None = None
    dest_host: str | None = None
    memory_total_bytes: int | None = None
    memory_processed_bytes: int | None = None
    memory_remaining_bytes: int | None = None
    disk_total_bytes: int | None = None
    disk_processed_bytes: int | None = None
    disk_remaining_bytes: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    uuid: str = ""
    user_id: str = ""
    project_id: str = ""

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> ServerMigration:
        """A ServerMigration from Nova's JSON (`server_uuid` becomes `server_id`)."""
        return cls(
            id=int(raw["id"]), server_id=raw["server_uuid"], status=raw["status"],
            source_compute=raw.get("source_compute"), source_node=raw.get("source_node"),
            dest_compute=raw.get("dest_compute"), dest_node=raw.get("dest_node"),
            dest_host=raw.get("dest_host"),
            memory_total_bytes=_int(raw.get("memory_total_bytes")),
            memory_processed_bytes=_int(raw.get("memory_processed_bytes")),
            memory_remaining_bytes=_int(raw.get("memory_remaining_bytes")),
            disk_total_bytes=_int(raw.get("disk_total_bytes")),
            disk_processed_bytes=_int(raw.get("disk_processed_bytes")),
            disk_remaining_bytes=_int(raw.get("disk_remaining_bytes")),
            created_at=parse_time(raw.get("created_at")),
            updated_at=parse_time(raw.get("updated_at")), uuid=raw.get("uuid") or "",
            user_id=raw.get("user_id") or "", project_id=raw.get("project_id") or "")


class ServerMigrationPage(SinglePage):
    """The one page of a server's live migrations in progress."""

    __slots__ = ()
    resource_key = "migrations"

    def items(self) -> list[ServerMigration]:
        """The migrations on this page."""
        return extract_server_migrations(self)


def extract_server_migrations(page: Page) -> list[ServerMigration]:
    """The migrations of `migrations.list_server_migrations`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(ServerMigration.from_json, key="migrations")


class GetResult(Result):
    """The result of `migrations.get_server_migration`; `extract()` gives the
    ServerMigration."""

    __slots__ = ()

    def extract(self) -> ServerMigration:
        """The migration, or raise the error the call ended with."""
        return self.extract_with(ServerMigration.from_json, key="migration")


class ForceCompleteResult(ErrResult):
    """The result of `migrations.force_complete`; `extract_err()` raises its error."""

    __slots__ = ()


class AbortResult(ErrResult):
    """The result of `migrations.abort`; `extract_err()` raises its error, if any."""

    __slots__ = ()
