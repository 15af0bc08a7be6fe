"""Cinder's per-project default volume types (microversion 3.62, admins).

A volume created without a type gets its project's default type, when an admin set one,
instead of the cloud's (`__DEFAULT__`); `volumetypes.get(client, "default")` shows it too.
A type that is a project's default cannot be deleted. The client needs microversion 3.62
(below it every call is `NotFound`).

Example to give the demo project a default type, see a volume get it, then unset it:

    >>> from stackdouble.client.openstack.blockstorage.v3 import defaulttypes
    >>> admin = admin_block_storage.with_microversion("3.62")
    >>> gold = volumetypes.create(admin, volumetypes.CreateOpts(name="gold")).extract()
    >>> chosen = defaulttypes.set(admin, demo_project_id,
    ...                           defaulttypes.SetOpts(volume_type="gold")).extract()
    >>> chosen.volume_type_id == gold.id
    True
    >>> volumes.create(block_storage, volumes.CreateOpts(size=1)).extract().volume_type
    'gold'
    >>> [d.project_id for d in defaulttypes.list(admin).items()] == [demo_project_id]
    True
    >>> defaulttypes.unset(admin, demo_project_id).extract_err()
    >>> from stackdouble.client import NotFound
    >>> try:
    ...     defaulttypes.get(admin, demo_project_id).extract()
    ... except NotFound as exc:
    ...     print(exc.status)
    404
"""

from stackdouble.client.openstack.blockstorage.v3.defaulttypes.requests import (
    SetOpts,
    SetOptsBuilder,
    get,
    list,
    set,
    unset,
)
from stackdouble.client.openstack.blockstorage.v3.defaulttypes.results import (
    DefaultType,
    DefaultTypePage,
    GetResult,
    SetResult,
    UnsetResult,
    extract_default_types,
)

__all__ = [
    "DefaultType",
    "DefaultTypePage",
    "GetResult",
    "SetOpts",
    "SetOptsBuilder",
    "SetResult",
    "UnsetResult",
    "extract_default_types",
    "get",
    "list",
    "set",
    "unset",
]
