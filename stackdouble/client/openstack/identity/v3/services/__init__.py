"""Keystone v3 catalog services.

Example to register a service, find it by type, and delete it:

    >>> service = services.create(admin_identity, services.CreateOpts(
    ...     type="dns", name="designate")).extract()
    >>> [s.name for s in services.list(admin_identity, services.ListOpts(type="dns")).items()]
    ['designate']
    >>> services.update(admin_identity, service.id,
    ...                 services.UpdateOpts(enabled=False)).extract().enabled
    False
    >>> services.delete(admin_identity, service.id).extract_err()
"""

from stackdouble.client.openstack.identity.v3.services.requests import (
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
from stackdouble.client.openstack.identity.v3.services.results import (
    CreateResult,
    DeleteResult,
    GetResult,
    Service,
    ServicePage,
    UpdateResult,
    extract_services,
)

__all__ = [
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "ListOpts",
    "ListOptsBuilder",
    "Service",
    "ServicePage",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "create",
    "delete",
    "extract_services",
    "get",
    "list",
    "update",
]
