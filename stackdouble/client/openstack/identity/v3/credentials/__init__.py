"""Keystone v3 credentials: a user's secrets of any type (`totp`, `cert`, `ec2`...), each
held as a string `blob`.

Example to store a TOTP seed for yourself, find it, change it and remove it:

    >>> me = cloud.user_id("demo")
    >>> cred = credentials.create(identity, credentials.CreateOpts(
    ...     type="totp", user_id=me, blob="GEZDGNBVGY3TQOJQ")).extract()
    >>> [c.id for c in credentials.list(identity, credentials.ListOpts(type="totp")).items()
    ...  ] == [cred.id]
    True
    >>> credentials.update(identity, cred.id, credentials.UpdateOpts(
    ...     blob="MFRGGZDFMZTWQ2LK")).extract().blob
    'MFRGGZDFMZTWQ2LK'
    >>> credentials.delete(identity, cred.id).extract_err()

An ec2 credential's blob is the JSON of its access key and secret, and its id the sha256 of
the access key:

    >>> import hashlib, json
    >>> ec2 = credentials.create(identity, credentials.CreateOpts(
    ...     type="ec2", user_id=me, project_id=demo_project_id,
    ...     blob=json.dumps({"access": "AKIDEXAMPLE", "secret": "s3cr3t"}))).extract()
    >>> ec2.id == hashlib.sha256(b"AKIDEXAMPLE").hexdigest()
    True
"""

from stackdouble.client.openstack.identity.v3.credentials.requests import (
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
from stackdouble.client.openstack.identity.v3.credentials.results import (
    CreateResult,
    Credential,
    CredentialPage,
    DeleteResult,
    GetResult,
    UpdateResult,
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
    "ListOpts",
    "ListOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "create",
    "delete",
    "extract_credentials",
    "get",
    "list",
    "update",
]
