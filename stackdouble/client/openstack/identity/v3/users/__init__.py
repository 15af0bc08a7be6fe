"""Keystone v3 users.

Example to create a user (an admin's call) and read it back:

    >>> user = users.create(admin_identity, users.CreateOpts(
    ...     name="alice", password="s3cret", description="ops")).extract()
    >>> users.get(admin_identity, user.id).extract().description
    'ops'

Example to list users by name:

    >>> [u.name for u in users.list(admin_identity, users.ListOpts(name="alice")).items()]
    ['alice']

Example to update, then list a user's groups and projects:

    >>> opts = users.UpdateOpts(email="a@example.org")
    >>> users.update(admin_identity, user.id, opts).extract().email
    'a@example.org'
    >>> [p.name for p in users.list_projects(admin_identity, cloud.user_id("demo")).items()]
    ['demo']
    >>> [g.name for g in users.list_groups(admin_identity, user.id).items()]
    []

Example to change one's own password (Keystone revokes the user's tokens):

    >>> users.change_password(admin_identity, user.id, users.ChangePasswordOpts(
    ...     original_password="s3cret", password="n3w")).extract_err()

Example to delete a user:

    >>> users.delete(admin_identity, user.id).extract_err()
"""

from stackdouble.client.openstack.identity.v3.users.requests import (
    ChangePasswordOpts,
    ChangePasswordOptsBuilder,
    CreateOpts,
    CreateOptsBuilder,
    ListOpts,
    ListOptsBuilder,
    UpdateOpts,
    UpdateOptsBuilder,
    change_password,
    create,
    delete,
    get,
    list,
    list_groups,
    list_projects,
    update,
)
from stackdouble.client.openstack.identity.v3.users.results import (
    ChangePasswordResult,
    CreateResult,
    DeleteResult,
    GetResult,
    UpdateResult,
    User,
    UserPage,
    extract_users,
)

__all__ = [
    "ChangePasswordOpts",
    "ChangePasswordOptsBuilder",
    "ChangePasswordResult",
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "ListOpts",
    "ListOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "User",
    "UserPage",
    "change_password",
    "create",
    "delete",
    "extract_users",
    "get",
    "list",
    "list_groups",
    "list_projects",
    "update",
]
