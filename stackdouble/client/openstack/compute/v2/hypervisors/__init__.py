"""Nova hypervisors (admins): list them with their resources, get one, see its servers.

Example to list the hypervisors and their servers (2.53 and later):

    >>> from stackdouble.client.openstack.compute.v2 import hypervisors
    >>> nova = admin_compute.with_microversion("2.53")
    >>> opts = hypervisors.ListOpts(with_servers=True)
    >>> placed = {s.uuid for h in hypervisors.list(nova, opts).items() for s in h.servers or []}
    >>> server_id in placed
    True
"""

from stackdouble.client.openstack.compute.v2.hypervisors.requests import (
    GetOpts,
    GetOptsBuilder,
    ListOpts,
    ListOptsBuilder,
    get,
    list,
)
from stackdouble.client.openstack.compute.v2.hypervisors.results import (
    GetResult,
    Hypervisor,
    HypervisorPage,
    HypervisorServer,
    HypervisorService,
    extract_hypervisors,
)

__all__ = [
    "GetOpts",
    "GetOptsBuilder",
    "GetResult",
    "Hypervisor",
    "HypervisorPage",
    "HypervisorServer",
    "HypervisorService",
    "ListOpts",
    "ListOptsBuilder",
    "extract_hypervisors",
    "get",
    "list",
]
