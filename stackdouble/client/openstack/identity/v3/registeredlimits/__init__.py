"""Keystone v3 registered limits (unified limits): the default limit a service enforces for
a resource.

Example to register a limit, change it, list and delete it:

    >>> service = next(s for s in services.list(admin_identity).items() if s.type == "compute")
    >>> [reg] = registeredlimits.batch_create(admin_identity, [registeredlimits.CreateOpts(
    ...     service_id=service.id, resource_name="cores", default_limit=20)]).extract()
    >>> changed = registeredlimits.update(admin_identity, reg.id,
    ...                                   registeredlimits.UpdateOpts(default_limit=40))
    >>> changed.extract().default_limit
    40
    >>> opts = registeredlimits.ListOpts(resource_name="cores")
    >>> [(r.resource_name, r.default_limit) for r in registeredlimits.list(identity, opts).items()]
    [('cores', 40)]
    >>> registeredlimits.delete(admin_identity, reg.id).extract_err()
"""

from stackdouble.client.openstack.identity.v3.registeredlimits.requests import (
    BatchCreateOptsBuilder,
    CreateOpts,
    ListOpts,
    ListOptsBuilder,
    UpdateOpts,
    UpdateOptsBuilder,
    batch_create,
    delete,
    get,
    list,
    update,
)
from stackdouble.client.openstack.identity.v3.registeredlimits.results import (
    CreateResult,
    DeleteResult,
    GetResult,
    RegisteredLimit,
    RegisteredLimitPage,
    UpdateResult,
    extract_registered_limits,
)

__all__ = [
    "BatchCreateOptsBuilder",
    "CreateOpts",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "ListOpts",
    "ListOptsBuilder",
    "RegisteredLimit",
    "RegisteredLimitPage",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "batch_create",
    "delete",
    "extract_registered_limits",
    "get",
    "list",
    "update",
]
