"""Keystone v3 OS-EP-FILTER endpoint groups: named filters over the catalog's endpoints
that, associated with a project, narrow its tokens' catalogs to what they match.

gophercloud has no package for them; this one is named as its siblings are (the resource,
plural, under `extensions/`, next to `projectendpoints`).

Example to give a project a catalog of internal endpoints only:

    >>> group = endpointgroups.create(admin_identity, endpointgroups.CreateOpts(
    ...     name="internal-only", filters={"interface": "internal"})).extract()
    >>> endpointgroups.add_project(admin_identity, group.id, demo_project_id).extract_err()
    >>> [g.name for g in endpointgroups.list(admin_identity).items()]
    ['internal-only']
    >>> catalog = tokens.get(admin_identity, identity.provider.token_id).extract_catalog()
    >>> sorted({e.interface for s in catalog.entries for e in s.endpoints})
    ['internal']
    >>> endpointgroups.delete(admin_identity, group.id).extract_err()
"""

from stackdouble.client.openstack.identity.v3.extensions.endpointgroups.requests import (
    CreateOpts,
    CreateOptsBuilder,
    ListOpts,
    ListOptsBuilder,
    UpdateOpts,
    UpdateOptsBuilder,
    add_project,
    check_project,
    create,
    delete,
    get,
    list,
    list_endpoints,
    list_projects,
    remove_project,
    update,
)
from stackdouble.client.openstack.identity.v3.extensions.endpointgroups.results import (
    AssociationResult,
    CreateResult,
    DeleteResult,
    EndpointGroup,
    EndpointGroupPage,
    GetResult,
    UpdateResult,
    extract_endpoint_groups,
)

__all__ = [
    "AssociationResult",
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteResult",
    "EndpointGroup",
    "EndpointGroupPage",
    "GetResult",
    "ListOpts",
    "ListOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "add_project",
    "check_project",
    "create",
    "delete",
    "extract_endpoint_groups",
    "get",
    "list",
    "list_endpoints",
    "list_projects",
    "remove_project",
    "update",
]
