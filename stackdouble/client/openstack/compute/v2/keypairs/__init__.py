"""Nova keypairs: create (generate or import), list, get, delete.

Example to import a public key:

    >>> opts = CreateOpts(name="deploy", public_key=public_key)
    >>> keypair = keypairs.create(compute, opts).extract()

Example to generate a pair and keep the private key (Nova keeps no copy):

    >>> keypair = keypairs.create(compute, CreateOpts(name="gen")).extract()
    >>> keypair.private_key.startswith("-----BEGIN")
    True

Example to list keypairs:

    >>> names = [k.name for k in keypairs.list(compute).items()]
"""

from stackdouble.client.openstack.compute.v2.keypairs.requests import (
    KEYPAIR_TYPES,
    CreateOpts,
    CreateOptsBuilder,
    ListOpts,
    ListOptsBuilder,
    create,
    delete,
    get,
    list,
)
from stackdouble.client.openstack.compute.v2.keypairs.results import (
    CreateResult,
    DeleteResult,
    GetResult,
    KeyPair,
    KeyPairPage,
    KeyPairResult,
    extract_keypairs,
)

__all__ = [
    "KEYPAIR_TYPES",
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "KeyPair",
    "KeyPairPage",
    "KeyPairResult",
    "ListOpts",
    "ListOptsBuilder",
    "create",
    "delete",
    "extract_keypairs",
    "get",
    "list",
]
