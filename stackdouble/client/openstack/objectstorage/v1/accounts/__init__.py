"""Swift accounts: the account's usage, metadata and temp-URL keys, all in headers.

Example to get the account's usage (Swift updates the counts a few seconds after writes):

    >>> from stackdouble.client.openstack.objectstorage.v1 import accounts
    >>> account = accounts.get(storage).extract()
    >>> account.container_count, account.object_count, account.bytes_used
    (2, 3, 32)

Example to set metadata and a temp-URL key (the key never shows in a repr):

    >>> opts = accounts.UpdateOpts(metadata={"Owner": "ops"}, temp_url_key="s3cr3t")
    >>> opts  # doctest: +NORMALIZE_WHITESPACE
    UpdateOpts(metadata={'Owner': 'ops'}, remove_metadata=(), access_control=None,
               remove_access_control=False)
    >>> accounts.update(storage, opts).extract_err()
    >>> accounts.get(storage).extract_metadata()
    {'Owner': 'ops'}

Example to let other tempauth users into the account (account ACLs are tempauth's: a
Keystone token's account accepts the header and ignores it):

    >>> from stackdouble.client.openstack.objectstorage.v1 import swauth
    >>> provider = openstack.new_client(cloud.base_url)
    >>> owned = swauth.new_object_storage_v1(
    ...     provider, swauth.AuthOpts(user="test:tester", key="testing"))
    >>> acl = accounts.AccountACL(read_only=["test2:tester2"], read_write=["test:tester3"])
    >>> accounts.update(owned, accounts.UpdateOpts(access_control=acl)).extract_err()
    >>> accounts.get(owned).extract().access_control
    AccountACL(admin=(), read_write=('test:tester3',), read_only=('test2:tester2',))
    >>> accounts.update(owned, accounts.UpdateOpts(remove_access_control=True)).extract_err()
    >>> accounts.get(owned).extract().access_control is None
    True
"""

from stackdouble.client.openstack.objectstorage.v1._swift import ResponseHeaders
from stackdouble.client.openstack.objectstorage.v1.accounts.requests import (
    GetOpts,
    GetOptsBuilder,
    UpdateOpts,
    UpdateOptsBuilder,
    get,
    update,
)
from stackdouble.client.openstack.objectstorage.v1.accounts.results import (
    AccountACL,
    AccountHeaders,
    GetResult,
    PolicyQuota,
    PolicyUsage,
    UpdateResult,
)

__all__ = [
    "AccountACL",
    "AccountHeaders",
    "GetOpts",
    "GetOptsBuilder",
    "GetResult",
    "PolicyQuota",
    "PolicyUsage",
    "ResponseHeaders",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "get",
    "update",
]
