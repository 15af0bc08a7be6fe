"""Keystone's catalog endpoints (the fake of `client/openstack/identity/v3/endpoints/`).

An endpoint's URL may hold `$(project_id)s`, filled in per token by `views`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from stackdouble.fakes.identity.models._common import (
    _ModelBase,
    _set_given,
)
from stackdouble.fakes.locking import locked

if TYPE_CHECKING:
    from stackdouble.fakes.identity.models.services import CatalogService

__all__ = ["INTERFACES", "Endpoint", "EndpointsMixin"]

INTERFACES = ("public", "internal", "admin")


@dataclass(slots=True, kw_only=True)
class Endpoint:
    """One URL of a service, for one interface in one region; may hold `$(project_id)s`."""

    id: str
    service_id: str
    interface: str
    url: str
    region_id: str
    enabled: bool = True


class EndpointsMixin(_ModelBase):
    """`IdentityModel`'s endpoints."""

    @locked
    def add_endpoint(self, service: str | CatalogService, interface: str, url: str,
                     region: str = "RegionOne", *, enabled: bool = True) -> Endpoint:
        """Add an endpoint; `url` may hold `$(project_id)s`, filled in per token.

        Raises:
            ValueError: `interface` is not public, internal or admin.
        """
        if interface not in INTERFACES:
            raise ValueError(f"interface must be one of {INTERFACES}, not {interface!r}")
        if region not in self.regions:
            self.create_region(region)
        endpoint = Endpoint(id=self._ids.hex32(), service_id=self.find_service(service).id,
                            interface=interface, url=url, region_id=region, enabled=enabled)
        self.endpoints[endpoint.id] = endpoint
        return endpoint

    @locked
    def rebase(self, old_base: str, new_base: str) -> None:
        """Point endpoints under `old_base` at `new_base` (the cloud moved, e.g. served)."""
        for endpoint in self.endpoints.values():
            if endpoint.url == old_base or endpoint.url.startswith(old_base + "/"):
                endpoint.url = new_base + endpoint.url[len(old_base):]

    def get_endpoint(self, endpoint_id: str) -> Endpoint:
        """An endpoint by id. Raises: NotFound "Could not find endpoint: <id>."."""
        return cast(Endpoint, self._get(self.endpoints, "endpoint", endpoint_id))

    @locked
    def update_endpoint(self, endpoint_id: str, *, interface: str | None = None,
                        url: str | None = None, region_id: str | None = None,
                        service_id: str | None = None,
                        enabled: bool | None = None) -> Endpoint:
        """Change an endpoint (new tokens show the change)."""
        endpoint = self.get_endpoint(endpoint_id)
        _set_given(endpoint, interface=interface, url=url, region_id=region_id,
                   service_id=service_id, enabled=enabled)
        return endpoint

    @locked
    def delete_endpoint(self, endpoint_id: str) -> None:
        """Delete an endpoint."""
        self.get_endpoint(endpoint_id)
        del self.endpoints[endpoint_id]

