"""Keystone v3 application credentials.

Example to create one (the secret is in this answer only), authenticate with it, and
delete it:

    >>> me = cloud.user_id("demo")
    >>> cred = applicationcredentials.create(
    ...     identity, me, applicationcredentials.CreateOpts(name="ci", roles=["reader"])).extract()
    >>> [r.name for r in cred.roles]
    ['reader']
    >>> opts = AuthOptions(identity_endpoint=cloud.auth_url, application_credential_id=cred.id,
    ...                    application_credential_secret=cred.secret)
    >>> authenticated_client(opts).token_id is not None
    True
    >>> applicationcredentials.get(identity, me, cred.id).extract().secret is None
    True
    >>> [c.name for c in applicationcredentials.list(identity, me).items()]
    ['ci']
    >>> applicationcredentials.delete(identity, me, cred.id).extract_err()

Example to restrict a credential's tokens to reading the user's own record, then remove
the rule once no credential uses it:

    >>> rule = applicationcredentials.AccessRule(
    ...     service="identity", method="GET", path="/identity/v3/users/{user_id}")
    >>> cred = applicationcredentials.create(identity, me, applicationcredentials.CreateOpts(
    ...     name="whoami", access_rules=[rule])).extract()
    >>> [(r.service, r.method) for r in cred.access_rules]
    [('identity', 'GET')]
    >>> rules = [r for r in applicationcredentials.list_access_rules(identity, me).items()]
    >>> [r.id for r in rules] == [cred.access_rules[0].id]
    True
    >>> applicationcredentials.delete(identity, me, cred.id).extract_err()
    >>> applicationcredentials.delete_access_rule(identity, me, rules[0].id).extract_err()
"""

from stackdouble.client.openstack.identity.v3.applicationcredentials.requests import (
    CreateOpts,
    CreateOptsBuilder,
    ListAccessRulesOpts,
    ListAccessRulesOptsBuilder,
    ListOpts,
    ListOptsBuilder,
    create,
    delete,
    delete_access_rule,
    get,
    get_access_rule,
    list,
    list_access_rules,
)
from stackdouble.client.openstack.identity.v3.applicationcredentials.results import (
    AccessRule,
    AccessRulePage,
    ApplicationCredential,
    ApplicationCredentialPage,
    CreateResult,
    DeleteAccessRuleResult,
    DeleteResult,
    GetAccessRuleResult,
    GetResult,
    Role,
    extract_access_rules,
    extract_application_credentials,
)

__all__ = [
    "AccessRule",
    "AccessRulePage",
    "ApplicationCredential",
    "ApplicationCredentialPage",
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteAccessRuleResult",
    "DeleteResult",
    "GetAccessRuleResult",
    "GetResult",
    "ListAccessRulesOpts",
    "ListAccessRulesOptsBuilder",
    "ListOpts",
    "ListOptsBuilder",
    "Role",
    "create",
    "delete",
    "delete_access_rule",
    "extract_access_rules",
    "extract_application_credentials",
    "get",
    "get_access_rule",
    "list",
    "list_access_rules",
]
