"""Nova quota sets: a project's limits, the defaults, the detail with usage, update, delete.

Example to read a project's limits and what it uses:

    >>> from stackdouble.client.openstack.compute.v2 import quotasets
    >>> detail = quotasets.get_detail(compute, demo_project_id).extract()
    >>> detail.instances.limit, detail.instances.in_use
    (10, 1)

Example to raise a limit, then go back to the defaults (admins):

    >>> opts = quotasets.UpdateOpts(cores=40)
    >>> quotasets.update(admin_compute, demo_project_id, opts).extract().cores
    40
    >>> quotasets.delete(admin_compute, demo_project_id).extract_err()
"""

from stackdouble.client.openstack.compute.v2.quotasets.requests import (
    UpdateOpts,
    UpdateOptsBuilder,
    delete,
    get,
    get_defaults,
    get_detail,
    update,
)
from stackdouble.client.openstack.compute.v2.quotasets.results import (
    QUOTA_RESOURCES,
    DeleteResult,
    GetDetailResult,
    GetResult,
    QuotaDetail,
    QuotaDetailSet,
    QuotaSet,
    UpdateResult,
)

__all__ = [
    "QUOTA_RESOURCES",
    "DeleteResult",
    "GetDetailResult",
    "GetResult",
    "QuotaDetail",
    "QuotaDetailSet",
    "QuotaSet",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "delete",
    "get",
    "get_defaults",
    "get_detail",
    "update",
]
