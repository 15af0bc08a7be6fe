"""Start and stop servers (`os-start` / `os-stop`).

Example to stop a server, wait for SHUTOFF, and start it again:

    >>> startstop.stop(compute, server_id).extract_err()
    >>> _ = servers.wait_for_status(compute, server_id, "SHUTOFF",
    ...                             timeout=60, sleep=cloud.clock.advance, clock=cloud.clock.time)
    >>> startstop.start(compute, server_id).extract_err()
"""

from stackdouble.client.openstack.compute.v2.extensions.startstop.requests import start, stop
from stackdouble.client.openstack.compute.v2.extensions.startstop.results import (
    StartResult,
    StopResult,
)

__all__ = ["StartResult", "StopResult", "start", "stop"]
