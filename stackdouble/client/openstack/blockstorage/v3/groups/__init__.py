"""Cinder generic volume groups (microversion 3.13): list, get, create, update (rename,
add and remove volumes), delete (with its volumes), an admin's `reset_status` (3.20) and
`create_from_src` (3.14: a new group from a group snapshot or a copy of another group).
A group is made of a group type (`grouptypes`) and the volume types its volumes may have;
`volumes.CreateOpts(group_id=...)` creates a volume in it, `groupsnapshots` snapshots it.

Example to make a group and put a volume in it:

    >>> from stackdouble.client.openstack.blockstorage.v3 import groups, grouptypes
    >>> admin = admin_block_storage.with_microversion("3.25")
    >>> member = block_storage.with_microversion("3.25")
    >>> gtype = grouptypes.create(admin, grouptypes.CreateOpts(name="db")).extract()
    >>> made = groups.create(member, groups.CreateOpts(
    ...     group_type=gtype.id, volume_types=["__DEFAULT__"], name="db-1")).extract()
    >>> groups.get(member, made.id).extract().status
    'available'
    >>> vol = volumes.create(member, volumes.CreateOpts(size=1,
    ...                                                 volume_type="__DEFAULT__")).extract()
    >>> groups.update(member, made.id, groups.UpdateOpts(add_volumes=[vol.id])).extract_err()
    >>> groups.get(member, made.id, list_volume=True).extract().volumes == [vol.id]
    True

Example to copy it, a clone of each of its volumes (`groupsnapshots` to restore a group
snapshot the same way, `CreateFromSrcOpts(group_snapshot_id=...)`):

    >>> copy = groups.create_from_src(member, groups.CreateFromSrcOpts(
    ...     source_group_id=made.id, name="db-2")).extract()
    >>> copied = groups.get(member, copy.id, list_volume=True).extract()
    >>> (copied.source_group_id == made.id, len(copied.volumes))
    (True, 1)
    >>> groups.delete(member, copy.id, delete_volumes=True).extract_err()

Example to delete it with its volumes:

    >>> groups.delete(member, made.id, delete_volumes=True).extract_err()
    >>> [g.id for g in groups.list(member).all_pages().items()]
    []
"""

from stackdouble.client.openstack.blockstorage.v3.groups.requests import (
    CreateFromSrcOpts,
    CreateFromSrcOptsBuilder,
    CreateOpts,
    CreateOptsBuilder,
    ListOpts,
    ListOptsBuilder,
    UpdateOpts,
    UpdateOptsBuilder,
    create,
    create_from_src,
    delete,
    get,
    list,
    list_simple,
    reset_status,
    update,
)
from stackdouble.client.openstack.blockstorage.v3.groups.results import (
    CreateFromSrcResult,
    CreateResult,
    DeleteResult,
    GetResult,
    Group,
    GroupPage,
    GroupResult,
    ResetStatusResult,
    UpdateResult,
    extract_groups,
)

__all__ = [
    "CreateFromSrcOpts",
    "CreateFromSrcOptsBuilder",
    "CreateFromSrcResult",
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "Group",
    "GroupPage",
    "GroupResult",
    "ListOpts",
    "ListOptsBuilder",
    "ResetStatusResult",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "create",
    "create_from_src",
    "delete",
    "extract_groups",
    "get",
    "list",
    "list_simple",
    "reset_status",
    "update",
]
