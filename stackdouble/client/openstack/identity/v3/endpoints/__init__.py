"""Keystone v3 endpoints.

Example to add an endpoint to a new service; tokens issued afterwards carry it in their
catalog, with `$(project_id)s` filled in:

    >>> opts = services.CreateOpts(type="dns", name="designate")
    >>> service = services.create(admin_identity, opts).extract()
    >>> endpoint = endpoints.create(admin_identity, endpoints.CreateOpts(
    ...     service_id=service.id, interface="public", region="RegionOne",
    ...     url="https://dns.example/v2/$(project_id)s")).extract()
    >>> mine = endpoints.ListOpts(service_id=service.id)
    >>> [e.url for e in endpoints.list(admin_identity, mine).items()]
    ['https://dns.example/v2/$(project_id)s']
    >>> fresh = authenticated_client(openstack.auth_options_from_env(cloud.os_environ()))
    >>> new_client_url = fresh.locate(EndpointOpts(type="dns"))
    >>> new_client_url == "https://dns.example/v2/" + cloud.project_id("demo")
    True
    >>> endpoints.delete(admin_identity, endpoint.id).extract_err()
"""

from stackdouble.client.openstack.identity.v3.endpoints.requests import (
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
from stackdouble.client.openstack.identity.v3.endpoints.results import (
    CreateResult,
    DeleteResult,
    Endpoint,
    EndpointPage,
    GetResult,
    UpdateResult,
    extract_endpoints,
)

__all__ = [
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteResult",
    "Endpoint",
    "EndpointPage",
    "GetResult",
    "ListOpts",
    "ListOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "create",
    "delete",
    "extract_endpoints",
    "get",
    "list",
    "update",
]
