"""Nova services (admins): list them, enable, disable or force one down, delete one.

Example to take a compute host out of scheduling (2.53 and later):

    >>> from stackdouble.client.openstack.compute.v2 import services
    >>> nova = admin_compute.with_microversion("2.53")
    >>> host = next(iter(services.list(nova, services.ListOpts(binary="nova-compute")).items()))
    >>> opts = services.UpdateOpts(status="disabled", disabled_reason="disk swap")
    >>> services.update(nova, host.id, opts).extract().disabled_reason
    'disk swap'
    >>> services.update(nova, host.id, services.UpdateOpts(status="enabled")).extract().status
    'enabled'
"""

from stackdouble.client.openstack.compute.v2.services.requests import (
    SERVICE_STATUSES,
    ListOpts,
    ListOptsBuilder,
    UpdateOpts,
    UpdateOptsBuilder,
    delete,
    disable,
    enable,
    force_down,
    list,
    update,
)
from stackdouble.client.openstack.compute.v2.services.results import (
    DeleteResult,
    Service,
    ServicePage,
    UpdateResult,
    extract_services,
)

__all__ = [
    "SERVICE_STATUSES",
    "DeleteResult",
    "ListOpts",
    "ListOptsBuilder",
    "Service",
    "ServicePage",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "delete",
    "disable",
    "enable",
    "extract_services",
    "force_down",
    "list",
    "update",
]
