"""Evacuate servers off a compute host that is down (`evacuate`; admins).

Example to rebuild a server elsewhere once its host's compute service is forced down
(an admin client, a cloud of two hosts):

    >>> from stackdouble.client.openstack.compute.v2.extensions import evacuate
    >>> _ = cloud.compute.set_hosts(2)
    >>> host = servers.get(admin_compute, server_id).extract().host
    >>> cloud.compute.hosts[host].service.forced_down = True  # as `os-services` forces it
    >>> opts = evacuate.EvacuateOpts(on_shared_storage=False)  # required before 2.14
    >>> len(evacuate.evacuate(admin_compute, server_id, opts).extract_admin_pass())
    12
    >>> servers.get(admin_compute, server_id).extract().host != host
    True
"""

from stackdouble.client.openstack.compute.v2.extensions.evacuate.requests import (
    EvacuateOpts,
    EvacuateOptsBuilder,
    evacuate,
)
from stackdouble.client.openstack.compute.v2.extensions.evacuate.results import EvacuateResult

__all__ = ["EvacuateOpts", "EvacuateOptsBuilder", "EvacuateResult", "evacuate"]
