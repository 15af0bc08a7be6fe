"""The `/extensions` listing Neutron and Cinder answer in the same shape (gophercloud's
`openstack/common/extensions`); `networking.v2.extensions` and `blockstorage.v3.extensions`
are this package on their service's client.

Example:
    >>> from stackdouble.client.openstack.common import extensions
    >>> found = extensions.list(block_storage).all_pages().items()
    >>> "capabilities" in {e.alias for e in found}
    True
"""

from stackdouble.client.openstack.common.extensions.requests import get, list
from stackdouble.client.openstack.common.extensions.results import (
    Extension,
    ExtensionPage,
    GetResult,
    extract_extensions,
)

__all__ = ["Extension", "ExtensionPage", "GetResult", "extract_extensions", "get", "list"]
