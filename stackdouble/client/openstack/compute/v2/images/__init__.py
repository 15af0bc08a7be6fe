"""Nova's image proxy (`/images`): list with details, get, delete.

The proxy answers 404 from microversion 2.36 on; use a client without a microversion (or
below 2.36) here, or Glance.

Example to list the active images:

    >>> opts = ListOpts(status="ACTIVE")
    >>> active = [i.name for i in images.list(compute, opts).items()]
"""

from stackdouble.client.openstack.compute.v2.images.requests import (
    ListOpts,
    ListOptsBuilder,
    delete,
    get,
    list,
)
from stackdouble.client.openstack.compute.v2.images.results import (
    DeleteResult,
    GetResult,
    Image,
    ImagePage,
    extract_images,
)

__all__ = [
    "DeleteResult",
    "GetResult",
    "Image",
    "ImagePage",
    "ListOpts",
    "ListOptsBuilder",
    "delete",
    "extract_images",
    "get",
    "list",
]
