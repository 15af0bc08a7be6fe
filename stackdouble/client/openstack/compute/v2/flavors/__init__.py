"""Nova flavors: list with details, get, and (for admins) create and delete.

Example to list flavors with at least 1 GiB of memory:

    >>> opts = flavors.ListOpts(min_ram=1024)
    >>> big = [f.name for f in flavors.list(compute, opts).items()]

Example to create and delete a private flavor (an admin client):

    >>> opts = flavors.CreateOpts(name="m1.custom", ram=2048, vcpus=2, disk=20,
    ...                           is_public=False)
    >>> flavor = flavors.create(admin_compute, opts).extract()
    >>> flavors.delete(admin_compute, flavor.id).extract_err()
"""

from stackdouble.client.openstack.compute.v2.flavors.requests import (
    CreateOpts,
    CreateOptsBuilder,
    ListOpts,
    ListOptsBuilder,
    create,
    delete,
    get,
    list,
)
from stackdouble.client.openstack.compute.v2.flavors.results import (
    CreateResult,
    DeleteResult,
    Flavor,
    FlavorPage,
    FlavorResult,
    GetResult,
    extract_flavors,
)

__all__ = [
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteResult",
    "Flavor",
    "FlavorPage",
    "FlavorResult",
    "GetResult",
    "ListOpts",
    "ListOptsBuilder",
    "create",
    "delete",
    "extract_flavors",
    "get",
    "list",
]
