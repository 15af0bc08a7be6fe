"""Keystone OS-EC2 credentials: access keys and secrets a user makes for a project, for
EC2- and S3-style clients (`/v3/users/{user_id}/credentials/OS-EC2`).

Example to make a pair, find it by its access key, and delete it:

    >>> me = cloud.user_id("demo")
    >>> pair = ec2credentials.create(identity, me, ec2credentials.CreateOpts(
    ...     tenant_id=demo_project_id)).extract()
    >>> pair.tenant_id == demo_project_id, len(pair.access), len(pair.secret)
    (True, 32, 32)
    >>> ec2credentials.get(identity, me, pair.access).extract().secret == pair.secret
    True
    >>> [c.access for c in ec2credentials.list(identity, me).items()] == [pair.access]
    True
    >>> ec2credentials.delete(identity, me, pair.access).extract_err()
"""

from stackdouble.client.openstack.identity.v3.ec2credentials.requests import (
    CreateOpts,
    CreateOptsBuilder,
    create,
    delete,
    get,
    list,
)
from stackdouble.client.openstack.identity.v3.ec2credentials.results import (
    CreateResult,
    Credential,
    CredentialPage,
    DeleteResult,
    GetResult,
    extract_credentials,
)

__all__ = [
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "Credential",
    "CredentialPage",
    "DeleteResult",
    "GetResult",
    "create",
    "delete",
    "extract_credentials",
    "get",
    "list",
]
