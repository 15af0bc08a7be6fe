"""Migrations of the fake Nova: cold migration (`migrate`), live migration
(`os-migrateLive`) and `evacuate` (`nova/api/openstack/compute/migrate_server.py`,
`evacuate.py`, `nova/compute/api.py`), the `migrations` rows they and `resize` leave, and
their listings: `os-migrations` (`migrations.py`) and `/servers/{id}/migrations`
(`server_migrations.py`). The client's `compute/v2/migrations` and
`extensions/{migrate,evacuate}`.

What the fake's hosts (`hypervisors`) make observable:

- `migrate` (admins): ACTIVE or SHUTOFF, the host's `nova-compute` up; RESIZE, then
  VERIFY_RESIZE on another host the scheduler picks (the server's own host is left out, as
  libvirt hosts lack `COMPUTE_SAME_HOST_COLD_MIGRATE`), holding resources on both hosts
  until `confirmResize` (source freed) or `revertResize` (back to the source). With no
  other host, the API still answers 202 (the conductor is cast to) and the server goes
  back to its state, the migration `error`, the action's event failed.
- `os-migrateLive` (admins): ACTIVE or PAUSED; MIGRATING, then the same state on the other
  host; the migration `running` meanwhile (listed by `/servers/{id}/migrations`), then
  `completed`. Before 2.34 the checks are synchronous (400 "No valid host..."); from 2.34
  a failure shows as the migration's `error` and the action's failed event.
- `evacuate` (admins): only when the server's host's `nova-compute` is down (forced down:
  the fake has no heartbeats), 400 "Compute service of <host> is still in use." otherwise;
  REBUILD, then ACTIVE on another host (SHUTOFF from 2.95 for a stopped server), the
  migration `done`; with no host left, ERROR with "No valid host was found. ...".

Migration statuses are those of `nova/compute/manager.py` and the conductor's tasks:
`migrating` → `finished` → `confirmed`/`reverting` → `reverted` (cold, resize),
`running` → `completed` (live), `accepted` → `done` (evacuation), `error` on failure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from stackdouble.fakes.compute import states as st
from stackdouble.fakes.compute.errors import (
    BadRequest,
    Conflict,
    NotFound,
    instance_locked,
    policy_forbidden,
)
from stackdouble.fakes.compute.models._base import ModelBase
from stackdouble.fakes.compute.models._common import NO_VALID_HOST, Caller
from stackdouble.fakes.compute.models.hypervisors import _disk_of, derived_uuid
from stackdouble.fakes.compute.models.servers import Server, ServerFault

if TYPE_CHECKING:
    from stackdouble.fakes.compute.models.hypervisors import ComputeHost

__all__ = ["IN_PROGRESS_LIVE", "Migration", "MigrationFilters", "MigrationsMixin"]

#: The statuses of a live migration in progress (`server_migrations.py`'s `in_progress`).
IN_PROGRESS_LIVE = ("queued", "preparing", "running", "post-migrating")
#: "No valid host" as the conductor words it for a cold migration.
NO_HOST_COLD = "No valid host was found. No valid host found for cold migrate"


@dataclass(slots=True)
class Migration:
    """A row of `migrations`."""

    id: int
    uuid: str
    instance_uuid: str
    migration_type: str  # migration, resize, live-migration, evacuation
    status: str
    source_compute: str | None
    source_node: str | None
    dest_compute: str | None
    dest_node: str | None
    dest_host: str | None
    old_instance_type_id: int
    new_instance_type_id: int
    user_id: str
    project_id: str
    created_at: datetime
    updated_at: datetime | None = None
    memory_total: int = 0  # bytes a live migration copies (the flavor's RAM)
    disk_total: int = 0  # bytes a live block migration copies (root and ephemeral disks)
    source_claimed: bool = False  # the source host still holds the server's resources
    dest_claimed: bool = False  # the destination holds them too (cold, before confirm)


@dataclass(frozen=True, slots=True)
class MigrationFilters:
    """`GET /os-migrations`' filters (`migration_get_all_by_filters`); None: any."""

    host: str | None = None
    source_compute: str | None = None
    status: str | None = None
    instance_uuid: str | None = None
    migration_type: str | None = None
    hidden: bool | None = None
    since: datetime | None = None
    before: datetime | None = None
    user_id: str | None = None
    project_id: str | None = None


