"""Nova server groups: keep servers apart (anti-affinity) or together (affinity).

Example to create a group (2.64 and later), then get it:

    >>> from stackdouble.client.openstack.compute.v2 import servergroups
    >>> nova = compute.with_microversion("2.64")
    >>> opts = servergroups.CreateOpts(name="web", policy="anti-affinity",
    ...                                rules=servergroups.Rules(max_server_per_host=1))
    >>> group = servergroups.create(nova, opts).extract()
    >>> servergroups.get(nova, group.id).extract().rules
    {'max_server_per_host': 1}

Example to list every project's groups (admins):

    >>> opts = servergroups.ListOpts(all_projects=True)
    >>> group.id in [g.id for g in servergroups.list(admin_compute, opts).items()]
    True
    >>> servergroups.delete(nova, group.id).extract_err()
"""

from stackdouble.client.openstack.compute.v2.servergroups.requests import (
    POLICIES,
    CreateOpts,
    CreateOptsBuilder,
    ListOpts,
    ListOptsBuilder,
    Rules,
    create,
    delete,
    get,
    list,
)
from stackdouble.client.openstack.compute.v2.servergroups.results import (
    CreateResult,
    DeleteResult,
    GetResult,
    ServerGroup,
    ServerGroupPage,
    extract_server_groups,
)

__all__ = [
    "POLICIES",
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "ListOpts",
    "ListOptsBuilder",
    "Rules",
    "ServerGroup",
    "ServerGroupPage",
    "create",
    "delete",
    "extract_server_groups",
    "get",
    "list",
]
