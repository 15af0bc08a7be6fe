"""Keystone v3 groups and their members.

Example to create a group and add a user:

    >>> group = groups.create(admin_identity, groups.CreateOpts(name="ops")).extract()
    >>> groups.add_user(admin_identity, group.id, cloud.user_id("demo")).extract_err()
    >>> groups.check_user(admin_identity, group.id, cloud.user_id("demo")).extract()
    True
    >>> [u.name for u in groups.list_users(admin_identity, group.id).items()]
    ['demo']

Example to rename, list, and delete it:

    >>> groups.update(admin_identity, group.id, groups.UpdateOpts(name="sre")).extract().name
    'sre'
    >>> [g.name for g in groups.list(admin_identity).items()]
    ['sre']
    >>> groups.remove_user(admin_identity, group.id, cloud.user_id("demo")).extract_err()
    >>> groups.delete(admin_identity, group.id).extract_err()
"""

from stackdouble.client.openstack.identity.v3.groups.requests import (
    CreateOpts,
    CreateOptsBuilder,
    ListOpts,
    ListOptsBuilder,
    UpdateOpts,
    UpdateOptsBuilder,
    add_user,
    check_user,
    create,
    delete,
    get,
    list,
    list_users,
    remove_user,
    update,
)
from stackdouble.client.openstack.identity.v3.groups.results import (
    CreateResult,
    DeleteResult,
    GetResult,
    Group,
    GroupPage,
    MembershipResult,
    UpdateResult,
    extract_groups,
)

__all__ = [
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "Group",
    "GroupPage",
    "ListOpts",
    "ListOptsBuilder",
    "MembershipResult",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "add_user",
    "check_user",
    "create",
    "delete",
    "extract_groups",
    "get",
    "list",
    "list_users",
    "remove_user",
    "update",
]
