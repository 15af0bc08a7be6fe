"""Swift accounts: the account's usage, metadata and temp-URL keys, all in headers.

Example to get the account's usage (Swift updates the counts a few seconds after writes):

    >>> from stackdouble.client.openstack.objectstorage.v1 import accounts
    >>> account = accounts.get(storage).extract()
    >>> account.container_count, account.object_count, account.bytes_used
    (2, 3, 32)

Example to set metadata and a temp-URL key (the key never shows in a repr):

    >>> opts = accounts.UpdateOpts(metadata={"Owner": "ops"}, temp_url_key="s3cr3t")
    >>> opts
    UpdateOpts(metadata={'Owner': 'ops'}, remove_metadata=())
    >>> accounts.update(storage, opts).extract_err()
    >>> accounts.get(storage).extract_metadata()
    {'Owner': 'ops'}
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
    AccountHeaders,
    GetResult,
    PolicyQuota,
    PolicyUsage,
    UpdateResult,
)

__all__ = [
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
