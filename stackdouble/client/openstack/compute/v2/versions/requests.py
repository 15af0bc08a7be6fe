"""Nova version discovery and microversion negotiation."""

from __future__ import annotations

from collections.abc import Sequence

from stackdouble.client._errors import UnexpectedBody
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.compute.v2.versions import urls
from stackdouble.client.openstack.compute.v2.versions.results import (
    APIVersion,
    GetVersionResult,
    GetVersionsResult,
    MicroversionUnsupported,
    format_microversion,
    parse_microversion,
)

__all__ = ["LATEST", "get_version", "get_versions", "negotiate", "select_microversion"]

#: Ask `negotiate` for the highest microversion the endpoint offers.
LATEST = "latest"


def get_versions(client: ServiceClient) -> GetVersionsResult:
    """Nova's root document (`GET /` of the endpoint without `/v2.1`): every major version.

    Nova answers 200 (some deployments 300 Multiple Choices); both are accepted.
    """
    return GetVersionsResult.request(
        client, "GET", urls.versions_url(client), ok_codes=(200, 300)
    )


def get_version(client: ServiceClient) -> GetVersionResult:
    """The endpoint's own version document (`GET /v2.1/`)."""
    return GetVersionResult.request(client, "GET", urls.version_url(client))


def negotiate(client: ServiceClient, wanted: str) -> ServiceClient:
    """A copy of `client` sending the highest microversion both sides accept.

    Reads Nova's root document (one request) and picks `min(wanted, max)` of the version
    that serves the client's endpoint, so code written for a newer Nova still runs against an
    older one, with the older behaviour.

    Args:
        client: A Compute v2 client.
        wanted: A microversion such as `"2.79"`, or `"latest"`.

    Returns:
        A ServiceClient whose `microversion` is the one chosen.

    Raises:
        MicroversionUnsupported: `wanted` is below the endpoint's minimum, or the endpoint
            (v2.0) takes no microversions.
        InvalidInput: `wanted` is not a microversion.
        UnexpectedBody: The root lists no version serving this endpoint.
        HTTPError: The root could not be read.

    Example:
        >>> pinned = negotiate(compute, "2.79")
        >>> pinned.microversion
        '2.79'
    """
    offered = get_versions(client).extract()
    return client.with_microversion(select_microversion(_serving(offered, client), wanted))


def select_microversion(version: APIVersion, wanted: str) -> str:
    """The microversion to send: `min(wanted, version.version)`, checked against the minimum.

    Raises:
        MicroversionUnsupported: `wanted` is below `version.min_version`, or the version has
            no microversions.
        InvalidInput: `wanted` is not a microversion.

    Example:
        >>> v21 = APIVersion(id="v2.1", status="CURRENT", version="2.96", min_version="2.1")
        >>> select_microversion(v21, "2.100"), select_microversion(v21, "2.53")
        ('2.96', '2.53')
        >>> select_microversion(v21, "latest")
        '2.96'
    """
    if not version.supports_microversions:
        raise MicroversionUnsupported(wanted, version.min_version, version.version)
    highest = parse_microversion(version.version)
    lowest = parse_microversion(version.min_version or "2.1")
    if wanted == LATEST:
        return format_microversion(highest)
    asked = parse_microversion(wanted)
    if asked < lowest:
        raise MicroversionUnsupported(wanted, version.min_version, version.version)
    return format_microversion(min(asked, highest))


def _serving(offered: Sequence[APIVersion], client: ServiceClient) -> APIVersion:
    endpoint = client.endpoint.rstrip("/") + "/"
    for version in offered:
        href = version.self_url()
        if href and endpoint.startswith(href.rstrip("/") + "/"):
            return version
    for version in offered:
        if version.id == "v2.1":
            return version
    for version in offered:
        if version.status.upper() == "CURRENT":
            return version
    ids = ", ".join(f"{v.id} ({v.status})" for v in offered) or "none"
    raise UnexpectedBody(f"a version serving {client.endpoint}", f"versions {ids}")
