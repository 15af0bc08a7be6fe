"""Nova remote consoles: a URL to a server's VNC, SPICE, serial or MKS console (2.6 and
later).

Example to open a server's noVNC console:

    >>> from stackdouble.client.openstack.compute.v2 import remoteconsoles
    >>> opts = remoteconsoles.CreateOpts(protocol=remoteconsoles.ConsoleProtocol.VNC,
    ...                                  type=remoteconsoles.ConsoleType.NOVNC)
    >>> console = remoteconsoles.create(compute.with_microversion("2.6"), server_id,
    ...                                 opts).extract()
    >>> console.type, "vnc_lite.html?path=%3Ftoken%3D" in console.url
    ('novnc', True)
"""

from stackdouble.client.openstack.compute.v2.remoteconsoles.requests import (
    ConsoleProtocol,
    ConsoleType,
    CreateOpts,
    CreateOptsBuilder,
    create,
)
from stackdouble.client.openstack.compute.v2.remoteconsoles.results import (
    CreateResult,
    RemoteConsole,
)

__all__ = ["ConsoleProtocol", "ConsoleType", "CreateOpts", "CreateOptsBuilder", "CreateResult",
           "RemoteConsole", "create"]
