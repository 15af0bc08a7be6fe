"""Cinder quota sets (`os-quota-sets`): a project's limits, defaults and usage; admins set
and reset them.

Example to read the demo project's limits and what it uses:

    >>> quota = quotasets.get(block_storage, demo_project_id).extract()
    >>> quota.volumes, quota.gigabytes, quota.extra["volumes___DEFAULT__"]
    (10, 1000, -1)
    >>> quotasets.get_usage(block_storage, demo_project_id).extract().gigabytes.in_use
    1

Example to cap the volumes at what it has, then reset (admins only):

    >>> new = quotasets.update(admin_block_storage, demo_project_id,
    ...                        quotasets.UpdateOpts(volumes=1)).extract()
    >>> new.volumes, new.id
    (1, None)
    >>> from stackdouble.client import OverLimit
    >>> try:
    ...     volumes.create(block_storage, volumes.CreateOpts(size=1)).extract()
    ... except OverLimit as exc:
    ...     print(exc.status, exc.headers["Retry-After"])
    413 0
    >>> quotasets.delete(admin_block_storage, demo_project_id).extract_err()
"""

from stackdouble.client.openstack.blockstorage.v3.quotasets.requests import (
    UpdateOpts,
    UpdateOptsBuilder,
    delete,
    get,
    get_defaults,
    get_usage,
    update,
)
from stackdouble.client.openstack.blockstorage.v3.quotasets.results import (
    DeleteResult,
    GetResult,
    QuotaSet,
    QuotaUsage,
    QuotaUsageSet,
    UpdateResult,
    UsageResult,
)

__all__ = [
    "DeleteResult",
    "GetResult",
    "QuotaSet",
    "QuotaUsage",
    "QuotaUsageSet",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "UsageResult",
    "delete",
    "get",
    "get_defaults",
    "get_usage",
    "update",
]
