"""Cinder snapshots: create (force), list, get, update, delete, metadata and waits.

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

Example to set, read and remove its metadata:

    >>> snapshots.update_metadata(block_storage, snap.id, {"kind": "nightly"}).extract()
    {'kind': 'nightly'}
    >>> snapshots.create_metadatum(block_storage, snap.id, "keep", "7").extract()
    {'keep': '7'}
    >>> snapshots.metadata(block_storage, snap.id).extract()
    {'kind': 'nightly', 'keep': '7'}
    >>> snapshots.delete_metadatum(block_storage, snap.id, "kind").extract_err()
    >>> snapshots.reset_metadata(block_storage, snap.id, {"keep": "30"}).extract()
    {'keep': '30'}
    >>> snapshots.metadatum(block_storage, snap.id, "kind").extract()
    Traceback (most recent call last):
    ...
    stackdouble.client._errors.NotFound: ...

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
    create_metadatum,
    delete,
    delete_metadatum,
    get,
    list,
    list_simple,
    metadata,
    metadatum,
    reset_metadata,
    update,
    update_metadata,
    wait_for_delete,
    wait_for_status,
)
from stackdouble.client.openstack.blockstorage.v3.snapshots.results import (
    CreateMetadatumResult,
    CreateResult,
    DeleteMetadatumResult,
    DeleteResult,
    GetMetadataResult,
    GetMetadatumResult,
    GetResult,
    MetadataResult,
    MetadatumResult,
    ResetMetadataResult,
    Snapshot,
    SnapshotPage,
    SnapshotResult,
    UpdateMetadataResult,
    UpdateResult,
    extract_snapshots,
)

__all__ = [
    "CreateMetadatumResult",
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteMetadatumResult",
    "DeleteResult",
    "GetMetadataResult",
    "GetMetadatumResult",
    "GetResult",
    "ListOpts",
    "ListOptsBuilder",
    "MetadataResult",
    "MetadatumResult",
    "ResetMetadataResult",
    "Snapshot",
    "SnapshotPage",
    "SnapshotResult",
    "UpdateMetadataResult",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "create",
    "create_metadatum",
    "delete",
    "delete_metadatum",
    "extract_snapshots",
    "get",
    "list",
    "list_simple",
    "metadata",
    "metadatum",
    "reset_metadata",
    "update",
    "update_metadata",
    "wait_for_delete",
    "wait_for_status",
]
