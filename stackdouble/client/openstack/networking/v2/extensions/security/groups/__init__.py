"""Neutron security groups (the `security-group` extension): list, get, create, update
and delete; their rules are in `security.rules`.

Example:

    >>> from stackdouble.client.openstack.networking.v2.extensions.security import groups
    >>> groups.CreateOpts(name="web", description="HTTP in").to_sec_group_create_map()
    {'security_group': {'name': 'web', 'description': 'HTTP in'}}
    >>> group = groups.SecGroup.from_json({"id": "85cc3048", "name": "default",
    ...     "security_group_rules": [{"id": "3c0e45ff", "direction": "egress",
    ...     "ethertype": "IPv6", "protocol": None}]})
    >>> [(r.direction, r.ethertype, r.protocol) for r in group.rules]
    [('egress', 'IPv6', None)]
"""

from stackdouble.client.openstack.networking.v2.extensions.security.groups.requests import (
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
from stackdouble.client.openstack.networking.v2.extensions.security.groups.results import (
    CreateResult,
    DeleteResult,
    GetResult,
    SecGroup,
    SecGroupPage,
    SecGroupResult,
    UpdateResult,
    extract_groups,
)

__all__ = [
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "ListOpts",
    "ListOptsBuilder",
    "SecGroup",
    "SecGroupPage",
    "SecGroupResult",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "create",
    "delete",
    "extract_groups",
    "get",
    "list",
    "update",
]
