"""Keystone v2.0 tokens: password, token and Rackspace API-key authentication.

Example to authenticate against v2.0 and read the catalog:

    >>> identity_v2 = new_identity_v2(new_client(cloud.identity_v2_url))
    >>> result = create(identity_v2, openstack.auth_options_from_env(cloud.os_environ()))
    >>> result.extract_token().tenant.name
    'demo'
    >>> "compute" in result.extract_service_catalog().types()
    True
"""

from stackdouble.client.openstack.identity.v2.tokens.requests import (
    AuthOptionsBuilder,
    create,
    to_token_v2_create_map,
)
from stackdouble.client.openstack.identity.v2.tokens.results import (
    CreateResult,
    Tenant,
    Token,
    User,
)

__all__ = [
    "AuthOptionsBuilder",
    "CreateResult",
    "Tenant",
    "Token",
    "User",
    "create",
    "to_token_v2_create_map",
]
