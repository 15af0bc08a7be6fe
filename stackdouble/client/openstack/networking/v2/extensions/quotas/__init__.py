"""Neutron quotas (the `quotas` and `quota_details` extensions): get, get in detail,
update and reset a project's limits.

Example:

    >>> from stackdouble.client.openstack.networking.v2.extensions import quotas
    >>> quotas.UpdateOpts(network=20, floatingip=5).to_quota_update_map()
    {'quota': {'floatingip': 5, 'network': 20}}
    >>> detail = quotas.QuotaDetailSet.from_json({"network": {"used": 2, "limit": 10,
    ...                                                      "reserved": "0"}})
    >>> detail.network.used, detail.network.reserved, detail.trunk
    (2, 0, None)
"""

from stackdouble.client.openstack.networking.v2.extensions.quotas.requests import (
    UpdateOpts,
    UpdateOptsBuilder,
    delete,
    get,
    get_detail,
    update,
)
from stackdouble.client.openstack.networking.v2.extensions.quotas.results import (
    DeleteResult,
    GetDetailResult,
    GetResult,
    Quota,
    QuotaDetail,
    QuotaDetailSet,
    QuotaResult,
    UpdateResult,
)

__all__ = [
    "DeleteResult",
    "GetDetailResult",
    "GetResult",
    "Quota",
    "QuotaDetail",
    "QuotaDetailSet",
    "QuotaResult",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "delete",
    "get",
    "get_detail",
    "update",
]
