"""Glance image members: the owner shares a `shared` image with a project (`create`),
and that project accepts or rejects it (`update`); `list`, `get` and `delete`.

Example of a member's answer:

    >>> from stackdouble.client.openstack.image.v2 import members
    >>> members.UpdateOpts(status="accepted").to_image_member_update_map()
    {'status': 'accepted'}

Example to share an image and accept it as the other project:

    >>> members.create(image_client, image_id,
    ...                other_project_id).extract().status
    'pending'
    >>> members.update(other_image_client, image_id, other_project_id,
    ...                members.UpdateOpts(status="accepted")).extract().status
    'accepted'
    >>> [m.member_id for m in members.list(image_client, image_id).items()] == [other_project_id]
    True
"""

from stackdouble.client.openstack.image.v2.members.requests import (
    MEMBER_STATUSES,
    UpdateOpts,
    UpdateOptsBuilder,
    create,
    delete,
    get,
    list,
    update,
)
from stackdouble.client.openstack.image.v2.members.results import (
    CreateResult,
    DeleteResult,
    GetResult,
    Member,
    MemberPage,
    MemberResult,
    UpdateResult,
    extract_members,
)

__all__ = [
    "MEMBER_STATUSES",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "Member",
    "MemberPage",
    "MemberResult",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "create",
    "delete",
    "extract_members",
    "get",
    "list",
    "update",
]
