"""The client: providers, service clients, resources, Results and Pagers.

A provider is an authenticated session with one cloud; service clients locate one service of
it in the catalog; resource packages (`openstack.compute.v2.servers`...) build requests and
return Results whose `extract()` raises the call's error or returns the resource:

    >>> from stackdouble.client import AuthOptions, EndpointOpts, openstack
    >>> opts = AuthOptions(identity_endpoint=cloud.auth_url, username="demo",
    ...                    password="demo-secret", project_name="demo", domain_name="Default")
    >>> provider = openstack.authenticated_client(opts)
    >>> compute = openstack.new_compute_v2(provider, EndpointOpts(region="RegionOne"))

Errors are classes caught by status (`except NotFound:`), all under `StackdoubleError`.
"""

from typing import TYPE_CHECKING, Any

from stackdouble.client._errors import (
    AmbiguousEndpoint,
    BadGateway,
    BadRequest,
    Conflict,
    ConnectTimeout,
    EndpointError,
    EndpointNotFound,
    Forbidden,
    GatewayTimeout,
    HTTPError,
    InternalServerError,
    InvalidInput,
    MethodNotAllowed,
    MicroversionUnsupported,
    NotAcceptable,
    NotFound,
    OverLimit,
    PreconditionFailed,
    RangeNotSatisfiable,
    ReadTimeout,
    ReauthenticationFailed,
    RequestTimeout,
    ServiceNotFound,
    ServiceUnavailable,
    StackdoubleError,
    StatusError,
    TooManyRequests,
    TransportError,
    Unauthorized,
    UnexpectedBody,
    UnexpectedStatus,
    WaitTimeout,
)
from stackdouble.client._options import (
    SERVICE_TYPE_ALIASES,
    AuthOptions,
    Availability,
    EndpointOpts,
)
from stackdouble.client._provider import ProviderClient
from stackdouble.client._results import ErrResult, HeaderResult, Link, Result, parse_time
from stackdouble.client._service import ServiceClient

if TYPE_CHECKING:
    from stackdouble.client._catalog import CatalogEndpoint, CatalogEntry, ServiceCatalog

# The catalog types load on first use: authentication imports them anyway, and a plain
# `import stackdouble.client` stays close to `import requests` (bench/import_client.py).
_LAZY = {"CatalogEndpoint", "CatalogEntry", "ServiceCatalog"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from stackdouble.client import _catalog

        return getattr(_catalog, name)
    raise AttributeError(f"module 'stackdouble.client' has no attribute {name!r}")

__all__ = [
    "SERVICE_TYPE_ALIASES",
    "AmbiguousEndpoint",
    "AuthOptions",
    "Availability",
    "BadGateway",
    "BadRequest",
    "CatalogEndpoint",
    "CatalogEntry",
    "Conflict",
    "ConnectTimeout",
    "EndpointError",
    "EndpointNotFound",
    "EndpointOpts",
    "ErrResult",
    "Forbidden",
    "GatewayTimeout",
    "HTTPError",
    "HeaderResult",
    "InternalServerError",
    "InvalidInput",
    "Link",
    "MethodNotAllowed",
    "MicroversionUnsupported",
    "NotAcceptable",
    "NotFound",
    "OverLimit",
    "PreconditionFailed",
    "ProviderClient",
    "RangeNotSatisfiable",
    "ReadTimeout",
    "ReauthenticationFailed",
    "RequestTimeout",
    "Result",
    "ServiceCatalog",
    "ServiceClient",
    "ServiceNotFound",
    "ServiceUnavailable",
    "StackdoubleError",
    "StatusError",
    "TooManyRequests",
    "TransportError",
    "Unauthorized",
    "UnexpectedBody",
    "UnexpectedStatus",
    "WaitTimeout",
    "parse_time",
]
