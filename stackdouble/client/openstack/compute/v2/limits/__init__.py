"""Nova limits: a project's absolute limits and what it uses, in one call.

Example to see how many more servers fit:

    >>> from stackdouble.client.openstack.compute.v2 import limits
    >>> absolute = limits.get(compute).extract().absolute
    >>> absolute.max_total_instances - absolute.total_instances_used
    9

Example to read another project's (admins):

    >>> opts = limits.GetOpts(tenant_id=demo_project_id)
    >>> limits.get(admin_compute, opts).extract().absolute.total_cores_used
    1
"""

from stackdouble.client.openstack.compute.v2.limits.requests import GetOpts, GetOptsBuilder, get
from stackdouble.client.openstack.compute.v2.limits.results import Absolute, GetResult, Limits

__all__ = ["Absolute", "GetOpts", "GetOptsBuilder", "GetResult", "Limits", "get"]
