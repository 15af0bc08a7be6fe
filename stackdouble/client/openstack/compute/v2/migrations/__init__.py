"""Nova migrations: `list` (`os-migrations`: cold and live migrations, resizes and
evacuations; admins) and a server's live migrations in progress
(`list_server_migrations`, `get_server_migration`, `force_complete`, `abort`; 2.22-2.24
and later).

Example to find the migrations that failed, newest first (2.59 and later):

    >>> from stackdouble.client.openstack.compute.v2 import migrations
    >>> admin = admin_compute.with_microversion("2.80")
    >>> failed = migrations.list(admin, migrations.ListOpts(status="error")).items()
    >>> [m.migration_type for m in failed]
    []

Example to see a live migration move, then finish it (two hosts, 60 fake seconds a
move):

    >>> from stackdouble.client.openstack.compute.v2.extensions import migrate
    >>> _ = cloud.compute.set_hosts(2)
    >>> cloud.compute.set_action_time(60)
    >>> migrate.live_migrate(admin, server_id, migrate.LiveMigrateOpts()).extract_err()
    >>> [moving] = migrations.list_server_migrations(admin, server_id).items()
    >>> moving.status, moving.dest_compute
    ('running', 'stackdouble-compute-2')
    >>> migrations.force_complete(admin, server_id, moving.id).extract_err()
    >>> [(m.migration_type, m.status) for m in migrations.list(admin).items()]
    [('live-migration', 'completed')]
"""

from stackdouble.client.openstack.compute.v2.migrations.requests import (
    ListOpts,
    ListOptsBuilder,
    abort,
    force_complete,
    get_server_migration,
    list,
    list_server_migrations,
)
from stackdouble.client.openstack.compute.v2.migrations.results import (
    AbortResult,
    ForceCompleteResult,
    GetResult,
    Migration,
    MigrationPage,
    ServerMigration,
    ServerMigrationPage,
    extract_migrations,
    extract_server_migrations,
)

__all__ = [
    "AbortResult",
    "ForceCompleteResult",
    "GetResult",
    "ListOpts",
    "ListOptsBuilder",
    "Migration",
    "MigrationPage",
    "ServerMigration",
    "ServerMigrationPage",
    "abort",
    "extract_migrations",
    "extract_server_migrations",
    "force_complete",
    "get_server_migration",
    "list",
    "list_server_migrations",
]
