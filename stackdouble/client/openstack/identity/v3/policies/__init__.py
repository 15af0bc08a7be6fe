"""Keystone v3 policies (`/v3/policies`): documents of rules Keystone stores for other
services, each a string `blob` of some `type`. Keystone only keeps them; managing them
takes an admin.

Example to store a policy, find it by type, change it and remove it:

    >>> from stackdouble.client.openstack.identity.v3 import policies
    >>> policy = policies.create(admin_identity, policies.CreateOpts(
    ...     type="application/json", blob='{"compute:get": "role:reader"}',
    ...     extra={"description": "readers read"})).extract()
    >>> policy.extra
    {'description': 'readers read'}
    >>> [p.id for p in policies.list(admin_identity, policies.ListOpts(
    ...     type="application/json")).items()] == [policy.id]
    True
    >>> policies.update(admin_identity, policy.id, policies.UpdateOpts(
    ...     blob='{"compute:get": "role:member"}')).extract().blob
    '{"compute:get": "role:member"}'
    >>> policies.delete(admin_identity, policy.id).extract_err()

A member may not even list them:

    >>> from stackdouble.client import Forbidden
    >>> try:
    ...     policies.list(identity).all_pages()
    ... except Forbidden as exc:
    ...     print(exc.status)
    403
"""

from stackdouble.client.openstack.identity.v3.policies.requests import (
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
    update,
)
from stackdouble.client.openstack.identity.v3.policies.results import (
    CreateResult,
    DeleteResult,
    GetResult,
    Policy,
    PolicyPage,
    UpdateResult,
    extract_policies,
)

__all__ = [
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "ListOpts",
    "ListOptsBuilder",
    "Policy",
    "PolicyPage",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "create",
    "delete",
    "extract_policies",
    "get",
    "list",
    "update",
]
