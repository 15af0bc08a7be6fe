"""Keystone v3 OS-EP-FILTER project endpoints (gophercloud's `extensions/projectendpoints`):
endpoints associated with a project, to which its tokens' catalogs are narrowed.

Example to limit the demo project's catalog to one endpoint:

    >>> endpoint = next(e for e in endpoints.list(admin_identity).items()
    ...                 if e.interface == "admin")
    >>> projectendpoints.create(admin_identity, demo_project_id, endpoint.id).extract_err()
    >>> [e.id for e in projectendpoints.list(admin_identity, demo_project_id).items()] == [
    ...     endpoint.id]
    True
    >>> catalog = tokens.get(admin_identity, identity.provider.token_id).extract_catalog()
    >>> [e.id for s in catalog.entries for e in s.endpoints] == [endpoint.id]
    True
    >>> projectendpoints.delete(admin_identity, demo_project_id, endpoint.id).extract_err()
"""

from stackdouble.client.openstack.identity.v3.extensions.projectendpoints.requests import (
    check,
    create,
    delete,
    list,
)
from stackdouble.client.openstack.identity.v3.extensions.projectendpoints.results import (
    CreateResult,
    DeleteResult,
    Endpoint,
    EndpointPage,
    GetResult,
    extract_endpoints,
)

__all__ = [
    "CreateResult",
    "DeleteResult",
    "Endpoint",
    "EndpointPage",
    "GetResult",
    "check",
    "create",
    "delete",
    "extract_endpoints",
    "list",
]
