"""Cinder snapshots: create (force), list, get, update, delete and waits.

Example to snapshot a volume and wait for it:

    >>> opts = snapshots.CreateOpts(volume_id=volume_id, name="nightly")
    >>> snap = snapshots.create(block_storage, opts).extract()
    >>> snap.status
    'creating'
    >>> snap = snapshots.wait_for_status(block_storage, snap.id, "available", timeout=60,
    ...                                  sleep=cloud.clock.advance, clock=cloud.clock.time)
    >>> snap.progress, snap.volume_id == volume_id
    ('100%', True)

Example to list a volume's snapshots:

    >>> [s.name for s in snapshots.list(block_storage,
    ...                                  snapshots.ListOpts(volume_id=volume_id)).items()]
    ['nightly']

Example to delete it:

    >>> snapshots.delete(block_storage, snap.id).extract_err()
    >>> snapshots.wait_for_delete(block_storage, snap.id, timeout=60,
    ...                           sleep=cloud.clock.advance, clock=cloud.clock.time)
"""

from stackdouble.client.openstack.blockstorage.v3.snapshots.requests import (
    CreateOpts,
    CreateOptsBuilder,
    ListOpts,
    ListOptsBuilder,
    UpdateOpts,
    UpdateOptsBuilder,
    create,
    delete,
    get,
    list,
    list_simple,
    update,
    wait_for_delete,
    wait_for_status,
)
from stackdouble.client.openstack.blockstorage.v3.snapshots.results import (
    CreateResult,
    DeleteResult,
    GetResult,
    Snapshot,
    SnapshotPage,
    SnapshotResult,
    UpdateResult,
    extract_snapshots,
)

__all__ = [
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "ListOpts",
    "ListOptsBuilder",
    "Snapshot",
    "SnapshotPage",
    "SnapshotResult",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "create",
    "delete",
    "extract_snapshots",
    "get",
    "list",
    "list_simple",
    "update",
    "wait_for_delete",
    "wait_for_status",
]
