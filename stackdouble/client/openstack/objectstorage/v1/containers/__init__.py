"""Swift containers: list them, create, get, update and delete one, bulk delete.

Example to list every container name (plain text, one request per page plus the final
empty one, as gophercloud's seed does):

    >>> from stackdouble.client.openstack.objectstorage.v1 import containers
    >>> [name for name in containers.list(storage).items()]
    ['photos', 'samples']

Example to list full rows, page by page, with an early stop:

    >>> def handle(page):
    ...     for c in containers.extract_info(page):
    ...         print(c.name, c.count, c.bytes)
    ...     return False
    >>> pager = containers.list(storage, containers.ListOpts(full=True, limit=1))
    >>> pager.each_page(handle)
    photos 0 0

Example to create a publicly readable container and read its settings back:

    >>> opts = containers.CreateOpts(read_acl=".r:*,.rlistings", metadata={"Team": "web"})
    >>> containers.create(storage, "public", opts).extract_err()
    >>> headers = containers.get(storage, "public").extract()
    >>> headers.read_acl, headers.metadata
    ('.r:*,.rlistings', {'Team': 'web'})

A container that still holds objects cannot be deleted: `delete(...).extract_err()`
raises `Conflict` (409).
"""

from stackdouble.client.openstack.objectstorage.v1.containers.requests import (
    CreateOpts,
    CreateOptsBuilder,
    GetOpts,
    GetOptsBuilder,
    ListOpts,
    ListOptsBuilder,
    UpdateOpts,
    UpdateOptsBuilder,
    bulk_delete,
    create,
    delete,
    get,
    list,
    update,
)
from stackdouble.client.openstack.objectstorage.v1.containers.results import (
    BulkDeleteResponse,
    BulkDeleteResult,
    Container,
    ContainerHeaders,
    ContainerPage,
    CreateResult,
    DeleteResult,
    GetResult,
    UpdateResult,
    extract_info,
    extract_names,
)

__all__ = [
    "BulkDeleteResponse",
    "BulkDeleteResult",
    "Container",
    "ContainerHeaders",
    "ContainerPage",
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteResult",
    "GetOpts",
    "GetOptsBuilder",
    "GetResult",
    "ListOpts",
    "ListOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "bulk_delete",
    "create",
    "delete",
    "extract_info",
    "extract_names",
    "get",
    "list",
    "update",
]
