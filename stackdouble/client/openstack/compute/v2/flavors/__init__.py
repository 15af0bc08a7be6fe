"""Nova flavors: list with details, get, and (for admins) create, update and delete; their
extra specs and, for private flavors, the projects given access.

Example to list flavors with at least 1 GiB of memory:

    >>> opts = flavors.ListOpts(min_ram=1024)
    >>> big = [f.name for f in flavors.list(compute, opts).items()]

Example to create and delete a private flavor (an admin client):

    >>> opts = flavors.CreateOpts(name="m1.custom", ram=2048, vcpus=2, disk=20,
    ...                           is_public=False)
    >>> flavor = flavors.create(admin_compute, opts).extract()
    >>> flavors.delete(admin_compute, flavor.id).extract_err()

Example to give a project a private flavor, and see who has it:

    >>> opts = flavors.CreateOpts(name="m1.team", ram=1024, vcpus=1, disk=10, is_public=False)
    >>> team = flavors.create(admin_compute, opts).extract()
    >>> demo = cloud.project_id("demo")
    >>> added = flavors.add_access(admin_compute, team.id, flavors.AddAccessOpts(tenant=demo))
    >>> [a.tenant_id for a in added.extract()] == [demo]
    True
    >>> [a.tenant_id == demo for a in flavors.list_accesses(admin_compute, team.id).items()]
    [True]
    >>> flavors.get(compute, team.id).extract().name
    'm1.team'

Example to pin a flavor's CPUs with an extra spec, and read it back:

    >>> specs = flavors.CreateExtraSpecsOpts(specs={"hw:cpu_policy": "dedicated"})
    >>> flavors.create_extra_specs(admin_compute, team.id, specs).extract()
    {'hw:cpu_policy': 'dedicated'}
    >>> flavors.get_extra_spec(compute, team.id, "hw:cpu_policy").extract()
    {'hw:cpu_policy': 'dedicated'}
    >>> flavors.delete_extra_spec(admin_compute, team.id, "hw:cpu_policy").extract_err()
    >>> flavors.list_extra_specs(compute, team.id).extract()
    {}

Example to describe a flavor (2.55 and later):

    >>> described = flavors.update(admin_compute.with_microversion("2.55"), team.id,
    ...                            flavors.UpdateOpts(description="for the team")).extract()
    >>> described.description
    'for the team'
"""

from stackdouble.client.openstack.compute.v2.flavors.requests import (
    AccessOptsBuilder,
    AddAccessOpts,
    CreateExtraSpecsOpts,
    CreateExtraSpecsOptsBuilder,
    CreateOpts,
    CreateOptsBuilder,
    ListOpts,
    ListOptsBuilder,
    RemoveAccessOpts,
    UpdateExtraSpecOpts,
    UpdateExtraSpecOptsBuilder,
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
from stackdouble.client.openstack.compute.v2.flavors.results import (
    AccessPage,
    AddAccessResult,
    CreateExtraSpecsResult,
    CreateResult,
    DeleteExtraSpecResult,
    DeleteResult,
    ExtraSpecsResult,
    Flavor,
    FlavorAccess,
    FlavorPage,
    FlavorResult,
    GetExtraSpecResult,
    GetResult,
    ListExtraSpecsResult,
    RemoveAccessResult,
    UpdateExtraSpecResult,
    UpdateResult,
    extract_accesses,
    extract_flavors,
)

__all__ = [
    "AccessOptsBuilder",
    "AccessPage",
    "AddAccessOpts",
    "AddAccessResult",
    "CreateExtraSpecsOpts",
    "CreateExtraSpecsOptsBuilder",
    "CreateExtraSpecsResult",
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteExtraSpecResult",
    "DeleteResult",
    "ExtraSpecsResult",
    "Flavor",
    "FlavorAccess",
    "FlavorPage",
    "FlavorResult",
    "GetExtraSpecResult",
    "GetResult",
    "ListExtraSpecsResult",
    "ListOpts",
    "ListOptsBuilder",
    "RemoveAccessOpts",
    "RemoveAccessResult",
    "UpdateExtraSpecOpts",
    "UpdateExtraSpecOptsBuilder",
    "UpdateExtraSpecResult",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "add_access",
    "create",
    "create_extra_specs",
    "delete",
    "delete_extra_spec",
    "extract_accesses",
    "extract_flavors",
    "get",
    "get_extra_spec",
    "list",
    "list_accesses",
    "list_extra_specs",
    "remove_access",
    "update",
    "update_extra_spec",
]
