"""Neutron subnets: list, get, create, update and delete.

Example to build a create request (an IPv4 subnet with one allocation pool):

    >>> from stackdouble.client.openstack.networking.v2 import subnets
    >>> subnets.CreateOpts(network_id="d32019d3", cidr="192.0.0.0/8", ip_version=4,
    ...     allocation_pools=[subnets.AllocationPoolOpts("192.0.0.2", "192.255.255.254")],
    ...     dns_nameservers=["8.8.8.8"]).to_subnet_create_map()
    ... # doctest: +NORMALIZE_WHITESPACE
    {'subnet': {'network_id': 'd32019d3', 'cidr': '192.0.0.0/8', 'ip_version': 4,
     'allocation_pools': [{'start': '192.0.0.2', 'end': '192.255.255.254'}],
     'dns_nameservers': ['8.8.8.8']}}

Example to read a subnet as Neutron sends it:

    >>> subnet = subnets.Subnet.from_json({"id": "54d6f61d", "cidr": "192.0.0.0/8",
    ...     "gateway_ip": None, "allocation_pools": [{"start": "192.0.0.2",
    ...     "end": "192.255.255.254"}]})
    >>> subnet.gateway_ip is None, subnet.allocation_pools[0].end
    (True, '192.255.255.254')
"""

from stackdouble.client.openstack.networking.v2.subnets.requests import (
    AllocationPoolOpts,
    CreateOpts,
    CreateOptsBuilder,
    HostRouteOpts,
    ListOpts,
    ListOptsBuilder,
    UpdateOpts,
    UpdateOptsBuilder,
    create,
    delete,
    get,
    list,
    update,
)
from stackdouble.client.openstack.networking.v2.subnets.results import (
    AllocationPool,
    CreateResult,
    DeleteResult,
    GetResult,
    HostRoute,
    Subnet,
    SubnetPage,
    SubnetResult,
    UpdateResult,
    extract_subnets,
)

__all__ = [
    "AllocationPool",
    "AllocationPoolOpts",
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "HostRoute",
    "HostRouteOpts",
    "ListOpts",
    "ListOptsBuilder",
    "Subnet",
    "SubnetPage",
    "SubnetResult",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "create",
    "delete",
    "extract_subnets",
    "get",
    "list",
    "update",
]
