"""The ServiceClient: one service's endpoint on a provider."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import requests

from stackdouble.client._provider import ProviderClient

__all__ = ["ServiceClient"]

# Services whose microversion also goes in a legacy header of their own.
_LEGACY_MICROVERSION_HEADERS: Mapping[str, tuple[str, str]] = {
    "compute": ("X-OpenStack-Nova-API-Version", "compute"),
    "block-storage": ("X-OpenStack-Volume-API-Version", "volume"),
    "volume": ("X-OpenStack-Volume-API-Version", "volume"),
    "volumev3": ("X-OpenStack-Volume-API-Version", "volume"),
    "shared-file-system": ("X-OpenStack-Manila-API-Version", "shared-file-system"),
    "baremetal": ("X-OpenStack-Ironic-API-Version", "baremetal"),
}


class ServiceClient:
    """A client for one service of a cloud: its endpoint, plus the provider that sends.

    Build one with the provider's constructors (`openstack.new_compute_v2(provider, opts)`)
    and pass it to resource functions (`servers.get(compute, server_id)`).

    Args:
        provider: The authenticated provider.
        endpoint: The service's base URL; a trailing `/` is added when missing.
        type: The service type (`compute`, `object-store`...); picks microversion headers.
        resource_base: A URL under the endpoint that resource URLs are built on, when it
            differs from the endpoint (e.g. the identity v3 root).
        microversion: Sent with every request in `OpenStack-API-Version` (and, for Nova and
            Cinder, in their legacy header too). None sends none (the service's minimum).
        more_headers: Headers added to every request of this client.

    Example:
        >>> client = ServiceClient(ProviderClient(), "https://nova.example/v2.1", type="compute")
        >>> client.service_url("servers", "detail")
        'https://nova.example/v2.1/servers/detail'
        >>> client.with_microversion("2.79").microversion_headers()
        {'OpenStack-API-Version': 'compute 2.79', 'X-OpenStack-Nova-API-Version': '2.79'}
    """

    __slots__ = ("endpoint", "microversion", "more_headers", "provider", "resource_base", "type")

    def __init__(
        self,
        provider: ProviderClient,
        endpoint: str,
        *,
        type: str = "",
        resource_base: str | None = None,
        microversion: str | None = None,
        more_headers: Mapping[str, str] | None = None,
    ) -> None:
        self.provider = provider
        self.endpoint = endpoint if endpoint.endswith("/") else endpoint + "/"
        self.type = type
        if resource_base is not None and not resource_base.endswith("/"):
            resource_base += "/"
        self.resource_base = resource_base
        self.microversion = microversion
        self.more_headers = dict(more_headers or {})

    def resource_base_url(self) -> str:
        """The URL resources are built on: `resource_base`, else `endpoint`."""
        return self.resource_base or self.endpoint

    def service_url(self, *parts: str) -> str:
        """Join path parts onto the resource base URL (parts are not escaped here)."""
        return self.resource_base_url() + "/".join(parts)

    def with_microversion(self, microversion: str | None) -> ServiceClient:
        """A copy of this client that sends `microversion`."""
        return ServiceClient(
            self.provider,
            self.endpoint,
            type=self.type,
            resource_base=self.resource_base,
            microversion=microversion,
            more_headers=self.more_headers,
        )

    def microversion_headers(self) -> dict[str, str]:
        """The headers that carry this client's microversion (empty when it has none)."""
        if not self.microversion:
            return {}
        legacy = _LEGACY_MICROVERSION_HEADERS.get(self.type)
        name = legacy[1] if legacy else self.type
        headers = {"OpenStack-API-Version": f"{name} {self.microversion}"}
        if legacy:
            headers[legacy[0]] = self.microversion
        return headers

    def request(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str | None] | None = None,
        **kwargs: Any,
    ) -> requests.Response:
        """Send a request through the provider, adding this client's headers.

        Takes the same arguments as `ProviderClient.request`.
        """
        if self.microversion or self.more_headers:
            merged: dict[str, str | None] = {**self.more_headers, **self.microversion_headers()}
            if headers:
                merged.update(headers)
            headers = merged
        return self.provider.request(method, url, headers=headers, **kwargs)

    def get(self, url: str, **kw: Any) -> requests.Response:
        """GET `url`; see `request`."""
        return self.request("GET", url, **kw)

    def post(self, url: str, **kw: Any) -> requests.Response:
        """POST to `url`; see `request`."""
        return self.request("POST", url, **kw)

    def put(self, url: str, **kw: Any) -> requests.Response:
        """PUT to `url`; see `request`."""
        return self.request("PUT", url, **kw)

    def patch(self, url: str, **kw: Any) -> requests.Response:
        """PATCH `url`; see `request`."""
        return self.request("PATCH", url, **kw)

    def delete(self, url: str, **kw: Any) -> requests.Response:
        """DELETE `url`; see `request`."""
        return self.request("DELETE", url, **kw)

    def head(self, url: str, **kw: Any) -> requests.Response:
        """HEAD `url`; see `request`."""
        return self.request("HEAD", url, **kw)

    def __repr__(self) -> str:
        return f"<ServiceClient {self.type or 'service'} {self.endpoint}>"
