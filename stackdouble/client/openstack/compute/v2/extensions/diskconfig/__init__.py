"""The disk config extension (`OS-DCF:diskConfig`), as gophercloud's seed built it.

Example to create a server with a manually partitioned disk:

    >>> base = servers.CreateOpts(name="web", image_ref=image_id,
    ...                           flavor_ref="1")
    >>> opts = diskconfig.CreateOptsExt(create_opts=base,
    ...                                 disk_config=diskconfig.DiskConfig.MANUAL)
    >>> server = servers.create(compute, opts).extract()

Example to read it back, from the same Result `servers.get` returns:

    >>> diskconfig.extract_get(servers.get(compute, server.id))
    'MANUAL'
"""

from stackdouble.client.openstack.compute.v2.extensions.diskconfig.requests import (
    CreateOptsExt,
    DiskConfig,
    RebuildOptsExt,
    ResizeOptsExt,
)
from stackdouble.client.openstack.compute.v2.extensions.diskconfig.results import (
    extract_disk_config,
    extract_get,
    extract_rebuild,
    extract_update,
)

__all__ = [
    "CreateOptsExt",
    "DiskConfig",
    "RebuildOptsExt",
    "ResizeOptsExt",
    "extract_disk_config",
    "extract_get",
    "extract_rebuild",
    "extract_update",
]
