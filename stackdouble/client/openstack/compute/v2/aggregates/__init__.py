"""Nova host aggregates (`os-aggregates`): group compute hosts, give them metadata, and
make availability zones of them. Admins only.

Example to make an availability zone of a second host (one without servers), see it
listed, and boot a server there:

    >>> from stackdouble.client.openstack.compute.v2 import aggregates
    >>> cloud.compute.set_hosts(2)
    ['stackdouble-compute', 'stackdouble-compute-2']
    >>> opts = aggregates.CreateOpts(name="rack-1", availability_zone="az1")
    >>> rack = aggregates.create(admin_compute, opts).extract()
    >>> host = aggregates.AddHostOpts(host="stackdouble-compute-2")
    >>> aggregates.add_host(admin_compute, rack.id, host).extract().hosts
    ['stackdouble-compute-2']
    >>> [z.name for z in availabilityzones.list(compute).items()]
    ['az1', 'nova']
    >>> opts = servers.CreateOpts(name="web", image_ref=image_id, flavor_ref="1",
    ...                           availability_zone="az1")
    >>> web = servers.create(compute, opts).extract()
    >>> availabilityzones.extract_availability_zone(servers.get(compute, web.id))
    'az1'

Example to get it, set metadata, and take the host out (its server gone) to delete it:

    >>> aggregates.get(admin_compute, rack.id).extract().availability_zone
    'az1'
    >>> meta = aggregates.SetMetadataOpts(metadata={"ssd": "true"})
    >>> dict(aggregates.set_metadata(admin_compute, rack.id, meta).extract().metadata)
    {'availability_zone': 'az1', 'ssd': 'true'}
    >>> servers.delete(compute, web.id).extract_err()
    >>> gone = aggregates.RemoveHostOpts(host="stackdouble-compute-2")
    >>> aggregates.remove_host(admin_compute, rack.id, gone).extract().hosts
    []
    >>> aggregates.delete(admin_compute, rack.id).extract_err()
"""

from stackdouble.client.openstack.compute.v2.aggregates.requests import (
    AddHostOpts,
    CreateOpts,
    CreateOptsBuilder,
    RemoveHostOpts,
    SetMetadataOpts,
    UpdateOpts,
    UpdateOptsBuilder,
    add_host,
    create,
    delete,
    get,
    list,
    remove_host,
    set_metadata,
    update,
)
from stackdouble.client.openstack.compute.v2.aggregates.results import (
    ActionResult,
    Aggregate,
    AggregatePage,
    CreateResult,
    DeleteResult,
    GetResult,
    UpdateResult,
    extract_aggregates,
)

__all__ = [
    "ActionResult",
    "AddHostOpts",
    "Aggregate",
    "AggregatePage",
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "RemoveHostOpts",
    "SetMetadataOpts",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "add_host",
    "create",
    "delete",
    "extract_aggregates",
    "get",
    "list",
    "remove_host",
    "set_metadata",
    "update",
]
