"""Keystone v3 domain configuration (`/v3/domains/{domain_id}/config`): the identity
driver options of one domain (an LDAP domain's `url`, `user_tree_dn`...), as Keystone
stores them when `domain_configurations_from_database` is on. Writing takes an admin;
reading an admin or a system reader. gophercloud has no package for it: the names follow
the API.

Example to give a domain an LDAP configuration, read it back (the password never comes
back), change one option and remove it all:

    >>> from stackdouble.client.openstack.identity.v3 import domainconfig
    >>> ldap_domain = domains.create(admin_identity, domains.CreateOpts(name="ldap")).extract()
    >>> stored = domainconfig.create(admin_identity, ldap_domain.id, domainconfig.CreateOpts(
    ...     config={"identity": {"driver": "ldap"},
    ...             "ldap": {"url": "ldap://ldap.example", "password": "s3cr3t"}})).extract()
    >>> stored.identity, stored.ldap
    ({'driver': 'ldap'}, {'url': 'ldap://ldap.example'})
    >>> domainconfig.update_option(admin_identity, ldap_domain.id, "ldap", "url",
    ...                            "ldaps://ldap.example").extract().ldap
    {'url': 'ldaps://ldap.example'}
    >>> domainconfig.get_option(admin_identity, ldap_domain.id, "ldap", "url").extract()
    'ldaps://ldap.example'
    >>> domainconfig.delete(admin_identity, ldap_domain.id).extract_err()

Keystone's defaults for what a domain may set:

    >>> domainconfig.get_default_option(admin_identity, "ldap", "url").extract()
    'ldap://localhost'
"""

from stackdouble.client.openstack.identity.v3.domainconfig.requests import (
    CreateOpts,
    CreateOptsBuilder,
    UpdateOpts,
    UpdateOptsBuilder,
    create,
    delete,
    delete_group,
    delete_option,
    get,
    get_default,
    get_default_group,
    get_default_option,
    get_group,
    get_option,
    update,
    update_group,
    update_option,
)
from stackdouble.client.openstack.identity.v3.domainconfig.results import (
    CreateResult,
    DeleteResult,
    DomainConfig,
    GetResult,
    OptionResult,
    UpdateResult,
)

__all__ = [
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteResult",
    "DomainConfig",
    "GetResult",
    "OptionResult",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "create",
    "delete",
    "delete_group",
    "delete_option",
    "get",
    "get_default",
    "get_default_group",
    "get_default_option",
    "get_group",
    "get_option",
    "update",
    "update_group",
    "update_option",
]
