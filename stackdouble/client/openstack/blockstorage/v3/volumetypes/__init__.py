"""Cinder volume types: list and get.

Example to find a type by name, then create a volume of it:

    >>> found = [t for t in volumetypes.list(block_storage).items() if t.name == "__DEFAULT__"]
    >>> found[0].is_public, found[0].multiattach
    (True, False)
    >>> opts = volumes.CreateOpts(size=1, volume_type=found[0].name)
    >>> volumes.create(block_storage, opts).extract().volume_type
    '__DEFAULT__'
"""

from stackdouble.client.openstack.blockstorage.v3.volumetypes.requests import (
    DEFAULT,
    ListOpts,
    ListOptsBuilder,
    get,
    list,
)
from stackdouble.client.openstack.blockstorage.v3.volumetypes.results import (
    GetResult,
    VolumeType,
    VolumeTypePage,
    extract_volume_types,
)

__all__ = [
    "DEFAULT",
    "GetResult",
    "ListOpts",
    "ListOptsBuilder",
    "VolumeType",
    "VolumeTypePage",
    "extract_volume_types",
    "get",
    "list",
]
