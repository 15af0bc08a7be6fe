"""Keystone v3 regions.

Example to create, update, list and delete a region:

    >>> region = regions.create(admin_identity, regions.CreateOpts(id="RegionTwo")).extract()
    >>> regions.update(admin_identity, region.id,
    ...                regions.UpdateOpts(description="second")).extract().description
    'second'
    >>> sorted(r.id for r in regions.list(admin_identity).items())
    ['RegionOne', 'RegionTwo']
    >>> regions.delete(admin_identity, region.id).extract_err()
"""

from stackdouble.client.openstack.identity.v3.regions.requests import (
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
from stackdouble.client.openstack.identity.v3.regions.results import (
    CreateResult,
    DeleteResult,
    GetResult,
    Region,
    RegionPage,
    UpdateResult,
    extract_regions,
)

__all__ = [
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "ListOpts",
    "ListOptsBuilder",
    "Region",
    "RegionPage",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "create",
    "delete",
    "extract_regions",
    "get",
    "list",
    "update",
]
