"""Rackspace: API-key authentication on identity v2.0 and Rackspace's service names."""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType
from typing import Any

import requests

from stackdouble.client._options import AuthOptions, EndpointOpts
from stackdouble.client._provider import ProviderClient
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack import _client as openstack

__all__ = [
    "CATALOG_NAMES",
    "RACKSPACE_UK_IDENTITY",
    "RACKSPACE_US_IDENTITY",
    "authenticate",
    "authenticated_client",
    "new_block_storage_v1",
    "new_compute_v2",
    "new_object_cdn_v1",
    "new_object_storage_v1",
]

#: Rackspace's identity endpoints (v2.0 only).
RACKSPACE_US_IDENTITY = "https://identity.api.rackspacecloud.com/v2.0/"
RACKSPACE_UK_IDENTITY = "https://lon.identity.api.rackspacecloud.com/v2.0/"

#: Service type → the name Rackspace's catalog gives the service this provider uses.
CATALOG_NAMES = MappingProxyType(
    {
        "compute": "cloudServersOpenStack",
        "object-store": "cloudFiles",
        "rax:object-cdn": "cloudFilesCDN",
        "volume": "cloudBlockStorage",
    }
)


def authenticated_client(
    opts: AuthOptions,
    *,
    session: requests.Session | None = None,
    **provider_options: Any,
) -> ProviderClient:
    """Authenticate with Rackspace identity (v2.0; an API key or a password).

    Args:
        opts: Credentials; `identity_endpoint` defaults to `RACKSPACE_US_IDENTITY`. A URL
            without a version gets `/v2.0` appended: Rackspace offers nothing else.
        session: A `requests.Session` to send through.
        **provider_options: Passed to `ProviderClient`.

    Raises:
        Unauthorized: The credentials were refused.
        InvalidInput: Neither an API key nor a password with a user name.
    """
    endpoint = opts.identity_endpoint or RACKSPACE_US_IDENTITY
    if not endpoint.rstrip("/").endswith("/v2.0"):
        endpoint = endpoint.rstrip("/") + "/v2.0/"
    provider = openstack.new_client(endpoint, session=session, **provider_options)
    authenticate(provider, replace(opts, identity_endpoint=endpoint))
    return provider


def authenticate(provider: ProviderClient, opts: AuthOptions) -> None:
    """Authenticate an existing provider against Rackspace identity v2.0."""
    openstack.authenticate_v2(provider, opts)


def _named(opts: EndpointOpts | None, service_type: str) -> EndpointOpts:
    eo = opts or EndpointOpts()
    if eo.name is None:
        eo = replace(eo, name=CATALOG_NAMES[service_type])
    return eo


def new_compute_v2(provider: ProviderClient, opts: EndpointOpts | None = None) -> ServiceClient:
    """Next-generation Cloud Servers (`compute` named `cloudServersOpenStack`)."""
    return openstack.new_service_client(provider, _named(opts, "compute"), "compute")


def new_object_storage_v1(
    provider: ProviderClient, opts: EndpointOpts | None = None
) -> ServiceClient:
    """Cloud Files (`object-store` named `cloudFiles`)."""
    return openstack.new_service_client(provider, _named(opts, "object-store"), "object-store")


def new_object_cdn_v1(provider: ProviderClient, opts: EndpointOpts | None = None) -> ServiceClient:
    """Cloud Files CDN (`rax:object-cdn` named `cloudFilesCDN`)."""
    return openstack.new_service_client(provider, _named(opts, "rax:object-cdn"), "rax:object-cdn")


def new_block_storage_v1(
    provider: ProviderClient, opts: EndpointOpts | None = None
) -> ServiceClient:
    """Cloud Block Storage (`volume` named `cloudBlockStorage`)."""
    return openstack.new_service_client(provider, _named(opts, "volume"), "volume")
