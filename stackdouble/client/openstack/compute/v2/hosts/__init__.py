"""Nova's deprecated `os-hosts` (admins, microversions 2.1 to 2.42): the services per
host, a host's resources, enabling or disabling a host. `hypervisors` and `services`
replace it from 2.43, where every route answers 404.

Example to see what the servers on a host use, per project:

    >>> from stackdouble.client.openstack.compute.v2 import hosts
    >>> compute_hosts = [h.host_name for h in hosts.list(admin_compute).items()
    ...                  if h.service == "compute"]
    >>> compute_hosts
    ['stackdouble-compute']
    >>> rows = hosts.get(admin_compute, compute_hosts[0]).extract()
    >>> [(r.cpu, r.memory_mb, r.disk_gb) for r in rows if not r.project.startswith("(")]
    [(1, 512, 1)]

Example to see that a libvirt host has no power management:

    >>> from stackdouble.client import StackdoubleError
    >>> try:
    ...     hosts.update(admin_compute, "stackdouble-compute",
    ...                  hosts.UpdateOpts(maintenance_mode="enable")).extract()
    ... except StackdoubleError as exc:
    ...     print(exc.status)
    501
"""

from stackdouble.client.openstack.compute.v2.hosts.requests import (
    HOST_SWITCHES,
    ListOpts,
    ListOptsBuilder,
    UpdateOpts,
    UpdateOptsBuilder,
    get,
    list,
    update,
)
from stackdouble.client.openstack.compute.v2.hosts.results import (
    GetResult,
    Host,
    HostPage,
    HostResource,
    HostUpdate,
    UpdateResult,
    extract_hosts,
)

__all__ = [
    "HOST_SWITCHES",
    "GetResult",
    "Host",
    "HostPage",
    "HostResource",
    "HostUpdate",
    "ListOpts",
    "ListOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "extract_hosts",
    "get",
    "list",
    "update",
]
