"""Rescue servers and bring them back (`rescue` / `unrescue`).

Example to rescue a server with a password of your own, and bring it back:

    >>> from stackdouble.client.openstack.compute.v2.extensions import rescueunrescue
    >>> opts = rescueunrescue.RescueOpts(admin_pass="s3cret")
    >>> rescueunrescue.rescue(compute, server_id, opts).extract()
    's3cret'
    >>> _ = servers.wait_for_status(compute, server_id, "RESCUE",
    ...                             timeout=60, sleep=cloud.clock.advance, clock=cloud.clock.time)
    >>> rescueunrescue.unrescue(compute, server_id).extract_err()
"""

from stackdouble.client.openstack.compute.v2.extensions.rescueunrescue.requests import (
    RescueOpts,
    RescueOptsBuilder,
    rescue,
    unrescue,
)
from stackdouble.client.openstack.compute.v2.extensions.rescueunrescue.results import (
    RescueResult,
    UnrescueResult,
)

__all__ = ["RescueOpts", "RescueOptsBuilder", "RescueResult", "UnrescueResult", "rescue",
           "unrescue"]
