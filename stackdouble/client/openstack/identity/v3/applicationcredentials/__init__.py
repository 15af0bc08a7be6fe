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
"""

from stackdouble.client.openstack.identity.v3.applicationcredentials.requests import (
    CreateOpts,
    CreateOptsBuilder,
    ListOpts,
    ListOptsBuilder,
    create,
    delete,
    get,
    list,
)
from stackdouble.client.openstack.identity.v3.applicationcredentials.results import (
    ApplicationCredential,
    ApplicationCredentialPage,
    CreateResult,
    DeleteResult,
    GetResult,
    Role,
    extract_application_credentials,
)

__all__ = [
    "ApplicationCredential",
    "ApplicationCredentialPage",
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "ListOpts",
    "ListOptsBuilder",
    "Role",
    "create",
    "delete",
    "extract_application_credentials",
    "get",
    "list",
]
