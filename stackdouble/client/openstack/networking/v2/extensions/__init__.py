"""Neutron's extensions: `list` and `get` (gophercloud's `networking/v2/extensions`,
which delegates to `common/extensions`), and the packages of the extensions themselves:
`layer3` (`routers`, `floatingips`), `security` (`groups`, `rules`), `quotas` and
`attributestags`.

Example to check that the cloud has routers before using them:

    >>> from stackdouble.client.openstack.networking.v2 import extensions
    >>> page = extensions.ExtensionPage({"extensions": [{"alias": "router",
    ...     "name": "Neutron L3 Router", "updated": "2012-07-20T10:00:00-00:00",
    ...     "description": "Router abstraction", "links": []}]}, {}, 200)
    >>> [ext.alias for ext in extensions.extract_extensions(page)]
    ['router']
    >>> aliases = {e.alias for e in extensions.list(network_client)}  # doctest: +SKIP
"""

from stackdouble.client.openstack.networking.v2.extensions.requests import get, list
from stackdouble.client.openstack.networking.v2.extensions.results import (
    Extension,
    ExtensionPage,
    GetResult,
    extract_extensions,
)

__all__ = ["Extension", "ExtensionPage", "GetResult", "extract_extensions", "get", "list"]
