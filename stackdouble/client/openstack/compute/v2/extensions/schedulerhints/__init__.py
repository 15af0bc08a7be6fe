"""Scheduler hints (`os:scheduler_hints`): tell Nova's scheduler where a new server may go.

Example to boot two servers into an anti-affinity group, so they land on different hosts:

    >>> from stackdouble.client.openstack.compute.v2 import servergroups
    >>> from stackdouble.client.openstack.compute.v2.extensions import schedulerhints
    >>> group = servergroups.create(compute, servergroups.CreateOpts(
    ...     name="spread", policies=["anti-affinity"])).extract()
    >>> hints = schedulerhints.SchedulerHints(group=group.id)
    >>> for name in ("web-1", "web-2"):
    ...     base = servers.CreateOpts(name=name, image_ref=image_id, flavor_ref="1")
    ...     opts = schedulerhints.CreateOptsExt(create_opts=base, scheduler_hints=hints)
    ...     _ = servers.create(compute, opts).extract()
    >>> len(servergroups.get(compute, group.id).extract().members)
    2
"""

from stackdouble.client.openstack.compute.v2.extensions.schedulerhints.requests import (
    CreateOptsExt,
    SchedulerHints,
    SchedulerHintsBuilder,
)

__all__ = ["CreateOptsExt", "SchedulerHints", "SchedulerHintsBuilder"]
