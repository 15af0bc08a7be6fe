"""Cinder group snapshots (microversion 3.14): list, get, create, delete, and an admin's
`reset_status` (3.19). A group snapshot snapshots every volume of a group (`groups`) at
once; each volume snapshot shows the group snapshot's id (`snapshots.Snapshot.
group_snapshot_id`) and cannot be deleted on its own.

Example to snapshot a group of one volume:

    >>> from stackdouble.client.openstack.blockstorage.v3 import groups, groupsnapshots
    >>> from stackdouble.client.openstack.blockstorage.v3 import grouptypes
    >>> admin = admin_block_storage.with_microversion("3.14")
    >>> member = block_storage.with_microversion("3.14")
    >>> gtype = grouptypes.create(admin, grouptypes.CreateOpts(name="db")).extract()
    >>> group = groups.create(member, groups.CreateOpts(
    ...     group_type=gtype.id, volume_types=["__DEFAULT__"])).extract()
    >>> vol = volumes.create(member, volumes.CreateOpts(
    ...     size=1, volume_type="__DEFAULT__", group_id=group.id)).extract()
    >>> made = groupsnapshots.create(member, groupsnapshots.CreateOpts(
    ...     group_id=group.id, name="nightly")).extract()
    >>> groupsnapshots.get(member, made.id).extract().status
    'available'
    >>> [s.group_snapshot_id == made.id for s in snapshots.list(member).all_pages().items()]
    [True]

Example to delete it (its snapshots go with it):

    >>> groupsnapshots.delete(member, made.id).extract_err()
    >>> snapshots.list(member).all_pages().items()
    []
"""

from stackdouble.client.openstack.blockstorage.v3.groupsnapshots.requests import (
    CreateOpts,
    CreateOptsBuilder,
    ListOpts,
    ListOptsBuilder,
    create,
    delete,
    get,
    list,
    list_simple,
    reset_status,
)
from stackdouble.client.openstack.blockstorage.v3.groupsnapshots.results import (
    CreateResult,
    DeleteResult,
    GetResult,
    GroupSnapshot,
    GroupSnapshotPage,
    GroupSnapshotResult,
    ResetStatusResult,
    extract_group_snapshots,
)

__all__ = [
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "GroupSnapshot",
    "GroupSnapshotPage",
    "GroupSnapshotResult",
    "ListOpts",
    "ListOptsBuilder",
    "ResetStatusResult",
    "create",
    "delete",
    "extract_group_snapshots",
    "get",
    "list",
    "list_simple",
    "reset_status",
]
