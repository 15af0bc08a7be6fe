"""Nova version discovery and microversion negotiation.

A client-level microversion goes in both of Nova's headers (`OpenStack-API-Version:
compute 2.79` and `X-OpenStack-Nova-API-Version: 2.79`); `ServiceClient.with_microversion`
sets it. `negotiate` first reads what the endpoint offers and picks the highest microversion
both sides accept:

    >>> compute_279 = versions.negotiate(compute, "2.79")
    >>> compute_279.microversion_headers()
    {'OpenStack-API-Version': 'compute 2.79', 'X-OpenStack-Nova-API-Version': '2.79'}

Example to read the versions Nova offers:

    >>> [(v.id, v.min_version, v.version)
    ...  for v in versions.get_versions(compute).extract()]
    [('v2.0', '', ''), ('v2.1', '2.1', '2.96')]
"""

from stackdouble.client.openstack.compute.v2.versions.requests import (
    LATEST,
    get_version,
    get_versions,
    negotiate,
    select_microversion,
)
from stackdouble.client.openstack.compute.v2.versions.results import (
    APIVersion,
    GetVersionResult,
    GetVersionsResult,
    MicroversionUnsupported,
    format_microversion,
    parse_microversion,
)

__all__ = [
    "LATEST",
    "APIVersion",
    "GetVersionResult",
    "GetVersionsResult",
    "MicroversionUnsupported",
    "format_microversion",
    "get_version",
    "get_versions",
    "negotiate",
    "parse_microversion",
    "select_microversion",
]
