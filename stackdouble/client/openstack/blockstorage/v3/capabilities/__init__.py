"""A Cinder volume backend's capabilities (admins): its driver's stats and the extra
specs it understands.

Example to find the volume service, then ask what its backend can do:

    >>> from stackdouble.client.openstack.blockstorage.v3 import capabilities, services
    >>> host = services.list(admin_block_storage, services.ListOpts(
    ...     binary="cinder-volume")).all_pages().items()[0].host
    >>> found = capabilities.get(admin_block_storage, host).extract()
    >>> found.namespace, found.vendor_name, found.storage_protocol
    ('OS::Storage::Capabilities::stackdouble@lvmdriver-1', 'Open Source', 'iSCSI')
    >>> sorted(found.properties)
    ['compression', 'qos', 'replication_enabled', 'thin_provisioning']

Example of what a member and an unknown host get:

    >>> from stackdouble.client import Forbidden, NotFound
    >>> try:
    ...     capabilities.get(block_storage, host).extract()
    ... except Forbidden as exc:
    ...     print(exc.status)
    403
    >>> try:
    ...     capabilities.get(admin_block_storage, "nosuch@backend").extract()
    ... except NotFound as exc:
    ...     print(exc.status)
    404
"""

from stackdouble.client.openstack.blockstorage.v3.capabilities.requests import get
from stackdouble.client.openstack.blockstorage.v3.capabilities.results import (
    Capabilities,
    GetResult,
)

__all__ = ["Capabilities", "GetResult", "get"]
