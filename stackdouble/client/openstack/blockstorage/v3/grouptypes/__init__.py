"""Cinder group types (microversion 3.11): list and get; for admins create, update,
delete and the group specs. Groups (`groups`) are made of a group type.

Give the client a microversion first: below 3.11 every call is `NotFound`.

Example to create a group type with a spec, and read its specs (as an admin):

    >>> from stackdouble.client.openstack.blockstorage.v3 import grouptypes
    >>> admin = admin_block_storage.with_microversion("3.11")
    >>> made = grouptypes.create(admin, grouptypes.CreateOpts(
    ...     name="db", group_specs={"consistent_group_snapshot_enabled": "<is> True"})).extract()
    >>> grouptypes.get_group_spec(admin, made.id, "consistent_group_snapshot_enabled").extract()
    {'consistent_group_snapshot_enabled': '<is> True'}

Example to list the group types a member sees (no specs shown to members):

    >>> member = block_storage.with_microversion("3.11")
    >>> [(t.name, t.group_specs) for t in grouptypes.list(member).items()]
    [('default_cgsnapshot_type', None), ('db', None)]

Example to delete it:

    >>> grouptypes.delete(admin, made.id).extract_err()
"""

from stackdouble.client.openstack.blockstorage.v3.grouptypes.requests import (
    DEFAULT,
    CreateOpts,
    CreateOptsBuilder,
    ListOpts,
    ListOptsBuilder,
    UpdateOpts,
    UpdateOptsBuilder,
    create,
    create_group_specs,
    delete,
    delete_group_spec,
    get,
    get_group_spec,
    list,
    list_group_specs,
    update,
    update_group_spec,
)
from stackdouble.client.openstack.blockstorage.v3.grouptypes.results import (
    CreateResult,
    DeleteGroupSpecResult,
    DeleteResult,
    GetResult,
    GroupSpecResult,
    GroupSpecsResult,
    GroupType,
    GroupTypePage,
    GroupTypeResult,
    UpdateResult,
    extract_group_types,
)

__all__ = [
    "DEFAULT",
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteGroupSpecResult",
    "DeleteResult",
    "GetResult",
    "GroupSpecResult",
    "GroupSpecsResult",
    "GroupType",
    "GroupTypePage",
    "GroupTypeResult",
    "ListOpts",
    "ListOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "create",
    "create_group_specs",
    "delete",
    "delete_group_spec",
    "extract_group_types",
    "get",
    "get_group_spec",
    "list",
    "list_group_specs",
    "update",
    "update_group_spec",
]
