"""Neutron floating IPs (the `router` extension): list, get, create, update (associate
with a port, or not) and delete.

Example to take an address from the public network for a server's port, then release it:

    >>> from stackdouble.client.openstack.networking.v2.extensions.layer3 import floatingips
    >>> floatingips.CreateOpts(floating_network_id="376da547",
    ...     port_id="ce705c24").to_floatingip_create_map()
    {'floatingip': {'floating_network_id': '376da547', 'port_id': 'ce705c24'}}
    >>> floatingips.UpdateOpts(port_id="").to_floatingip_update_map()
    {'floatingip': {'port_id': None}}

Reading one:

    >>> fip = floatingips.FloatingIP.from_json({"id": "2f245a7b", "port_id": None,
    ...     "floating_ip_address": "172.24.4.228", "status": "DOWN"})
    >>> fip.floating_ip_address, fip.port_id, fip.status
    ('172.24.4.228', None, 'DOWN')
"""

from stackdouble.client.openstack.networking.v2.extensions.layer3.floatingips.requests import (
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
from stackdouble.client.openstack.networking.v2.extensions.layer3.floatingips.results import (
    CreateResult,
    DeleteResult,
    FloatingIP,
    FloatingIPPage,
    FloatingIPResult,
    GetResult,
    UpdateResult,
    extract_floatingips,
)

__all__ = [
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteResult",
    "FloatingIP",
    "FloatingIPPage",
    "FloatingIPResult",
    "GetResult",
    "ListOpts",
    "ListOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "create",
    "delete",
    "extract_floatingips",
    "get",
    "list",
    "update",
]
