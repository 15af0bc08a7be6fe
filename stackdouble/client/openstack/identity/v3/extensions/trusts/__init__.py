"""Keystone OS-TRUST trusts (gophercloud's `identity/v3/extensions/trusts`).

Example to delegate a role to another user, get a trust-scoped token as that user, and
revoke the trust:

    >>> me = cloud.user_id("demo")
    >>> bob = cloud.identity.create_user("bob", password="bob-secret").id
    >>> trust = trusts.create(identity, trusts.CreateOpts(
    ...     trustor_user_id=me, trustee_user_id=bob, project_id=cloud.project_id("demo"),
    ...     roles=["member"], remaining_uses=5)).extract()
    >>> [r.name for r in trust.roles], trust.remaining_uses
    (['member'], 5)
    >>> opts = AuthOptions(identity_endpoint=cloud.auth_url, user_id=bob,
    ...                    password="bob-secret", trust_id=trust.id)
    >>> result = tokens.create(identity, opts)
    >>> trusts.extract_token_trust(result).trustor_user_id == me
    True
    >>> sorted(r.name for r in result.extract_roles())
    ['member', 'reader']
    >>> [t.id for t in trusts.list(identity, trusts.ListOpts(trustor_user_id=me)).items()] == [
    ...     trust.id]
    True
    >>> trusts.check_role(identity, trust.id, trust.roles[0].id).extract()
    True
    >>> trusts.delete(identity, trust.id).extract_err()
    >>> tokens.validate(admin_identity, result.extract_token().id)
    False
"""

from stackdouble.client.openstack.identity.v3.extensions.trusts.requests import (
    CreateOpts,
    CreateOptsBuilder,
    ListOpts,
    ListOptsBuilder,
    check_role,
    create,
    delete,
    get,
    get_role,
    list,
    list_roles,
)
from stackdouble.client.openstack.identity.v3.extensions.trusts.results import (
    CheckRoleResult,
    CreateResult,
    DeleteResult,
    GetResult,
    GetRoleResult,
    Role,
    RolesPage,
    TokenTrust,
    Trust,
    TrustPage,
    extract_roles,
    extract_token_trust,
    extract_trusts,
)

__all__ = [
    "CheckRoleResult",
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "GetRoleResult",
    "ListOpts",
    "ListOptsBuilder",
    "Role",
    "RolesPage",
    "TokenTrust",
    "Trust",
    "TrustPage",
    "check_role",
    "create",
    "delete",
    "extract_roles",
    "extract_token_trust",
    "extract_trusts",
    "get",
    "get_role",
    "list",
    "list_roles",
]
