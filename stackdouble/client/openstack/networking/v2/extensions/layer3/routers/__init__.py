"""Neutron routers (the `router` extension): list, get, create, update, delete, the
external gateway, and the interfaces that plug a router into subnets.

Example to route a private subnet to the public network:

    >>> from stackdouble.client.openstack.networking.v2.extensions.layer3 import routers
    >>> routers.CreateOpts(name="router1", gateway_info=routers.GatewayInfoOpts(
    ...     network_id="ae34051f")).to_router_create_map()
    {'router': {'name': 'router1', 'external_gateway_info': {'network_id': 'ae34051f'}}}
    >>> routers.AddInterfaceOpts(subnet_id="a2f1f29d").to_router_add_interface_map()
    {'subnet_id': 'a2f1f29d'}

Against a cloud:

    >>> router = routers.create(network_client, routers.CreateOpts(
    ...     name="router1")).extract()  # doctest: +SKIP
    >>> routers.add_interface(network_client, router.id, routers.AddInterfaceOpts(
    ...     subnet_id=subnet.id)).extract().port_id  # doctest: +SKIP
    '2dc46bcc-d1f2-4077-b99e-91ee28afaff0'
"""

from stackdouble.client.openstack.networking.v2.extensions.layer3.routers.requests import (
    AddInterfaceOpts,
    AddInterfaceOptsBuilder,
    CreateOpts,
    CreateOptsBuilder,
    ExternalFixedIPOpts,
    GatewayInfoOpts,
    ListOpts,
    ListOptsBuilder,
    RemoveInterfaceOpts,
    RemoveInterfaceOptsBuilder,
    RouteOpts,
    UpdateOpts,
    UpdateOptsBuilder,
    add_interface,
    create,
    delete,
    get,
    list,
    remove_interface,
    update,
)
from stackdouble.client.openstack.networking.v2.extensions.layer3.routers.results import (
    CreateResult,
    DeleteResult,
    ExternalFixedIP,
    GatewayInfo,
    GetResult,
    InterfaceInfo,
    InterfaceResult,
    Route,
    Router,
    RouterPage,
    RouterResult,
    UpdateResult,
    extract_routers,
)

__all__ = [
    "AddInterfaceOpts",
    "AddInterfaceOptsBuilder",
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteResult",
    "ExternalFixedIP",
    "ExternalFixedIPOpts",
    "GatewayInfo",
    "GatewayInfoOpts",
    "GetResult",
    "InterfaceInfo",
    "InterfaceResult",
    "ListOpts",
    "ListOptsBuilder",
    "RemoveInterfaceOpts",
    "RemoveInterfaceOptsBuilder",
    "Route",
    "RouteOpts",
    "Router",
    "RouterPage",
    "RouterResult",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "add_interface",
    "create",
    "delete",
    "extract_routers",
    "get",
    "list",
    "remove_interface",
    "update",
]
