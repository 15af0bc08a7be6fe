"""The API extensions Cinder loads (`GET /extensions`): 32 on Cinder 29, readable by
anyone with a token.

Example to see whether the backend capabilities API is there:

    >>> from stackdouble.client.openstack.blockstorage.v3 import extensions
    >>> found = extensions.list(block_storage).all_pages().items()
    >>> len(found), "capabilities" in {e.alias for e in found}
    (32, True)
    >>> extensions.get(block_storage, "capabilities").extract().updated
    '2015-08-31T00:00:00+00:00'
"""

from stackdouble.client.openstack.blockstorage.v3.extensions.requests import get, list
from stackdouble.client.openstack.blockstorage.v3.extensions.results import (
    Extension,
    ExtensionPage,
    GetResult,
    extract_extensions,
)

__all__ = ["Extension", "ExtensionPage", "GetResult", "extract_extensions", "get", "list"]
