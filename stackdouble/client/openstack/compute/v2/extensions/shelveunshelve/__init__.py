"""Shelve, shelve-offload and unshelve servers (`shelve`, `shelveOffload`, `unshelve`).

Example to shelve a server, wait until it is off its host, and unshelve it:

    >>> from stackdouble.client.openstack.compute.v2.extensions import shelveunshelve
    >>> shelveunshelve.shelve(compute, server_id).extract_err()
    >>> _ = servers.wait_for_status(compute, server_id, "SHELVED_OFFLOADED",
    ...                             timeout=60, sleep=cloud.clock.advance, clock=cloud.clock.time)
    >>> shelveunshelve.unshelve(compute, server_id).extract_err()
"""

from stackdouble.client.openstack.compute.v2.extensions.shelveunshelve.requests import (
    UnshelveOpts,
    UnshelveOptsBuilder,
    shelve,
    shelve_offload,
    unshelve,
)
from stackdouble.client.openstack.compute.v2.extensions.shelveunshelve.results import (
    ShelveOffloadResult,
    ShelveResult,
    UnshelveResult,
)

__all__ = [
    "ShelveOffloadResult",
    "ShelveResult",
    "UnshelveOpts",
    "UnshelveOptsBuilder",
    "UnshelveResult",
    "shelve",
    "shelve_offload",
    "unshelve",
]
