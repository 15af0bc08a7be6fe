"""Cold and live migration of a server (`migrate` and `os-migrateLive` actions)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.compute.v2.extensions.migrate import urls
from stackdouble.client.openstack.compute.v2.extensions.migrate.results import MigrateResult
from stackdouble.client.openstack.compute.v2.servers.requests import ACTION_OK_CODES

__all__ = ["LiveMigrateOpts", "LiveMigrateOptsBuilder", "MigrateOpts", "MigrateOptsBuilder",
           "live_migrate", "migrate"]


class MigrateOptsBuilder(Protocol):
    """Anything that renders the body of `migrate.migrate`."""

    def to_migrate_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class MigrateOpts:
    """Where a cold migration goes (2.56 and later); None lets the scheduler pick.

    Example:
        >>> MigrateOpts(host="compute-2").to_migrate_map()
        {'migrate': {'host': 'compute-2'}}
        >>> MigrateOpts().to_migrate_map()
        {'migrate': None}
    """

    host: str | None = None

    def to_migrate_map(self) -> dict[str, Any]:
        """`{"migrate": null}`, or `{"migrate": {"host": ...}}`."""
        return {"migrate": None if self.host is None else {"host": self.host}}


def migrate(client: ServiceClient, server_id: str, opts: MigrateOptsBuilder | None = None
            ) -> MigrateResult:
    """Cold-migrate a server (`migrate`, 202; admins by default policy).

    The server goes to RESIZE, then VERIFY_RESIZE on another host; confirm with
    `servers.confirm_resize` or go back with `servers.revert_resize`. A server that is
    neither ACTIVE nor SHUTOFF is a 409 Conflict; an unknown host, or the server's own,
    a 400 BadRequest. When no host can take it Nova still answers 202: the migration
    shows `error` in `migrations.list` and the server stays where it was.
    """
    try:
        body = (opts or MigrateOpts()).to_migrate_map()
    except StackdoubleError as exc:
        return MigrateResult.from_error(exc)
    return MigrateResult.request(client, "POST", urls.action_url(client, server_id), json=body,
                                 ok_codes=ACTION_OK_CODES)


class LiveMigrateOptsBuilder(Protocol):
    """Anything that renders the body of `migrate.live_migrate`."""

    def to_live_migrate_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class LiveMigrateOpts:
    """How to live-migrate a server.

    Attributes:
        host: The destination; None lets the scheduler pick (always sent, as Nova requires
            the key).
        block_migration: Copy the disks too; None sends `auto` (2.25 and later), which
            Nova resolves from the storage.
        disk_over_commit: Before 2.25 only (Nova requires it there; None leaves it out).
        force: 2.30 to 2.67: skip the scheduler's checks for `host`.

    Example:
        >>> LiveMigrateOpts(host="compute-2", block_migration=True).to_live_migrate_map()
        {'os-migrateLive': {'host': 'compute-2', 'block_migration': True}}
        >>> LiveMigrateOpts().to_live_migrate_map()
        {'os-migrateLive': {'host': None, 'block_migration': 'auto'}}
    """

    host: str | None = None
    block_migration: bool | None = None
    disk_over_commit: bool | None = None
    force: bool | None = None

    def to_live_migrate_map(self) -> dict[str, Any]:
        """`{"os-migrateLive": {...}}`.

        Raises:
            InvalidInput: `force` without a host.
        """
        if self.force and not self.host:
            raise InvalidInput("force needs a host", "force")
        inner: dict[str, Any] = {
            "host": self.host,
            "block_migration": "auto" if self.block_migration is None else self.block_migration,
        }
        if self.disk_over_commit is not None:
            inner["disk_over_commit"] = self.disk_over_commit
        if self.force is not None:
            inner["force"] = self.force
        return {"os-migrateLive": inner}


def live_migrate(client: ServiceClient, server_id: str, opts: LiveMigrateOptsBuilder
                 ) -> MigrateResult:
    """Live-migrate a server (`os-migrateLive`, 202; admins by default policy).

    The server shows MIGRATING, then its status again on the new host; while it moves,
    `migrations.list_server_migrations` lists the migration. A server that is neither
    ACTIVE nor PAUSED is a 409 Conflict, an unknown host a 400 BadRequest; from 2.34 a
    migration that fails after the API's checks shows `error` instead of a 400.
    """
    try:
        body = opts.to_live_migrate_map()
    except StackdoubleError as exc:
        return MigrateResult.from_error(exc)
    return MigrateResult.request(client, "POST", urls.action_url(client, server_id), json=body,
                                 ok_codes=ACTION_OK_CODES)
