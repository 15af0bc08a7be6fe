"""Cinder backups: create (full or incremental), list, get, update, delete, restore, the
admins' reset and force delete, and waits.

Example to back up a volume and wait for it:

    >>> from stackdouble.client.openstack.blockstorage.v3 import backups
    >>> made = backups.create(block_storage, backups.CreateOpts(
    ...     volume_id=volume_id, name="nightly")).extract()
    >>> volumes.get(block_storage, volume_id).extract().status
    'available'
    >>> backup = backups.wait_for_status(block_storage, made.id, "available", timeout=60,
    ...                                  sleep=cloud.clock.advance, clock=cloud.clock.time)
    >>> backup.name, backup.size, backup.is_incremental
    ('nightly', 1, False)

Example to add an incremental backup, then restore the full one to a new volume:

    >>> delta = backups.create(block_storage, backups.CreateOpts(
    ...     volume_id=volume_id, incremental=True)).extract()
    >>> backups.get(block_storage, delta.id).extract().is_incremental
    True
    >>> restored = backups.restore(block_storage, backup.id).extract()
    >>> volumes.get(block_storage, restored.volume_id).extract().size
    1

Example to list them, newest first, and delete the incremental one:

    >>> [b.is_incremental for b in backups.list(block_storage).items()]
    [True, False]
    >>> backups.delete(block_storage, delta.id).extract_err()
    >>> backups.wait_for_delete(block_storage, delta.id, timeout=60,
    ...                         sleep=cloud.clock.advance, clock=cloud.clock.time)
"""

from stackdouble.client.openstack.blockstorage.v3.backups.requests import (
    CreateOpts,
    CreateOptsBuilder,
    ListOpts,
    ListOptsBuilder,
    ResetStatusOpts,
    ResetStatusOptsBuilder,
    RestoreOpts,
    RestoreOptsBuilder,
    UpdateOpts,
    UpdateOptsBuilder,
    create,
    delete,
    force_delete,
    get,
    list,
    list_simple,
    reset_status,
    restore,
    update,
    wait_for_delete,
    wait_for_status,
)
from stackdouble.client.openstack.blockstorage.v3.backups.results import (
    Backup,
    BackupPage,
    BackupResult,
    CreateResult,
    DeleteResult,
    ForceDeleteResult,
    GetResult,
    ResetStatusResult,
    Restore,
    RestoreResult,
    UpdateResult,
    extract_backups,
)

__all__ = [
    "Backup",
    "BackupPage",
    "BackupResult",
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteResult",
    "ForceDeleteResult",
    "GetResult",
    "ListOpts",
    "ListOptsBuilder",
    "ResetStatusOpts",
    "ResetStatusOptsBuilder",
    "ResetStatusResult",
    "Restore",
    "RestoreOpts",
    "RestoreOptsBuilder",
    "RestoreResult",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "create",
    "delete",
    "extract_backups",
    "force_delete",
    "get",
    "list",
    "list_simple",
    "reset_status",
    "restore",
    "update",
    "wait_for_delete",
    "wait_for_status",
]
