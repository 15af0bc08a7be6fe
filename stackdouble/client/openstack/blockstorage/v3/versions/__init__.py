"""Cinder version discovery and microversion negotiation.

A client-level microversion goes in `OpenStack-API-Version: volume 3.60` (Cinder's only
header; the legacy `X-OpenStack-Volume-API-Version` is sent too, for older proxies).
`negotiate` reads what the cloud offers and picks the highest microversion both accept:

    >>> from stackdouble.client.openstack.blockstorage.v3 import versions
    >>> block_storage_360 = versions.negotiate(block_storage, "3.60")
    >>> block_storage_360.microversion_headers()["OpenStack-API-Version"]
    'volume 3.60'
    >>> volumes.get(block_storage_360, volume_id).extract().volume_type_id is None
    True
    >>> volumes.get(block_storage_360.with_microversion("3.63"),
    ...             volume_id).extract().volume_type_id is not None
    True
"""

from stackdouble.client.openstack.blockstorage.v3.versions.requests import (
    LATEST,
    get_versions,
    negotiate,
    select_microversion,
)
from stackdouble.client.openstack.blockstorage.v3.versions.results import (
    APIVersion,
    GetVersionsResult,
    MicroversionUnsupported,
    format_microversion,
    parse_microversion,
)

__all__ = [
    "LATEST",
    "APIVersion",
    "GetVersionsResult",
    "MicroversionUnsupported",
    "format_microversion",
    "get_versions",
    "negotiate",
    "parse_microversion",
    "select_microversion",
]
