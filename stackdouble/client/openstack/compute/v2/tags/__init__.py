"""Nova server tags (2.26 and later): short strings to find servers by.

Example to tag a server, check a tag, then clear them:

    >>> from stackdouble.client.openstack.compute.v2 import tags
    >>> nova = compute.with_microversion("2.26")
    >>> tags.add(nova, server_id, "web").extract_err()
    >>> tags.replace_all(nova, server_id, tags.ReplaceAllOpts(tags=["web", "prod"])).extract()
    ['web', 'prod']
    >>> tags.check(nova, server_id, "prod").extract()
    True
    >>> tags.delete_all(nova, server_id).extract_err()
    >>> tags.list(nova, server_id).extract()
    []
"""

from stackdouble.client.openstack.compute.v2.tags.requests import (
    ReplaceAllOpts,
    ReplaceAllOptsBuilder,
    add,
    check,
    delete,
    delete_all,
    list,
    replace_all,
)
from stackdouble.client.openstack.compute.v2.tags.results import (
    AddResult,
    CheckResult,
    DeleteResult,
    ListResult,
    ReplaceAllResult,
)

__all__ = [
    "AddResult",
    "CheckResult",
    "DeleteResult",
    "ListResult",
    "ReplaceAllOpts",
    "ReplaceAllOptsBuilder",
    "ReplaceAllResult",
    "add",
    "check",
    "delete",
    "delete_all",
    "list",
    "replace_all",
]
