"""Keystone v3 domains.

Example to create, disable and delete a domain (Keystone refuses to delete an enabled one):

    >>> domain = domains.create(admin_identity, domains.CreateOpts(name="acme")).extract()
    >>> from stackdouble.client import Forbidden
    >>> try:
    ...     domains.delete(admin_identity, domain.id).extract_err()
    ... except Forbidden as exc:
    ...     print(exc.body["error"]["message"])
    Cannot delete a domain that is enabled, please disable it first.
    >>> opts = domains.UpdateOpts(enabled=False)
    >>> domains.update(admin_identity, domain.id, opts).extract().enabled
    False
    >>> domains.delete(admin_identity, domain.id).extract_err()

Example to list domains:

    >>> [d.name for d in domains.list(admin_identity).items()]
    ['Default']
"""

from stackdouble.client.openstack.identity.v3.domains.requests import (
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
from stackdouble.client.openstack.identity.v3.domains.results import (
    CreateResult,
    DeleteResult,
    Domain,
    DomainPage,
    GetResult,
    UpdateResult,
    extract_domains,
)

__all__ = [
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteResult",
    "Domain",
    "DomainPage",
    "GetResult",
    "ListOpts",
    "ListOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "create",
    "delete",
    "extract_domains",
    "get",
    "list",
    "update",
]
