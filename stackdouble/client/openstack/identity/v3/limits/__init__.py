"""Keystone v3 limits (unified limits): a project's or a domain's own limit of a resource
that a service registered.

Example to give a project more cores than the registered default, and read it back as a
member of the project:

    >>> service = next(s for s in services.list(admin_identity).items() if s.type == "compute")
    >>> _ = registeredlimits.batch_create(admin_identity, [registeredlimits.CreateOpts(
    ...     service_id=service.id, resource_name="cores", default_limit=20)]).extract()
    >>> [limit] = limits.batch_create(admin_identity, [limits.CreateOpts(
    ...     service_id=service.id, resource_name="cores", resource_limit=40,
    ...     project_id=demo_project_id)]).extract()
    >>> [(lim.resource_name, lim.resource_limit) for lim in limits.list(identity).items()]
    [('cores', 40)]
    >>> limits.get_enforcement_model(identity).extract().name
    'flat'
    >>> limits.delete(admin_identity, limit.id).extract_err()
"""

from stackdouble.client.openstack.identity.v3.limits.requests import (
    BatchCreateOptsBuilder,
    CreateOpts,
    ListOpts,
    ListOptsBuilder,
    UpdateOpts,
    UpdateOptsBuilder,
    batch_create,
    delete,
    get,
    get_enforcement_model,
    list,
    update,
)
from stackdouble.client.openstack.identity.v3.limits.results import (
    CreateResult,
    DeleteResult,
    EnforcementModel,
    EnforcementModelResult,
    GetResult,
    Limit,
    LimitPage,
    UpdateResult,
    extract_limits,
)

__all__ = [
    "BatchCreateOptsBuilder",
    "CreateOpts",
    "CreateResult",
    "DeleteResult",
    "EnforcementModel",
    "EnforcementModelResult",
    "GetResult",
    "Limit",
    "LimitPage",
    "ListOpts",
    "ListOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "batch_create",
    "delete",
    "extract_limits",
    "get",
    "get_enforcement_model",
    "list",
    "update",
]
