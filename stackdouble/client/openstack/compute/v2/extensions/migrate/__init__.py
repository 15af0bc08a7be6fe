"""Cold and live migration of servers (`migrate`, `os-migrateLive`; admins).

Example to move a server to another host and confirm it there (an admin client, a cloud
of two hosts):

    >>> from stackdouble.client.openstack.compute.v2.extensions import migrate
    >>> _ = cloud.compute.set_hosts(2)
    >>> migrate.migrate(admin_compute, server_id).extract_err()
    >>> servers.get(admin_compute, server_id).extract().status
    'VERIFY_RESIZE'
    >>> servers.confirm_resize(admin_compute, server_id).extract_err()

Example to live-migrate it back, letting Nova decide on block migration:

    >>> opts = migrate.LiveMigrateOpts(host="stackdouble-compute")
    >>> migrate.live_migrate(admin_compute.with_microversion("2.30"), server_id,
    ...                      opts).extract_err()
    >>> servers.get(admin_compute, server_id).extract().status
    'ACTIVE'
"""

from stackdouble.client.openstack.compute.v2.extensions.migrate.requests import (
    LiveMigrateOpts,
    LiveMigrateOptsBuilder,
    MigrateOpts,
    MigrateOptsBuilder,
    live_migrate,
    migrate,
)
from stackdouble.client.openstack.compute.v2.extensions.migrate.results import MigrateResult

__all__ = ["LiveMigrateOpts", "LiveMigrateOptsBuilder", "MigrateOpts", "MigrateOptsBuilder",
           "MigrateResult", "live_migrate", "migrate"]
