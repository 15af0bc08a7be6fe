"""Cinder version documents: the same shape as Nova's (`id`, `status`, `version`,
`min_version`, `links`), so the compute client's types read them."""

from stackdouble.client.openstack.compute.v2.versions.results import (
    APIVersion,
    GetVersionsResult,
    MicroversionUnsupported,
    format_microversion,
    parse_microversion,
)

__all__ = [
    "APIVersion",
    "GetVersionsResult",
    "MicroversionUnsupported",
    "format_microversion",
    "parse_microversion",
]
