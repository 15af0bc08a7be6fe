"""Cinder version discovery and microversion negotiation."""

from __future__ import annotations

from collections.abc import Sequence

from stackdouble.client._errors import UnexpectedBody
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.blockstorage.v3.versions import urls
from stackdouble.client.openstack.blockstorage.v3.versions.results import (
    APIVersion,
    GetVersionsResult,
)
from stackdouble.client.openstack.compute.v2.versions.requests import LATEST, select_microversion

__all__ = ["LATEST", "get_versions", "negotiate", "select_microversion"]


def get_versions(client: ServiceClient) -> GetVersionsResult:
    """Cinder's root document (`GET /` of the endpoint without `/v3/{project_id}`).

    Cinder answers 300 Multiple Choices (200 at `/v3/`); both are accepted.

    Example:
        >>> from stackdouble.client.openstack.blockstorage.v3 import versions
        >>> [(v.id, v.min_version, v.version)
        ...  for v in versions.get_versions(block_storage).extract()]
        [('v3.0', '3.0', '3.71')]
    """
    return GetVersionsResult.request(client, "GET", urls.versions_url(client),
                                     ok_codes=(200, 300))


def negotiate(client: ServiceClient, wanted: str) -> ServiceClient:
    """A copy of `client` sending the highest microversion both sides accept.

    Reads Cinder's root document (one request) and picks `min(wanted, max)` of the v3
    version, so code written for a newer Cinder still runs against an older one.

    Args:
        client: A Block Storage v3 client.
        wanted: A microversion such as `"3.60"`, or `"latest"`.

    Returns:
        A ServiceClient whose `microversion` is the one chosen; it sends
        `OpenStack-API-Version: volume 3.60` (and the legacy
        `X-OpenStack-Volume-API-Version`).

    Raises:
        MicroversionUnsupported: `wanted` is below the endpoint's minimum.
        InvalidInput: `wanted` is not a microversion.
        UnexpectedBody: The root lists no v3 version.
        HTTPError: The root could not be read.

    Example:
        >>> from stackdouble.client.openstack.blockstorage.v3 import versions
        >>> versions.negotiate(block_storage, "3.99").microversion
        '3.71'
    """
    offered = get_versions(client).extract()
    return client.with_microversion(select_microversion(_serving(offered), wanted))


def _serving(offered: Sequence[APIVersion]) -> APIVersion:
    for version in offered:
        if version.id.startswith("v3") and version.supports_microversions:
            return version
    for version in offered:
        if version.status.upper() == "CURRENT":
            return version
    ids = ", ".join(f"{v.id} ({v.status})" for v in offered) or "none"
    raise UnexpectedBody("a v3 Block Storage version", f"versions {ids}")
