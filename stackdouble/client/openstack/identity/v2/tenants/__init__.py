"""Keystone v2.0 tenants.

Example to list the tenants of a v2.0 token:

    >>> opts = openstack.auth_options_from_env(cloud.os_environ())
    >>> provider_v2 = authenticated_client(replace(opts, identity_endpoint=cloud.identity_v2_url))
    >>> [t.name for t in tenants.list(new_identity_v2(provider_v2)).items()]
    ['demo']
"""

from stackdouble.client.openstack.identity.v2.tenants.requests import (
    ListOpts,
    ListOptsBuilder,
    list,
)
from stackdouble.client.openstack.identity.v2.tenants.results import (
    Tenant,
    TenantPage,
    extract_tenants,
)

__all__ = ["ListOpts", "ListOptsBuilder", "Tenant", "TenantPage", "extract_tenants", "list"]
