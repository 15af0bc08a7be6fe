"""Cinder limits: the project's absolute limits (its quotas) and what it uses of them.

Example to see how many more volumes the project may create:

    >>> from stackdouble.client.openstack.blockstorage.v3 import limits
    >>> absolute = limits.get(block_storage).extract().absolute
    >>> absolute.max_total_volumes - absolute.total_volumes_used
    9
    >>> absolute.total_gigabytes_used, absolute.max_total_backups
    (1, 10)
"""

from stackdouble.client.openstack.blockstorage.v3.limits.requests import (
    GetOpts,
    GetOptsBuilder,
    get,
)
from stackdouble.client.openstack.blockstorage.v3.limits.results import (
    Absolute,
    GetResult,
    Limit,
    Limits,
    Rate,
)

__all__ = ["Absolute", "GetOpts", "GetOptsBuilder", "GetResult", "Limit", "Limits", "Rate",
           "get"]
