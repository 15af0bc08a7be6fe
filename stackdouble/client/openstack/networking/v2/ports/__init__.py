"""Neutron ports: list, get, create, update and delete.

Example to ask for a port with a chosen address on a subnet:

    >>> from stackdouble.client.openstack.networking.v2 import ports
    >>> ports.CreateOpts(network_id="a87cc70a", security_groups=["85cc3048"],
    ...     fixed_ips=[ports.FixedIPOpts(subnet_id="a0304c3a", ip_address="10.0.0.5")]
    ...     ).to_port_create_map()  # doctest: +NORMALIZE_WHITESPACE
    {'port': {'network_id': 'a87cc70a',
     'fixed_ips': [{'subnet_id': 'a0304c3a', 'ip_address': '10.0.0.5'}],
     'security_groups': ['85cc3048']}}

Example to find a server's ports and read their addresses:

    >>> ports.ListOpts(device_id="5e3898d7", fields=["id", "fixed_ips"]).to_port_list_query()
    '?fields=id&fields=fixed_ips&device_id=5e3898d7'
    >>> port = ports.Port.from_json({"id": "46d4bfb9", "fixed_ips": [
    ...     {"ip_address": "10.0.0.1", "subnet_id": "a0304c3a"}]})
    >>> [ip.ip_address for ip in port.fixed_ips], port.status
    (['10.0.0.1'], '')
"""

from stackdouble.client.openstack.networking.v2.ports.requests import (
    AddressPairOpts,
    CreateOpts,
    CreateOptsBuilder,
    FixedIPOpts,
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
from stackdouble.client.openstack.networking.v2.ports.results import (
    IP,
    AddressPair,
    CreateResult,
    DeleteResult,
    GetResult,
    Port,
    PortPage,
    PortResult,
    UpdateResult,
    extract_ports,
)

__all__ = [
    "IP",
    "AddressPair",
    "AddressPairOpts",
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteResult",
    "FixedIPOpts",
    "GetResult",
    "ListOpts",
    "ListOptsBuilder",
    "Port",
    "PortPage",
    "PortResult",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "create",
    "delete",
    "extract_ports",
    "get",
    "list",
    "update",
]
