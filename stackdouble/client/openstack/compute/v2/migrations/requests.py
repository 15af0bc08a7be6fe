"""Nova migrations: every migration (`os-migrations`, admins) and a server's live
migrations in progress (`/servers/{id}/migrations`, 2.23 and later)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.compute.v2.migrations import urls
from stackdouble.client.openstack.compute.v2.migrations.results import (
    AbortResult,
    ForceCompleteResult,
    GetResult,
    MigrationPage,
    ServerMigrationPage,
)
from stackdouble.client.pagination import Pager

__all__ = ["ListOpts", "ListOptsBuilder", "abort", "force_complete", "get_server_migration",
           "list", "list_server_migrations"]


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `migrations.list`."""

    def to_migrations_list_query(self) -> str: ...


def _iso(value: str | datetime | None) -> str | None:
    return value.isoformat() if isinstance(value, datetime) else value


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Filters and paging for `list`; None fields are not sent.

    Attributes:
        host: Migrations from or to this host.
        instance_id: One server's migrations (`instance_uuid`).
        migration_type: `migration`, `resize`, `live-migration` or `evacuation`.
        source_compute: Migrations from this host.
        status: One status (`error`, `finished`...).
        limit, marker: Paging by migration uuid (2.59 and later).
        changes_since: Updated at or after (2.59); changes_before: at or before (2.66).
        user_id, project_id: Whose migrations (2.80 and later).

    Example:
        >>> ListOpts(status="error", limit=5).to_migrations_list_query()
        '?status=error&limit=5'
    """

    host: str | None = field(default=None, metadata={"q": "host"})
    instance_id: str | None = field(default=None, metadata={"q": "instance_uuid"})
    migration_type: str | None = field(default=None, metadata={"q": "migration_type"})
    source_compute: str | None = field(default=None, metadata={"q": "source_compute"})
    status: str | None = field(default=None, metadata={"q": "status"})
    limit: int | None = field(default=None, metadata={"q": "limit"})
    marker: str | None = field(default=None, metadata={"q": "marker"})
    changes_since: str | datetime | None = field(default=None,
                                                 metadata={"q": "changes-since"})
    changes_before: str | datetime | None = field(default=None,
                                                  metadata={"q": "changes-before"})
    user_id: str | None = field(default=None, metadata={"q": "user_id"})
    project_id: str | None = field(default=None, metadata={"q": "project_id"})

    def to_migrations_list_query(self) -> str:
        """The query string, with a leading `?` when not empty.

        Raises:
            InvalidInput: A negative limit.
        """
        if self.limit is not None and self.limit < 0:
            raise InvalidInput(f"limit must be >= 0, not {self.limit}", "limit")
        return build_query(replace(self, changes_since=_iso(self.changes_since),
                                   changes_before=_iso(self.changes_before)))


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[MigrationPage]:
    """List migrations (`GET /os-migrations`; admins by default policy).

    Until 2.58 one page in id order; from 2.59 newest first, paged by uuid.

    Returns:
        A Pager following `migrations_links`; a bad option surfaces as the first page's
        error.
    """
    try:
        query = opts.to_migrations_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, MigrationPage)
    return Pager(client, urls.list_url(client) + query, MigrationPage)


def list_server_migrations(client: ServiceClient, server_id: str
                           ) -> Pager[ServerMigrationPage]:
    """A server's live migrations in progress (`GET /servers/{server_id}/migrations`,
    2.23 and later; admins by default policy)."""
    return Pager(client, urls.server_migrations_url(client, server_id), ServerMigrationPage)


def get_server_migration(client: ServiceClient, server_id: str, migration_id: int | str
                         ) -> GetResult:
    """One live migration in progress (2.23 and later); one that is over, or not a live
    migration, is a 404 NotFound."""
    return GetResult.request(client, "GET",
                             urls.server_migration_url(client, server_id, str(migration_id)))


def force_complete(client: ServiceClient, server_id: str, migration_id: int | str
                   ) -> ForceCompleteResult:
    """Finish a running live migration now (`force_complete`, 202; 2.22 and later)."""
    return ForceCompleteResult.request(
        client, "POST", urls.force_complete_url(client, server_id, str(migration_id)),
        json={"force_complete": None}, ok_codes=(202,))


def abort(client: ServiceClient, server_id: str, migration_id: int | str) -> AbortResult:
    """Abort a live migration in progress (`DELETE /servers/{id}/migrations/{id}`, 202;
    2.24 and later): the server stays on its host, the migration is `cancelled`."""
    return AbortResult.request(client, "DELETE",
                               urls.server_migration_url(client, server_id, str(migration_id)),
                               ok_codes=(202,))
