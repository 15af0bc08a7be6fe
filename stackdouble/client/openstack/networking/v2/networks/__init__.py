"""Neutron networks: list, get, create, update and delete.

Example to build a create request and a filtered, paged listing:

    >>> from stackdouble.client.openstack.networking.v2 import networks
    >>> networks.CreateOpts(name="private", admin_state_up=True).to_network_create_map()
    {'network': {'admin_state_up': True, 'name': 'private'}}
    >>> networks.ListOpts(external=True, limit=50).to_network_list_query()
    '?limit=50&router%3Aexternal=true'

Example to read a network as Neutron sends it (attributes convert on first read):

    >>> net = networks.Network.from_json({"id": "d32019d3", "name": "net1",
    ...     "router:external": False, "subnets": ["54d6f61d"], "mtu": 1500,
    ...     "created_at": "2016-03-08T20:19:41"})
    >>> net.name, net.external, net.subnets, net.mtu, net.created_at.tzinfo
    ('net1', False, ('54d6f61d',), 1500, datetime.timezone.utc)

Against a cloud (`network_client` from `openstack.new_networking_v2`):

    >>> for net in networks.list(network_client, networks.ListOpts(limit=100)):
    ...     print(net.name)  # doctest: +SKIP
"""

from stackdouble.client.openstack.networking.v2.networks.requests import (
    CreateOpts,
    CreateOptsBuilder,
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
from stackdouble.client.openstack.networking.v2.networks.results import (
    CreateResult,
    DeleteResult,
    GetResult,
    Network,
    NetworkPage,
    NetworkResult,
    UpdateResult,
    extract_networks,
)

__all__ = [
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "ListOpts",
    "ListOptsBuilder",
    "Network",
    "NetworkPage",
    "NetworkResult",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "create",
    "delete",
    "extract_networks",
    "get",
    "list",
    "update",
]
