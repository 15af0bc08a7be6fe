"""Reset a server's state (`os-resetState`; admins).

Example to put a server in ERROR, then back to ACTIVE:

    >>> from stackdouble.client.openstack.compute.v2.extensions import resetstate
    >>> resetstate.reset_state(admin_compute, server_id, resetstate.ServerState.ERROR
    ...                        ).extract_err()
    >>> servers.get(admin_compute, server_id).extract().status
    'ERROR'
    >>> resetstate.reset_state(admin_compute, server_id, "active").extract_err()
    >>> servers.get(admin_compute, server_id).extract().status
    'ACTIVE'
"""

from stackdouble.client.openstack.compute.v2.extensions.resetstate.requests import (
    ServerState,
    reset_state,
)
from stackdouble.client.openstack.compute.v2.extensions.resetstate.results import ResetResult

__all__ = ["ResetResult", "ServerState", "reset_state"]
