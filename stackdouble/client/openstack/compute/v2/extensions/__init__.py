"""Nova API extensions as gophercloud's seed shaped them: `diskconfig`, `startstop`,
`availabilityzones`, `volumeattach` (Cinder volumes on servers), `rescueunrescue`,
`shelveunshelve`, `schedulerhints` (`os:scheduler_hints` on server create) and
`bootfromvolume` (`block_device_mapping_v2` on server create).

Each decorates the core request builders or reads extra keys from the core Results, so
`servers` stays unchanged: `diskconfig.CreateOptsExt(servers.CreateOpts(...), disk_config=...)`,
`diskconfig.extract_get(servers.get(compute, server_id))`.

The package itself lists the extensions Nova still reports (`list`, `get`):

    >>> from stackdouble.client.openstack.compute.v2 import extensions
    >>> "OS-EXT-AZ" in {e.alias for e in extensions.list(compute).items()}
    True
    >>> extensions.get(compute, "OS-DCF").extract().name
    'DiskConfig'

Server actions of admins: `migrate` (cold and live migration), `evacuate`, `resetstate`,
`injectnetworkinfo` and `resetnetwork` (removed by Nova: 410).
"""

from stackdouble.client.openstack.compute.v2.extensions.requests import get, list
from stackdouble.client.openstack.compute.v2.extensions.results import (
    Extension,
    ExtensionPage,
    GetResult,
    extract_extensions,
)

__all__ = ["Extension", "ExtensionPage", "GetResult", "extract_extensions", "get", "list"]
