"""Nova tenant usage (`os-simple-tenant-usage`): the hours, vCPU-hours, MiB-hours and
GiB-hours projects' servers used over a period.

Example to see what the demo project used over the last day (its members may ask):

    >>> from datetime import timedelta
    >>> from stackdouble.client.openstack.compute.v2 import usage
    >>> cloud.clock.advance(3600)
    >>> now = cloud.clock.now()
    >>> opts = usage.SingleTenantOpts(start=now - timedelta(days=1), end=now)
    >>> [mine] = usage.single_tenant(compute, cloud.project_id("demo"), opts).items()
    >>> round(mine.total_hours, 2), [s.name for s in mine.server_usages]
    (1.0, ['app-1'])

Example to list every project's usage with each server's (admins):

    >>> every = usage.all_tenants(admin_compute, usage.AllTenantsOpts(
    ...     detailed=True, start=now - timedelta(days=1), end=now)).items()
    >>> [(round(u.total_vcpus_usage, 2), len(u.server_usages)) for u in every]
    [(1.0, 1)]
"""

from stackdouble.client.openstack.compute.v2.usage.requests import (
    AllTenantsOpts,
    AllTenantsOptsBuilder,
    SingleTenantOpts,
    SingleTenantOptsBuilder,
    all_tenants,
    single_tenant,
)
from stackdouble.client.openstack.compute.v2.usage.results import (
    AllTenantsPage,
    ServerUsage,
    SingleTenantPage,
    TenantUsage,
    extract_all_tenants,
    extract_single_tenant,
)

__all__ = [
    "AllTenantsOpts",
    "AllTenantsOptsBuilder",
    "AllTenantsPage",
    "ServerUsage",
    "SingleTenantOpts",
    "SingleTenantOptsBuilder",
    "SingleTenantPage",
    "TenantUsage",
    "all_tenants",
    "extract_all_tenants",
    "extract_single_tenant",
    "single_tenant",
]
