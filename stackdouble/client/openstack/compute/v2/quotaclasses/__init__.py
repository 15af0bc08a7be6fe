"""Nova quota classes: the `default` class's limits are every project's defaults.

Example to raise a default for every project without its own limit (admins):

    >>> from stackdouble.client.openstack.compute.v2 import quotaclasses
    >>> opts = quotaclasses.UpdateOpts(cores=64)
    >>> quotaclasses.update(admin_compute, "default", opts).extract().cores
    64
    >>> quotaclasses.get(admin_compute, "default").extract().id
    'default'
"""

from stackdouble.client.openstack.compute.v2.quotaclasses.requests import (
    UpdateOpts,
    UpdateOptsBuilder,
    get,
    update,
)
from stackdouble.client.openstack.compute.v2.quotaclasses.results import (
    GetResult,
    QuotaSet,
    UpdateResult,
)

__all__ = ["GetResult", "QuotaSet", "UpdateOpts", "UpdateOptsBuilder", "UpdateResult", "get",
           "update"]
