"""Nova instance actions: the history of a server (create, stop, resize...) and the
events of each action.

Example to page through a server's actions (2.58 and later):

    >>> from stackdouble.client.openstack.compute.v2 import instanceactions
    >>> nova = compute.with_microversion("2.58")
    >>> startstop.stop(nova, server_id).extract_err()
    >>> opts = instanceactions.ListOpts(limit=1)  # one action a page, links followed
    >>> [a.action for a in instanceactions.list(nova, server_id, opts).items()]
    ['stop', 'create']
"""

from stackdouble.client.openstack.compute.v2.instanceactions.requests import (
    ListOpts,
    ListOptsBuilder,
    get,
    list,
)
from stackdouble.client.openstack.compute.v2.instanceactions.results import (
    Event,
    GetResult,
    InstanceAction,
    InstanceActionDetail,
    InstanceActionPage,
    extract_instance_actions,
)

__all__ = [
    "Event",
    "GetResult",
    "InstanceAction",
    "InstanceActionDetail",
    "InstanceActionPage",
    "ListOpts",
    "ListOptsBuilder",
    "extract_instance_actions",
    "get",
    "list",
]
