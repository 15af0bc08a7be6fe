"""Cinder volume types: list and get; for admins create, update, delete, extra specs and
the project access of private types.

Example to find a type by name, then create a volume of it:

    >>> found = [t for t in volumetypes.list(block_storage).items() if t.name == "__DEFAULT__"]
    >>> found[0].is_public, found[0].multiattach
    (True, False)
    >>> opts = volumes.CreateOpts(size=1, volume_type=found[0].name)
    >>> volumes.create(block_storage, opts).extract().volume_type
    '__DEFAULT__'

Example to create a private multiattach type and share it with a project (as an admin):

    >>> shared = volumetypes.create(admin_block_storage, volumetypes.CreateOpts(
    ...     name="shared", is_public=False,
    ...     extra_specs={"multiattach": "<is> True"})).extract()
    >>> shared.is_public, shared.multiattach
    (False, True)
    >>> [t.name for t in volumetypes.list(block_storage).items()]
    ['__DEFAULT__']
    >>> volumetypes.add_access(admin_block_storage, shared.id,
    ...                        volumetypes.AddAccessOpts(project=demo_project_id)).extract_err()
    >>> [t.name for t in volumetypes.list(block_storage).items()]
    ['__DEFAULT__', 'shared']
    >>> [a.project_id == demo_project_id
    ...  for a in volumetypes.list_accesses(admin_block_storage, shared.id).items()]
    [True]

Example to set and read extra specs:

    >>> volumetypes.create_extra_specs(admin_block_storage, shared.id, volumetypes.ExtraSpecsOpts(
    ...     {"volume_backend_name": "lvm"})).extract()
    {'volume_backend_name': 'lvm'}
    >>> volumetypes.get_extra_spec(admin_block_storage, shared.id, "volume_backend_name").extract()
    {'volume_backend_name': 'lvm'}
    >>> volumetypes.list_extra_specs(block_storage, shared.id).extract()  # user-visible only
    {'multiattach': '<is> True'}
"""

from stackdouble.client.openstack.blockstorage.v3.volumetypes.requests import (
    DEFAULT,
    AddAccessOpts,
    AddAccessOptsBuilder,
    CreateOpts,
    CreateOptsBuilder,
    ExtraSpecsOpts,
    ExtraSpecsOptsBuilder,
    ListOpts,
    ListOptsBuilder,
    RemoveAccessOpts,
    RemoveAccessOptsBuilder,
    UpdateOpts,
    UpdateOptsBuilder,
    add_access,
    create,
    create_extra_specs,
    delete,
    delete_extra_spec,
    get,
    get_extra_spec,
    list,
    list_accesses,
    list_extra_specs,
    remove_access,
    update,
    update_extra_spec,
)
from stackdouble.client.openstack.blockstorage.v3.volumetypes.results import (
    AccessPage,
    AddAccessResult,
    CreateExtraSpecsResult,
    CreateResult,
    DeleteExtraSpecResult,
    DeleteResult,
    GetExtraSpecResult,
    GetResult,
    ListExtraSpecsResult,
    RemoveAccessResult,
    UpdateExtraSpecResult,
    UpdateResult,
    VolumeType,
    VolumeTypeAccess,
    VolumeTypePage,
    VolumeTypeResult,
    extract_accesses,
    extract_volume_types,
)

__all__ = [
    "DEFAULT",
    "AccessPage",
    "AddAccessOpts",
    "AddAccessOptsBuilder",
    "AddAccessResult",
    "CreateExtraSpecsResult",
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteExtraSpecResult",
    "DeleteResult",
    "ExtraSpecsOpts",
    "ExtraSpecsOptsBuilder",
    "GetExtraSpecResult",
    "GetResult",
    "ListExtraSpecsResult",
    "ListOpts",
    "ListOptsBuilder",
    "RemoveAccessOpts",
    "RemoveAccessOptsBuilder",
    "RemoveAccessResult",
    "UpdateExtraSpecResult",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "VolumeType",
    "VolumeTypeAccess",
    "VolumeTypePage",
    "VolumeTypeResult",
    "add_access",
    "create",
    "create_extra_specs",
    "delete",
    "delete_extra_spec",
    "extract_accesses",
    "extract_volume_types",
    "get",
    "get_extra_spec",
    "list",
    "list_accesses",
    "list_extra_specs",
    "remove_access",
    "update",
    "update_extra_spec",
]
