"""Keystone v3 tokens: authenticate, look up, validate and revoke.

Example to authenticate and read the token:

    >>> result = tokens.create(identity, openstack.auth_options_from_env(cloud.os_environ()))
    >>> result.extract_user().name
    'demo'
    >>> result.extract_project().name
    'demo'
    >>> sorted(role.name for role in result.extract_roles())
    ['member', 'reader']

Example to validate and revoke a token:

    >>> token = result.extract_token()
    >>> tokens.validate(identity, token.id)
    True
    >>> tokens.revoke(identity, token.id).extract_err()
    >>> tokens.validate(identity, token.id)
    False
"""

from stackdouble.client.openstack.identity.v3.tokens.requests import (
    AuthOptionsBuilder,
    create,
    get,
    revoke,
    to_token_v3_create_map,
    validate,
)
from stackdouble.client.openstack.identity.v3.tokens.results import (
    CreateResult,
    Domain,
    GetResult,
    RevokeResult,
    Role,
    Token,
    TokenProject,
    TokenUser,
)

__all__ = [
    "AuthOptionsBuilder",
    "CreateResult",
    "Domain",
    "GetResult",
    "RevokeResult",
    "Role",
    "Token",
    "TokenProject",
    "TokenUser",
    "create",
    "get",
    "revoke",
    "to_token_v3_create_map",
    "validate",
]
