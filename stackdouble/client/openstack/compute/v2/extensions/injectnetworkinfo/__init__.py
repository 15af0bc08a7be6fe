"""Inject network information into a server (`injectNetworkInfo`; admins).

Example:

    >>> from stackdouble.client.openstack.compute.v2.extensions import injectnetworkinfo
    >>> injectnetworkinfo.inject_network_info(admin_compute, server_id).extract_err()
"""

from stackdouble.client.openstack.compute.v2.extensions.injectnetworkinfo.requests import (
    inject_network_info,
)
from stackdouble.client.openstack.compute.v2.extensions.injectnetworkinfo.results import (
    InjectNetworkResult,
)

__all__ = ["InjectNetworkResult", "inject_network_info"]