def _admin(caller: Caller, rule: str) -> None:
    if not caller.is_admin:
        raise policy_forbidden(rule)


class MigrationsMixin(ModelBase):
    """Migrations, mixed into `ComputeModel`."""

    # -- records -----------------------------------------------------------------------------

    def _new_migration(self, server: Server, kind: str, status: str, dest: str | None,
                       user_id: str, new_flavor_row: int | None = None) -> Migration:
        self._migration_row += 1
        row = self._migration_row
        target = self.hosts.get(dest) if dest else None
        migration = Migration(
            id=row, uuid=derived_uuid(f"migration:{server.uuid}:{row}"),
            instance_uuid=server.uuid, migration_type=kind, status=status,
            source_compute=server.host, source_node=server.host, dest_compute=dest,
            dest_node=dest, dest_host=target.host_ip if target else None,
            old_instance_type_id=server.flavor.row,
            new_instance_type_id=server.flavor.row if new_flavor_row is None
            else new_flavor_row,
            user_id=user_id, project_id=server.project_id,
            created_at=self._now())
        self.migrations.append(migration)
        self._open_migrations[server.uuid] = migration
        return migration

    def _set_status(self, migration: Migration, status: str, when: datetime) -> None:
        migration.status = status
        migration.updated_at = when

    def _host_claim(self, host: ComputeHost, server: Server, sign: int) -> None:
        flavor = server.flavor
        host.used_vcpus += sign * flavor.vcpus
        host.used_ram += sign * flavor.ram
        host.used_disk += sign * _disk_of(flavor, not server.image_ref)
        if sign > 0:
            host.servers[server.uuid] = None
        else:
            host.servers.pop(server.uuid, None)

    def _release_migration_claims(self, server: Server) -> None:
        """A deleted server gives back what an unconfirmed migration still holds."""
        migration = self._open_migrations.pop(server.uuid, None)
        if migration is None:
            return
        for claimed, name in ((migration.source_claimed, migration.source_compute),
                              (migration.dest_claimed, migration.dest_compute)):
            host = self.hosts.get(name or "")
            if claimed and name != server.node and host is not None:
                self._host_claim(host, server, -1)
        migration.source_claimed = migration.dest_claimed = False

    def _pick_host(self, server: Server, *, exclude: str | None,
                   only: str | None = None, check_capacity: bool = True) -> str | None:
        """The scheduler for one moving server: a host with room (the RAM weigher),
        never `exclude`, only `only` when given; None: NoValidHost."""
        if only is not None and not check_capacity:
            host = self.hosts.get(only)
            return only if host is not None and only != exclude else None
        saved = dict(self.hosts)
        try:
            for name in list(self.hosts):
                if name == exclude or (only is not None and name != only):
                    del self.hosts[name]
            if not self.hosts:
                return None
            group = next((g for g in self.server_groups.values()
                          if server.uuid in g.members), None)
            nodes = self._schedule([server], group, not server.image_ref)
        finally:
            self.hosts.clear()
            self.hosts.update(saved)
        return nodes[0] if nodes else None

    def _service_up(self, host_name: str | None) -> bool:
        host = self.hosts.get(host_name or "")
        return host is not None and not host.service.forced_down

    # -- cold migration ----------------------------------------------------------------------

    def migrate_server(self, caller: Caller, server_id: str, *,
                       host: str | None = None) -> Migration:
        """`migrate` (admins; `host` from 2.56): RESIZE, then VERIFY_RESIZE elsewhere.

        Raises:
            NotFound: As `get_server`.
            Forbidden: Not an admin.
            Conflict: Locked, not ACTIVE/SHUTOFF, or its host's service down.
            BadRequest: `host` unknown or the server's own.
        """
        server = self.get_server(caller, server_id)
        _admin(caller, "os_compute_api:os-migrate-server:migrate"
               + (":host" if host else ""))
        self._check(caller, server, "migrate", vm_states=(st.ACTIVE, st.STOPPED))
        if not server.host:
            raise Conflict(f"Instance {server.uuid} is not ready")
        if not self._service_up(server.host):
            raise Conflict("Service is unavailable at this time.")
        if host is not None:
            if host == server.host:
                raise BadRequest("Cannot migrate to the host where the server exists.")
            if host not in self.hosts:
                raise BadRequest(f"Compute host {host} could not be found.")
        dest = self._pick_host(server, exclude=server.host, only=host)
        server.task_state = "resize_prep"
        server.progress = 0
        migration = self._new_migration(server, "migration",
                                        "migrating" if dest else "error", dest, caller.user_id)
        if dest is None:
            migration.updated_at = migration.created_at
            self._open_migrations.pop(server.uuid, None)
            self._start(server, "migrate_failed")
            self._record(server, "migrate", caller.user_id, ok=False,
                         event="conductor_migrate_server", fault=NO_HOST_COLD)
            return migration
        self._host_claim(self.hosts[dest], server, +1)
        migration.source_claimed = migration.dest_claimed = True
        self._start(server, "migrate", migration=migration)
        self._record(server, "migrate", caller.user_id)
        return migration

    def _complete_migration(self, server: Server, kind: str, args: dict[str, Any],
                            when: datetime) -> None:
        """The end of a background step this mixin started (see `_complete`)."""
        migration: Migration | None = args.get("migration")
        if kind == "migrate_failed":
            server.task_state = None
        elif kind == "migrate" and migration is not None:
            server.old_flavor = server.flavor
            server.old_vm_state = server.vm_state
            server.vm_state = st.RESIZED
            server.host = server.node = migration.dest_compute
            self._bind_ports(server)
            self._set_status(migration, "finished", when)
        elif kind == "live" and migration is not None:
            if args.get("ok"):
                source = self.hosts.get(migration.source_compute or "")
                if source is not None:
                    self._host_claim(source, server, -1)
                server.host = server.node = migration.dest_compute
                self._bind_ports(server)
                self._set_status(migration, "completed", when)
            else:
                self._set_status(migration, "error", when)
            self._open_migrations.pop(server.uuid, None)
        elif kind == "evacuate" and migration is not None:
            self._finish_evacuation(server, migration, args, when)
        elif kind == "resize" and migration is not None:
            self._set_status(migration, "finished", when)
        elif kind == "revert":
            self._finish_revert(server, when)

    def _migration_confirmed(self, server: Server) -> None:
        """`confirmResize`: the source host's resources are freed, the migration
        `confirmed`."""
        migration = self._open_migrations.pop(server.uuid, None)
        if migration is None:
            return
        if migration.migration_type == "migration" and migration.source_claimed:
            source = self.hosts.get(migration.source_compute or "")
            if source is not None:
                self._host_claim(source, server, -1)
        migration.source_claimed = migration.dest_claimed = False
        self._set_status(migration, "confirmed", self._now())

    def _migration_reverting(self, server: Server) -> None:
        """`revertResize` asked: the migration is `reverting`."""
        migration = self._open_migrations.get(server.uuid)
        if migration is not None:
            self._set_status(migration, "reverting", self._now())

    def _finish_revert(self, server: Server, when: datetime) -> None:
        migration = self._open_migrations.pop(server.uuid, None)
        if migration is None:
            return
        if migration.migration_type == "migration":
            dest = self.hosts.get(migration.dest_compute or "")
            if dest is not None and migration.dest_claimed:
                self._host_claim(dest, server, -1)
            server.host = server.node = migration.source_compute
            self._bind_ports(server)
        migration.source_claimed = migration.dest_claimed = False
        self._set_status(migration, "reverted", when)

    def _record_resize(self, server: Server, new_flavor_row: int, user_id: str) -> None:
        """`resize` on the same host (DevStack's `allow_resize_to_same_host`) leaves a
        `resize` migration, finished with VERIFY_RESIZE (call it after `_start`)."""
        migration = self._new_migration(server, "resize", "migrating", server.host, user_id,
                                        new_flavor_row)
        server.pending_args["migration"] = migration

    # -- live migration ----------------------------------------------------------------------

    def live_migrate_server(self, caller: Caller, server_id: str, *, host: str | None,
                            block_migration: bool | None, force: bool | None,
                            asynchronous: bool) -> Migration | None:
        """`os-migrateLive` (admins): MIGRATING, then on another host.

        Args:
            caller: Who asks.
            server_id: The server.
            host: The destination, or None for the scheduler's pick.
            block_migration: True, False or None (`auto`, 2.25); the fake's hosts share
                nothing, so either migrates.
            force: (2.30-2.67) skip the scheduler for `host`.
            asynchronous: 2.34+: failures after the checks show on the migration, not as
                a 400.

        Raises:
            NotFound: As `get_server`.
            Forbidden: Not an admin.
            Conflict: Locked or not ACTIVE/PAUSED.
            BadRequest: An unknown host; (before 2.34) no valid host or the same host.
        """
        server = self.get_server(caller, server_id)
        _admin(caller, "os_compute_api:os-migrate-server:migrate_live"
               + (":host" if host else ""))
        if server.locked_by is not None and not caller.is_admin:
            raise instance_locked(server.uuid)
        self._check(caller, server, "os-migrateLive", vm_states=(st.ACTIVE, st.PAUSED),
                    lock=False)
        if host is not None and host not in self.hosts:
            raise BadRequest(f"Compute host {host} could not be found.")
        error: str | None = None
        dest: str | None = None
        if host is not None and host == server.host:
            error = f"Unable to migrate instance ({server.uuid}) to current host ({host})."
        elif not self._service_up(server.host):
            error = f"Compute service of {server.host} is unavailable at this time."
        elif host is not None and force and not self._service_up(host):
            error = f"Compute service of {host} is unavailable at this time."
        else:
            dest = self._pick_host(server, exclude=server.host, only=host,
                                   check_capacity=not force)
            if dest is None:
                error = NO_VALID_HOST
        if error is not None and not asynchronous:
            raise BadRequest(error)
        server.task_state = "migrating"
        migration = self._new_migration(server, "live-migration",
                                        "running" if dest else "error", dest, caller.user_id)
        migration.memory_total = server.flavor.ram * 1024 * 1024
        if block_migration or (block_migration is None and server.image_ref):
            migration.disk_total = (server.flavor.disk + server.flavor.ephemeral) * 1024**3
        if dest is not None:
            self._host_claim(self.hosts[dest], server, +1)
            migration.source_claimed = migration.dest_claimed = True
        else:
            migration.updated_at = migration.created_at
        self._start(server, "live", migration=migration, ok=dest is not None)
        self._record(server, "live-migration", caller.user_id, ok=dest is not None,
                     event="compute_live_migration" if dest else "conductor_live_migrate_instance",
                     fault=error)
        return migration

    # -- evacuate ----------------------------------------------------------------------------

    def evacuate_server(self, caller: Caller, server_id: str, *, host: str | None,
                        force: bool | None = None, stop: bool = False) -> Migration:
        """`evacuate` (admins): rebuilt on another host when its own is down.

        Args:
            caller: Who asks.
            server_id: The server.
            host: The destination, or None for the scheduler's pick.
            force: (2.29-2.67) skip the scheduler for `host`.
            stop: (2.95) the evacuated server ends SHUTOFF.

        Raises:
            NotFound: As `get_server`, or an unknown `host` ("Compute host <h> not found.").
            Forbidden: Not an admin.
            BadRequest: `host` is the server's own, or its host's service is up.
            Conflict: Not ACTIVE/SHUTOFF/ERROR, or never launched.
        """
        server = self.get_server(caller, server_id)
        _admin(caller, "os_compute_api:os-evacuate")
        if host is not None and host not in self.hosts:
            raise NotFound(f"Compute host {host} not found.")
        if server.host == host:
            raise BadRequest("The target host can't be the same one.")
        self._check(caller, server, "evacuate", vm_states=(st.ACTIVE, st.STOPPED, st.ERROR),
                    task_states=None, lock=False)  # `task_state=None`: any task
        if self._service_up(server.host):
            raise BadRequest(f"Compute service of {server.host} is still in use.")
        dest = self._pick_host(server, exclude=server.host, only=host,
                               check_capacity=not force)
        server.task_state = "rebuilding"
        migration = self._new_migration(server, "evacuation", "accepted", host,
                                        caller.user_id)
        self._start(server, "evacuate", migration=migration, dest=dest, stop=stop)
        self._record(server, "evacuate", caller.user_id, ok=dest is not None,
                     event="compute_rebuild_instance" if dest else "conductor_rebuild_server",
                     fault=NO_VALID_HOST)
        return migration

    def _finish_evacuation(self, server: Server, migration: Migration, args: dict[str, Any],
                           when: datetime) -> None:
        self._open_migrations.pop(server.uuid, None)
        dest: str | None = args.get("dest")
        if dest is None:
            self._set_status(migration, "error", when)
            server.vm_state, server.power_state = st.ERROR, st.POWER_NOSTATE
            server.fault = ServerFault(code=500, message=NO_VALID_HOST, created_at=when)
            return
        source = self.hosts.get(server.node or "")
        if source is not None:
            self._host_claim(source, server, -1)
        self._host_claim(self.hosts[dest], server, +1)
        server.host = server.node = dest
        self._bind_ports(server)
        migration.dest_compute = migration.dest_node = dest
        migration.dest_host = self.hosts[dest].host_ip
        if args.get("stop"):
            server.vm_state, server.power_state = st.STOPPED, st.POWER_SHUTDOWN
        else:
            server.vm_state, server.power_state = st.ACTIVE, st.POWER_RUNNING
        server.fault = None
        server.launched_at = when
        self._set_status(migration, "done", when)

    # -- listings ----------------------------------------------------------------------------

    def _settled_migrations(self) -> list[Migration]:
        now = self.cloud.clock.time()
        for migration in self.migrations:
            server = self.servers.get(migration.instance_uuid)
            if server is not None:
                self._settle(server, now)
        return self.migrations

    def list_migrations(self, caller: Caller, filters: MigrationFilters, *,
                        newest_first: bool, limit: int | None = None,
                        marker: str | None = None) -> list[Migration]:
        """`GET /os-migrations` (admins; another project's migrations too).

        Args:
            caller: Who asks.
            filters: What to keep.
            newest_first: 2.59's order (`created_at desc, id desc`); before: by id.
            limit: The page size (2.59).
            marker: The uuid of the last migration of the previous page (2.59).

        Raises:
            Forbidden: Not an admin.
            BadRequest: "Marker <marker> could not be found."
        """
        _admin(caller, "os_compute_api:os-migrations:index")
        found = [m for m in self._settled_migrations() if _matches(m, filters)]
        if newest_first:
            found.sort(key=lambda m: (m.created_at, m.id), reverse=True)
        if marker is not None:
            ids = [m.uuid for m in found]
            if marker not in ids:
                raise BadRequest(f"Marker {marker} could not be found.")
            found = found[ids.index(marker) + 1:]
        if limit is not None:
            found = found[:limit]
        return found

    def server_migrations(self, caller: Caller, server_id: str) -> list[Migration]:
        """`GET /servers/{id}/migrations` (admins, 2.23): its live migrations in progress.

        Raises:
            NotFound: As `get_server`.
            Forbidden: Not an admin.
        """
        server = self.get_server(caller, server_id)
        _admin(caller, "os_compute_api:servers:migrations:index")
        return [m for m in self._settled_migrations()
                if m.instance_uuid == server.uuid and m.migration_type == "live-migration"
                and m.status in IN_PROGRESS_LIVE]

    def server_migration(self, caller: Caller, server_id: str, migration_id: str) -> Migration:
        """`GET /servers/{id}/migrations/{migration_id}` (admins, 2.23).

        Raises:
            NotFound: Unknown, not a live migration, or not in progress (Nova's three
                messages).
            Forbidden: Not an admin.
        """
        server = self.get_server(caller, server_id)
        _admin(caller, "os_compute_api:servers:migrations:show")
        found = next((m for m in self._settled_migrations()
                      if str(m.id) == migration_id and m.instance_uuid == server.uuid), None)
        if found is None:
            raise NotFound(f"In-progress live migration {migration_id} is not found for "
                           f"server {server_id}.")
        if found.migration_type != "live-migration":
            raise NotFound(f"Migration {migration_id} for server {server_id} is not "
                           "live-migration.")
        if found.status not in IN_PROGRESS_LIVE:
            raise NotFound(f"Live migration {migration_id} for server {server_id} is not in "
                           "progress.")
        return found

    def migration_progress(self, migration: Migration) -> float:
        """How far a live migration in flight is, from 0 to 1, by the fake clock."""
        server = self.servers.get(migration.instance_uuid)
        if server is None or server.pending != "live":
            return 1.0
        begun = migration.created_at.timestamp()
        span = server.due - begun
        if span <= 0:
            return 1.0
        return min(1.0, max(0.0, (self.cloud.clock.time() - begun) / span))

    def force_complete_live_migration(self, caller: Caller, server_id: str,
                                      migration_id: str) -> None:
        """`force_complete` (admins, 2.22): a running live migration completes now.

        Raises:
            NotFound: As `get_server`.
            Forbidden: Not an admin.
            Conflict: Locked, or not ACTIVE and MIGRATING.
            BadRequest: An unknown migration ("Migration <id> not found for instance
                <uuid>") or one not `running`.
        """
        server = self.get_server(caller, server_id)
        _admin(caller, "os_compute_api:servers:migrations:force_complete")
        self._check(caller, server, "force_complete", vm_states=(st.ACTIVE,),
                    task_states=("migrating",), must_have_launched=False)
        found = next((m for m in self.migrations
                      if str(m.id) == migration_id and m.instance_uuid == server.uuid), None)
        if found is None:
            raise BadRequest(f"Migration {migration_id} not found for instance {server.uuid}")
        if found.status != "running":
            raise BadRequest(f"Migration {migration_id} state of instance {server.uuid} is "
                             f"{found.status}. Cannot force complete while the migration "
                             "is in this state.")
        self._record(server, "live_migration_force_complete", caller.user_id)
        server.due = self.cloud.clock.time()
        self._settle(server)

    def abort_live_migration(self, caller: Caller, server_id: str, migration_id: str) -> None:
        """`DELETE /servers/{id}/migrations/{migration_id}` (admins, 2.24): the server
        stays where it was, the migration `cancelled`.

        Raises:
            NotFound: "Migration <id> not found for instance <uuid>".
            Conflict: The server is not MIGRATING, or locked.
            BadRequest: The migration is not running.
        """
        server = self.get_server(caller, server_id)
        _admin(caller, "os_compute_api:servers:migrations:delete")
        self._check(caller, server, "abort live migration", task_states=("migrating",),
                    must_have_launched=False)
        found = next((m for m in self.migrations
                      if str(m.id) == migration_id and m.instance_uuid == server.uuid), None)
        if found is None:
            raise NotFound(f"Migration {migration_id} not found for instance {server.uuid}")
        if found.status not in ("running", "queued", "preparing"):
            raise BadRequest(f"Migration {migration_id} state of instance {server.uuid} is "
                             f"{found.status}. Cannot abort live migration while the "
                             "migration is in this state.")
        dest = self.hosts.get(found.dest_compute or "")
        if dest is not None and found.dest_claimed:
            self._host_claim(dest, server, -1)
        found.source_claimed = found.dest_claimed = False
        self._open_migrations.pop(server.uuid, None)
        server.pending = None
        server.pending_args = {}
        server.task_state = None
        self._set_status(found, "cancelled", self._now())
        self._record(server, "live_migration_cancel", caller.user_id)


def _matches(m: Migration, f: MigrationFilters) -> bool:
    """`_get_migrations_by_filters`' conditions (the deleted and hidden ones aside)."""
    if f.host is not None and f.host not in (m.source_compute, m.dest_compute):
        return False
    checks: Sequence[tuple[str | None, str | None]] = (
        (f.source_compute, m.source_compute), (f.status, m.status),
        (f.instance_uuid, m.instance_uuid), (f.migration_type, m.migration_type),
        (f.user_id, m.user_id), (f.project_id, m.project_id))
    if any(wanted is not None and wanted != value for wanted, value in checks):
        return False
    updated = m.updated_at  # NULL matches neither bound, as in SQL
    if f.since is not None and (updated is None or updated < f.since):
        return False
    return not (f.before is not None and (updated is None or updated > f.before))
